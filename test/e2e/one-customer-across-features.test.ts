/**
 * Features meeting on one customer, on the running system: concurrent orders, deliveries and
 * payments (the facts table's triggers and the customer lock), and a merge meeting the
 * returns-window schedule that a return skips when it cannot move the moment, and returns of one
 * customer at the same time (each recalculation reads the facts once it holds the customer's lock).
 */
import { describe, expect, it } from 'vitest';
import { aCustomer, anInvoice, anOrder, aReturn } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const month = 30 * 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('one customer across features', () => {
  const rulebook = useTestSystem();

  /** The moment stored for the customer's returns-window workflow, and the reschedules queued for it. */
  async function windowState(customerId: string) {
    const [row] = await rulebook.system.db.query<{ next_at: Date }>('SELECT next_at FROM returns_window_schedule WHERE customer_id = $1', [
      customerId,
    ]);
    const intents = await rulebook.system.db.query<{ at: string }>(
      `SELECT signal_args->0->>'at' AS at FROM workflow_intents WHERE workflow_id = $1 ORDER BY id`,
      [`returns-window-${customerId}`],
    );
    return { nextAt: row ? new Date(row.next_at).toISOString() : null, told: intents.map((intent) => intent.at) };
  }

  it("tells the survivor's returns-window workflow of the earlier moment a merge brought, at the survivor's next return", async () => {
    const survivor = aCustomer();
    const duplicate = aCustomer();
    for (const customer of [survivor, duplicate]) expect((await rulebook.post('/v1/customers', customer)).status).toBe(201);
    // The duplicate's return leaves the 12-month window in about two months; the survivor's in about eleven.
    const old = await rulebook.post('/v1/returns', aReturn({ customerId: duplicate.id, returnedAt: ago(10 * month) }));
    expect(old.status).toBe(201);
    const recent = await rulebook.post('/v1/returns', aReturn({ customerId: survivor.id, returnedAt: ago(month) }));
    expect(recent.status).toBe(201);
    const merged = await rulebook.post(`/v1/customers/${survivor.id}/merge`, { duplicateId: duplicate.id, mergedBy: 'ops' });
    expect(merged.status).toBe(200);

    const next = await rulebook.post('/v1/returns', aReturn({ customerId: survivor.id, returnedAt: ago(60_000) }));
    expect(next.status).toBe(201);
    const answered = (await body(next)).nextRecalculation;
    const state = await windowState(survivor.id);
    // The oldest counted return of the survivor is now the duplicate's: it leaves the window first.
    const [oldest] = await rulebook.system.db.query<{ leaves: Date }>(
      `SELECT min(returned_at) + interval '12 months' AS leaves FROM returns WHERE customer_id = $1`,
      [survivor.id],
    );
    const expected = new Date(oldest!.leaves).toISOString();
    expect({ answered, stored: state.nextAt, lastTold: state.told.at(-1) }).toEqual({
      answered: expected,
      stored: expected,
      lastTold: expected,
    });
  });

  it('counts every return of one customer sent at the same time: each recalculation sees the returns committed before it', async () => {
    const customer = aCustomer();
    expect((await rulebook.post('/v1/customers', customer)).status).toBe(201);
    const returns = Array.from({ length: 10 }, () => aReturn({ customerId: customer.id, returnedAt: ago(60_000) }));
    const answers = await Promise.all(returns.map((request) => rulebook.post('/v1/returns', request)));
    expect(answers.map((res) => res.status)).toEqual(Array(10).fill(201));
    // The facts are read in the same round trip as the lock, but by a statement of their own that
    // PostgreSQL runs once the lock is held: the n-th return to get the lock counts n returns.
    const counted = await Promise.all(
      answers.map(async (res) => {
        const { decisionRecordId } = await body(res);
        return (await body(await rulebook.api(`/v1/decisions/${decisionRecordId}`))).record.facts.returns_in_window as number;
      }),
    );
    expect(counted.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, n) => n + 1));
  });

  it('answers every order, delivery and payment of one customer sent at the same time (none fails on a deadlock)', async () => {
    const customer = aCustomer();
    expect((await rulebook.post('/v1/customers', customer)).status).toBe(201);
    const earlier = Array.from({ length: 12 }, () => anOrder({ customerId: customer.id, paymentMethod: 'cod', value: 100 }));
    for (const order of earlier) expect((await rulebook.post('/v1/orders', order)).status).toBe(201);
    const invoice = anInvoice({ customerId: customer.id, amount: 1_000 });
    expect((await rulebook.post('/v1/invoices', invoice)).status).toBe(201);
    // Each round: a new order, the delivery of an earlier one and a payment of the invoice, all at once.
    const answers = await Promise.all(
      earlier.flatMap((order, n) => [
        rulebook.post('/v1/orders', anOrder({ customerId: customer.id, paymentMethod: n % 2 ? 'cod' : 'card', value: 100 })),
        rulebook.post(`/v1/orders/${order.id}/events`, { id: `${order.id}-delivered`, kind: 'delivered', at: new Date().toISOString() }),
        rulebook.post(`/v1/invoices/${invoice.id}/payments`, { id: `${invoice.id}-P${n}`, amount: 10, paidAt: new Date().toISOString() }),
      ]),
    );
    const kinds = ['order', 'delivery', 'payment'];
    const failed = answers.flatMap((res, n) => (res.status >= 300 ? [`${kinds[n % 3]}: ${res.status}`] : []));
    expect(failed).toEqual([]);
  });
});
