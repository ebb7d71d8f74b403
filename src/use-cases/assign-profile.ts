/**
 * Assigning a profile of a manual set by hand (PUT /v1/customers/{customerId}/profiles/{setId}):
 * the reminder sequences that followed another profile of the set end (stopWhen: profile-changed).
 */
import { ConflictError } from '../errors';
import { findProfileSet } from '../rules/find-in-rule-set';
import type { RuleSet } from '../rules/rule-set';
import { lockCustomer, refuseMerged } from '../store/customer-store';
import { setProfile } from '../store/profile-store';
import { customerView } from './customer-view';
import { stopSequencesOfOtherProfiles } from './dunning-process';
import type { ProcessDeps } from './process-deps';

/** Assigns the profile, stops the sequences it ends, and answers with the customer as the API shows it. */
export async function assignManualProfile(
  deps: ProcessDeps,
  ruleSet: RuleSet,
  assignment: { customerId: string; setId: string; profileId: string; assignedBy: string },
) {
  const { customerId, setId, profileId, assignedBy } = assignment;
  const set = findProfileSet(ruleSet, setId);
  if (set.assignment !== 'manual')
    throw new ConflictError(`Profile set "${setId}" is assigned automatically by its rules; it cannot be set by hand.`);
  findProfileSet(ruleSet, setId, profileId);
  await deps.db.transaction(async (tx) => {
    // Under the customer's lock: a merge waits, and a duplicate merged away holds no profile again.
    refuseMerged(await lockCustomer(tx, customerId), 'assign profiles to');
    // Only on a change: a repeated request finds the sequences already told (in the first one's transaction).
    if (await setProfile(tx, { customerId, setId, profileId, assignedBy }))
      await stopSequencesOfOtherProfiles(tx, ruleSet, { customerId, setId, profileId });
  });
  return customerView(deps.db, ruleSet, customerId);
}
