/**
 * Events recorded by the calling systems: returns, orders and their life-cycle, invoices and
 * payments. Each is idempotent by its business id: the same request again changes nothing; the
 * same id with another request is a conflict.
 */
import { ConflictError, NotFoundError } from '../errors';
import { codRefusal } from './cod-store';
import { customerColumns, toCustomer, unknownCustomer, type Customer, type CustomerRow } from './customer-store';
import type { Queryable } from './database';

type EventTable = 'returns' | 'orders' | 'order_events' | 'invoices' | 'payments';

const nouns: Record<EventTable, string> = {
  returns: 'return',
  orders: 'order',
  order_events: 'order event',
  invoices: 'invoice',
  payments: 'payment',
};

/** JSON with sorted keys, so that equal requests compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The request a stored row was recorded from: its `request` column. */
async function storedRequest(db: Queryable, table: EventTable, id: string): Promise<unknown> {
  const [existing] = await db.query<{ request: unknown }>(`SELECT request FROM ${table} WHERE id = $1`, [id]);
  return existing?.request;
}

/**
 * The request stored under `id` as a lock-and-insert statement read it, or read again when that
 * statement could not see it: a repeat that waited for the customer's lock while the first request
 * committed conflicts with the row, but reads the table as it was before it waited.
 */
async function storedUnlessRaced(db: Queryable, table: EventTable, id: string, stored: unknown): Promise<unknown> {
  return stored ?? storedRequest(db, table, id);
}

/**
 * Runs `insert` (an INSERT … ON CONFLICT (id) DO NOTHING RETURNING id) and tells whether the row
 * is new; when it already existed, checks that it came from the same request (as `readStored` reads it back).
 */
async function insertOnce(
  db: Queryable,
  table: EventTable,
  id: string,
  request: unknown,
  insert: () => Promise<unknown[]>,
  readStored: () => Promise<unknown> = () => storedRequest(db, table, id),
): Promise<boolean> {
  if ((await insert()).length > 0) return true;
  await expectSameRequest(table, id, request, await readStored());
  return false;
}

/** A ConflictError unless the row already recorded under `id` came from the same request. */
async function expectSameRequest(table: EventTable, id: string, request: unknown, stored: unknown): Promise<void> {
  if (canonical(stored) === canonical(request)) return;
  throw new ConflictError(
    `A ${nouns[table]} with the id "${id}" was already recorded with other values. Repeat the original request, or use a new id.`,
    { id },
  );
}

export interface ReturnInput {
  id: string;
  orderId?: string;
  items: number;
  returnedAt: string;
}

/**
 * Locks the customer and records their return in one statement (a return arrives at every
 * checkout's aftermath: round trips count), linked to the decision record its recalculation will
 * keep under `decisionId`. The return of an erased customer still counts, but the order contact's
 * email is not kept for them again. The request is stored as given, to tell a repeat from a
 * conflict. False when the same request was recorded before. Also reads when the customer's
 * returns-window workflow was last told to recalculate, so that a return that cannot move that
 * moment costs no further statement.
 */
