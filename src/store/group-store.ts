/**
 * Group membership in the database: conditional groups are counted and listed by translating
 * their condition into SQL over the facts table customer_facts (typed, indexed columns kept by
 * the triggers of migration 0016); static groups are stored member lists.
 */
import { operatorContext } from '../rules/evaluate';
import type { CompiledGroup, RuleSet } from '../rules/rule-set';
import { conditionSql } from './condition-sql';
import type { Queryable } from './database';
import { SqlParameters } from './sql-parameters';

/** A conditional group's members as a query over the facts table `f`: its FROM and WHERE. */
interface FactsQuery {
  from: string;
  where: string;
}

/**
 * The conditional group's members among customer_facts `f` (customers not erased whose facts meet
 * the condition); customers `c` is joined only when the condition reads an attribute without a
 * facts column.
 */
function conditionalMembership(ruleSet: RuleSet, group: CompiledGroup, now: Date, params: SqlParameters): FactsQuery {
  const settings = ruleSet.settings;
  const scope = { params, now, settings, attributes: ruleSet.attributes, context: operatorContext(settings, now), readsCustomers: false };
  const predicate = conditionSql(group.condition!, scope);
  const from = scope.readsCustomers ? 'customer_facts f JOIN customers c ON c.id = f.customer_id' : 'customer_facts f';
  return { from, where: `NOT f.erased AND ${predicate}` };
}

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
  // The condition may read `c` itself; inside EXISTS that is the outer customer.
  const predicate = conditionSql(group.condition!, {
    params,
    now,
    settings,
    attributes: ruleSet.attributes,
    context: operatorContext(settings, now),
  });
  return { where: `EXISTS (SELECT 1 FROM customer_facts f WHERE f.customer_id = c.id AND NOT f.erased AND ${predicate})`, params };
}

/** The query counting a group's members at `now`, with its parameters (also for EXPLAIN). */
export function countMembersSql(ruleSet: RuleSet, group: CompiledGroup, now: Date): { sql: string; params: SqlParameters } {
  const params = new SqlParameters();
  if (group.kind === 'static') {
    const { where } = membershipSql(ruleSet, group, now, params);
    return { sql: `SELECT count(*)::int AS count FROM customers c WHERE ${where}`, params };
  }
  const { from, where } = conditionalMembership(ruleSet, group, now, params);
  return { sql: `SELECT count(*)::int AS count FROM ${from} WHERE ${where}`, params };
}

/** How many customers are in the group at `now`. */
export async function countGroupMembers(db: Queryable, ruleSet: RuleSet, group: CompiledGroup, now: Date): Promise<number> {
  const { sql, params } = countMembersSql(ruleSet, group, now);
  const [row] = await db.query<{ count: number }>(sql, params.values);
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
  const params = new SqlParameters();
  const { from, where, id } =
    group.kind === 'static'
      ? { from: 'customers c', where: membershipSql(ruleSet, group, now, params).where, id: 'c.id' }
      : { ...conditionalMembership(ruleSet, group, now, params), id: 'f.customer_id' };
  const after = page.after === undefined ? '' : ` AND ${id} > ${params.add(page.after, 'text')}`;
  const rows = await db.query<{ id: string }>(
    `SELECT ${id} AS id FROM ${from} WHERE ${where}${after} ORDER BY ${id} LIMIT ${params.add(page.limit, 'int')}`,
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
