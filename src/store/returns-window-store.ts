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
