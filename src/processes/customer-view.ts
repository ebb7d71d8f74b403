/** A customer as the API shows it: stored fields, profiles per set, and the groups they are in now. */
import { evaluate } from '../rules/evaluate';
import type { RuleSet } from '../rules/rule-set';
import { loadCustomerFacts } from '../store/customer-facts-store';
import { getCustomer } from '../store/customer-store';
import type { Queryable } from '../store/database';
import { getCustomerProfiles } from '../store/profile-store';

/** The customer with profiles and groups; conditional groups come from the in-memory evaluation. */
export async function customerView(db: Queryable, ruleSet: RuleSet, customerId: string, now = new Date()) {
  const customer = await getCustomer(db, customerId);
  const [profiles, facts, staticRows] = await Promise.all([
    getCustomerProfiles(db, customerId),
    loadCustomerFacts(db, ruleSet, now, [customerId]),
    db.query<{ group_id: string }>('SELECT group_id FROM static_group_members WHERE customer_id = $1 ORDER BY group_id', [customerId]),
  ]);
  const conditional = customer.erasureState === 'erased' ? [] : evaluate(ruleSet, facts.get(customerId) ?? {}, now).groups;
  const known = new Set(ruleSet.groups.map((group) => group.id));
  const groups = [...conditional, ...staticRows.map((row) => row.group_id).filter((id) => known.has(id))];
  return { ...customer, profiles, groups };
}
