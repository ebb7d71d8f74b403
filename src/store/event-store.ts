/**
 * Events recorded by the calling systems: returns, orders and their life-cycle, invoices and
 * payments. Each is idempotent by its business id: the same request again changes nothing; the
 * same id with another request is a conflict.
 */
import { ConflictError, NotFoundError } from '../errors';
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
  if (canonical(await readStored()) !== canonical(request)) {
    throw new ConflictError(
      `A ${nouns[table]} with the id "${id}" was already recorded with other values. Repeat the original request, or use a new id.`,
      { id },
    );
  }
  return false;
}

export interface ReturnInput {
  id: string;
  orderId?: string;
  items: number;
  returnedAt: string;
}

/** Records a return of the customer; false when it was already recorded by the same request. */
export async function recordReturn(db: Queryable, customerId: string, input: ReturnInput, request: unknown): Promise<boolean> {
  return insertOnce(db, 'returns', input.id, request, () =>
    db.query(
      `INSERT INTO returns (id, customer_id, order_id, items, returned_at, request) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [input.id, customerId, input.orderId ?? null, input.items, input.returnedAt, JSON.stringify(request)],
    ),
  );
}

/** Links a recorded return to the decision record of the recalculation it caused. */
export async function setReturnDecision(db: Queryable, returnId: string, decisionId: string): Promise<void> {
  await db.query('UPDATE returns SET decision_id = $2 WHERE id = $1', [returnId, decisionId]);
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
      [
        input.id,
        input.customerId,
        input.value,
        input.currency,
        input.channel,
        input.paymentMethod,
        input.items,
        input.placedAt,
        JSON.stringify(input),
      ],
    ),
  );
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
