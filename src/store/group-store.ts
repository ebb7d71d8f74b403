/**
 * Group membership in the database: conditional groups are counted and listed by translating
 * their condition into SQL; static groups are stored member lists.
 */
import { operatorContext } from '../rules/evaluate';
import type { CompiledGroup, RuleSet } from '../rules/rule-set';
import { conditionSql } from './condition-sql';
import type { Queryable } from './database';
import { SqlParameters } from './sql-parameters';

/** The WHERE clause selecting the group's members among customers `c`, with its parameters. */
export function membershipSql(
  ruleSet: RuleSet,
  group: CompiledGroup,
  now: Date,
  params = new SqlParameters(),
): { where: string; params: SqlParameters } {
  if (group.kind === 'static') {
    return {
      where: `EXISTS (SELECT 1 FROM static_group_members m WHERE m.customer_id = c.id AND m.group_id = ${params.add(group.id, 'text')})`,
      params,
    };
  }
  const settings = ruleSet.settings;
  const predicate = conditionSql(group.condition!, {
    params,
    now,
    settings,
    attributes: ruleSet.attributes,
    context: operatorContext(settings, now),
  });
  return { where: `c.erasure_state <> 'erased' AND ${predicate}`, params };
}

/** How many customers are in the group at `now`. */
export async function countGroupMembers(db: Queryable, ruleSet: RuleSet, group: CompiledGroup, now: Date): Promise<number> {
  const { where, params } = membershipSql(ruleSet, group, now);
  const [row] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM customers c WHERE ${where}`, params.values);
  return row!.count;
}

/** One page of the group's member ids, in id order, after the id `after`. */
export async function listGroupMembers(
  db: Queryable,
  ruleSet: RuleSet,
  group: CompiledGroup,
  now: Date,
  page: { limit: number; after?: string },
): Promise<string[]> {
  const { where, params } = membershipSql(ruleSet, group, now);
  const after = page.after === undefined ? '' : ` AND c.id > ${params.add(page.after, 'text')}`;
  const rows = await db.query<{ id: string }>(
    `SELECT c.id FROM customers c WHERE ${where}${after} ORDER BY c.id LIMIT ${params.add(page.limit, 'int')}`,
    params.values,
  );
  return rows.map((row) => row.id);
}

/** The static groups the customer was imported into, in id order. */
export async function staticGroupsOf(db: Queryable, customerId: string): Promise<string[]> {
  const rows = await db.query<{ group_id: string }>('SELECT group_id FROM static_group_members WHERE customer_id = $1 ORDER BY group_id', [
    customerId,
  ]);
  return rows.map((row) => row.group_id);
}
