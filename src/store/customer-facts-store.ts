/**
 * The facts of customers as the rules see them — attributes, derived facts and manual profile
 * assignments — read from the database at an instant, with the same SQL as group counts.
 */
import type { FactValues } from '../rules/fact-values';
import type { RuleSet } from '../rules/rule-set';
import { factSql, type FactSqlScope } from './customer-facts-sql';
import type { Queryable } from './database';
import { SqlParameters } from './sql-parameters';

/** Facts of the given customers (all customers not erased when `customerIds` is undefined), by id. */
export async function loadCustomerFacts(
  db: Queryable,
  ruleSet: RuleSet,
  now: Date,
  customerIds?: string[],
  settings: Partial<FactSqlScope['settings']> = {},
): Promise<Map<string, FactValues>> {
  const params = new SqlParameters();
  const scope: FactSqlScope = { params, now, settings: { ...ruleSet.settings, ...settings } };
  const attributes = [...ruleSet.attributes.values()].filter((attribute) => !attribute.encrypted);
  const columns = attributes.map((attribute, index) => {
    const sql = factSql(attribute, scope);
    return `${attribute.type === 'date' ? `to_char(${sql}, 'YYYY-MM-DD')` : sql} AS f${index}`;
  });
  const filter = customerIds ? `c.id = ANY(${params.add(customerIds, 'text[]')})` : `c.erasure_state <> 'erased'`;
  const rows = await db.query<Record<string, unknown>>(
    `SELECT c.id, ${columns.join(', ')},
       (SELECT jsonb_object_agg(cp.set_id, cp.profile_id) FROM customer_profiles cp WHERE cp.customer_id = c.id) AS profiles
     FROM customers c WHERE ${filter} ORDER BY c.id`,
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
