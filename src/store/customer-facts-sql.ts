/**
 * Customer facts as SQL expressions over the facts table `customer_facts` (alias `f`, kept by the
 * triggers of migration 0016) and, where a fact has no column there, the customers table (alias
 * `c`). Facts that depend on the clock (returns in window, returned percentage) or on the settings
 * (time zone, COD limit) are finished at read time from stored values. The same expressions feed
 * group counts and the facts of one customer, so both agree.
 */
import type { EvaluationSettings } from '../rules/evaluate';
import { windowMonths } from '../rules/derive-facts';
import type { AttributeDefinition, AttributeType } from '../rules/rule-types';
import type { SqlParameters } from './sql-parameters';

export interface FactSqlScope {
  params: SqlParameters;
  now: Date;
  settings: EvaluationSettings & { cod: { totalLimitPerUser: number } };
  /** Set to true by `factSql` when an expression reads the customers row `c` (not only `f`). */
  readsCustomers?: boolean;
}

/** A fact as SQL, typed as its attribute type (float8, boolean, date or text). */
export interface FactSql {
  sql: string;
  /** For a date with a stored month × 100 + day (recurring conditions), that column. */
  monthDay?: string;
  /** For a text with a stored case-folded copy (A–Z folded, as text conditions compare), that column. */
  folded?: string;
  /** A subquery per customer: test it once (coalesce) rather than for NULL and then again. */
  subquery: boolean;
}

/** Attributes kept in their own customers column rather than in `attributes`. */
const customerColumns: Record<string, string> = { name: 'c.name', email: 'c.email', phone: 'c.phone' };

/** Attributes with a typed column in customer_facts, used while rules/attributes.yaml gives them this type. */
const factColumns: Record<string, { sql: string; types: AttributeType[]; monthDay?: string; folded?: string }> = {
  gender: { sql: 'f.gender', types: ['dropdown', 'text'] },
  birthdate: { sql: 'f.birthdate', types: ['date'], monthDay: 'f.birth_month_day' },
  city: { sql: 'f.city', types: ['text', 'dropdown'], folded: 'f.city_folded' },
  premium_member: { sql: 'f.premium_member', types: ['boolean'] },
  loyalty_tier: { sql: 'f.loyalty_tier', types: ['dropdown', 'text'] },
};

const castByType = { number: 'float8', boolean: 'boolean', date: 'date', text: 'text', dropdown: 'text' } as const;

const column = (sql: string): FactSql => ({ sql, subquery: false });
const subquery = (sql: string): FactSql => ({ sql, subquery: true });

/** SQL builders of the derived facts declared in rules/attributes.yaml. */
const derivedFacts: Record<string, (scope: FactSqlScope) => FactSql> = {
  returns_in_window: (scope) =>
    subquery(`(SELECT count(*)::float8 FROM returns r WHERE r.customer_id = f.customer_id AND ${inWindow('r.returned_at', scope)})`),
  returned_percentage: (scope) =>
    subquery(
      `((SELECT coalesce(sum(r.items), 0)::float8 FROM returns r WHERE r.customer_id = f.customer_id AND ${inWindow('r.returned_at', scope)})` +
        ` / nullif((SELECT coalesce(sum(o.items), 0)::float8 FROM orders o WHERE o.customer_id = f.customer_id AND ${inWindow('o.placed_at', scope)}), 0) * 100)`,
    ),
  total_spent: () => column('f.total_spent'),
  transaction_count: () => column('f.transaction_count'),
  average_transaction_value: () => column('f.average_transaction_value'),
  last_transaction_value: () => column('f.last_transaction_value'),
  last_transaction_date: (scope) =>
    column(`(f.last_transaction_at AT TIME ZONE ${scope.params.add(scope.settings.timeZone, 'text')})::date`),
  cod_available_limit: (scope) => column(`(${scope.params.add(scope.settings.cod.totalLimitPerUser, 'float8')} - f.cod_held_amount)`),
  outstanding_amount: () => column('f.outstanding_amount'),
};

/** The SQL of a fact over `f` (customer_facts) and, when `scope.readsCustomers` is set after the call, `c` (customers). */
export function factSql(attribute: AttributeDefinition, scope: FactSqlScope): FactSql {
  if (attribute.source === 'derived') {
    const build = derivedFacts[attribute.id];
    if (!build) throw new Error(`The derived fact "${attribute.id}" has no database definition in src/store/customer-facts-sql.ts`);
    return build(scope);
  }
  const stored = factColumns[attribute.id];
  if (stored?.types.includes(attribute.type)) return { sql: stored.sql, monthDay: stored.monthDay, folded: stored.folded, subquery: false };
  scope.readsCustomers = true;
  const own = customerColumns[attribute.id];
  if (own) return column(own);
  return column(`(c.attributes ->> ${scope.params.add(attribute.id, 'text')})::${castByType[attribute.type]}`);
}

/**
 * `column` within the returns window at `now`: made by now and not yet aged out, aging out exactly
 * one window-length later (month arithmetic in UTC — the sessions run in UTC — like `addMonths`).
 */
function inWindow(column: string, scope: FactSqlScope): string {
  const now = scope.params.add(scope.now.toISOString(), 'timestamptz');
  const months = windowMonths(scope.settings.returnsWindow);
  if (months === undefined) return `${column} <= ${now}`;
  return `${column} <= ${now} AND ${column} + make_interval(months => ${scope.params.add(months, 'int')}) > ${now}`;
}
