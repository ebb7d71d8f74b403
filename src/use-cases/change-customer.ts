/**
 * Changes to a customer (PATCH /v1/customers/{customerId}): name, active switch, COD switches and
 * typed attributes, the attributes checked against the catalog of the rule set and sealed where
 * declared encrypted; each change recorded with who made it.
 */
import type { AttributeCipher } from '../encryption/attribute-cipher';
import type { RuleSet } from '../rules/rule-set';
import { checkAttributeValues } from '../store/attribute-values';
import { updateCustomer, type CustomerChanges } from '../store/customer-store';
import type { Database } from '../store/database';
import { reencryptAttributeValues } from '../store/encrypted-attribute-store';
import { customerView } from './customer-view';

/** Applies the changes and answers with the customer as the API shows it. */
export async function changeCustomer(
  db: Database,
  ruleSet: RuleSet,
  cipher: AttributeCipher,
  customerId: string,
  changes: CustomerChanges,
) {
  if (changes.attributes) checkAttributeValues(ruleSet.attributes, changes.attributes);
  await updateCustomer(db, customerId, changes, cipher.forCatalog(ruleSet.attributes));
  return customerView(db, ruleSet, customerId);
}

/**
 * Seals every stored value of an encrypted attribute under the current payload key (POST
 * /v1/encrypted-attributes/re-encrypt): after a key rotation, or after declaring an attribute encrypted.
 */
export async function reencryptAttributes(db: Database, ruleSet: RuleSet, cipher: AttributeCipher) {
  return reencryptAttributeValues(db, cipher.forCatalog(ruleSet.attributes));
}
