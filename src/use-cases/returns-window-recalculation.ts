/**
 * The step of the workflow `returns-window-{customerId}`: when a counted return leaves the window,
 * recalculate the customer's profiles and find when the next one leaves. Imports no workflow code:
 * the worker's activity calls it, and the workflow imports the activity's types.
 */
import type { RuleSet } from '../rules/rule-set';
import { lockCustomer } from '../store/customer-store';
import type { Database } from '../store/database';
import { nextReturnExpiry, recordReturnsWindowSchedule } from '../store/returns-window-store';
import { recalculateProfiles } from './profile-recalculation';

/** Recalculates at `at` (the workflow's clock) and tells when the next counted return ages out. */
export async function recalculateForReturnsWindow(
  db: Database,
  ruleSet: RuleSet,
  customerId: string,
  at: Date,
): Promise<{ nextExpiry: string | null; changed: string[] }> {
  return db.transaction(async (tx) => {
    // A return recorded meanwhile waits for this recalculation, so that neither decides on stale facts.
    const customer = await lockCustomer(tx, customerId);
    // A duplicate merged away holds no profile and no return: its workflow has nothing left to watch and ends.
    if (customer.mergedInto) return { nextExpiry: null, changed: [] };
    const { changed } = await recalculateProfiles(tx, ruleSet, customerId, at, 'return-left-window');
    const next = await nextReturnExpiry(tx, customerId, ruleSet.settings.returnsWindow, at);
    await recordReturnsWindowSchedule(tx, customerId, next ?? null, ruleSet.settings.returnsWindow);
    return { nextExpiry: next?.toISOString() ?? null, changed: changed.map((change) => `${change.setId}:${change.to ?? 'none'}`) };
  });
}
