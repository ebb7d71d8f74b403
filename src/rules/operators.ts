/**
 * Condition operators by attribute type. These functions are the one implementation of each
 * operator: they are registered with json-rules-engine (explained path) and called directly by
 * the compiled closures (fast path), so both paths decide alike.
 */
import { dayNumber, fromDayNumber, isLeapYear, parseCalendarDate, startOfWeek, type CalendarDate } from './calendar';
import type { AttributeType, Weekday } from './rule-types';

/** What one evaluation knows besides the facts: today's date and the account's calendar. */
export interface OperatorContext {
  /** Day number of today in `timeZone`. */
  today: number;
  timeZone: string;
  firstDayOfWeek: Weekday;
  /** Days of the year (month × 100 + day) on which a recurring date falls in a range, by range; filled on use. */
  recurringDays?: Map<number, Set<number>>;
}

/**
 * The days of the year whose anniversary falls in [from, to] — 29 February included when 28
 * February of a non-leap year is in the range. Kept on the context: a batch shares one context.
 */
export function recurringDaysIn(from: number, to: number, context: OperatorContext): Set<number> {
  // Ranges start within a few years of today and span at most 3,660 days: one number identifies them.
  const key = from * 4096 + (to - from);
  context.recurringDays ??= new Map();
  let days = context.recurringDays.get(key);
  if (days) return days;
  days = new Set();
  for (let day = from; day <= Math.min(to, from + 366); day++) {
    const date = fromDayNumber(day);
    days.add(date.month * 100 + date.day);
    if (date.month === 2 && date.day === 28 && !isLeapYear(date.year)) days.add(229);
  }
  context.recurringDays.set(key, days);
  return days;
}

/** What the value of a condition must be, per operator. */
export type ValueKind =
  'none' | 'number' | 'numberRange' | 'text' | 'textList' | 'option' | 'optionList' | 'date' | 'dateRange' | 'dayCount';

/**
 * The compiled value of a condition, plain JSON so that json-rules-engine can carry it. Dates are
 * pre-parsed: `days` are day numbers, `monthDays` days of the year for recurring conditions.
 */
export interface Operand {
  value?: unknown;
  recurring?: boolean;
  days?: number[];
  monthDays?: Array<{ month: number; day: number }>;
}

