/**
 * A customer as the API shows it: stored fields, profiles per set, and the groups they are in now;
 * the search, the attribute history, the timeline and the COD position, each as the API shows it.
 */
import { randomUUID } from 'node:crypto';
import { phoneNumberOrRefuse } from '../contacts/phone-number';
import { isSealedValue, maskEncryptedValue, maskEncryptedValues, type AttributeCipher } from '../encryption/attribute-cipher';
import { evaluate } from '../rules/evaluate';
import { findGroup } from '../rules/find-in-rule-set';
import { personalAttributeIds } from '../rules/personal-attributes';
import type { RuleSet } from '../rules/rule-set';
import { codPosition } from '../store/cod-store';
import { loadCustomerFacts } from '../store/customer-facts-store';
import { searchCustomers } from '../store/customer-search';
import { getCustomer, getCustomerWithMetrics, listAttributeChanges, type Customer } from '../store/customer-store';
import type { Queryable } from '../store/database';
import { staticGroupsOf } from '../store/group-store';
import { getCustomerProfiles } from '../store/profile-store';
import { appendTimeline, getTimeline } from '../store/timeline-store';

/**
 * The customer with profiles, groups and metrics; conditional groups come from the in-memory
 * evaluation. Encrypted attributes are masked (`{"encrypted": true}`): see `revealEncryptedAttributes`.
 * The metrics (total spent, transactions, outstanding amount…) name the settings currency, and give
 * the last transaction's day in the settings time zone, as conditions on last_transaction_date see it.
 */
export async function customerView(db: Queryable, ruleSet: RuleSet, customerId: string, now = new Date()) {
  const { customer, metrics } = await getCustomerWithMetrics(db, customerId, ruleSet.settings.timeZone);
  const [profiles, facts, staticGroups] = await Promise.all([
    getCustomerProfiles(db, customerId),
    loadCustomerFacts(db, ruleSet, now, [customerId]),
    staticGroupsOf(db, customerId),
  ]);
  // As the database counts them: an erased customer is in no conditional group, a duplicate merged away in none at all.
  const uncounted = customer.erasureState === 'erased' || customer.mergedInto !== null;
  const conditional = uncounted ? [] : evaluate(ruleSet, facts.get(customerId) ?? {}, now).groups;
  const known = new Set(ruleSet.groups.map((group) => group.id));
  const groups = [...conditional, ...staticGroups.filter((id) => known.has(id))];
  return {
    ...maskedCustomer(customer, ruleSet),
    personalAttributes: personalAttributeIds(ruleSet),
    profiles,
    groups,
    metrics: { currency: ruleSet.settings.currency, ...metrics },
  };
}

/** What a customer search may filter on; `group` is a group id of the rule set. */
export interface CustomerQuery {
  email?: string;
  phone?: string;
  q?: string;
  /** How `q` matches names (see CustomerFilters): `word` for a caller shown masked names. */
  nameMatch?: 'part' | 'word';
  active?: boolean;
  group?: string;
}

/** One page of the customers matching every filter, in id order, masked; `next` is the `after` of the next page. */
export async function findCustomers(
  db: Queryable,
  ruleSet: RuleSet,
  query: CustomerQuery,
  page: { limit: number; after?: string },
  now = new Date(),
) {
  const { group, phone, ...filters } = query;
  const customers = await searchCustomers(
    db,
    ruleSet,
    {
      ...filters,
      // Phones are stored in E.164: the query is read the way a new customer's phone is, whatever its spelling.
      ...(phone && {
        phone: phoneNumberOrRefuse(phone, ruleSet.settings.defaultPhoneRegion, {
          pointer: '/phone',
          subject: 'The query parameter "phone"',
        }),
      }),
      ...(group !== undefined && { group: findGroup(ruleSet, group) }),
    },
    page,
    now,
  );
  const next = customers.length === page.limit ? customers.at(-1)!.id : undefined;
  return { customers: customers.map((customer) => maskedCustomer(customer, ruleSet)), ...(next && { next }) };
}

/** A stored customer with its encrypted attributes masked, as every response shows it. */
export function maskedCustomer(customer: Customer, ruleSet: RuleSet): Customer {
  return { ...customer, attributes: maskEncryptedValues(customer.attributes, ruleSet.attributes) };
}

/** The attribute history, newest first, with the old and new values of encrypted attributes masked. */
export async function attributeChangesView(db: Queryable, ruleSet: RuleSet, customerId: string) {
  await getCustomer(db, customerId);
  const changes = await listAttributeChanges(db, customerId);
  return changes.map((change) => ({
    ...change,
    oldValue: maskEncryptedValue(change.attribute, change.oldValue, ruleSet.attributes),
    newValue: maskEncryptedValue(change.attribute, change.newValue, ruleSet.attributes),
  }));
}

/**
 * The clear values of the customer's encrypted attributes, for a caller allowed to read personal
 * data. Each reveal goes on the customer's timeline with the caller (`token-<n>`) and the attribute
 * ids, never the values. A value sealed under a key that is not configured fails the whole reveal
 * (EncryptionKeyMissingError), before anything is recorded.
 */
export async function revealEncryptedAttributes(
  db: Queryable,
  ruleSet: RuleSet,
  cipher: AttributeCipher,
  customerId: string,
  caller: string,
) {
  const customer = await getCustomer(db, customerId);
  const attributes: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(customer.attributes)) {
    if (isSealedValue(value)) attributes[id] = cipher.open(id, value);
    else if (ruleSet.attributes.get(id)?.encrypted) attributes[id] = value;
  }
  await appendTimeline(db, {
    customerId,
    eventKey: `reveal:${randomUUID()}`,
    kind: 'encrypted-attributes-revealed',
    detail: { attributes: Object.keys(attributes), caller },
  });
  return { customerId, attributes };
}

/** What happened to the customer, newest first, a page at a time; NotFoundError for an unknown customer. */
export async function customerTimeline(db: Queryable, customerId: string, page: { limit: number; after?: string }) {
  await getCustomer(db, customerId);
  return { customerId, ...(await getTimeline(db, customerId, page)) };
}

/** The customer's cash-on-delivery position under the limit of the rule set: switches, limit, available amount, open holds. */
export async function codPositionView(db: Queryable, ruleSet: RuleSet, customerId: string) {
  return codPosition(db, customerId, ruleSet.settings.cod.totalLimitPerUser);
}
