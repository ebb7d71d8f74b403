/**
 * The facts table customer_facts (kept by the triggers of migrations 0016 and 0017) always equals the facts
 * recomputed from the events: after any random sequence of customers, attribute changes, erasures,
 * orders (card and COD), deliveries, cancellations, returns to origin, returns, invoices, payments
 * and merges, written through the store as the use cases write them, and when transactions record
 * events of one customer at the same time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdCod, releaseCod } from '../../src/store/cod-store';
import { mergeCustomers, mergeCustomersIn } from '../../src/store/customer-lifecycle-store';
import { createCustomer } from '../../src/store/customer-store';
import type { Database, Queryable } from '../../src/store/database';
import {
  recordInvoice,
  recordOrder,
  recordOrderEvent,
  recordPayment,
  recordReturn,
  type OrderEventKind,
} from '../../src/store/event-store';
import { useTestDatabase } from '../support/test-databases';

/** What the events say, kept in plain objects: the model the facts are recomputed from. */
interface Model {
  customers: Array<{ id: string; attributes: Record<string, unknown>; erased: boolean; mergedInto?: string }>;
  orders: Array<{ id: string; customerId: string; cents: number; status: string; placedAt: string; cod: boolean; held: boolean }>;
  invoices: Array<{ id: string; customerId: string; cents: number; paidCents: number }>;
  returns: number;
  /** Merges that moved orders or invoices to the survivor. */
  movingMerges: number;
}

const attributes = fc.record(
  {
    gender: fc.constantFrom('female', 'male', 'other', 'undisclosed'),
    birthdate: fc.constantFrom('1990-12-31', '2000-02-29', '1985-07-04', '1999-01-01'),
    city: fc.constantFrom('Mumbai', 'MUMBAI', 'Pune', 'München'),
    premium_member: fc.boolean(),
    loyalty_tier: fc.constantFrom('bronze', 'silver', 'gold', 'platinum'),
  },
  { requiredKeys: [] },
);
/** A few instants, so that two orders often share the moment (the id decides which is last). */
const instant = fc.constantFrom(
  '2026-01-10T10:00:00.000Z',
  '2026-03-01T00:00:00.000Z',
  '2026-03-01T00:00:00.000Z',
  '2026-06-30T23:59:59.999Z',
);
const cents = fc.integer({ min: 0, max: 2_000_000 });
/** Which existing customer, order or invoice a command is about: an index, taken modulo their number. */
const pick = fc.nat();

