/**
 * Cash-on-delivery limits (seed 002): available = Total COD Limit Per User − open holds, computed
 * at read time, so a change of the limit applies to everyone at once.
 */
import { RulebookError } from '../errors';
import { getCustomer, unknownCustomer } from './customer-store';
import type { Queryable } from './database';
import { appendTimeline } from './timeline-store';

/** A COD order larger than what the customer has available, or COD switched off for the channel. */
export class CodRefusedError extends RulebookError {
  readonly code = 'cod-refused';
  readonly title = 'Cash on delivery refused';
}

export type CodChannel = 'pos' | 'storefront';
export type HoldRelease = 'delivered' | 'cancelled' | 'returned-to-origin' | 'transit-time-exceeded';

/** An amount in rupees (numeric(14, 2) text or a number) as whole paise. */
const toPaise = (amount: string | number) => Math.round(Number(amount) * 100);

/** The customer's COD position: switches, limit, available amount and open holds. */
export async function codPosition(db: Queryable, customerId: string, totalLimit: number) {
  const customer = await getCustomer(db, customerId);
  const holds = await db.query<{ order_id: string; amount: string; held_at: Date }>(
    'SELECT order_id, amount, held_at FROM cod_holds WHERE customer_id = $1 AND released_at IS NULL ORDER BY held_at, order_id',
    [customerId],
  );
  // In whole paise: a floating-point sum of rupee amounts drifts (50000 − 42123.11 gave 7876.889999999999,
  // which refused an order of exactly the 7876.89 available).
  const heldPaise = holds.reduce((sum, hold) => sum + toPaise(hold.amount), 0);
  return {
    customerId,
    enabled: customer.codEnabled,
    totalLimit,
    available: (toPaise(totalLimit) - heldPaise) / 100,
    openHolds: holds.map((hold) => ({ orderId: hold.order_id, amount: Number(hold.amount), heldAt: new Date(hold.held_at).toISOString() })),
  };
}

/**
 * Checks and records the hold of an order recorded before, in one statement in the caller's
 * transaction: the customer and its facts row are locked (as lockCustomerAndRecordCodOrder does,
 * which records a new COD order with its hold), so two orders of one customer are checked one after
 * the other, never both against the same available amount. The amount held is the facts table's
 * exact sum of the open holds (kept by the holds' trigger), read as last committed. The hold is due at `dueAt`; `firstOfItsMoment` says that no
 * hold due then was placed before, so the caller queues the start of that moment's workflow.
 */
export async function holdCod(
  db: Queryable,
  order: { id: string; customerId: string; channel: CodChannel; value: number },
  totalLimit: number,
  dueAt?: Date,
): Promise<{ firstOfItsMoment: boolean }> {
  const [row] = await db.query<{ enabled: boolean; held: string; inserted: boolean; first_of_its_moment: boolean }>(
    `WITH c AS (SELECT id, coalesce((cod_enabled ->> $3)::boolean, true) AS enabled FROM customers WHERE id = $2 FOR UPDATE),
     f AS (SELECT cod_held_exact FROM customer_facts WHERE customer_id = (SELECT id FROM c) FOR UPDATE),
     held AS (SELECT coalesce(
                (SELECT cod_held_exact FROM f),
                (SELECT sum(amount) FROM cod_holds WHERE customer_id = $2 AND released_at IS NULL), 0) AS held),
     inserted AS (
       INSERT INTO cod_holds (order_id, customer_id, amount, due_at)
       SELECT $1, $2, $4, $6 FROM c, held WHERE c.enabled AND held.held + $4::numeric <= $5::numeric
       ON CONFLICT (order_id) DO NOTHING RETURNING 1),
     moment AS (
       INSERT INTO cod_hold_moments (due_at) SELECT $6 FROM inserted WHERE $6::timestamptz IS NOT NULL
       ON CONFLICT (due_at) DO NOTHING RETURNING 1)
     SELECT c.enabled, held.held::text AS held, EXISTS (SELECT 1 FROM inserted) AS inserted,
            EXISTS (SELECT 1 FROM moment) AS first_of_its_moment
     FROM c, held`,
    [order.id, order.customerId, order.channel, order.value, totalLimit, dueAt ?? null],
  );
  if (!row) throw unknownCustomer(order.customerId);
  if (row.inserted) return { firstOfItsMoment: row.first_of_its_moment };
  const refusal = codRefusal(order, totalLimit, row);
  if (refusal) throw refusal;
  // Not inserted, yet within the limit: the order already held (a repeat), which changes nothing.
  return { firstOfItsMoment: false };
}

/**
 * Why a COD order that was not held is refused — COD switched off for its channel, or more than the
 * customer has available given what is `held` — or undefined when it was within the limit.
 */