export async function lockCustomerAndRecordReturn(
  tx: Queryable,
  customerId: string,
  input: ReturnInput & { customerId?: string; email?: string },
  decisionId: string,
): Promise<{ customer: Customer; created: boolean; scheduledRecalculation: { at: Date; window: string | null } | null }> {
  const [row] = await tx.query<
    CustomerRow & { created: boolean; stored: unknown; scheduled: Date | null; scheduled_window: string | null }
  >(
    `WITH c AS (SELECT ${customerColumns} FROM customers WHERE id = $1 FOR UPDATE),
     inserted AS (
       INSERT INTO returns (id, customer_id, order_id, items, returned_at, request, decision_id)
       SELECT $2, c.id, $3, $4, $5, CASE WHEN c.erasure_state = 'erased' THEN $6::jsonb - 'email' ELSE $6::jsonb END, $7 FROM c
       ON CONFLICT (id) DO NOTHING RETURNING id)
     SELECT c.*, EXISTS (SELECT 1 FROM inserted) AS created,
            (SELECT r.request FROM returns r WHERE r.id = $2 AND NOT EXISTS (SELECT 1 FROM inserted)) AS stored,
            s.next_at AS scheduled, s.returns_window AS scheduled_window
     FROM c LEFT JOIN returns_window_schedule s ON s.customer_id = c.id`,
    [customerId, input.id, input.orderId ?? null, input.items, input.returnedAt, JSON.stringify(input), decisionId],
  );
  if (!row) throw unknownCustomer(customerId);
  const customer = toCustomer(row);
  const scheduledRecalculation = row.scheduled ? { at: new Date(row.scheduled), window: row.scheduled_window } : null;
  if (row.created) return { customer, created: true, scheduledRecalculation };
  const { email: _email, ...withoutEmail } = input;
  const stored = await storedUnlessRaced(tx, 'returns', input.id, row.stored);
  await expectSameRequest('returns', input.id, customer.erasureState === 'erased' ? withoutEmail : input, stored);
  return { customer, created: false, scheduledRecalculation };
}

/** Records a return of the customer without a recalculation (imports, fixtures); false when the same request was recorded before. */
export async function recordReturn(db: Queryable, customerId: string, input: ReturnInput, request: unknown): Promise<boolean> {
  return insertOnce(db, 'returns', input.id, request, () =>
    db.query(
      `INSERT INTO returns (id, customer_id, order_id, items, returned_at, request) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [input.id, customerId, input.orderId ?? null, input.items, input.returnedAt, JSON.stringify(request)],
    ),
  );
}

/** The decision record of a return's recalculation, or null when there was none. */
export async function returnDecisionId(db: Queryable, returnId: string): Promise<string | null> {
  const [row] = await db.query<{ decision_id: string | null }>('SELECT decision_id FROM returns WHERE id = $1', [returnId]);
  return row?.decision_id ?? null;
}

export interface OrderInput {
  id: string;
  customerId: string;
  value: number;
  currency: string;
  channel: 'pos' | 'storefront';
  paymentMethod: string;
  items: number;
  placedAt: string;
}

/** Records an order. */
export async function recordOrder(db: Queryable, input: OrderInput): Promise<boolean> {
  return insertOnce(db, 'orders', input.id, input, () =>
    db.query(
      `INSERT INTO orders (id, customer_id, value, currency, channel, payment_method, items, placed_at, request)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
      orderParameters(input),
    ),
  );
}

/** An order's columns as statement parameters $1–$9, the request last. */
function orderParameters(input: OrderInput): unknown[] {
  const { id, customerId, value, currency, channel, paymentMethod, items, placedAt } = input;
  return [id, customerId, value, currency, channel, paymentMethod, items, placedAt, JSON.stringify(input)];
}

/**
 * Locks the customer and records their order in one statement; the customer as locked, and
 * whether the order is new. A deactivated customer's order is not recorded (the caller refuses it).
 * False when the same request was recorded before; another request under the id is a ConflictError.
 */
export async function lockCustomerAndRecordOrder(tx: Queryable, input: OrderInput): Promise<{ customer: Customer; created: boolean }> {
  const [row] = await tx.query<CustomerRow & { created: boolean; stored: unknown }>(
    `WITH c AS (SELECT ${customerColumns} FROM customers WHERE id = $2 FOR UPDATE),
     inserted AS (
       INSERT INTO orders (id, customer_id, value, currency, channel, payment_method, items, placed_at, request)
       SELECT $1, c.id, $3, $4, $5, $6, $7, $8, $9 FROM c WHERE c.active
       ON CONFLICT (id) DO NOTHING RETURNING id)
     SELECT c.*, EXISTS (SELECT 1 FROM inserted) AS created,
            (SELECT o.request FROM orders o WHERE o.id = $1 AND NOT EXISTS (SELECT 1 FROM inserted)) AS stored
     FROM c`,
    orderParameters(input),
  );
  if (!row) throw unknownCustomer(input.customerId);
  const customer = toCustomer(row);
  if (row.created || !customer.active) return { customer, created: row.created };
  await expectSameRequest('orders', input.id, input, await storedUnlessRaced(tx, 'orders', input.id, row.stored));
  return { customer, created: false };
}