const command = fc.oneof(
  fc.record({ kind: fc.constant('customer' as const), attributes }),
  fc.record({ kind: fc.constant('attributes' as const), customer: pick, changes: attributes, removed: fc.subarray(['city', 'birthdate']) }),
  fc.record({ kind: fc.constant('erase' as const), customer: pick }),
  fc.record({ kind: fc.constant('order' as const), customer: pick, cents, cod: fc.boolean(), placedAt: instant }),
  fc.record({
    kind: fc.constant('order-event' as const),
    order: pick,
    event: fc.constantFrom<OrderEventKind>('delivered', 'cancelled', 'returned-to-origin', 'returned'),
  }),
  fc.record({ kind: fc.constant('return' as const), customer: pick }),
  fc.record({ kind: fc.constant('invoice' as const), customer: pick, cents }),
  fc.record({ kind: fc.constant('payment' as const), invoice: pick, cents: fc.integer({ min: 1, max: 1_000_000 }) }),
  fc.record({ kind: fc.constant('merge' as const), survivor: pick, duplicate: pick }),
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

const allowedAfter: Record<string, OrderEventKind[]> = {
  placed: ['delivered', 'cancelled', 'returned-to-origin'],
  delivered: ['returned'],
};
const releasing = new Set(['delivered', 'cancelled', 'returned-to-origin']);
const at = <T>(list: T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);

/** Applies one command to the database, through the store, and to the model. */
async function run(test: { db: Database }, model: Model, prefix: string, step: Command): Promise<void> {
  const db = test.db;
  const id = (kind: string) =>
    `${prefix}-${kind}${String(model.customers.length + model.orders.length + model.invoices.length + model.returns).padStart(4, '0')}`;
  switch (step.kind) {
    case 'customer': {
      const customer = { id: id('C'), attributes: step.attributes, erased: false };
      await createCustomer(db, { id: customer.id });
      await db.query('UPDATE customers SET attributes = $2 WHERE id = $1', [customer.id, JSON.stringify(customer.attributes)]);
      model.customers.push(customer);
      return;
    }
    case 'attributes': {
      const customer = at(model.customers, step.customer);
      if (!customer || customer.erased) return;
      const next: Record<string, unknown> = { ...customer.attributes, ...step.changes };
      for (const key of step.removed) delete next[key];
      customer.attributes = next;
      await db.query('UPDATE customers SET attributes = $2, updated_at = now() WHERE id = $1', [customer.id, JSON.stringify(next)]);
      return;
    }
    case 'erase': {
      const customer = at(model.customers, step.customer);
      if (!customer) return;
      customer.erased = true;
      customer.attributes = {};
      await db.query(`UPDATE customers SET erasure_state = 'erased', attributes = '{}', name = NULL WHERE id = $1`, [customer.id]);
      return;
    }
    case 'order': {
      const customer = at(model.customers, step.customer);
      if (!customer) return;
      const order = {
        id: id('O'),
        customerId: customer.id,
        cents: step.cents,
        status: 'placed',
        placedAt: step.placedAt,
        cod: step.cod,
        held: step.cod,
      };
      await db.transaction(async (tx) => {
        const input = { id: order.id, customerId: customer.id, value: order.cents / 100, currency: 'INR', channel: 'storefront' as const };
        await recordOrder(tx, { ...input, paymentMethod: order.cod ? 'cod' : 'card', items: 1, placedAt: order.placedAt });
        if (order.cod) await holdCod(tx, input, 1e9);
      });
      model.orders.push(order);
      return;
    }
    case 'order-event': {
      const order = at(model.orders, step.order);
      if (!order || !(allowedAfter[order.status] ?? []).includes(step.event)) return;
      await db.transaction(async (tx) => {
        await recordOrderEvent(tx, order.id, { id: `${order.id}-${step.event}`, kind: step.event, at: '2026-07-01T00:00:00Z' });
        if (releasing.has(step.event)) await releaseCod(tx, order.id, step.event as 'delivered');
      });
      order.status = step.event;
      if (releasing.has(step.event)) order.held = false;
      return;
    }
    case 'return': {
      const customer = at(model.customers, step.customer);
      if (!customer) return;
      await recordReturn(db, customer.id, { id: id('R'), items: 1, returnedAt: '2026-05-01T00:00:00Z' }, {});
      model.returns++;
      return;
    }
    case 'invoice': {
      const customer = at(model.customers, step.customer);
      if (!customer) return;
      const invoice = { id: id('I'), customerId: customer.id, cents: step.cents, paidCents: 0 };
      await recordInvoice(db, {
        id: invoice.id,
        customerId: customer.id,
        amount: invoice.cents / 100,
        currency: 'INR',
        dueDate: '2026-08-01',
        issuedAt: '2026-07-01T00:00:00Z',
      });
      model.invoices.push(invoice);
      return;
    }
    case 'payment': {
      const invoice = at(model.invoices, step.invoice);
      if (!invoice) return;
      await recordPayment(db, invoice.id, {
        id: `${invoice.id}-P${invoice.paidCents}-${step.cents}`,
        amount: step.cents / 100,
        paidAt: '2026-07-02T00:00:00Z',
      });
      invoice.paidCents += step.cents;
      return;
    }
    case 'merge': {
      const survivor = at(model.customers, step.survivor);
      const duplicate = at(model.customers, step.duplicate);
      if (!survivor || !duplicate || survivor === duplicate) return;
      if (survivor.erased || duplicate.erased || survivor.mergedInto || duplicate.mergedInto) return;
      await mergeCustomers(db, survivor.id, duplicate.id, 'property test');
      const moved = [...model.orders, ...model.invoices].filter((row) => row.customerId === duplicate.id);
      for (const row of moved) row.customerId = survivor.id;
      if (moved.length > 0) model.movingMerges++;
      survivor.attributes = { ...duplicate.attributes, ...survivor.attributes };
      duplicate.attributes = {};
      duplicate.mergedInto = survivor.id;
      return;
    }
  }
}

/** month × 100 + day of a YYYY-MM-DD date. */
const monthDay = (date: string) => Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));

