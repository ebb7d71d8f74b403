/**
 * The end of COD holds whose orders stayed in transit longer than `cod.longestTransitDays`: the
 * hold is released and the order flagged for review. The workflows `cod-holds-due-{moment}` (one
 * per due minute) and, for holds placed before holds had a due moment, `cod-{orderId}` run these
 * through activities, so this module imports no workflow code.
 */
import { forgetCodHoldMoments, releaseCod, releaseDueCodHolds } from '../store/cod-store';
import type { Database } from '../store/database';

/** Holds released per transaction: a busy minute's holds are released in several short ones. */
const releaseBatch = 500;

/** Releases the order's hold and flags the order, in one transaction; false when the hold was already settled. */
export async function releaseExpiredCodHold(db: Database, orderId: string): Promise<boolean> {
  return db.transaction((tx) => releaseCod(tx, orderId, 'transit-time-exceeded'));
}

/** Releases every hold still open at its due moment `dueAt` (or earlier) and flags its order; how many. */
export async function releaseCodHoldsDue(db: Database, dueAt: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const released = await db.transaction((tx) => releaseDueCodHolds(tx, dueAt, releaseBatch));
    total += released;
    if (released < releaseBatch) break;
  }
  await forgetCodHoldMoments(db, dueAt);
  return total;
}