/**
 * A new cash-on-delivery order in one statement: locks the customer and its facts row, records the
 * order and holds its value when COD is on for the channel and the customer's open holds plus this
 * value stay within `totalLimit`, due at `dueAt`. The facts row is locked (not only read) because a
 * statement that waited for the customer's lock reads other tables as they were before it waited;
 * a locked row is read as last committed, so two orders of one customer are checked one after the
 * other. A COD order that is not held is refused (CodRefusedError: the caller's transaction rolls
 * the order back). `firstOfItsMoment`: no hold due at `dueAt` was placed before, so the caller
 * queues the start of that moment's workflow. As lockCustomerAndRecordOrder otherwise.
 */
export async function lockCustomerAndRecordCodOrder(
  tx: Queryable,
  input: OrderInput,
  totalLimit: number,
  dueAt: Date,
): Promise<{ customer: Customer; created: boolean; firstOfItsMoment: boolean }> {
  const [row] = await tx.query<
    CustomerRow & { created: boolean; stored: unknown; enabled: boolean; held: string; held_now: boolean; first_of_its_moment: boolean }
  >(
    `WITH c AS (SELECT ${customerColumns}, coalesce((cod_enabled ->> $5)::boolean, true) AS cod_on FROM customers WHERE id = $2 FOR UPDATE),
     f AS (SELECT cod_held_exact FROM customer_facts WHERE customer_id = (SELECT id FROM c) FOR UPDATE),
     held AS (SELECT coalesce((SELECT cod_held_exact FROM f),
                              (SELECT sum(amount) FROM cod_holds WHERE customer_id = $2 AND released_at IS NULL), 0) AS amount),
     inserted AS (
       INSERT INTO orders (id, customer_id, value, currency, channel, payment_method, items, placed_at, request)
       SELECT $1, c.id, $3, $4, $5, $6, $7, $8, $9 FROM c WHERE c.active
       ON CONFLICT (id) DO NOTHING RETURNING id),
     hold AS (
       INSERT INTO cod_holds (order_id, customer_id, amount, due_at)
       SELECT inserted.id, $2, $3, $11 FROM inserted, c, held WHERE c.cod_on AND held.amount + $3::numeric <= $10::numeric
       RETURNING 1),
     moment AS (
       INSERT INTO cod_hold_moments (due_at) SELECT $11 FROM hold ON CONFLICT (due_at) DO NOTHING RETURNING 1)
     SELECT c.*, EXISTS (SELECT 1 FROM inserted) AS created,
            (SELECT o.request FROM orders o WHERE o.id = $1 AND NOT EXISTS (SELECT 1 FROM inserted)) AS stored,
            c.cod_on AS enabled, held.amount::text AS held, EXISTS (SELECT 1 FROM hold) AS held_now,
            EXISTS (SELECT 1 FROM moment) AS first_of_its_moment
     FROM c, held`,
    [...orderParameters(input), totalLimit, dueAt],
  );
  if (!row) throw unknownCustomer(input.customerId);
  const customer = toCustomer(row);
  if (!row.created) {
    if (customer.active) await expectSameRequest('orders', input.id, input, await storedUnlessRaced(tx, 'orders', input.id, row.stored));
    return { customer, created: false, firstOfItsMoment: false };
  }
  if (!row.held_now) throw codRefusal(input, totalLimit, row) ?? new Error(`COD order ${input.id} was neither held nor refused`);
  return { customer, created: true, firstOfItsMoment: row.first_of_its_moment };
}

