/**
 * The facts of customers as the rules see them — attributes, derived facts and manual profile
 * assignments — read from the database at an instant, with the same SQL as group counts: one
 * statement reading the customer's row of customer_facts (kept by triggers, see migration 0016),
 * finished with what depends on the clock.
 */
import type { FactValues } from '../rules/fact-values';
import type { RuleSet } from '../rules/rule-set';
import { factSql, type FactSqlScope } from './customer-facts-sql';
import type { Queryable } from './database';
import { SqlParameters } from './sql-parameters';

/**
 * Facts of the given customers (all customers not erased when `customerIds` is undefined), by id;
 * only the facts named in `only` when given (e.g. the facts the rules a trigger concerns read).
 */
export async function loadCustomerFacts(
  db: Queryable,
  ruleSet: RuleSet,
  now: Date,
  customerIds?: string[],
  settings: Partial<FactSqlScope['settings']> = {},
  only?: readonly string[],
): Promise<Map<string, FactValues>> {
  const params = new SqlParameters();
  const scope: FactSqlScope = { params, now, settings: { ...ruleSet.settings, ...settings } };
  const attributes = [...ruleSet.attributes.values()].filter((attribute) => !attribute.encrypted && (!only || only.includes(attribute.id)));
  const columns = attributes.map((attribute, index) => {
    const { sql } = factSql(attribute, scope);
    return `${attribute.type === 'date' ? `to_char(${sql}, 'YYYY-MM-DD')` : sql} AS f${index}`;
  });
  // One customer (every event) by equality: a plan PostgreSQL keeps for the prepared statement, where ANY(array) is planned anew each time.
  const filter = !customerIds
    ? 'NOT f.erased'
    : customerIds.length === 1
      ? `f.customer_id = ${params.add(customerIds[0], 'text')}`
      : `f.customer_id = ANY(${params.add(customerIds, 'text[]')})`;
  const from = scope.readsCustomers ? 'customer_facts f JOIN customers c ON c.id = f.customer_id' : 'customer_facts f';
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${['f.customer_id AS id', ...columns].join(', ')},
       (SELECT jsonb_object_agg(cp.set_id, cp.profile_id) FROM customer_profiles cp WHERE cp.customer_id = f.customer_id) AS profiles
     FROM ${from} WHERE ${filter} ORDER BY f.customer_id`,
    params.values,
  );
  const facts = new Map<string, FactValues>();
  for (const row of rows) {
    const values: Record<string, unknown> = {};
    attributes.forEach((attribute, index) => {
      const value = row[`f${index}`];
      if (value !== null && value !== undefined) values[attribute.id] = value;
    });
    if (row.profiles) values.profiles = row.profiles;
    facts.set(row.id as string, values);
  }
  return facts;
}
