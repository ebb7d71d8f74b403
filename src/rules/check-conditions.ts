/**
 * Checks a condition tree against the attribute catalog and compiles it: every leaf gets its
 * attribute type, operator implementation and pre-parsed operand. Problems are collected, not thrown.
 */
import { dayNumber, parseCalendarDate, parseMonthDay } from './calendar';
import { findOperator, operatorNames, type Operand, type OperatorSpec } from './operators';
import { didYouMean } from './did-you-mean';
import type { UnplacedProblem } from './rule-problems';
import type { AttributeDefinition, AttributeType, Condition } from './rule-types';

export interface CompiledLeaf {
  kind: 'leaf';
  pointer: string;
  fact: string;
  type: AttributeType;
  spec: OperatorSpec;
  operand: Operand;
  /** The leaf as the analyst wrote it, for decision records. */
  written: { fact: string; operator: string; value?: unknown; recurring?: boolean };
}

export type CompiledCondition =
  | { kind: 'all' | 'any'; pointer: string; children: CompiledCondition[] }
  | { kind: 'not'; pointer: string; child: CompiledCondition }
  | CompiledLeaf;

export interface ConditionScope {
  file: string;
  attributes: ReadonlyMap<string, AttributeDefinition>;
  problems: UnplacedProblem[];
}

export { distance } from './did-you-mean';

const forms = ['all', 'any', 'not', 'fact'] as const;

/** Checks and compiles `condition` found at `pointer`; returns undefined when it has problems. */
export function compileCondition(condition: Condition, pointer: string, scope: ConditionScope): CompiledCondition | undefined {
  const problem = (at: string, message: string, fix: string, where: 'key' | 'value' = 'value') =>
    scope.problems.push({ file: scope.file, pointer: at, message, fix, at: where });
  const raw = condition as unknown as Record<string, unknown>;
  const used = forms.filter((form) => raw[form] !== undefined);
  if (used.length !== 1) {
    problem(
      pointer,
      used.length === 0 ? 'this condition has neither all, any, not nor fact' : `this condition mixes ${used.join(' and ')}`,
      'Write exactly one of: all: [...], any: [...], not: {...}, or a leaf { fact, operator, value }',
    );
    return undefined;
  }
  const form = used[0]!;
  if (form === 'all' || form === 'any') {
    if (raw.operator !== undefined || raw.value !== undefined || raw.recurring !== undefined) {
      problem(pointer, `operator, value and recurring belong in a leaf, not next to ${form}`, `Move them into a leaf inside ${form}`);
      return undefined;
    }
    const children = (raw[form] as Condition[]).map((child, index) => compileCondition(child, `${pointer}/${form}/${index}`, scope));
    return children.every(Boolean) ? { kind: form, pointer, children: children as CompiledCondition[] } : undefined;
  }
  if (form === 'not') {
    const child = compileCondition(raw.not as Condition, `${pointer}/not`, scope);
    return child && { kind: 'not', pointer, child };
  }
  return compileLeaf(raw, pointer, scope);
}

function compileLeaf(raw: Record<string, unknown>, pointer: string, scope: ConditionScope): CompiledLeaf | undefined {
  const problem = (at: string, message: string, fix: string) => {
    scope.problems.push({ file: scope.file, pointer: at, message, fix });
    return undefined;
  };
  const fact = raw.fact as string;
  const attribute = scope.attributes.get(fact);
  if (!attribute) {
    return problem(
      `${pointer}/fact`,
      `unknown attribute or fact "${fact}"`,
      `Use an id declared in attributes.yaml${suggestion(fact, scope.attributes)}`,
    );
  }
  if (attribute.encrypted) {
    return problem(
      `${pointer}/fact`,
      `"${fact}" is encrypted and cannot be used in conditions`,
      'Use another attribute, or store this one unencrypted if it must drive rules',
    );
  }
  if (typeof raw.operator !== 'string') {
    return problem(
      `${pointer}/operator`,
      `the condition on "${fact}" has no operator`,
      `Add an operator: ${operatorNames(attribute.type).join(', ')}`,
    );
  }
  const spec = findOperator(attribute.type, raw.operator);
  if (!spec) {
    return problem(
      `${pointer}/operator`,
      `operator "${raw.operator}" does not apply to ${attribute.type} attribute "${fact}"`,
      `Use one of: ${operatorNames(attribute.type).join(', ')}`,
    );
  }
  const recurring = raw.recurring === true;
  if (raw.recurring !== undefined && !spec.recurring) {
    return problem(
      `${pointer}/recurring`,
      `recurring does not apply to "${spec.name}"${attribute.type === 'date' ? '' : ` on a ${attribute.type} attribute`}`,
      'Remove recurring; it applies to date operators on, between, withinLastDays, withinNextDays and occurs…',
    );
  }
  const operand = compileOperand(spec, raw.value, recurring, attribute, `${pointer}/value`, scope);
  if (!operand) return undefined;
  const written = {
    fact,
    operator: spec.name,
    ...(raw.value !== undefined && { value: raw.value }),
    ...(raw.recurring !== undefined && { recurring }),
  };
  return { kind: 'leaf', pointer, fact, type: attribute.type, spec, operand, written };
}