/** Order states that end the life-cycle. */
export const finalOrderStatuses = ['delivered', 'cancelled', 'returned-to-origin', 'returned'] as const;
export type OrderEventKind = (typeof finalOrderStatuses)[number];

const allowedAfter: Record<string, OrderEventKind[]> = {
  placed: ['delivered', 'cancelled', 'returned-to-origin'],
  delivered: ['returned'],
};

/** Records a life-cycle event of an order and moves the order to that status. */
export async function recordOrderEvent(
  db: Queryable,
  orderId: string,
  event: { id: string; kind: OrderEventKind; at: string },
): Promise<{ created: boolean; customerId: string }> {
  const [order] = await db.query<{ status: string; customer_id: string }>(
    'SELECT status, customer_id FROM orders WHERE id = $1 FOR UPDATE',
    [orderId],
  );
  if (!order) throw new NotFoundError(`No order has the id "${orderId}". Record it with POST /v1/orders first.`);
  // order_events keeps no request column: a repeated event is compared on its columns, the moment as an instant.
  const request = { orderId, ...event, at: new Date(event.at).toISOString() };
  const readStored = async () => {
    const [stored] = await db.query<{ order_id: string; kind: string; at: Date }>(
      'SELECT order_id, kind, at FROM order_events WHERE id = $1',
      [event.id],
    );
    return stored && { orderId: stored.order_id, id: event.id, kind: stored.kind, at: new Date(stored.at).toISOString() };
  };
  const [existing] = await db.query<{ id: string }>('SELECT id FROM order_events WHERE id = $1', [event.id]);
  if (!existing && !(allowedAfter[order.status] ?? []).includes(event.kind)) {
    throw new ConflictError(
      `Order ${orderId} is ${order.status}; "${event.kind}" cannot follow. Allowed next: ${(allowedAfter[order.status] ?? []).join(', ') || 'nothing (final state)'}.`,
      { status: order.status },
    );
  }
  const created = await insertOnce(
    db,
    'order_events',
    event.id,
    request,
    () =>
      db.query(`INSERT INTO order_events (id, order_id, kind, at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id`, [
        event.id,
        orderId,
        event.kind,
        event.at,
      ]),
    readStored,
  );
  if (created) await db.query('UPDATE orders SET status = $2 WHERE id = $1', [orderId, event.kind]);
  return { created, customerId: order.customer_id };
}

export interface InvoiceInput {
  id: string;
  customerId: string;
  amount: number;
  currency: string;
  dueDate: string;
  issuedAt: string;
}

/** Records an invoice. */
export async function recordInvoice(db: Queryable, input: InvoiceInput): Promise<boolean> {
  return insertOnce(db, 'invoices', input.id, input, () =>
    db.query(
      `INSERT INTO invoices (id, customer_id, amount, currency, due_date, issued_at, request) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [input.id, input.customerId, input.amount, input.currency, input.dueDate, input.issuedAt, JSON.stringify(input)],
    ),
  );
}

/** Records a payment against an invoice. */
export async function recordPayment(
  db: Queryable,
  invoiceId: string,
  payment: { id: string; amount: number; paidAt: string },
): Promise<{ created: boolean; customerId: string }> {
  const [invoice] = await db.query<{ customer_id: string }>('SELECT customer_id FROM invoices WHERE id = $1', [invoiceId]);
  if (!invoice) throw new NotFoundError(`No invoice has the id "${invoiceId}". Record it with POST /v1/invoices first.`);
  const request = { invoiceId, ...payment };
  const created = await insertOnce(db, 'payments', payment.id, request, () =>
    db.query(
      `INSERT INTO payments (id, invoice_id, amount, paid_at, request) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [payment.id, invoiceId, payment.amount, payment.paidAt, JSON.stringify(request)],
    ),
  );
  return { created, customerId: invoice.customer_id };
}