export function codRefusal(
  order: { customerId: string; channel: CodChannel; value: number },
  totalLimit: number,
  position: { enabled: boolean; held: string },
): CodRefusedError | undefined {
  if (!position.enabled) {
    return new CodRefusedError(
      `Cash on delivery is switched off for customer ${order.customerId} on the ${order.channel} channel. Use another payment method, or switch it on (PATCH codEnabled).`,
      { channel: order.channel },
    );
  }
  const available = (toPaise(totalLimit) - toPaise(position.held)) / 100;
  if (order.value <= available) return undefined;
  return new CodRefusedError(
    `This COD order of ${order.value} exceeds the customer's available COD limit of ${available} (limit ${totalLimit} − ${toPaise(position.held) / 100} held by undelivered COD orders). Lower the amount, or wait for a delivery.`,
    { available, totalLimit },
  );
}

/** When an order's hold is due; null for a hold placed before holds had a due moment (or no hold). */
export async function codHoldDueAtOf(db: Queryable, orderId: string): Promise<Date | null> {
  const [row] = await db.query<{ due_at: Date | null }>('SELECT due_at FROM cod_holds WHERE order_id = $1', [orderId]);
  return row?.due_at ? new Date(row.due_at) : null;
}

/** Releases an order's open hold; returns false when it had none (not COD, or already released). */
export async function releaseCod(db: Queryable, orderId: string, reason: HoldRelease): Promise<boolean> {
  return (await releaseCodHold(db, orderId, reason)).released;
}

/**
 * Releases an order's open hold, as `releaseCod`; `ownWorkflow` says that the hold was placed
 * before holds had a due moment, so its own workflow `cod-{orderId}` waits to hear of the release.
 */
export async function releaseCodHold(
  db: Queryable,
  orderId: string,
  reason: HoldRelease,
): Promise<{ released: boolean; ownWorkflow: boolean }> {
  const released = await db.query<{ customer_id: string; amount: string; own_workflow: boolean }>(
    `UPDATE cod_holds SET released_at = now(), release_reason = $2 WHERE order_id = $1 AND released_at IS NULL
     RETURNING customer_id, amount, due_at IS NULL AS own_workflow`,
    [orderId, reason],
  );
  const hold = released[0];
  if (!hold) return { released: false, ownWorkflow: false };
  if (reason === 'transit-time-exceeded') await db.query('UPDATE orders SET flagged_for_review = true WHERE id = $1', [orderId]);
  await appendTimeline(db, {
    customerId: hold.customer_id,
    eventKey: `cod-release:${orderId}`,
    kind: 'cod-hold-released',
    detail: releaseDetail(orderId, Number(hold.amount), reason),
  });
  return { released: true, ownWorkflow: hold.own_workflow };
}

/**
 * Releases up to `limit` holds still open at their due moment `dueAt` (or earlier), in one
 * statement: each order flagged for review and its release on the timeline, as `releaseCod` does
 * for one. Returns how many it released; fewer than `limit` means none is left. The orders are
 * locked first, in id order, as a delivery locks its order before its hold: the two never deadlock,
 * and a hold a delivery released meanwhile is skipped.
 */
export async function releaseDueCodHolds(db: Queryable, dueAt: Date, limit: number): Promise<number> {
  const [row] = await db.query<{ released: number }>(
    `WITH due AS (
       SELECT o.id AS order_id FROM cod_holds h JOIN orders o ON o.id = h.order_id
       WHERE h.released_at IS NULL AND h.due_at <= $1 ORDER BY o.id LIMIT $2 FOR UPDATE OF o),
     released AS (
       UPDATE cod_holds h SET released_at = now(), release_reason = 'transit-time-exceeded'
         FROM due WHERE h.order_id = due.order_id AND h.released_at IS NULL
       RETURNING h.order_id, h.customer_id, h.amount),
     flagged AS (UPDATE orders o SET flagged_for_review = true FROM released r WHERE o.id = r.order_id),
     timeline AS (
       INSERT INTO customer_timeline (customer_id, event_key, kind, detail)
       SELECT customer_id, 'cod-release:' || order_id, 'cod-hold-released',
              jsonb_build_object('orderId', order_id, 'amount', amount, 'reason', 'transit-time-exceeded', 'flaggedForReview', true)
       FROM released ORDER BY order_id
       ON CONFLICT (event_key) DO NOTHING)
     SELECT count(*)::int AS released FROM released`,
    [dueAt, limit],
  );
  return row?.released ?? 0;
}

/** Forgets the due moments up to `dueAt` once their holds are released (the table only says which moments have their workflow). */
export async function forgetCodHoldMoments(db: Queryable, dueAt: Date): Promise<void> {
  await db.query('DELETE FROM cod_hold_moments WHERE due_at <= $1', [dueAt]);
}

/** The timeline's record of a release: ids and the amount, and the review flag of a hold that ran out of time. */
function releaseDetail(orderId: string, amount: number, reason: HoldRelease) {
  return { orderId, amount, reason, ...(reason === 'transit-time-exceeded' && { flaggedForReview: true }) };
}
