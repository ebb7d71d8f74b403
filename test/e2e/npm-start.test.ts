/**
 * `npm start` as a user runs it: one command brings up the embedded PostgreSQL server, the Temporal
 * dev server, the worker and the API; a second `npm start` on the same data directory is refused
 * with a clear message; Ctrl-C leaves no process behind; the next start finds the data and the
 * running workflow again and completes it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/net/free-port';
import { startBootstrapProcess, startChildSystem, stopChild } from '../support/child-system';
import { body } from '../support/running-system';

const dataDir = mkdtempSync(path.join(tmpdir(), 'rulebook-npm-start-'));
const children: ChildProcess[] = [];

/** Runs `npm start`'s entry point on the test's data dir and waits for its "running" banner. */
const npmStart = (env: Record<string, string>) => startChildSystem({ ...env, RULEBOOK_DATA_DIR: dataDir }, children);
/** Sends Ctrl-C (SIGINT) and waits for a clean exit. */
const pressCtrlC = (child: ChildProcess) => stopChild(child, 'SIGINT');

/** Processes whose command line mentions the test's data dir (the dev server does). */
function processesUsing(dir: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        return '';
      }
    })
    .filter((cmdline) => cmdline.includes(dir));
}

describe('npm start', () => {
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts everything, stops cleanly on Ctrl-C, and resumes running workflows on the next start', async () => {
    const env = {
      PORT: String(await freePort()),
      TEMPORAL_DEV_SERVER_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      RULEBOOK_ERASURE_GRACE_PERIOD: '6 seconds',
    };
    const first = await npmStart(env);
    const auth = { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' };
    expect((await fetch(`${first.apiUrl}/readyz`)).status).toBe(200);
    await fetch(`${first.apiUrl}/v1/customers`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ id: 'C-restart', email: 'kabir@example.com' }),
    });
    const accepted = await fetch(`${first.apiUrl}/v1/customers/C-restart/erasure`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ reason: 'asked', requestedBy: 'ops' }),
    });
    expect(accepted.status).toBe(202);
    expect(first.output()).toMatch(new RegExp(`Database +embedded PostgreSQL in ${dataDir}/postgres`));
    expect(processesUsing(path.join(dataDir, 'postgres')).some((cmdline) => cmdline.includes('/native/bin/postgres'))).toBe(true);

    const second = startBootstrapProcess(
      'start',
      { LOG_LEVEL: 'warn', ...env, PORT: String(await freePort()), RULEBOOK_DATA_DIR: dataDir },
      'Stop with Ctrl-C',
      children,
    );
    await expect(second).rejects.toThrow(/start exited with 1/);
    await expect(second).rejects.toThrow(
      `cannot start: the data directory ${dataDir} is in use by another Rulebook (process ${first.child.pid})`,
    );

    expect(await pressCtrlC(first.child)).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);

    const restarted = await npmStart(env);
    try {
      expect(restarted.token).toBe(first.token);
      const erasure = async () => body(await fetch(`${restarted.apiUrl}/v1/customers/C-restart/erasure`, { headers: auth }));
      await expect.poll(erasure, { timeout: 30_000, interval: 200 }).toMatchObject({ state: 'erased' });
      const customer = await body(await fetch(`${restarted.apiUrl}/v1/customers/C-restart`, { headers: auth }));
      expect(customer).toMatchObject({ id: 'C-restart', email: null, erasureState: 'erased' });
    } finally {
      expect(await pressCtrlC(restarted.child)).toBe(0);
    }
    expect(processesUsing(dataDir)).toEqual([]);
  }, 240_000);
});
