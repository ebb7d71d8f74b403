/**
 * A customer's timeline: what happened to them, newest first, free of personal data.
 *
 * Two sources, read together: the steps that only the timeline records (profile changes, notes,
 * erasure and merge steps, reveals: table customer_timeline, written by appendTimeline), and the
 * customer's own events, read from where they are kept (sign-up, orders and their events, returns,
 * invoices, payments, COD holds; a hold's release is a step of its own). Reading the events rather than copying them keeps
 * the hot paths (an order at checkout, a return) free of one more write, and the timeline can never
 * miss an event, whichever path recorded it (API, import, merge). Each entry carries ids and amounts,
 * never a name, email, phone or note text.
 */
import type { Queryable } from './database';

export interface TimelineEntry {
  at: string;
  kind: string;
  detail: Record<string, unknown>;
}

export interface NewTimelineEntry {
  customerId: string;
  /** Unique key of the event, so that a retried step writes its entry once. */
  eventKey: string;
  kind: string;
  detail: Record<string, unknown>;
}

/** Appends an entry unless one with the same event key exists. */
export async function appendTimeline(db: Queryable, entry: NewTimelineEntry): Promise<void> {
  await db.query(
    `INSERT INTO customer_timeline (customer_id, event_key, kind, detail) VALUES ($1, $2, $3, $4)
     ON CONFLICT (event_key) DO NOTHING`,
    [entry.customerId, entry.eventKey, entry.kind, JSON.stringify(entry.detail)],
  );
}

/**
 * Every entry of customer $1: its moment (`at`, and `at_us` in microseconds for the page cursor), a
 * key unique within the customer's entries that orders entries of one moment, its kind and detail.
 * Entries of customer_timeline sort by their id (zero-padded), so those of one transaction (one
 * moment) keep the order they were written in.
 */
const timelineEntriesSql = `
  SELECT created_at AS at, 'a:signed-up' AS key, 'signed-up' AS kind, jsonb_build_object('customerId', id) AS detail
    FROM customers WHERE id = $1
  UNION ALL
  SELECT placed_at, 'b:order:' || id, 'order-placed',
         jsonb_build_object('orderId', id, 'value', value, 'currency', currency, 'channel', channel, 'paymentMethod', payment_method, 'items', items)
    FROM orders WHERE customer_id = $1
  UNION ALL
  SELECT held_at, 'c:cod-hold:' || order_id, 'cod-hold-placed', jsonb_build_object('orderId', order_id, 'amount', amount)
    FROM cod_holds WHERE customer_id = $1
  UNION ALL
  SELECT e.at, 'd:order-event:' || e.id, 'order-' || e.kind, jsonb_build_object('orderId', e.order_id, 'eventId', e.id)
    FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.customer_id = $1

  UNION ALL
  SELECT returned_at, 'f:return:' || id, 'return-recorded',
         jsonb_strip_nulls(jsonb_build_object('returnId', id, 'orderId', order_id, 'items', items, 'decisionId', decision_id))
    FROM returns WHERE customer_id = $1
  UNION ALL
  SELECT issued_at, 'g:invoice:' || id, 'invoice-issued',
         jsonb_build_object('invoiceId', id, 'amount', amount, 'currency', currency, 'dueDate', due_date)
    FROM invoices WHERE customer_id = $1
  UNION ALL
  SELECT p.paid_at, 'h:payment:' || p.id, 'payment-received',
         jsonb_build_object('paymentId', p.id, 'invoiceId', p.invoice_id, 'amount', p.amount, 'currency', i.currency)
    FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.customer_id = $1
  UNION ALL
  SELECT at, 'i:' || lpad(id::text, 19, '0'), kind, detail FROM customer_timeline WHERE customer_id = $1`;

/** Where a page of the timeline ends: the last entry's moment in microseconds and its key. */
interface TimelineCursor {
  atMicros: string;
  key: string;
}

/** A page of the customer's timeline, newest first; `next` (when the page is full) continues after its last entry. */
export async function getTimeline(
  db: Queryable,
  customerId: string,
  page: { limit: number; after?: string } = { limit: 500 },
): Promise<{ entries: TimelineEntry[]; next?: string }> {
  const cursor = page.after === undefined ? undefined : decodeCursor(page.after);
  const rows = await db.query<{ at: Date; at_us: string; key: string; kind: string; detail: Record<string, unknown> }>(
    `SELECT at, at_us::text AS at_us, key, kind, detail
       FROM (SELECT entries.*, (extract(epoch FROM at) * 1000000)::bigint AS at_us FROM (${timelineEntriesSql}) entries) timeline
      WHERE $2::bigint IS NULL OR (at_us, key) < ($2::bigint, $3::text)
      ORDER BY at DESC, key DESC
      LIMIT $4`,
    [customerId, cursor?.atMicros ?? null, cursor?.key ?? null, page.limit],
  );
  const entries = rows.map((row) => ({ at: new Date(row.at).toISOString(), kind: row.kind, detail: row.detail }));
  const last = rows.at(-1);
  return { entries, ...(last && rows.length === page.limit && { next: encodeCursor({ atMicros: last.at_us, key: last.key }) }) };
}

function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(`${cursor.atMicros}|${cursor.key}`, 'utf8').toString('base64url');
}

/**
 * The cursor of `after`; a value that is not one reads as the start (a page cursor is opaque, so
 * nothing else can be meant): a moment beyond PostgreSQL's bigint, or a key PostgreSQL cannot hold
 * as text (NUL), would otherwise be a server error.
 */
function decodeCursor(after: string): TimelineCursor | undefined {
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  const atMicros = text.slice(0, bar);
  const key = text.slice(bar + 1);
  if (bar <= 0 || !/^-?\d{1,18}$/.test(atMicros) || key.includes('\u0000') || key.length > 200) return undefined;
  return { atMicros, key };
}
