/** Groups as the API shows them: the rule set's groups, the live member count ("View Users") and the member list. */
import { findGroup } from '../rules/find-in-rule-set';
import type { RuleSet } from '../rules/rule-set';
import { writtenCondition } from '../rules/written-condition';
import type { Queryable } from '../store/database';
import { countGroupMembers, listGroupMembers } from '../store/group-store';

/** The groups of the rule set, each with its condition as the rule file writes it (null for a static group). */
export function listGroups(ruleSet: RuleSet) {
  return {
    groups: ruleSet.groups.map(({ id, name, description, kind, condition }) => ({
      id,
      name,
      description,
      kind,
      conditions: condition ? writtenCondition(condition) : null,
    })),
  };
}

/** How many customers are in the group at `at`, counted in the database; NotFoundError for an unknown group. */
export async function groupMemberCount(db: Queryable, ruleSet: RuleSet, groupId: string, at = new Date()) {
  const group = findGroup(ruleSet, groupId);
  return { groupId: group.id, count: await countGroupMembers(db, ruleSet, group, at), at: at.toISOString() };
}

/** One page of the group's member ids at `now`, in id order; `next` is the `after` of the next page. */
export async function groupMembers(
  db: Queryable,
  ruleSet: RuleSet,
  groupId: string,
  page: { limit: number; after?: string },
  now = new Date(),
) {
  const group = findGroup(ruleSet, groupId);
  const customerIds = await listGroupMembers(db, ruleSet, group, now, page);
  const next = customerIds.length === page.limit ? customerIds.at(-1) : undefined;
  return { groupId: group.id, customerIds, ...(next && { next }) };
}
