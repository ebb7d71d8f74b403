/** A new customer (POST /v1/customers), idempotent by id, with the default profile of every manual profile set. */
import { phoneNumberOrRefuse } from '../contacts/phone-number';
import type { RuleSet } from '../rules/rule-set';
import { createCustomer, type NewCustomer } from '../store/customer-store';
import type { Database, Queryable } from '../store/database';
import { assignDefaultProfiles } from '../store/profile-store';
import { customerView } from './customer-view';

/**
 * Creates the customer with its default profiles in one transaction; answers with the customer as the API shows it.
 * The phone may be written in any usual way; it is stored in E.164 (ValidationError when it is no phone number).
 */
export async function registerCustomer(db: Database, ruleSet: RuleSet, input: NewCustomer) {
  const { customer, created } = await db.transaction((tx) => registerCustomerIn(tx, ruleSet, input));
  return { created, customer: await customerView(db, ruleSet, customer.id) };
}

/** Creates the customer with its default profiles inside a transaction the caller holds. */
export async function registerCustomerIn(tx: Queryable, ruleSet: RuleSet, input: NewCustomer) {
  const phone =
    input.phone === undefined
      ? undefined
      : phoneNumberOrRefuse(input.phone, ruleSet.settings.defaultPhoneRegion, { pointer: '/phone', subject: 'The value of /phone' });
  const outcome = await createCustomer(tx, { ...input, ...(phone !== undefined && { phone }) });
  if (outcome.created) await assignDefaultProfiles(tx, ruleSet, input.id);
  return outcome;
}
