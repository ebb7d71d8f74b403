/**
 * Rule changes always take effect (issue 13, part 1), on a running service that watches its rules
 * folder: a file saved by rename is taken each time without a reload call, and activating the
 * shipped returner profiles gives every existing customer with returns the right profile without
 * any new event — through the durable recalculation job, exactly as `rulebook diff` predicted.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { ruleFolderVersion } from '../../src/rules/rule-folder-version';
import { captureConsole } from '../support/console-output';
import { aCustomer, aReturn, testData } from '../support/factories';
import { body, testToken, useTestSystem } from '../support/running-system';

const watchedGroup = (threshold: number) => `groups:
  - id: watched-spenders
    name: Watched spenders
    description: Spent more than the threshold this test saves.
    kind: conditional
    when: { fact: total_spent, operator: greaterThan, value: ${threshold} }
`;

// Watching is on (the default); the rule tests are left out so that the groups may change freely. One
// task queue across restarts, so that a job's workflow goes on after one.
const rulebook = useTestSystem({
  rules: { tests: null, 'groups/watched.yaml': watchedGroup(0) },
  env: { TEMPORAL_TASK_QUEUE: `rule-changes-take-effect-${randomUUID()}` },
});
afterEach(() => vi.restoreAllMocks());

/** What `sed -i`, vim and `git checkout` do: write a new file beside it and rename it over the old one. */
function saveByRename(relative: string, content: string): void {
  const file = path.join(rulebook.rulesDir, relative);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

const rules = async () => body(await rulebook.api('/v1/rules'));
const cli = async (...args: string[]) => {
  const lines = captureConsole();
  const code = await main([...args, '--api', rulebook.system.apiUrl!, '--token', testToken]);
  vi.restoreAllMocks();
  return { code, output: lines.join('\n') };
};

/** Every customer's return-behaviour profile, as held in the database (customers without one left out). */
async function returnBehaviourHolders(): Promise<Record<string, string>> {
  const rows = await rulebook.system.db.query<{ customer_id: string; profile_id: string }>(
    `SELECT customer_id, profile_id FROM customer_profiles WHERE set_id = 'return-behaviour' ORDER BY customer_id`,
  );
  return Object.fromEntries(rows.map((row) => [row.customer_id, row.profile_id]));
}

describe('a rule file saved by rename', () => {
  it('is taken five times in a row without a reload call: the service runs the last version each time', async () => {
    for (let save = 1; save <= 5; save++) {
      const threshold = save * 1000;
      saveByRename('groups/watched.yaml', watchedGroup(threshold));
      const onDisk = ruleFolderVersion(rulebook.rulesDir);
      await expect.poll(async () => (await rules()).version, { timeout: 15_000, interval: 100 }).toBe(onDisk);
      expect((await rules()).onDisk).toEqual({ version: onDisk, differs: false, watched: true });
      // The service decides with the version saved last: just above the threshold is in the group, the threshold itself is not.
      const decide = async (total: number) =>
        (await body(await rulebook.post('/v1/rules/explain', { facts: { total_spent: total } }))).decision.groups as string[];
      expect(await decide(threshold + 1)).toContain('watched-spenders');
      expect(await decide(threshold)).not.toContain('watched-spenders');
    }
    const { code, output } = await cli('status');
    expect(code).toBe(0);
    const metrics = await (await fetch(`${rulebook.system.apiUrl}/metrics`)).text();
    expect(metrics).toMatch(/^rulebook_rules_on_disk_differs 0$/m);
    expect(output).toMatch(new RegExp(`^rules on disk {2}${ruleFolderVersion(rulebook.rulesDir)} — the same$`, 'm'));
  });

  it('shows the files on disk next to the version in use while they differ, and `rulebook status` exits 1 on a refused reload', async () => {
    saveByRename('groups/watched.yaml', 'groups: [');
    const onDisk = ruleFolderVersion(rulebook.rulesDir);
    await expect.poll(async () => (await rules()).lastReload.ok, { timeout: 15_000, interval: 100 }).toBe(false);
    const status = await rules();
    expect(status.onDisk).toEqual({ version: onDisk, differs: true, watched: true });
    expect(status.version).not.toBe(onDisk);
    const { code, output } = await cli('status');
    expect(code).toBe(1);
    expect(output).toMatch(/DIFFERENT: their reload was refused/);
    expect(await (await fetch(`${rulebook.system.apiUrl}/metrics`)).text()).toMatch(/^rulebook_rules_on_disk_differs 1$/m);
    expect(output).toMatch(/groups\/watched\.yaml:\d+:\d+/);
    saveByRename('groups/watched.yaml', watchedGroup(0));
    await expect.poll(async () => (await rules()).onDisk.differs, { timeout: 15_000, interval: 100 }).toBe(false);
  });
});

describe('activating the shipped returner profiles', () => {
  // Returns in the window: none, 1, 4, 5, 9, 10 and 20; and 3 returns that have left the 12-month window.
  const returnCounts: Record<string, number> = { 'RCE-0': 0, 'RCE-1': 1, 'RCE-4': 4, 'RCE-5': 5, 'RCE-9': 9, 'RCE-10': 10, 'RCE-20': 20 };
  const expected = {
    'RCE-1': 'first-time-returner',
    'RCE-4': 'first-time-returner',
    'RCE-5': 'normal-returner',
    'RCE-9': 'normal-returner',
    'RCE-10': 'regular-returner',
    'RCE-20': 'serial-returner',
  };
  const candidate = mkdtempSync(path.join(tmpdir(), 'rulebook-candidate-'));
  afterAll(() => rmSync(candidate, { recursive: true, force: true }));

  it('recalculates every existing customer without any new event, exactly as `rulebook diff` predicted, each change with its decision record', async () => {
    for (const [customerId, count] of Object.entries(returnCounts)) {
      expect((await rulebook.post('/v1/customers', aCustomer({ id: customerId }))).status).toBe(201);
      for (let n = 0; n < count; n++)
        expect((await rulebook.post('/v1/returns', aReturn({ id: `${customerId}-R${n}`, customerId }))).status).toBe(201);
    }
    expect((await rulebook.post('/v1/customers', aCustomer({ id: 'RCE-OLD' }))).status).toBe(201);
    for (let n = 0; n < 3; n++) {
      const returnedAt = new Date(Date.now() - 400 * 86_400_000).toISOString();
      expect((await rulebook.post('/v1/returns', aReturn({ id: `RCE-OLD-R${n}`, customerId: 'RCE-OLD', returnedAt }))).status).toBe(201);
    }
    // Inactive profiles: nobody holds one.
    expect(await returnBehaviourHolders()).toEqual({});

    // The analyst switches the profiles on in a working copy and asks who would change.
    cpSync(rulebook.rulesDir, candidate, { recursive: true });
    const activated = readFileSync(path.join(candidate, 'profiles/return-behaviour.yaml'), 'utf8').replaceAll(
      'active: false',
      'active: true',
    );
    writeFileSync(path.join(candidate, 'profiles/return-behaviour.yaml'), activated);
    const diff = await cli('diff', '--dir', candidate, '--customers', '--json');
    expect(diff.code).toBe(0);
    const impact = JSON.parse(diff.output) as {
      profiles: Array<{ setId: string; from: string | null; to: string | null; customers: number; customerIds: string[] }>;
    };
    const predicted: Record<string, string> = {};
    for (const change of impact.profiles) {
      expect(change).toMatchObject({ setId: 'return-behaviour', from: null, customers: change.customerIds.length });
      for (const customerId of change.customerIds) predicted[customerId] = change.to!;
    }
    expect(predicted).toEqual(expected);

    // The change goes live: saved by rename in the service's folder, no reload call, no new event.
    saveByRename('profiles/return-behaviour.yaml', activated);
    await expect.poll(async () => (await rules()).version, { timeout: 15_000, interval: 100 }).toBe(ruleFolderVersion(candidate));
    const { lastReload } = await rules();
    expect(lastReload.applied.recalculation).toMatchObject({
      id: expect.any(String),
      customers: 8,
      changed: [{ setId: 'return-behaviour', change: 'rules-changed' }],
    });
    const jobId = lastReload.applied.recalculation.id as string;
    await expect
      .poll(async () => body(await rulebook.api(`/v1/rules/recalculations/${jobId}`)), { timeout: 30_000, interval: 100 })
      .toMatchObject({
        total: 8,
        done: 8,
        finishedAt: expect.any(String),
        changed: [{ setId: 'return-behaviour', change: 'rules-changed' }],
      });

    expect(await (await fetch(`${rulebook.system.apiUrl}/metrics`)).text()).toMatch(/^rulebook_profile_recalculation_remaining 0$/m);
    // Customer for customer, the job did what the diff predicted.
    expect(await returnBehaviourHolders()).toEqual(predicted);

    // Each change is on the customer's timeline with its decision record, made with the new rules.
    for (const [customerId, profileId] of Object.entries(expected)) {
      const timeline = await body(await rulebook.api(`/v1/customers/${customerId}/timeline?limit=100`));
      const changes = timeline.entries.filter(
        (entry: { kind: string; detail: { setId?: string } }) =>
          entry.kind === 'profile-changed' && entry.detail.setId === 'return-behaviour',
      );
      expect(changes).toHaveLength(1);
      expect(changes[0].detail).toMatchObject({ from: null, to: profileId, by: 'rules:rule-change', decisionId: expect.any(String) });
      const decision = await body(await rulebook.api(`/v1/decisions/${changes[0].detail.decisionId}`));
      expect(decision).toMatchObject({ customerId, trigger: 'rule-change' });
      expect(decision.record).toMatchObject({ ruleSetVersion: ruleFolderVersion(candidate) });
      expect(decision.record.profiles).toEqual([expect.objectContaining({ setId: 'return-behaviour', profileId })]);
    }

    const status = await cli('status');
    expect(status.output).toMatch(new RegExp(`${jobId} \\[█{20}\\] 100% 8/8 finished .* — return-behaviour: rules changed`));
    const followed = await cli('recalculations', jobId, '--follow');
    expect(followed.code).toBe(0);
    expect(followed.output).toMatch(/100% 8\/8 finished/);
  });

  it('recalculates at a start too, when the files changed while the service was down; a set may choose its customers’ next event instead', async () => {
    const file = path.join(rulebook.rulesDir, 'profiles/return-behaviour.yaml');
    const activated = readFileSync(file, 'utf8');
    // Down: the normal returners' threshold goes from 5 to 4 returns.
    await rulebook.system.stop();
    writeFileSync(file, activated.replace('minimumReturns: 5', 'minimumReturns: 4'));
    await rulebook.restart();
    const { lastReload } = await rules();
    expect(lastReload.applied.recalculation).toMatchObject({
      customers: 8,
      changed: [{ setId: 'return-behaviour', change: 'rules-changed' }],
    });
    await expect
      .poll(async () => body(await rulebook.api(`/v1/rules/recalculations/${lastReload.applied.recalculation.id}`)), {
        timeout: 30_000,
        interval: 100,
      })
      .toMatchObject({ done: 8, finishedAt: expect.any(String) });
    expect((await returnBehaviourHolders())['RCE-4']).toBe('normal-returner');

    // With `recalculateOnRuleChange: false` a threshold change waits for each customer's next return.
    saveByRename(
      'profiles/return-behaviour.yaml',
      activated
        .replace('  recalculateOnRuleChange: true\n', '  recalculateOnRuleChange: false\n')
        .replace('minimumReturns: 10', 'minimumReturns: 9'),
    );
    await expect.poll(async () => (await rules()).onDisk.differs, { timeout: 15_000, interval: 100 }).toBe(false);
    expect((await rules()).lastReload.applied?.recalculation).toBeUndefined();
    // (The same save also put the normal returners' threshold back to 5: RCE-4 keeps its profile too.)
    expect(await returnBehaviourHolders()).toMatchObject({ 'RCE-9': 'normal-returner', 'RCE-4': 'normal-returner' });
    // RCE-9's next event — a return from long ago, which leaves the count at 9 — decides with the new threshold.
    const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
    expect((await rulebook.post('/v1/returns', aReturn({ id: 'RCE-9-OLD', customerId: 'RCE-9', returnedAt: longAgo }))).status).toBe(201);
    expect((await returnBehaviourHolders())['RCE-9']).toBe('regular-returner');
    expect((await returnBehaviourHolders())['RCE-4']).toBe('normal-returner');

    // Switched back on: the customers are recalculated with the rules as they are now.
    saveByRename('profiles/return-behaviour.yaml', activated.replace('minimumReturns: 10', 'minimumReturns: 9'));
    await expect.poll(async () => (await rules()).lastReload.applied?.recalculation?.customers, { timeout: 15_000, interval: 100 }).toBe(8);
    const jobId = (await rules()).lastReload.applied.recalculation.id as string;
    await expect
      .poll(async () => body(await rulebook.api(`/v1/rules/recalculations/${jobId}`)), { timeout: 30_000, interval: 100 })
      .toMatchObject({ done: 8, finishedAt: expect.any(String) });
    expect((await returnBehaviourHolders())['RCE-4']).toBe('first-time-returner');
  });

  it('finishes a job the service was stopped in the middle of, recalculating nobody twice', async () => {
    // Enough customers for several batches, written straight into the database (no event recalculated
    // them): each has returned twice and holds no profile, which any recalculation of the set corrects.
    const data = testData(rulebook.system.db);
    const customers = Array.from({ length: 450 }, (_, n) => `RCE-B${String(n).padStart(3, '0')}`);
    for (const customerId of customers) {
      await data.customer({ id: customerId });
      for (let n = 0; n < 2; n++) await data.return({ id: `${customerId}-R${n}`, customerId });
    }
    const file = path.join(rulebook.rulesDir, 'profiles/return-behaviour.yaml');
    saveByRename('profiles/return-behaviour.yaml', readFileSync(file, 'utf8').replace('minimumReturns: 20', 'minimumReturns: 21'));
    await expect
      .poll(async () => (await rules()).lastReload.applied?.recalculation?.customers, { timeout: 15_000, interval: 100 })
      .toBeGreaterThan(450);
    const jobId = (await rules()).lastReload.applied.recalculation.id as string;
    // Stopped in the middle: once the job has recalculated its first customers; started again on the same database.
    const progress = async () => (await body(await rulebook.api(`/v1/rules/recalculations/${jobId}`))) as { done: number; total: number };
    await expect.poll(async () => (await progress()).done, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
    await rulebook.restart();
    // The stop let the batch in progress finish (a worker drains); the rest is left for the restarted service.
    const resumedAt = await progress();
    expect(resumedAt.done).toBeGreaterThan(0);
    expect(resumedAt.done).toBeLessThan(resumedAt.total);
    await expect
      .poll(async () => body(await rulebook.api(`/v1/rules/recalculations/${jobId}`)), { timeout: 60_000, interval: 200 })
      .toMatchObject({ finishedAt: expect.any(String) });
    const job = await body(await rulebook.api(`/v1/rules/recalculations/${jobId}`));
    expect(job.done).toBe(job.total);
    const holders = await returnBehaviourHolders();
    for (const customerId of customers) expect(holders[customerId]).toBe('first-time-returner');
    const changes = await rulebook.system.db.query<{ customer_id: string; count: number }>(
      `SELECT customer_id, count(*)::int AS count FROM customer_timeline
        WHERE kind = 'profile-changed' AND detail->>'by' = 'rules:rule-change' AND customer_id LIKE 'RCE-B%' GROUP BY customer_id`,
    );
    expect(changes).toHaveLength(450);
    for (const change of changes) expect(change.count).toBe(1);
  });
});
