/**
 * The end of a COD hold whose order stayed in transit longer than `cod.longestTransitDays`: the
 * hold is released and the order flagged for review. The workflow `cod-{orderId}` runs it through
 * an activity, so this module imports no workflow code.
 */
import { releaseCod } from '../store/cod-store';
import type { Database } from '../store/database';

/** Releases the order's hold and flags the order, in one transaction; false when the hold was already settled. */
export async function releaseExpiredCodHold(db: Database, orderId: string): Promise<boolean> {
  return db.transaction((tx) => releaseCod(tx, orderId, 'transit-time-exceeded'));
}
