/** COD holds on the time-skipping server: released on delivery and cancellation, or for review after the longest transit time. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules';
import { codPosition, holdCod, releaseCod } from '../../src/store/cod-store';
import { codHold, holdStateQuery, settledSignal } from '../../workflows/cod-hold';
import { shippedRules } from '../support/rule-dirs';
import { testData } from '../support/factories';
import { useTimeSkippingWorld } from '../support/time-skipping';

const limit = 50_000;
const day = 86_400_000;

describe('COD hold (time-skipping)', () => {
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
