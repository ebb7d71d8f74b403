/**
 * COD holds due at one moment where they meet merges, deliveries, refusals,
 * concurrent first orders and a due release that runs twice or late. Each test states what an
 * integrator or operator would expect.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codHoldsDueWorkflowId } from '../../src/temporal/workflow-client';
import { codHoldDueAt } from '../../src/use-cases/cod-process';
import { releaseCodHoldsDue } from '../../src/use-cases/expire-cod-hold';
import { recordOrder } from '../../src/use-cases/record-order';
import { aCustomer, anOrder } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const taskQueue = `rulebook-review-cod-${randomUUID()}`;
const rulebook = useTestSystem({ env: { TEMPORAL_TASK_QUEUE: taskQueue } });

const codOrder = (id: string, customerId: string, value: number) =>
  rulebook.post('/v1/orders', anOrder({ id, customerId, value, paymentMethod: 'cod' }));
const deliver = (orderId: string) =>
  rulebook.post(`/v1/orders/${orderId}/events`, { id: `${orderId}-d`, kind: 'delivered', at: new Date().toISOString() });
/** Far beyond every hold placed by this file: releases all of them. */
const farFuture = new Date('2100-01-01T00:00:00Z');

/** Per customer: the facts table's exact held sum and the sum of the open holds (they must agree). */
async function heldBooks(customerIds: string[]) {
  return rulebook.system.db.query<{ id: string; facts: string; holds: string }>(
    `SELECT c.id, f.cod_held_exact::text AS facts,
            coalesce((SELECT sum(amount) FROM cod_holds h WHERE h.customer_id = c.id AND h.released_at IS NULL), 0)::text AS holds
     FROM customers c JOIN customer_facts f ON f.customer_id = c.id WHERE c.id = ANY($1) ORDER BY c.id`,
    [customerIds],
  );
}
const exact = (rows: Array<{ facts: string; holds: string }>) => rows.every((row) => Number(row.facts) === Number(row.holds));

