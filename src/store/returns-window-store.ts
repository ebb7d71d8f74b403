/** The returns window in the database: when a customer's next counted return leaves it, and what the workflow was told. */
import { leavesWindowAt, windowMonths } from '../rules/derive-facts';
import type { ReturnsWindow } from '../rules/rule-types';
import type { Queryable } from './database';

/**
 * When the customer's next counted return leaves the window — the oldest one still counted, or a
 * return dated in the future once it is made counts later — or undefined when none ever will.
 */
export async function nextReturnExpiry(db: Queryable, customerId: string, window: ReturnsWindow, now: Date): Promise<Date | undefined> {
  const months = windowMonths(window);
  if (months === undefined) return undefined;
  const [row] = await db.query<{ oldest: Date | null }>(
    `SELECT min(returned_at) AS oldest FROM returns
     WHERE customer_id = $1 AND returned_at <= $2 AND returned_at + make_interval(months => $3::int) > $2`,
    [customerId, now.toISOString(), months],
  );
  return row?.oldest ? leavesWindowAt(new Date(row.oldest), window) : undefined;
}

/** Remembers the moment the workflow was told (or found) to recalculate next, under `window`; null when none. */
export async function recordReturnsWindowSchedule(
  db: Queryable,
  customerId: string,
  nextAt: Date | null,
  window: ReturnsWindow,
): Promise<void> {
  if (nextAt === null) {
    await db.query('DELETE FROM returns_window_schedule WHERE customer_id = $1', [customerId]);
    return;
  }
  await db.query(
    `INSERT INTO returns_window_schedule (customer_id, next_at, returns_window) VALUES ($1, $2, $3)
     ON CONFLICT (customer_id) DO UPDATE SET next_at = $2, returns_window = $3`,
    [customerId, nextAt.toISOString(), window],
  );
}

/**
 * In one statement: when the customer's oldest counted return at `now` leaves the window, and
 * whether that differs from the moment last recorded — which it then replaces. Month arithmetic
 * in UTC (the sessions run in UTC), like `leavesWindowAt`.
 */
export async function rescheduleReturnsWindow(
  db: Queryable,
  customerId: string,
  window: ReturnsWindow,
  now: Date,
): Promise<{ nextAt: Date; changed: boolean } | undefined> {
  const months = windowMonths(window);
  if (months === undefined) return undefined;
  const [row] = await db.query<{ next_at: Date | null; changed: boolean }>(
    `WITH next AS (
       SELECT min(returned_at) + make_interval(months => $3::int) AS at FROM returns
       WHERE customer_id = $1 AND returned_at <= $2 AND returned_at + make_interval(months => $3::int) > $2),
     recorded AS (
       INSERT INTO returns_window_schedule (customer_id, next_at, returns_window)
       SELECT $1, next.at, $4::text FROM next
       WHERE next.at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM returns_window_schedule s
                         WHERE s.customer_id = $1 AND s.next_at = next.at AND s.returns_window IS NOT DISTINCT FROM $4::text)
       ON CONFLICT (customer_id) DO UPDATE SET next_at = excluded.next_at, returns_window = excluded.returns_window
       RETURNING 1)
     SELECT (SELECT at FROM next) AS next_at, EXISTS (SELECT 1 FROM recorded) AS changed`,
    [customerId, now.toISOString(), months, window],
  );
  return row?.next_at ? { nextAt: new Date(row.next_at), changed: row.changed } : undefined;
}

/** Forgets the customer's scheduled moment (a merge brought returns it did not count): the next return works it out again. */
export async function forgetReturnsWindowSchedule(db: Queryable, customerId: string): Promise<void> {
  await db.query('DELETE FROM returns_window_schedule WHERE customer_id = $1', [customerId]);
}