/** Checks the value against what the operator expects and pre-parses dates. */
function compileOperand(
  spec: OperatorSpec,
  value: unknown,
  recurring: boolean,
  attribute: AttributeDefinition,
  pointer: string,
  scope: ConditionScope,
): Operand | undefined {
  const fail = (message: string, fix: string) => {
    scope.problems.push({ file: scope.file, pointer, message, fix });
    return undefined;
  };
  const shown = preview(value);
  const operand: Operand = { value, ...(recurring && { recurring }) };
  switch (spec.value) {
    case 'none':
      return value === undefined ? operand : fail(`"${spec.name}" takes no value, but ${shown} is given`, 'Remove the value');
    case 'number':
      return isFiniteNumber(value) ? operand : fail(`"${spec.name}" needs a number, not ${shown}`, 'Write a number such as 5000');
    case 'numberRange':
      return Array.isArray(value) && value.length === 2 && value.every(isFiniteNumber) && (value[0] as number) <= (value[1] as number)
        ? operand
        : fail(`"between" needs [min, max] with min ≤ max, not ${shown}`, 'Write e.g. [1000, 5000]');
    case 'text':
      return typeof value === 'string'
        ? operand
        : fail(`"${spec.name}" needs a text, not ${shown}`, 'Write a text in quotes, e.g. "Mumbai"');
    case 'textList':
      return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')
        ? operand
        : fail(`"in" needs a non-empty list of texts, not ${shown}`, 'Write e.g. [Mumbai, Pune]');
    case 'option':
      return attribute.options!.includes(value as string)
        ? operand
        : fail(`${shown} is not an option of "${attribute.id}"`, `Use one of: ${attribute.options!.join(', ')}`);
    case 'optionList':
      return Array.isArray(value) &&
        value.length > 0 &&
        value.every((item: unknown) => typeof item === 'string' && attribute.options!.includes(item))
        ? operand
        : fail(
            `"in" needs a non-empty list of options of "${attribute.id}", not ${shown}`,
            `Use options among: ${attribute.options!.join(', ')}`,
          );
    case 'dayCount':
      return Number.isInteger(value) && (value as number) > 0 && (value as number) <= 3660
        ? operand
        : fail(`"${spec.name}" needs a whole number of days from 1 to 3660, not ${shown}`, 'Write e.g. 30');
    case 'date':
    case 'dateRange':
      return compileDates(spec, value, recurring, operand, fail);
  }
}

function compileDates(
  spec: OperatorSpec,
  value: unknown,
  recurring: boolean,
  operand: Operand,
  fail: (message: string, fix: string) => undefined,
): Operand | undefined {
  const list = spec.value === 'date' ? [value] : value;
  const expected = spec.value === 'date' ? 1 : 2;
  const example = recurring
    ? expected === 1
      ? '"12-25"'
      : '["12-20", "01-05"]'
    : expected === 1
      ? '"2026-12-25"'
      : '["2026-12-01", "2026-12-31"]';
  const wanted = recurring ? 'days of the year as "MM-DD" (or dates "YYYY-MM-DD", whose year is ignored)' : 'dates as "YYYY-MM-DD"';
  if (!Array.isArray(list) || list.length !== expected) {
    return fail(`"${spec.name}" needs ${expected === 1 ? 'one date' : '[from, to]'}, not ${preview(value)}`, `Write ${example}`);
  }
  if (recurring) {
    const monthDays = list.map((item) => parseMonthDay(item) ?? parseCalendarDate(item, 'UTC'));
    if (monthDays.some((item) => item === undefined))
      return fail(`"${spec.name}" needs ${wanted}, not ${preview(value)}`, `Write ${example}`);
    return { ...operand, monthDays: monthDays.map((item) => ({ month: item!.month, day: item!.day })) };
  }
  const days = list.map((item) => {
    const date = typeof item === 'string' && item.length === 10 ? parseCalendarDate(item, 'UTC') : undefined;
    return date && dayNumber(date);
  });
  if (days.some((day) => day === undefined)) return fail(`"${spec.name}" needs ${wanted}, not ${preview(value)}`, `Write ${example}`);
  if (expected === 2 && days[0]! > days[1]!) return fail(`the range ${preview(value)} ends before it starts`, 'Put the earlier date first');
  return { ...operand, days: days as number[] };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A short rendering of a value for messages. */
export function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = shortJson(value, { left: 60 });
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/**
 * JSON of `value` that stops once about `budget.left` characters are written: a hostile file's
 * value may hold a million items, and every problem shows its value.
 */
function shortJson(value: unknown, budget: { left: number }): string {
  if (budget.left <= 0) return '...';
  budget.left -= 1;
  if (value === null || typeof value !== 'object') {
    const json = JSON.stringify(typeof value === 'string' ? value.slice(0, 61) : value) ?? String(value);
    budget.left -= json.length;
    return json;
  }
  const parts: string[] = [];
  const isArray = Array.isArray(value);
  for (const key of Object.keys(value)) {
    if (budget.left <= 0) {
      parts.push('...');
      break;
    }
    const item = shortJson((value as Record<string, unknown>)[key], budget);
    parts.push(isArray ? item : `${JSON.stringify(key.slice(0, 61))}:${item}`);
  }
  return isArray ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

function suggestion(fact: string, attributes: ReadonlyMap<string, AttributeDefinition>): string {
  const usable = [...attributes.values()].filter((attribute) => !attribute.encrypted).map((attribute) => attribute.id);
  return didYouMean(fact, usable);
}
