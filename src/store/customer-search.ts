/** Customer search: by email, phone, name part, id or receipt (order id), group and active flag. */
import type { CompiledGroup, RuleSet } from '../rules/rule-set';
import { getCustomers, type Customer } from './customer-store';
import type { Queryable } from './database';
import { membershipSql } from './group-store';
import { SqlParameters } from './sql-parameters';

export interface CustomerFilters {
  email?: string;
  /** In E.164, as phones are stored. */
  phone?: string;
  q?: string;
  /**
   * How `q` matches names: `part` — any part of a name (for callers who see names); `word` — a whole
   * word of it or the whole name, so that a caller shown masked names cannot spell one out a letter
   * at a time.
   */
  nameMatch?: 'part' | 'word';
  group?: CompiledGroup;
  active?: boolean;
}

/** One page of matching customers in id order. */
export async function searchCustomers(
  db: Queryable,
  ruleSet: RuleSet,
  filters: CustomerFilters,
  page: { limit: number; after?: string },
  now: Date,
): Promise<Customer[]> {
  const params = new SqlParameters();
  const where: string[] = ['TRUE'];
  if (filters.email) where.push(`lower(c.email) = lower(${params.add(filters.email.trim(), 'text')})`);
  if (filters.phone) where.push(`c.phone = ${params.add(filters.phone, 'text')}`);
  if (filters.active !== undefined) where.push(`c.active = ${params.add(filters.active, 'boolean')}`);
  const q = filters.q ? params.add(filters.q.trim(), 'text') : undefined;
  if (q) {
    where.push(
      `(c.id = ${q} OR ${nameCondition(q, filters.nameMatch ?? 'part')} OR EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.id = ${q}))`,
    );
  }
  // A merged duplicate is found by its id only: a system holding that id learns the survivor from
  // it (mergedInto); every other search shows the survivor alone.
  where.push(q ? `(c.merged_into IS NULL OR c.id = ${q})` : 'c.merged_into IS NULL');
  if (filters.group) where.push(membershipSql(ruleSet, filters.group, now, params).where);
  if (page.after !== undefined) where.push(`c.id > ${params.add(page.after, 'text')}`);
  const rows = await db.query<{ id: string }>(
    `SELECT c.id FROM customers c WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT ${params.add(page.limit, 'int')}`,
    params.values,
  );
  return getCustomers(
    db,
    rows.map((row) => row.id),
  );
}

/** The condition on the name for the search text `q` (a parameter placeholder). */
function nameCondition(q: string, match: 'part' | 'word'): string {
  if (match === 'part') return `strpos(lower(c.name), lower(${q})) > 0`;
  return `(lower(c.name) = lower(${q}) OR lower(${q}) = ANY (regexp_split_to_array(lower(c.name), '\\s+')))`;
}
