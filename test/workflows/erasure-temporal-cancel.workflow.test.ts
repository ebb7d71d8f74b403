/**
 * A workflow cancellation requested in Temporal (Web UI "Request Cancellation", `temporal workflow
 * cancel`) carries no reason, which a cancel needs: the erasure refuses it, records the refusal on its
 * own timeline and the customer's, and goes on — so the state the API reports and Temporal's agree.
 * The erasure keeps its search attributes current. On the time-skipping server with the real
 * activities; the process functions are those the HTTP API calls.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getErasure, requestErasure, type ErasureProcessDeps } from '../../src/use-cases/erasure-process';
import { loadRuleSet } from '../../src/rules/load-rules';
import { getCustomer } from '../../src/store/customer-store';
import { getTimeline } from '../../src/store/timeline-store';
import { statusQuery } from '../../workflows/erasure';
import { erasureStateAttribute } from '../../workflows/search-attributes';
import { shippedRules } from '../support/rule-dirs';
import { testData } from '../support/factories';
import { useTimeSkippingWorld } from '../support/time-skipping';

describe('a workflow cancellation of an erasure (time-skipping)', () => {
  const world = useTimeSkippingWorld(() => loadRuleSet(shippedRules));
  let process: ErasureProcessDeps;
  beforeAll(() => {
    process = {
      client: world.env.client,
      db: world.test.db,
      taskQueue: world.taskQueue,
      gracePeriodMs: () => 45 * 86_400_000,
      now: () => new Date(now),
    };
  });
  let now = Date.now();
  const untilDone = { timeout: 10_000, interval: 50 };

  async function erasureOf(customerId: string) {
    await testData(world.test.db).customer({ id: customerId, email: `${customerId}@example.com`, name: 'Tc Person' });
    now = await world.env.currentTimeMs();
    await requestErasure(process, customerId, { reason: 'customer asked', requestedBy: 'ops.ts' });
    return world.startedWorkflow(`erasure-${customerId}`);
  }
  const stateAttribute = async (customerId: string) =>
    (await world.env.client.workflow.getHandle(`erasure-${customerId}`).describe()).typedSearchAttributes.get(erasureStateAttribute);

  it('is refused while blocked: the erasure stays blocked, then erases once nothing blocks', async () => {
    const handle = await erasureOf('C-tc-blocked');
    expect(await stateAttribute('C-tc-blocked')).toBe('waiting');
    await testData(world.test.db).invoice({ id: 'INV-tc', customerId: 'C-tc-blocked', amount: 700 });
    await world.env.sleep('46 days');
    await expect.poll(async () => (await handle.query(statusQuery)).state, untilDone).toBe('blocked');
    expect(await stateAttribute('C-tc-blocked')).toBe('blocked');

    await handle.cancel();
    await expect
      .poll(async () => (await handle.query(statusQuery)).timeline.map((entry) => entry.event), untilDone)
      .toContain('cancel-refused');
    const customerKinds = async () => (await getTimeline(world.test.db, 'C-tc-blocked')).entries.map((entry) => entry.kind);
    await expect.poll(customerKinds, untilDone).toContain('erasure-cancel-refused');
    const recorded = (await getTimeline(world.test.db, 'C-tc-blocked')).entries.find((entry) => entry.kind === 'erasure-cancel-refused');
    expect(recorded?.detail).toMatchObject({ via: 'temporal-cancellation', because: expect.stringMatching(/carries no reason/) });
    now = await world.env.currentTimeMs();
    expect(await getErasure(process, 'C-tc-blocked')).toMatchObject({ state: 'blocked' });
    expect((await handle.describe()).status.name).toBe('RUNNING');

    await testData(world.test.db).payment({ invoiceId: 'INV-tc' });
    await world.env.sleep('1 day');
    expect(await handle.result()).toMatchObject({ state: 'erased' });
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    expect(await getErasure(process, 'C-tc-blocked')).toMatchObject({ state: 'erased' });
    expect(await stateAttribute('C-tc-blocked')).toBe('erased');
    expect((await getCustomer(world.test.db, 'C-tc-blocked')).email).toBeNull();
  });

  it('is refused while waiting, and the erasure happens when the grace period ends', async () => {
    const handle = await erasureOf('C-tc-waiting');
    await world.env.sleep('3 days');
    await handle.cancel();
    await expect
      .poll(async () => (await handle.query(statusQuery)).timeline.find((entry) => entry.event === 'cancel-refused')?.detail, untilDone)
      .toMatchObject({ by: 'temporal', because: expect.stringMatching(/POST \/v1\/customers\/C-tc-waiting\/erasure\/cancel/) });
    now = await world.env.currentTimeMs();
    expect(await getErasure(process, 'C-tc-waiting')).toMatchObject({ state: 'waiting' });
    expect(await handle.result()).toMatchObject({ state: 'erased' });
    expect(await getErasure(process, 'C-tc-waiting')).toMatchObject({ state: 'erased' });
  });
});
