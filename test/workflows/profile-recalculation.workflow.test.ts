/**
 * The recalculation job of a rule change that removes an automatic profile (`profile-recalculation-{id}`),
 * on the time-skipping server over a real database: the reload's transaction disconnects the holders
 * and queues the workflow, which recalculates them with the new rules and finishes the job.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules';
import type { RuleSet } from '../../src/rules/rule-set';
import { getCustomerProfiles, setProfile } from '../../src/store/profile-store';
import { getRecalculationJob } from '../../src/store/rule-profiles-store';
import { commitRuleChange, recalculationWorkflowId } from '../../src/use-cases/rule-change';
import { testData } from '../support/factories';
import { ruleDirWith, shippedRules } from '../support/rule-dirs';
import { useTimeSkippingWorld } from '../support/time-skipping';

const returnBehaviour = readFileSync(path.join(shippedRules, 'profiles/return-behaviour.yaml'), 'utf8').replaceAll(
  'active: false',
  'active: true',
);
const before = ruleDirWith({ 'profiles/return-behaviour.yaml': returnBehaviour, tests: null });
const after = ruleDirWith({
  'profiles/return-behaviour.yaml': returnBehaviour.replace(/ {4}- id: normal-returner\n( {6}.*\n)+?(?= {4}- id)/, ''),
  tests: null,
});
let next: RuleSet | undefined;
const rulesAfter = () => (next ??= loadRuleSet(after.dir));
afterAll(() => {
  before.remove();
  after.remove();
});

describe('profile recalculation after a rule change (time-skipping)', () => {
  // The worker's activities run the rules after the change, as a service that has reloaded.
  const world = useTimeSkippingWorld(rulesAfter);

  it('recalculates the disconnected holders of a removed automatic profile and finishes the job', async () => {
    const { db } = world.test;
    const previous = loadRuleSet(before.dir);
    await commitRuleChange(db, undefined, previous);
    for (const [customerId, profileId] of [
      ['C-prw-1', 'normal-returner'],
      ['C-prw-2', 'normal-returner'],
      ['C-prw-3', 'first-time-returner'],
    ] as const) {
      await testData(db).customer({ id: customerId, email: `${customerId.toLowerCase()}@example.com` });
      await db.transaction((tx) => setProfile(tx, { customerId, setId: 'return-behaviour', profileId, assignedBy: 'test' }));
    }

    const summary = await commitRuleChange(db, previous, rulesAfter());

    expect(summary.disconnected).toEqual([
      { setId: 'return-behaviour', profileId: 'normal-returner', customers: 2, reason: 'automatic-set' },
    ]);
    const jobId = summary.recalculation!.id;
    const handle = await world.startedWorkflow(recalculationWorkflowId(jobId));
    await handle.result();
    expect(await getRecalculationJob(db, jobId)).toMatchObject({ total: 2, done: 2, finishedAt: expect.any(String) });
    // No returns: the rules give them no profile of the set; the holder of a profile kept is left as is.
    for (const customerId of ['C-prw-1', 'C-prw-2'])
      expect((await getCustomerProfiles(db, customerId))['return-behaviour']).toBeUndefined();
    expect((await getCustomerProfiles(db, 'C-prw-3'))['return-behaviour']).toMatchObject({ profileId: 'first-time-returner' });
    const changes = await db.query<{ detail: { from: string | null; to: string | null; by: string } }>(
      `SELECT detail FROM customer_timeline WHERE customer_id = 'C-prw-1' AND kind = 'profile-changed' ORDER BY id`,
    );
    expect(changes.map((change) => change.detail)).toEqual([
      expect.objectContaining({ from: null, to: 'normal-returner', by: 'test' }),
      expect.objectContaining({ from: 'normal-returner', to: null, by: 'rules:profile-removed' }),
    ]);
  });
});