describe('COD holds due at one moment, where they meet other features', () => {
  it('a merge moves open due holds: facts stay exact, the due release releases the moved holds once, on the survivor', async () => {
    for (const id of ['RV-S1', 'RV-D1']) expect((await rulebook.post('/v1/customers', aCustomer({ id }))).status).toBe(201);
    expect((await codOrder('RV-O-D1a', 'RV-D1', 10_000)).status).toBe(201);
    expect((await codOrder('RV-O-D1b', 'RV-D1', 5_000)).status).toBe(201);
    expect((await codOrder('RV-O-S1a', 'RV-S1', 20_000)).status).toBe(201);
    const merged = await rulebook.post('/v1/customers/RV-S1/merge', { duplicateId: 'RV-D1', mergedBy: 'review' });
    expect(merged.status).toBe(200);
    expect(exact(await heldBooks(['RV-S1', 'RV-D1']))).toBe(true);
    expect((await body(await rulebook.api('/v1/customers/RV-S1/cod'))).available).toBe(15_000);
    // The survivor's next order is checked against the holds it took over.
    expect((await codOrder('RV-O-S1b', 'RV-S1', 15_000.01)).status).toBe(422);

    const first = await releaseCodHoldsDue(rulebook.system.db, farFuture);
    const again = await releaseCodHoldsDue(rulebook.system.db, farFuture);
    expect(first).toBeGreaterThanOrEqual(3);
    expect(again).toBe(0);
    expect(exact(await heldBooks(['RV-S1', 'RV-D1']))).toBe(true);
    const released = await rulebook.system.db.query<{ customer_id: string; n: number }>(
      `SELECT customer_id, count(*)::int AS n FROM customer_timeline WHERE event_key LIKE 'cod-release:RV-O-%' GROUP BY customer_id`,
    );
    expect(released).toEqual([{ customer_id: 'RV-S1', n: 3 }]);
  });

  it('deliveries racing the due release are all answered 2xx; each hold is released once and the facts stay exact', async () => {
    const customers = Array.from({ length: 4 }, (_, n) => `RV-R${n}`);
    for (const id of customers) expect((await rulebook.post('/v1/customers', aCustomer({ id }))).status).toBe(201);
    const orders = customers.flatMap((customerId) => Array.from({ length: 40 }, (_, n) => ({ id: `${customerId}-O${n}`, customerId })));
    for (const order of orders) expect((await codOrder(order.id, order.customerId, 100)).status).toBe(201);

    const [releasedCount, ...deliveries] = await Promise.all([
      releaseCodHoldsDue(rulebook.system.db, farFuture),
      ...orders.map((order) => deliver(order.id)),
    ]);
    expect(deliveries.map((answer) => answer.status).filter((status) => status >= 300)).toEqual([]);
    const holds = await rulebook.system.db.query<{ reason: string; flagged: boolean; n: number }>(
      `SELECT h.release_reason AS reason, o.flagged_for_review AS flagged, count(*)::int AS n
       FROM cod_holds h JOIN orders o ON o.id = h.order_id WHERE h.customer_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [customers],
    );
    expect(holds.reduce((sum, row) => sum + row.n, 0)).toBe(orders.length);
    expect(holds.every((row) => row.reason !== null && row.flagged === (row.reason === 'transit-time-exceeded'))).toBe(true);
    const transit = holds.find((row) => row.reason === 'transit-time-exceeded')?.n ?? 0;
    expect(releasedCount).toBeGreaterThanOrEqual(transit);
    const timeline = await rulebook.system.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customer_timeline WHERE customer_id = ANY($1) AND kind = 'cod-hold-released'`,
      [customers],
    );
    expect(timeline[0]!.n).toBe(orders.length);
    expect(exact(await heldBooks(customers))).toBe(true);
  });

  it('a merge racing COD orders of both customers and the due release keeps the facts exact and never overspends', async () => {
    for (const id of ['RV-S2', 'RV-D2']) expect((await rulebook.post('/v1/customers', aCustomer({ id }))).status).toBe(201);
    for (let n = 0; n < 10; n++) {
      expect((await codOrder(`RV-O-S2-${n}`, 'RV-S2', 1_000)).status).toBe(201);
      expect((await codOrder(`RV-O-D2-${n}`, 'RV-D2', 1_000)).status).toBe(201);
    }
    const answers = await Promise.all([
      rulebook.post('/v1/customers/RV-S2/merge', { duplicateId: 'RV-D2', mergedBy: 'review' }),
      releaseCodHoldsDue(rulebook.system.db, farFuture).then(() => new Response(null, { status: 204 })),
      ...Array.from({ length: 30 }, (_, n) => codOrder(`RV-O-S2-x${n}`, 'RV-S2', 1_500)),
      ...Array.from({ length: 10 }, (_, n) => codOrder(`RV-O-D2-x${n}`, 'RV-D2', 1_500)),
    ]);
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(exact(await heldBooks(['RV-S2', 'RV-D2']))).toBe(true);
    const position = await body(await rulebook.api('/v1/customers/RV-S2/cod'));
    expect(position.available).toBeGreaterThanOrEqual(0);
  });

  it('a refused COD order (422) that would have been the first of its moment leaves no moment row and no start behind', async () => {
    expect((await rulebook.post('/v1/customers', aCustomer({ id: 'RV-N1' }))).status).toBe(201);
    const ruleSet = rulebook.system.rules.current;
    const now = new Date('2031-03-03T03:03:30Z');
    const dueAt = codHoldDueAt(ruleSet, now);
    await expect(
      recordOrder(
        { db: rulebook.system.db, taskQueue },
        ruleSet,
        anOrder({ id: 'RV-O-N1', customerId: 'RV-N1', value: 60_000, paymentMethod: 'cod' }),
        now,
      ),
    ).rejects.toMatchObject({ code: 'cod-refused' });
    const moments = await rulebook.system.db.query('SELECT 1 FROM cod_hold_moments WHERE due_at = $1', [dueAt]);
    const intents = await rulebook.system.db.query('SELECT 1 FROM workflow_intents WHERE workflow_id = $1', [
      codHoldsDueWorkflowId(dueAt, taskQueue),
    ]);
    const orders = await rulebook.system.db.query("SELECT 1 FROM orders WHERE id = 'RV-O-N1'");
    expect({ moments: moments.length, intents: intents.length, orders: orders.length }).toEqual({ moments: 0, intents: 0, orders: 0 });
  });

  it('concurrent first orders of one moment queue one start between them', async () => {
    const ruleSet = rulebook.system.rules.current;
    const now = new Date('2031-04-04T04:04:10Z');
    const customers = Array.from({ length: 12 }, (_, n) => `RV-F${n}`);
    for (const id of customers) expect((await rulebook.post('/v1/customers', aCustomer({ id }))).status).toBe(201);
    const answers = await Promise.all(
      customers.map((customerId) =>
        recordOrder(
          { db: rulebook.system.db, taskQueue },
          ruleSet,
          anOrder({ id: `${customerId}-O`, customerId, value: 100, paymentMethod: 'cod' }),
          now,
        ),
      ),
    );
    const workflowId = codHoldsDueWorkflowId(codHoldDueAt(ruleSet, now), taskQueue);
    expect(new Set(answers.map((answer) => (answer as { codHoldWorkflowId?: string }).codHoldWorkflowId))).toEqual(new Set([workflowId]));
    const [intents] = await rulebook.system.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM workflow_intents WHERE workflow_id = $1',
      [workflowId],
    );
    expect(intents!.n).toBe(1);
  });

  it('two due releases running at once (a retried or late workflow) release more than a batch exactly once between them', async () => {
    expect((await rulebook.post('/v1/customers', aCustomer({ id: 'RV-B1' }))).status).toBe(201);
    const ruleSet = rulebook.system.rules.current;
    const ids = Array.from({ length: 1_100 }, (_, n) => `RV-B1-O${n}`);
    for (let start = 0; start < ids.length; start += 50) {
      await Promise.all(
        ids
          .slice(start, start + 50)
          .map((id) =>
            recordOrder(
              { db: rulebook.system.db, taskQueue },
              ruleSet,
              anOrder({ id, customerId: 'RV-B1', value: 1, paymentMethod: 'cod' }),
            ),
          ),
      );
    }
    const counts = await Promise.all([
      releaseCodHoldsDue(rulebook.system.db, farFuture),
      releaseCodHoldsDue(rulebook.system.db, farFuture),
    ]);
    const [open] = await rulebook.system.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM cod_holds WHERE customer_id = 'RV-B1' AND released_at IS NULL",
    );
    expect(open!.n).toBe(0);
    expect(counts[0] + counts[1]).toBeGreaterThanOrEqual(ids.length);
    const [timeline] = await rulebook.system.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM customer_timeline WHERE customer_id = 'RV-B1' AND kind = 'cod-hold-released'",
    );
    expect(timeline!.n).toBe(ids.length);
    expect(exact(await heldBooks(['RV-B1']))).toBe(true);
  });
});
