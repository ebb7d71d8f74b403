/**
 * Obfuscation (seed 003, POST /v1/customers/{customerId}/obfuscation): the customer's personal data
 * replaced at once by fake values — unlike the erasure, no grace period and the customer stays a
 * customer, with its id, orders, invoices and metrics. Refused while related entities are active.
 */
import { fakePersonalData } from '../contacts/fake-personal-data';
import type { AttributeCipher } from '../encryption/attribute-cipher';
import { personalAttributeIds } from '../rules/personal-attributes';
import type { RuleSet } from '../rules/rule-set';
import { columnAttributeIds } from '../store/attribute-values';
import type { Database } from '../store/database';
import { obfuscateCustomer, type ObfuscationRecord } from '../store/obfuscation-store';

export interface ObfuscationRequest {
  reason: string;
  requestedBy: string;
}

/**
 * Replaces every personal field of the customer with fake values seeded by its id; answers with the
 * names of what was replaced, never a value. A repeat that finds nothing left to replace answers the
 * earlier obfuscation with `repeated: true`.
 */
export async function obfuscatePersonalData(
  db: Database,
  ruleSet: RuleSet,
  cipher: AttributeCipher,
  customerId: string,
  request: ObfuscationRequest,
): Promise<ObfuscationRecord & { repeated: boolean }> {
  const { record, repeated } = await obfuscateCustomer(db, customerId, request, {
    // Name, email and phone are the customer's own columns, replaced as such.
    personalAttributes: personalAttributeIds(ruleSet).filter((id) => !columnAttributeIds.has(id)),
    sealer: cipher.forCatalog(ruleSet.attributes),
    fakes: fakePersonalData(customerId, ruleSet.attributes),
  });
  return { ...record, repeated };
}
