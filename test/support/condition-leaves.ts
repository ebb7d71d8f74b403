/** Random condition leaves over an attribute catalogue, for property tests: any operator of each type, with values that fit it. */
import fc from 'fast-check';
import { findOperator, operatorNames } from '../../src/rules/operators';
import type { AttributeDefinition, Condition } from '../../src/rules/rule-types';

/** What leaf values are drawn from: numbers, words, ISO dates (YYYY-MM-DD) and day counts. */
export interface LeafValues {
  numbers: fc.Arbitrary<number>;
  texts: readonly string[];
  dates: fc.Arbitrary<string>;
  dayCounts: fc.Arbitrary<number>;
}

/** A value a condition on `attribute` with `operator` may be written with (undefined for operators without one). */
export function operandFor(
  attribute: AttributeDefinition,
  operator: string,
  recurring: boolean,
  values: LeafValues,
): fc.Arbitrary<unknown> {
  const options = fc.constantFrom(...(attribute.options ?? ['x']));
  const monthDays = values.dates.map((date) => date.slice(5));
  switch (findOperator(attribute.type, operator)!.value) {
    case 'none':
      return fc.constant(undefined);
    case 'number':
      return values.numbers;
    case 'numberRange':
      return fc.tuple(values.numbers, values.numbers).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
    case 'text':
      return fc.constantFrom(...values.texts);
    case 'textList':
      return fc.uniqueArray(fc.constantFrom(...values.texts), { minLength: 1, maxLength: 3 });
    case 'option':
      return options;
    case 'optionList':
      return fc.uniqueArray(options, { minLength: 1 });
    case 'dayCount':
      return values.dayCounts;
    case 'date':
      return recurring ? fc.oneof(monthDays, values.dates) : values.dates;
    case 'dateRange':
      return recurring ? fc.tuple(monthDays, monthDays) : fc.tuple(values.dates, values.dates).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
  }
}

/** Leaves on any of `attributes`: any operator of its type, `recurring` where the operator allows it. */
export function leavesOver(attributes: readonly AttributeDefinition[], values: LeafValues): fc.Arbitrary<Condition> {
  return fc.constantFrom(...attributes).chain((attribute) =>
    fc.constantFrom(...operatorNames(attribute.type)).chain((operator) =>
      (findOperator(attribute.type, operator)!.recurring ? fc.boolean() : fc.constant(false)).chain((recurring) =>
        operandFor(attribute, operator, recurring, values).map((value) => ({
          fact: attribute.id,
          operator,
          ...(value !== undefined && { value }),
          ...(recurring && { recurring: true }),
        })),
      ),
    ),
  );
}
