/**
 * The erasure workflow on the time-skipping test server, with its real activities over a real
 * (embedded) PostgreSQL: the 45-day grace period passes in a fraction of a second.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCustomer, getCustomer } from '../../src/store/customer-store';
import { listErasureCertificates } from '../../src/store/erasure-store';
import { getTimeline } from '../../src/store/timeline-store';
import { cancelSignal, erasure, statusQuery, type ErasureInput } from '../../workflows/erasure';
import { loadRuleSet } from '../../src/rules/load-rules';
import { shippedRules } from '../support/rule-dirs';
import { testData } from '../support/factories';
import { useTimeSkippingWorld } from '../support/time-skipping';

const gracePeriod = 45 * 24 * 60 * 60 * 1000;

describe('erasure workflow (time-skipping)', () => {
  const world = useTimeSkippingWorld(() => loadRuleSet(shippedRules));

  async function startErasure(customerId: string) {
    await createCustomer(world.test.db, {
      id: customerId,
      email: `${customerId}@example.com`,
      phone: `+91${Date.now() % 1e10}`,
      name: 'Test Person',
    });
    const requestedAt = new Date(await world.env.currentTimeMs());
    const input: ErasureInput = {
      customerId,
      requestId: randomUUID(),
      requestedBy: 'ops.test',
      reason: 'customer asked',
      requestedAt: requestedAt.toISOString(),
      eraseAt: new Date(requestedAt.getTime() + gracePeriod).toISOString(),
    };
    const handle = await world.env.client.workflow.start(erasure, {
      workflowId: `erasure-${customerId}`,
      taskQueue: world.taskQueue,
      args: [input],
    });
    return { handle, input };
  }

  it('erases personal data when the 45-day grace period ends', async () => {
    const { handle, input } = await startErasure('C-ts-erase');
    const wallStart = performance.now();
    const outcome = await handle.result();
    const wallMs = performance.now() - wallStart;

    expect(outcome).toMatchObject({ state: 'erased', erasedFields: ['email', 'phone', 'name'] });
    const graceEnded = (await handle.query(statusQuery)).timeline.find((entry) => entry.event === 'grace-period-ended');
    expect(Date.parse(graceEnded!.at)).toBeGreaterThanOrEqual(Date.parse(input.eraseAt));
    expect(await getCustomer(world.test.db, 'C-ts-erase')).toMatchObject({ email: null, phone: null, name: null, erasureState: 'erased' });
    expect(await listErasureCertificates(world.test.db, 'C-ts-erase')).toHaveLength(1);
    console.info(`45-day grace period completed in ${wallMs.toFixed(0)} ms of wall time`);
  });

  it('is pending during the grace period and reports its status', async () => {
    const { handle, input } = await startErasure('C-ts-status');
    await world.env.sleep('10 days');
    const status = await handle.query(statusQuery);
    expect(status).toMatchObject({ state: 'waiting', eraseAt: input.eraseAt, requestId: input.requestId });
    expect((await getCustomer(world.test.db, 'C-ts-status')).erasureState).toBe('pending');
    await handle.signal(cancelSignal, { reason: 'test cleanup', cancelledBy: 'ops.test' });
    await handle.result();
  });

  it('restores the customer when an operator cancels with a reason', async () => {
    const { handle } = await startErasure('C-ts-cancel');
    await world.env.sleep('44 days');
    await handle.signal(cancelSignal, { reason: 'requested by mistake', cancelledBy: 'ops.priya' });
    expect(await handle.result()).toEqual({ state: 'cancelled', reason: 'requested by mistake', cancelledBy: 'ops.priya' });
    const customer = await getCustomer(world.test.db, 'C-ts-cancel');
    expect(customer).toMatchObject({ email: 'C-ts-cancel@example.com', erasureState: 'none' });
    const kinds = (await getTimeline(world.test.db, 'C-ts-cancel')).entries.map((entry) => entry.kind);
    expect(kinds).toEqual(['erasure-cancelled', 'erasure-requested', 'signed-up']); // newest first
  });

  it('refuses a cancel without a reason and goes on with the erasure', async () => {
    const { handle } = await startErasure('C-ts-noreason');
    await handle.signal(cancelSignal, { reason: ' ', cancelledBy: 'ops.priya' });
    const outcome = await handle.result();
    expect(outcome.state).toBe('erased');
    const status = await handle.query(statusQuery);
    expect(status.timeline.map((entry) => entry.event)).toContain('cancel-refused');
  });

  it('waits while an invoice is unpaid, shows why, and erases once it is paid', async () => {
    const { handle } = await startErasure('C-ts-blocked');
    await testData(world.test.db).invoice({ id: 'INV-b', customerId: 'C-ts-blocked', amount: 1200 });
    await world.env.sleep('46 days');
    const blocked = await handle.query(statusQuery);
    expect(blocked.state).toBe('blocked');
    expect(blocked.timeline.at(-1)).toMatchObject({
      event: 'blocked',
      detail: { reasons: 'unpaid invoices: INV-b', recheck: 'every 1 day' },
    });
    expect((await getTimeline(world.test.db, 'C-ts-blocked')).entries.map((entry) => entry.kind)).toContain('erasure-blocked');
    expect((await getCustomer(world.test.db, 'C-ts-blocked')).email).not.toBeNull();

    await testData(world.test.db).payment({ invoiceId: 'INV-b' });
    await world.env.sleep('1 day');
    expect(await handle.result()).toMatchObject({ state: 'erased' });
    expect((await getCustomer(world.test.db, 'C-ts-blocked')).email).toBeNull();
  });

  it('can still be cancelled while blocked', async () => {
    const { handle } = await startErasure('C-ts-blocked-cancel');
    await testData(world.test.db).order({ id: 'O-b', customerId: 'C-ts-blocked-cancel', value: 10, channel: 'pos' });
    await world.env.sleep('50 days');
    expect((await handle.query(statusQuery)).state).toBe('blocked');
    await handle.signal(cancelSignal, { reason: 'customer came back', cancelledBy: 'ops' });
    expect(await handle.result()).toMatchObject({ state: 'cancelled' });
  });
});
