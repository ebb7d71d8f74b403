/** Side effects of COD holds, as a factory over the database. */
import { releaseExpiredCodHold } from '../src/use-cases/expire-cod-hold';
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
  });
}

export type CodActivities = ReturnType<typeof createCodActivities>;
