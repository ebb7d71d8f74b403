import type { RuleSet } from '../rules/rule-set';
import { createCustomer, type NewCustomer } from '../store/customer-store';
import type { Database, Queryable } from '../store/database';
import { assignDefaultProfiles } from '../store/profile-store';

/** Creates a customer (idempotent by id) and gives it the manual sets' default profiles, in one transaction. */
export async function createCustomerWithDefaults(db: Database, ruleSet: RuleSet, input: NewCustomer) {
  return db.transaction((tx) => createCustomerWithDefaultsIn(tx, ruleSet, input));
}

/** The same, inside a transaction the caller holds. */
export async function createCustomerWithDefaultsIn(tx: Queryable, ruleSet: RuleSet, input: NewCustomer) {
  const outcome = await createCustomer(tx, input);
  if (outcome.created) await assignDefaultProfiles(tx, ruleSet, input.id);
  return outcome;
}
