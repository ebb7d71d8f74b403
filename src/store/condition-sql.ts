/**
 * Translates a compiled condition tree into a parameterised SQL predicate over the facts table
 * (alias `f`, and customers `c` where `factSql` says so) with exactly the semantics of the
 * in-memory operators: a missing fact makes a leaf false (except isNotSet), never NULL, so that NOT
 * and OR behave as in JavaScript. A leaf on a column reads `(column IS NOT NULL AND test)` rather
 * than `coalesce(test, false)`, so that the test stays a plain comparison an index can serve.
 * Values only ever travel as parameters.
 */
import { dayNumber, formatDayNumber, fromDayNumber, startOfWeek } from '../rules/calendar';
import type { CompiledCondition, CompiledLeaf } from '../rules/check-conditions';
import { foldCase, recurringDaysIn, type OperatorContext } from '../rules/operators';
import type { AttributeDefinition } from '../rules/rule-types';
import { factSql, type FactSql, type FactSqlScope } from './customer-facts-sql';

export interface ConditionSqlScope extends FactSqlScope {
  attributes: ReadonlyMap<string, AttributeDefinition>;
  context: OperatorContext;
}

/** The SQL predicate of `condition`; always TRUE or FALSE, never NULL. */
export function conditionSql(condition: CompiledCondition, scope: ConditionSqlScope): string {
  switch (condition.kind) {
    case 'all':
      return `(${condition.children.map((child) => conditionSql(child, scope)).join(' AND ')})`;
    case 'any':
      return `(${condition.children.map((child) => conditionSql(child, scope)).join(' OR ')})`;
    case 'not':
      return `(NOT ${conditionSql(condition.child, scope)})`;
    case 'leaf':
      return leafSql(condition, scope);
  }
}

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lower = 'abcdefghijklmnopqrstuvwxyz';

function leafSql(leaf: CompiledLeaf, scope: ConditionSqlScope): string {
  const fact = factSql(scope.attributes.get(leaf.fact)!, scope);
  if (leaf.spec.name === 'isSet') return `(${fact.sql} IS NOT NULL)`;
  if (leaf.spec.name === 'isNotSet') return `(${fact.sql} IS NULL)`;
  // Every test below is non-NULL whenever the fact is (parameters are never NULL).
  const test = testSql(leaf, fact, scope);
  if (fact.subquery) return `coalesce(${test}, false)`;
  // A recurring date test reads the stored month-day alone, a text test the stored folded text alone; each is set
  // exactly when the fact is, so one index answers both the presence and the test.
  const present = (leaf.type === 'date' && leaf.operand.recurring && fact.monthDay) || (leaf.type === 'text' && fact.folded) || fact.sql;
  return `(${present} IS NOT NULL AND ${test})`;
}

function testSql(leaf: CompiledLeaf, factExpression: FactSql, scope: ConditionSqlScope): string {
  const fact = factExpression.sql;
  const param = (value: unknown, cast?: string) => scope.params.add(value, cast);
  const value = leaf.operand.value;
  switch (leaf.type) {
    case 'number':
      return numberSql(leaf.spec.name, fact, value, param);
    case 'text': {
      const folded = factExpression.folded ?? `translate(${fact}, '${upper}', '${lower}')`;
      return textSql(leaf.spec.name, folded, value, param);
    }
    case 'dropdown':
      if (leaf.spec.name === 'in') return `(${fact} = ANY(${param(value, 'text[]')}))`;
      return `(${fact} ${leaf.spec.name === 'is' ? '=' : '<>'} ${param(value, 'text')})`;
    case 'boolean':
      return `(${fact} = ${leaf.spec.name === 'isTrue' ? 'true' : 'false'})`;
    case 'date':
      return dateSql(leaf, factExpression, scope);
  }
}

type Param = (value: unknown, cast?: string) => string;