/** The row of customer_facts the events call for, recomputed from the model. */
function expectedFacts(model: Model, customer: Model['customers'][number]) {
  const transactions = model.orders.filter(
    (order) => order.customerId === customer.id && !['cancelled', 'returned-to-origin'].includes(order.status),
  );
  const spentCents = transactions.reduce((sum, order) => sum + order.cents, 0);
  // The latest moment wins; among orders of the same moment, the greatest id (ids sort alike in every collation here).
  const last = [...transactions].sort((a, b) => (a.placedAt === b.placedAt ? (a.id < b.id ? 1 : -1) : a.placedAt < b.placedAt ? 1 : -1))[0];
  const invoices = model.invoices.filter((invoice) => invoice.customerId === customer.id);
  const held = model.orders.filter((order) => order.customerId === customer.id && order.held);
  const text = (key: string) => (typeof customer.attributes[key] === 'string' ? customer.attributes[key] : null);
  const birthdate = text('birthdate');
  return {
    customer_id: customer.id,
    // The flag keeps a customer out of every count: erased, or merged into another (migration 0019).
    erased: customer.erased || customer.mergedInto !== undefined,
    gender: text('gender'),
    birthdate,
    birth_month_day: birthdate === null ? null : monthDay(birthdate),
    city: text('city'),
    premium_member: typeof customer.attributes.premium_member === 'boolean' ? customer.attributes.premium_member : null,
    loyalty_tier: text('loyalty_tier'),
    total_spent: spentCents / 100,
    transaction_count: transactions.length,
    average_transaction_value: transactions.length === 0 ? null : expect.closeTo(spentCents / 100 / transactions.length, 9),
    last_transaction_value: last ? last.cents / 100 : null,
    last_transaction_at: last ? last.placedAt : null,
    cod_held_amount: held.reduce((sum, order) => sum + order.cents, 0) / 100,
    outstanding_amount: invoices.reduce((sum, invoice) => sum + invoice.cents - invoice.paidCents, 0) / 100,
  };
}