export interface OperatorSpec {
  type: AttributeType;
  name: string;
  value: ValueKind;
  /** Whether `recurring: true` is allowed (dates only). */
  recurring: boolean;
  /** Decides for a present fact value (missing values are handled by `leafHolds`). */
  test: (factValue: unknown, operand: Operand, context: OperatorContext) => boolean;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Letter case is ignored for A–Z only. Full Unicode case mapping differs between JavaScript and
 * database collations; folding ASCII exactly is what both sides can do identically.
 */
export function foldCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

function numeric(name: string, compare: (fact: number, operand: number) => boolean): OperatorSpec {
  return {
    type: 'number',
    name,
    value: 'number',
    recurring: false,
    test: (fact, operand) => isNumber(fact) && compare(fact, operand.value as number),
  };
}

function textual(name: string, compare: (fact: string, operand: string) => boolean): OperatorSpec {
  return {
    type: 'text',
    name,
    value: 'text',
    recurring: false,
    test: (fact, operand) => typeof fact === 'string' && compare(foldCase(fact), foldCase(operand.value as string)),
  };
}

/** Day number of a date fact in the account's time zone, or undefined when it is not a date. */
function factDay(fact: unknown, context: OperatorContext): { date: CalendarDate; day: number } | undefined {
  const date = parseCalendarDate(fact, context.timeZone);
  return date && { date, day: dayNumber(date) };
}

/** Whether the fact's date (or, when recurring, its anniversary) falls in [from, to]. */
function dateInRange(fact: unknown, from: number, to: number, recurring: boolean | undefined, context: OperatorContext): boolean {
  if (recurring) {
    const date = parseCalendarDate(fact, context.timeZone);
    return date !== undefined && recurringDaysIn(from, to, context).has(date.month * 100 + date.day);
  }
  const parsed = factDay(fact, context);
  return parsed !== undefined && parsed.day >= from && parsed.day <= to;
}

function dateOperator(name: string, value: ValueKind, recurring: boolean, test: OperatorSpec['test']): OperatorSpec {
  return { type: 'date', name, value, recurring, test };
}

function presence(type: AttributeType): OperatorSpec[] {
  return [
    { type, name: 'isSet', value: 'none', recurring: false, test: () => true },
    { type, name: 'isNotSet', value: 'none', recurring: false, test: () => false },
  ];
}

const specs: OperatorSpec[] = [
  numeric('equal', (fact, operand) => fact === operand),
  numeric('notEqual', (fact, operand) => fact !== operand),
  numeric('greaterThan', (fact, operand) => fact > operand),
  numeric('greaterThanInclusive', (fact, operand) => fact >= operand),
  numeric('lessThan', (fact, operand) => fact < operand),
  numeric('lessThanInclusive', (fact, operand) => fact <= operand),
  {
    type: 'number',
    name: 'between',
    value: 'numberRange',
    recurring: false,
    test: (fact, operand) => {
      const [min, max] = operand.value as [number, number];
      return isNumber(fact) && fact >= min && fact <= max;
    },
  },
  ...presence('number'),

  textual('equals', (fact, operand) => fact === operand),
  textual('contains', (fact, operand) => fact.includes(operand)),
  textual('startsWith', (fact, operand) => fact.startsWith(operand)),
  textual('endsWith', (fact, operand) => fact.endsWith(operand)),
  {
    type: 'text',
    name: 'in',
    value: 'textList',
    recurring: false,
    test: (fact, operand) => {
      if (typeof fact !== 'string') return false;
      const folded = foldCase(fact);
      return (operand.value as string[]).some((item) => foldCase(item) === folded);
    },
  },
  ...presence('text'),

  { type: 'dropdown', name: 'is', value: 'option', recurring: false, test: (fact, operand) => fact === operand.value },
  {
    type: 'dropdown',
    name: 'isNot',
    value: 'option',
    recurring: false,
    test: (fact, operand) => typeof fact === 'string' && fact !== operand.value,
  },
  {
    type: 'dropdown',
    name: 'in',
    value: 'optionList',
    recurring: false,
    test: (fact, operand) => (operand.value as unknown[]).includes(fact),
  },
  ...presence('dropdown'),

  { type: 'boolean', name: 'isTrue', value: 'none', recurring: false, test: (fact) => fact === true },
  { type: 'boolean', name: 'isFalse', value: 'none', recurring: false, test: (fact) => fact === false },
  ...presence('boolean'),

  dateOperator('before', 'date', false, (fact, operand, context) => {
    const parsed = factDay(fact, context);
    return parsed !== undefined && parsed.day < operand.days![0]!;
  }),
  dateOperator('after', 'date', false, (fact, operand, context) => {
    const parsed = factDay(fact, context);
    return parsed !== undefined && parsed.day > operand.days![0]!;
  }),
  dateOperator('on', 'date', true, (fact, operand, context) => {
    const parsed = factDay(fact, context);
    if (!parsed) return false;
    if (!operand.recurring) return parsed.day === operand.days![0];
    const { month, day } = operand.monthDays![0]!;
    return parsed.date.month === month && parsed.date.day === day;
  }),
  dateOperator('between', 'dateRange', true, (fact, operand, context) => {
    const parsed = factDay(fact, context);
    if (!parsed) return false;
    if (!operand.recurring) return parsed.day >= operand.days![0]! && parsed.day <= operand.days![1]!;
    return monthDayBetween(parsed.date, operand.monthDays![0]!, operand.monthDays![1]!);
  }),
  dateOperator('withinLastDays', 'dayCount', true, (fact, operand, context) =>
    dateInRange(fact, context.today - (operand.value as number), context.today, operand.recurring, context),
  ),
  dateOperator('withinNextDays', 'dayCount', true, (fact, operand, context) =>
    dateInRange(fact, context.today, context.today + (operand.value as number), operand.recurring, context),
  ),
  dateOperator('occursToday', 'none', true, (fact, operand, context) => {
    const parsed = factDay(fact, context);
    if (!parsed) return false;
    if (!operand.recurring) return parsed.day === context.today;
    return recurringDaysIn(context.today, context.today, context).has(parsed.date.month * 100 + parsed.date.day);
  }),
  dateOperator('occursThisWeek', 'none', true, (fact, operand, context) => {
    const first = startOfWeek(context.today, context.firstDayOfWeek);
    return dateInRange(fact, first, first + 6, operand.recurring, context);
  }),
  dateOperator('occursThisMonth', 'none', true, (fact, operand, context) => {
    const parsed = factDay(fact, context);
    if (!parsed) return false;
    const today = fromDayNumber(context.today);
    if (operand.recurring) return parsed.date.month === today.month;
    return parsed.date.month === today.month && parsed.date.year === today.year;
  }),
  ...presence('date'),
];

/** Whether a day of the year lies in [from, to], wrapping over the new year when from > to. */
function monthDayBetween(date: CalendarDate, from: { month: number; day: number }, to: { month: number; day: number }): boolean {
  const key = (value: { month: number; day: number }) => value.month * 100 + value.day;
  const at = key(date);
  return key(from) <= key(to) ? at >= key(from) && at <= key(to) : at >= key(from) || at <= key(to);
}

const byTypeAndName = new Map(specs.map((spec) => [`${spec.type}:${spec.name}`, spec]));

/** The operator `name` for attributes of `type`, if there is one. */
export function findOperator(type: AttributeType, name: string): OperatorSpec | undefined {
  return byTypeAndName.get(`${type}:${name}`);
}

/** Operator names allowed for `type`, for error messages and documentation. */
export function operatorNames(type: AttributeType): string[] {
  return specs.filter((spec) => spec.type === type).map((spec) => spec.name);
}

/** Every operator, for registration with json-rules-engine. */
export function allOperators(): readonly OperatorSpec[] {
  return specs;
}

/** The name under which an operator is registered with json-rules-engine. */
export function engineOperatorName(spec: OperatorSpec): string {
  return `${spec.type}:${spec.name}`;
}

/** Decides a leaf: a missing fact (undefined or null) satisfies only isNotSet. */
export function leafHolds(spec: OperatorSpec, factValue: unknown, operand: Operand, context: OperatorContext): boolean {
  if (factValue === undefined || factValue === null) return spec.name === 'isNotSet';
  return spec.test(factValue, operand, context);
}
