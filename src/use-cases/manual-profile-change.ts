/**
 * A change of a customer's profile in a manual set, as every path that makes one does it — by hand
 * (PUT /v1/customers/{id}/profiles/{set}), a reassignment of all holders
 * (POST /v1/profile-sets/{set}/profiles/{id}/reassign) and a rule change's tombstone move: under the
 * customer's lock, the change on the timeline, then the reminders follow it (the sequences of the
 * former profile end with `profile-changed`, the new profile's scenario starts for what is still owed:
 * src/use-cases/dunning-process.ts followProfileChange), all in the caller's transaction.
 */
import type { RuleSet } from '../rules/rule-set';
import { lockCustomer, refuseMerged } from '../store/customer-store';
import type { Queryable } from '../store/database';
import { setProfile } from '../store/profile-store';
import { heldProfileOf, holdersOf } from '../store/rule-profiles-store';
import { followProfileChange } from './dunning-process';

export interface ManualProfileChange {
  customerId: string;
  setId: string;
  profileId: string;
  /** Who makes the change, on the timeline and in customer_profiles. */
  by: string;
  /** Why, on the timeline (a change by hand gives none). */
  reason?: string;
  /** Move the customer only while they still hold this profile (a bulk move counted its holders before locking them). */
  from?: string;
  /** The rules whose scenarios tell which running sequences end (see followProfileChange); `ruleSet` by default. */
  stopRules?: RuleSet;
}

/**
 * In the caller's transaction: locks the customer, gives them the profile (recorded on the timeline)
 * and has the reminders follow the change. A customer merged away is refused (ConflictError). Does
 * nothing — and answers false — when the customer holds the profile already, or no longer holds `from`.
 * Callers changing several customers call it in customer-id order, so that they take the locks in
 * the order every multi-customer change takes them.
 */
export async function changeManualProfileIn(tx: Queryable, ruleSet: RuleSet, change: ManualProfileChange): Promise<boolean> {
  const { customerId, setId, profileId } = change;
  // Under the customer's lock: a merge waits, and a duplicate merged away holds no profile again.
  const customer = await lockCustomer(tx, customerId);
  if (change.from !== undefined && (await heldProfileOf(tx, customerId, setId)) !== change.from) return false;
  refuseMerged(customer, 'assign profiles to');
  // Only on a change: a repeated request finds the sequences already told and started (in the first one's transaction).
  const changed = await setProfile(tx, {
    customerId,
    setId,
    profileId,
    assignedBy: change.by,
    ...(change.reason && { reason: change.reason }),
  });
  if (changed) await followProfileChange(tx, ruleSet, { customerId, setId, profileId }, change.stopRules);
  return changed;
}

/**
 * In the caller's transaction: moves every customer holding `setId/from` to `to`, one after the
 * other in id order, each as changeManualProfileIn changes one (a customer who left `from` since the
 * holders were read stays as they are). How many moved.
 */
export async function moveHoldersIn(
  tx: Queryable,
  ruleSet: RuleSet,
  move: { setId: string; from: string; to: string; by: string; reason: string; stopRules?: RuleSet },
): Promise<number> {
  const { setId, from, to, ...change } = move;
  let moved = 0;
  for (const customerId of await holdersOf(tx, setId, from)) {
    if (await changeManualProfileIn(tx, ruleSet, { customerId, setId, profileId: to, from, ...change })) moved++;
  }
  return moved;
}