/** The stored rows of the customers whose ids start with `prefix`, dates as text. */
async function storedFacts(db: Queryable, prefix: string) {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT customer_id, erased, gender, to_char(birthdate, 'YYYY-MM-DD') AS birthdate, birth_month_day, city, premium_member, loyalty_tier,
            total_spent, transaction_count, average_transaction_value, last_transaction_value, last_transaction_at,
            cod_held_amount, outstanding_amount
       FROM customer_facts WHERE starts_with(customer_id, $1) ORDER BY customer_id`,
    [`${prefix}-`],
  );
  return rows.map((row): Record<string, unknown> => ({
    ...row,
    last_transaction_at: row.last_transaction_at && (row.last_transaction_at as Date).toISOString(),
  }));
}

describe('the customer facts table', () => {
  const test = useTestDatabase();
  let runs = 0;

  it('equals the facts recomputed from the events after any sequence of events (150 sequences)', async () => {
    let withTransactions = 0;
    let withOutstanding = 0;
    let withHolds = 0;
    let withMovingMerges = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 60, size: 'max' }), async (commands) => {
        const prefix = `S${++runs}`;
        const model: Model = { customers: [], orders: [], invoices: [], returns: 0, movingMerges: 0 };
        // A customer first, so that most commands have someone to be about.
        await run(test, model, prefix, { kind: 'customer', attributes: { city: 'Mumbai' } });
        for (const step of commands) await run(test, model, prefix, step);
        const expected = [...model.customers].sort((a, b) => (a.id < b.id ? -1 : 1)).map((customer) => expectedFacts(model, customer));
        expect(await storedFacts(test.db, prefix)).toEqual(expected);
        if (expected.some((facts) => facts.transaction_count > 1)) withTransactions++;
        if (expected.some((facts) => facts.outstanding_amount !== 0)) withOutstanding++;
        if (expected.some((facts) => facts.cod_held_amount !== 0)) withHolds++;
        if (model.movingMerges > 0) withMovingMerges++;
      }),
      { numRuns: 150 },
    );
    // The property says little unless the sequences reach the interesting states.
    expect(withTransactions).toBeGreaterThan(20);
    expect(withOutstanding).toBeGreaterThan(20);
    expect(withHolds).toBeGreaterThan(20);
    expect(withMovingMerges).toBeGreaterThan(8);
  }, 300_000);

  it('reads an attribute value of the wrong type, or a date that is no calendar day, as not set instead of failing the write', async () => {
    const values: Array<[unknown, string | null]> = [
      ['2000-02-29', '2000-02-29'],
      ['2024-02-29', '2024-02-29'],
      ['1900-02-29', null],
      ['2023-02-29', null],
      ['2023-04-31', null],
      ['2023-12-31', '2023-12-31'],
      ['0000-01-01', null],
      ['2023-13-01', null],
      ['23-01-01', null],
      [20230101, null],
    ];
    for (const [index, [birthdate]] of values.entries()) {
      await createCustomer(test.db, { id: `ODD-${index}` });
      await test.db.query('UPDATE customers SET attributes = $2 WHERE id = $1', [
        `ODD-${index}`,
        JSON.stringify({ birthdate, premium_member: 'true', city: 42 }),
      ]);
    }
    const stored = await storedFacts(test.db, 'ODD');
    expect(stored.map((row) => row.birthdate)).toEqual(values.map(([, expected]) => expected));
    expect(stored.map((row) => [row.premium_member, row.city])).toEqual(values.map(() => [null, null]));
  });

  it("subtracts a payment from the survivor's outstanding amount when a merge moves its invoice while the payment waits", async () => {
    await createCustomer(test.db, { id: 'PM-survivor' });
    await createCustomer(test.db, { id: 'PM-duplicate' });
    await recordInvoice(test.db, {
      id: 'PM-invoice',
      customerId: 'PM-duplicate',
      amount: 100,
      currency: 'INR',
      dueDate: '2026-08-01',
      issuedAt: '2026-07-01T00:00:00Z',
    });
    // The merge has moved the invoice but not committed when the payment comes in; it commits while the payment waits for it.
    let commitMerge!: () => void;
    let moved!: () => void;
    const invoiceMoved = new Promise<void>((resolve) => (moved = resolve));
    const merge = test.db.transaction(async (tx) => {
      await mergeCustomersIn(tx, 'PM-survivor', 'PM-duplicate', 'property test');
      moved();
      await new Promise<void>((resolve) => (commitMerge = resolve));
    });
    await invoiceMoved;
    const payment = test.db.transaction((tx) =>
      recordPayment(tx, 'PM-invoice', { id: 'PM-payment', amount: 40, paidAt: '2026-07-02T00:00:00Z' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    commitMerge();
    await Promise.all([merge, payment]);
    const outstanding = await test.db.query<{ customer_id: string; outstanding_amount: number }>(
      `SELECT customer_id, outstanding_amount FROM customer_facts WHERE starts_with(customer_id, 'PM-') ORDER BY customer_id`,
    );
    expect(outstanding).toEqual([
      { customer_id: 'PM-duplicate', outstanding_amount: 0 },
      { customer_id: 'PM-survivor', outstanding_amount: 60 },
    ]);
  });

  it('counts every event when transactions record events of one customer at the same time', async () => {
    const model: Model = { customers: [], orders: [], invoices: [], returns: 0, movingMerges: 0 };
    await run(test, model, 'CONCURRENT', { kind: 'customer', attributes: {} });
    const customerId = model.customers[0]!.id;
    await recordInvoice(test.db, {
      id: 'CONCURRENT-I',
      customerId,
      amount: 100_000,
      currency: 'INR',
      dueDate: '2026-08-01',
      issuedAt: '2026-07-01T00:00:00Z',
    });
    // Neither locks the customer: only the triggers' lock keeps a late transaction from overwriting with what it saw before.
    await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        test.db.transaction(async (tx) => {
          if (n % 2 === 0) {
            const input = {
              id: `CONCURRENT-O${String(n).padStart(3, '0')}`,
              customerId,
              value: 10 + n,
              currency: 'INR',
              channel: 'pos' as const,
            };
            await recordOrder(tx, { ...input, paymentMethod: 'card', items: 1, placedAt: '2026-07-01T00:00:00Z' });
          } else {
            await recordPayment(tx, 'CONCURRENT-I', { id: `CONCURRENT-P${n}`, amount: n, paidAt: '2026-07-02T00:00:00Z' });
          }
          await tx.query('SELECT pg_sleep(0.01)');
        }),
      ),
    );
    const [facts] = await storedFacts(test.db, 'CONCURRENT');
    const evens = Array.from({ length: 20 }, (_, k) => 2 * k);
    const odds = evens.map((n) => n + 1);
    expect(facts).toMatchObject({
      transaction_count: 20,
      total_spent: evens.reduce((sum, n) => sum + 10 + n, 0),
      outstanding_amount: 100_000 - odds.reduce((sum, n) => sum + n, 0),
    });
  }, 60_000);
});
