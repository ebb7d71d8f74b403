/**
 * Assigning a profile of a manual set by hand (PUT /v1/customers/{customerId}/profiles/{setId}):
 * the reminder sequences that followed another profile of the set end (stopWhen: profile-changed),
 * and the new profile's scenario, if it has one, starts for what is still owed — in the transaction
 * of the change, through the outbox (src/use-cases/manual-profile-change.ts changeManualProfileIn).
 */
import { ConflictError } from '../errors';
import { findProfileSet } from '../rules/find-in-rule-set';
import type { RuleSet } from '../rules/rule-set';
import { customerView } from './customer-view';
import { changeManualProfileIn } from './manual-profile-change';
import type { ProcessDeps } from './process-deps';

/** Assigns the profile, stops the sequences it ends, starts the new scenario's, and answers with the customer as the API shows it. */
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
  await deps.db.transaction((tx) => changeManualProfileIn(tx, ruleSet, { customerId, setId, profileId, by: assignedBy }));
  return customerView(deps.db, ruleSet, customerId);
}
