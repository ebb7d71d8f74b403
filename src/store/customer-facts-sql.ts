/**
 * Customer facts as SQL expressions over the customers table (alias `c`): attributes from the
 * typed `attributes` column, derived facts computed from the event tables at a given instant.
 * The same expressions feed group counts and the facts of one customer, so both agree.
 */
import type { EvaluationSettings } from '../rules/evaluate';
import { windowMonths } from '../rules/derive-facts';
import type { AttributeDefinition } from '../rules/rule-types';
import type { SqlParameters } from './sql-parameters';

export interface FactSqlScope {
  params: SqlParameters;
  now: Date;
  settings: EvaluationSettings & { cod: { totalLimitPerUser: number } };
}

/** Attributes kept in their own column rather than in `attributes`. */
const columnAttributes: Record<string, string> = { name: 'c.name', email: 'c.email', phone: 'c.phone' };

const castByType = { number: 'float8', boolean: 'boolean', date: 'date', text: 'text', dropdown: 'text' } as const;

/** Transactions are orders that went ahead: not cancelled, not returned to origin. */
const transactions = `o.customer_id = c.id AND o.status NOT IN ('cancelled', 'returned-to-origin')`;

/** SQL builders of the derived facts declared in rules/attributes.yaml. */
const derivedFacts: Record<string, (scope: FactSqlScope) => string> = {
  returns_in_window: (scope) =>
    `(SELECT count(*)::float8 FROM returns r WHERE r.customer_id = c.id AND ${inWindow('r.returned_at', scope)})`,
  returned_percentage: (scope) =>
    `((SELECT coalesce(sum(r.items), 0)::float8 FROM returns r WHERE r.customer_id = c.id AND ${inWindow('r.returned_at', scope)})` +
    ` / nullif((SELECT coalesce(sum(o.items), 0)::float8 FROM orders o WHERE o.customer_id = c.id AND ${inWindow('o.placed_at', scope)}), 0) * 100)`,
  total_spent: () => `(SELECT coalesce(sum(o.value), 0)::float8 FROM orders o WHERE ${transactions})`,
  transaction_count: () => `(SELECT count(*)::float8 FROM orders o WHERE ${transactions})`,
  average_transaction_value: () => `(SELECT avg(o.value)::float8 FROM orders o WHERE ${transactions})`,
  last_transaction_value: () => `(SELECT o.value::float8 FROM orders o WHERE ${transactions} ORDER BY o.placed_at DESC, o.id DESC LIMIT 1)`,
  last_transaction_date: (scope) =>
    `(SELECT (o.placed_at AT TIME ZONE ${scope.params.add(scope.settings.timeZone, 'text')})::date FROM orders o WHERE ${transactions} ORDER BY o.placed_at DESC, o.id DESC LIMIT 1)`,
  cod_available_limit: (scope) =>
    `(${scope.params.add(scope.settings.cod.totalLimitPerUser, 'float8')} - (SELECT coalesce(sum(h.amount), 0)::float8 FROM cod_holds h` +
    ` WHERE h.customer_id = c.id AND h.released_at IS NULL))`,
  outstanding_amount: () =>
    `((SELECT coalesce(sum(i.amount), 0) FROM invoices i WHERE i.customer_id = c.id)` +
    ` - (SELECT coalesce(sum(p.amount), 0) FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.customer_id = c.id))::float8`,
};

/** Whether the database knows how to compute a derived fact. */
export function hasDerivedFactSql(id: string): boolean {
  return Object.hasOwn(derivedFacts, id);
}

/** The SQL expression of a fact, typed as its attribute type (float8, boolean, date or text). */
export function factSql(attribute: AttributeDefinition, scope: FactSqlScope): string {
  if (attribute.source === 'derived') {
    const build = derivedFacts[attribute.id];
    if (!build) throw new Error(`The derived fact "${attribute.id}" has no database definition in src/store/customer-facts-sql.ts`);
    return build(scope);
  }
  const column = columnAttributes[attribute.id];
  if (column) return column;
  return `(c.attributes ->> ${scope.params.add(attribute.id, 'text')})::${castByType[attribute.type]}`;
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
