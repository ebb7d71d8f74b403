/** How `rulebook status` and `rulebook recalculations` show the rules of the running service and the recalculation jobs. */
import { describe, expect, it } from 'vitest';
import type { ProfileRecalculation, RulesStatus } from '../../../src/api/generated/api-types';
import { progressBar, renderJob, renderStatus } from '../../../src/cli/status-command';

const job = (done: number, finishedAt: string | null = null): ProfileRecalculation => ({
  id: 'job-1',
  ruleSetVersion: 'sha256:bbbb',
  removed: [],
  changed: [{ setId: 'return-behaviour', change: 'rules-changed' }],
  total: 200,
  done,
  createdAt: '2026-11-30T10:00:00.000Z',
  finishedAt,
});

const status = (over: Partial<RulesStatus>): RulesStatus => ({
  version: 'sha256:aaaa',
  loadedAt: '2026-11-30T10:00:00.000Z',
  onDisk: { version: 'sha256:aaaa', differs: false, watched: true },
  lastReload: { at: '2026-11-30T10:00:00.000Z', ok: true, version: 'sha256:aaaa' },
  recalculations: [],
  ...over,
});

describe('rulebook status', () => {
  it('draws progress bars', () => {
    expect(progressBar(0, 200)).toBe(`[${'░'.repeat(20)}]   0%`);
    expect(progressBar(120, 200)).toBe(`[${'█'.repeat(12)}${'░'.repeat(8)}]  60%`);
    expect(progressBar(200, 200)).toBe(`[${'█'.repeat(20)}] 100%`);
    expect(progressBar(0, 0)).toBe(`[${'█'.repeat(20)}] 100%`);
    expect(renderJob(job(120))).toBe(`job-1 [${'█'.repeat(12)}${'░'.repeat(8)}]  60% 120/200 running — return-behaviour: rules changed`);
    expect(renderJob(job(200, '2026-11-30T10:01:00.000Z'))).toMatch(/200\/200 finished 2026-11-30T10:01:00.000Z/);
  });

  it('prints the version in use and on disk, the last reload and the jobs', () => {
    const text = renderStatus(
      status({
        lastReload: {
          at: '2026-11-30T10:00:00.000Z',
          ok: true,
          version: 'sha256:aaaa',
          applied: { moved: [], disconnected: [], recalculation: { id: 'job-1', customers: 200 } },
        },
        recalculations: [job(120)],
      }),
    );
    expect(text).toMatch(/^rules in use {3}sha256:aaaa/m);
    expect(text).toMatch(/^rules on disk {2}sha256:aaaa — the same$/m);
    expect(text).toMatch(/recalculation job-1 of 200 customers started/);
    expect(text).toMatch(/^ {2}job-1 \[█+░+\] {2}60% 120\/200 running/m);
  });

  it('says when the files on disk differ, and why', () => {
    expect(renderStatus(status({ onDisk: { version: 'sha256:cccc', differs: true, watched: true } }))).toMatch(
      /sha256:cccc — DIFFERENT: the service reloads them within seconds/,
    );
    expect(renderStatus(status({ onDisk: { version: 'sha256:cccc', differs: true, watched: false } }))).toMatch(
      /does not watch its rules folder; reload with POST \/v1\/rules\/reload/,
    );
    const refused = renderStatus(
      status({
        onDisk: { version: 'sha256:cccc', differs: true, watched: true },
        lastReload: {
          at: '2026-11-30T10:00:00.000Z',
          ok: false,
          version: 'sha256:aaaa',
          problems: [{ file: 'rules/groups/x.yaml', line: 1, column: 9, pointer: '', message: 'YAML syntax: broken', fix: 'Fix it' }],
        },
      }),
    );
    expect(refused).toMatch(/DIFFERENT: their reload was refused/);
    expect(refused).toMatch(/refused, 1 problems:\n {2}rules\/groups\/x\.yaml:1:9: YAML syntax: broken\. Fix it/);
  });
});
