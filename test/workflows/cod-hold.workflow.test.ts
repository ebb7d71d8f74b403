/**
 * COD holds on the time-skipping server: released on delivery and cancellation, or for review after
 * the longest transit time — by the workflow of their due moment, or (holds placed before holds had
 * a due moment) by their own workflow.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules';
import { codPosition, holdCod, releaseCod } from '../../src/store/cod-store';
import { codHold, holdStateQuery, settledSignal } from '../../workflows/cod-hold';
import { codHoldsDue, releasedQuery } from '../../workflows/cod-holds-due';
import { shippedRules } from '../support/rule-dirs';
import { testData } from '../support/factories';
import { useTimeSkippingWorld } from '../support/time-skipping';

const limit = 50_000;
const day = 86_400_000;

describe('COD hold, own workflow (time-skipping)', () => {
  const world = useTimeSkippingWorld(() => loadRuleSet(shippedRules));

  beforeAll(async () => {
    await testData(world.test.db).customer({ id: 'C-cod' });
  });

  async function placeCodOrder(orderId: string, value: number) {
    await world.test.db.transaction(async (tx) => {
      await testData(tx).order({ id: orderId, customerId: 'C-cod', value, paymentMethod: 'cod', placedAt: new Date().toISOString() });
      await holdCod(tx, { id: orderId, customerId: 'C-cod', channel: 'storefront', value }, limit);
    });
    return world.env.client.workflow.start(codHold, {
      workflowId: `cod-${orderId}`,
      taskQueue: world.taskQueue,
      args: [{ orderId, longestTransitMs: 30 * day }],
    });
  }

  const available = async () => (await codPosition(world.test.db, 'C-cod', limit)).available;

  it('replenishes the order value on delivery', async () => {
    const handle = await placeCodOrder('O-delivered', 2_000);
    expect(await available()).toBe(48_000);
    await world.env.sleep(3 * day);
    expect(await handle.query(holdStateQuery)).toBe('held');
    await world.test.db.transaction((tx) => releaseCod(tx, 'O-delivered', 'delivered'));
    await handle.signal(settledSignal, { reason: 'delivered' });
    expect(await handle.result()).toBe('delivered');
    expect(await available()).toBe(50_000);
  });

  it('replenishes the order value on cancellation', async () => {
    const handle = await placeCodOrder('O-cancelled', 5_000);
    expect(await available()).toBe(45_000);
    await world.test.db.transaction((tx) => releaseCod(tx, 'O-cancelled', 'cancelled'));
    await handle.signal(settledSignal, { reason: 'cancelled' });
    expect(await handle.result()).toBe('cancelled');
    expect(await available()).toBe(50_000);
  });

  it('releases the hold and flags the order for review after the longest time in transit', async () => {
    const handle = await placeCodOrder('O-lost', 7_000);
    expect(await available()).toBe(43_000);
    expect(await handle.result()).toBe('transit-time-exceeded');
    expect(await available()).toBe(50_000);
    const [order] = await world.test.db.query<{ flagged_for_review: boolean }>('SELECT flagged_for_review FROM orders WHERE id = $1', [
      'O-lost',
    ]);
    expect(order!.flagged_for_review).toBe(true);
  });
});

describe('COD holds due at one moment (time-skipping)', () => {
  const world = useTimeSkippingWorld(() => loadRuleSet(shippedRules));
  const minute = 60_000;

  beforeAll(async () => {
    await testData(world.test.db).customer({ id: 'C-due' });
  });

  async function holdDueAt(orderId: string, value: number, dueAt: Date) {
    await world.test.db.transaction(async (tx) => {
      await testData(tx).order({ id: orderId, customerId: 'C-due', value, paymentMethod: 'cod', placedAt: new Date().toISOString() });
      await holdCod(tx, { id: orderId, customerId: 'C-due', channel: 'storefront', value }, limit, dueAt);
    });
  }

  const holdOf = async (orderId: string) =>
    (
      await world.test.db.query<{ release_reason: string | null; flagged_for_review: boolean }>(
        'SELECT h.release_reason, o.flagged_for_review FROM cod_holds h JOIN orders o ON o.id = h.order_id WHERE h.order_id = $1',
        [orderId],
      )
    )[0];

  it('releases for review, when due, the holds still open, and leaves those settled and those due later', async () => {
    const dueAt = new Date(Math.floor(((await world.env.currentTimeMs()) + 30 * day) / minute) * minute);
    await holdDueAt('O-due-lost', 2_000, dueAt);
    await holdDueAt('O-due-delivered', 3_000, dueAt);
    await holdDueAt('O-due-later', 4_000, new Date(dueAt.getTime() + minute));
    const handle = await world.env.client.workflow.start(codHoldsDue, {
      workflowId: `cod-holds-due-test-${dueAt.getTime()}`,
      taskQueue: world.taskQueue,
      args: [{ dueAt: dueAt.toISOString() }],
    });
    expect(await handle.query(releasedQuery)).toBeNull();
    await world.test.db.transaction((tx) => releaseCod(tx, 'O-due-delivered', 'delivered'));

    expect(await handle.result()).toBe(1);
    expect(await world.env.currentTimeMs()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(await holdOf('O-due-lost')).toEqual({ release_reason: 'transit-time-exceeded', flagged_for_review: true });
    expect(await holdOf('O-due-delivered')).toEqual({ release_reason: 'delivered', flagged_for_review: false });
    expect(await holdOf('O-due-later')).toEqual({ release_reason: null, flagged_for_review: false });
    expect(await handle.query(releasedQuery)).toBe(1);
    // The moment is forgotten once released; the later one still waits for its workflow.
    const moments = await world.test.db.query<{ due_at: Date }>('SELECT due_at FROM cod_hold_moments ORDER BY due_at');
    expect(moments.map((moment) => new Date(moment.due_at).toISOString())).toEqual([new Date(dueAt.getTime() + minute).toISOString()]);
    const timeline = await world.test.db.query<{ detail: unknown }>(
      "SELECT detail FROM customer_timeline WHERE event_key = 'cod-release:O-due-lost'",
    );
    expect(timeline.map((entry) => entry.detail)).toEqual([
      { orderId: 'O-due-lost', amount: 2_000, reason: 'transit-time-exceeded', flaggedForReview: true },
    ]);
  });
});
