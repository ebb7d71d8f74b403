/** Side effects of COD holds, as a factory over the database. */
import { releaseCodHoldsDue, releaseExpiredCodHold } from '../src/use-cases/expire-cod-hold';
import type { Database } from '../src/store/database';
import { failPermanentlyOnUserErrors } from './fail-permanently';

export interface CodActivityDeps {
  db: Database;
}

/** The COD activities bound to their dependencies. */
export function createCodActivities({ db }: CodActivityDeps) {
  return failPermanentlyOnUserErrors({
    /** Releases a hold whose order stayed in transit too long, flagging the order; false if already settled. */
    async expireCodHold({ orderId }: { orderId: string }): Promise<boolean> {
      return releaseExpiredCodHold(db, orderId);
    },
    /** Releases the holds still open at their due moment, flagging their orders; how many. */
    async releaseCodHoldsDue({ dueAt }: { dueAt: string }): Promise<number> {
      return releaseCodHoldsDue(db, new Date(dueAt));
    },
  });
}

export type CodActivities = ReturnType<typeof createCodActivities>;