function numberSql(operator: string, fact: string, value: unknown, param: Param): string {
  const comparison: Record<string, string> = {
    equal: '=',
    notEqual: '<>',
    greaterThan: '>',
    greaterThanInclusive: '>=',
    lessThan: '<',
    lessThanInclusive: '<=',
  };
  if (operator === 'between') {
    const [min, max] = value as [number, number];
    return `(${fact} BETWEEN ${param(min, 'float8')} AND ${param(max, 'float8')})`;
  }
  return `(${fact} ${comparison[operator]} ${param(value, 'float8')})`;
}

function textSql(operator: string, folded: string, value: unknown, param: Param): string {
  if (operator === 'in') return `(${folded} = ANY(${param((value as string[]).map(foldCase), 'text[]')}))`;
  const needle = param(foldCase(value as string), 'text');
  switch (operator) {
    case 'equals':
      return `(${folded} = ${needle})`;
    case 'contains':
      return `(strpos(${folded}, ${needle}) > 0)`;
    case 'startsWith':
      return `starts_with(${folded}, ${needle})`;
    default:
      return `(right(${folded}, char_length(${needle})) = ${needle})`;
  }
}

/** Day of the year as month × 100 + day, as the in-memory recurring checks use it: the stored column when there is one. */
const monthDayOf = (date: FactSql) => date.monthDay ?? `(extract(month FROM ${date.sql}) * 100 + extract(day FROM ${date.sql}))::int`;

function dateSql(leaf: CompiledLeaf, factExpression: FactSql, scope: ConditionSqlScope): string {
  const { operand, spec } = leaf;
  const { context } = scope;
  const fact = factExpression.sql;
  const monthDay = () => monthDayOf(factExpression);
  const day = (number: number) => scope.params.add(formatDayNumber(number), 'date');
  const range = (from: number, to: number) =>
    operand.recurring
      ? `(${monthDay()} = ANY(${scope.params.add([...recurringDaysIn(from, to, context)], 'int[]')}))`
      : `(${fact} BETWEEN ${day(from)} AND ${day(to)})`;
  switch (spec.name) {
    case 'before':
      return `(${fact} < ${day(operand.days![0]!)})`;
    case 'after':
      return `(${fact} > ${day(operand.days![0]!)})`;
    case 'on': {
      if (!operand.recurring) return `(${fact} = ${day(operand.days![0]!)})`;
      const { month, day: dayOfMonth } = operand.monthDays![0]!;
      return `(${monthDay()} = ${scope.params.add(month * 100 + dayOfMonth, 'int')})`;
    }
    case 'between': {
      if (!operand.recurring) return `(${fact} BETWEEN ${day(operand.days![0]!)} AND ${day(operand.days![1]!)})`;
      const [from, to] = operand.monthDays!.map((date) => date.month * 100 + date.day) as [number, number];
      const key = monthDay();
      const fromParam = scope.params.add(from, 'int');
      const toParam = scope.params.add(to, 'int');
      return from <= to ? `(${key} BETWEEN ${fromParam} AND ${toParam})` : `(${key} >= ${fromParam} OR ${key} <= ${toParam})`;
    }
    case 'withinLastDays':
      return range(context.today - (operand.value as number), context.today);
    case 'withinNextDays':
      return range(context.today, context.today + (operand.value as number));
    case 'occursToday':
      return range(context.today, context.today);
    case 'occursThisWeek': {
      const first = startOfWeek(context.today, context.firstDayOfWeek);
      return range(first, first + 6);
    }
    case 'occursThisMonth': {
      // As ranges, so that an index on the date (or on its month-day) serves them.
      const today = fromDayNumber(context.today);
      if (operand.recurring) {
        const from = scope.params.add(today.month * 100 + 1, 'int');
        return `(${monthDay()} BETWEEN ${from} AND ${scope.params.add(today.month * 100 + 31, 'int')})`;
      }
      const first = dayNumber({ year: today.year, month: today.month, day: 1 });
      const last = dayNumber({ year: today.month === 12 ? today.year + 1 : today.year, month: (today.month % 12) + 1, day: 1 }) - 1;
      return `(${fact} BETWEEN ${day(first)} AND ${day(last)})`;
    }
    default:
      throw new Error(`No SQL for date operator ${spec.name}`);
  }
}
