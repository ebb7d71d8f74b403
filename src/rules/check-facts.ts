/**
 * Facts written by people — a rule test case's `facts`, the file given to `rulebook explain` —
 * checked against attributes.yaml: a misspelt fact (`loyalty_teir`) would otherwise be a missing
 * value, and the test would pass or fail for no reason anyone can see.
 */
import { parseCalendarDate } from './calendar';
import { didYouMean, listOrNone } from './did-you-mean';
import type { AttributeDefinition } from './rule-types';
import { preview } from './check-conditions';

/** A problem in facts, at a JSON Pointer inside the document that holds them. */
export interface FactProblem {
  pointer: string;
  message: string;
  fix: string;
  at?: 'key' | 'value';
}

/** The profile sets facts may name in `profiles`, or undefined when a set's file did not load (its names are not checked). */
export interface KnownProfiles {
  sets: ReadonlyMap<string, readonly string[]>;
  /** A profile-set file did not load: sets it may define are not reported as unknown. */
  incomplete?: boolean;
}

/** Keys of the facts map that are not attributes: raw events and manual profile assignments. */
const eventKeys = new Set(['profiles', 'returns', 'orders']);

/** Problems of `facts` found at `pointer` (e.g. /cases/3/facts, or "" for a facts file). */
export function factProblems(
  facts: Readonly<Record<string, unknown>>,
  pointer: string,
  attributes: ReadonlyMap<string, AttributeDefinition>,
  profiles?: KnownProfiles,
): FactProblem[] {
  const problems: FactProblem[] = [];
  for (const [id, value] of Object.entries(facts)) {
    const at = `${pointer}/${id.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (id === 'profiles') {
      if (profiles && value !== null && typeof value === 'object') problems.push(...profileProblems(value, at, profiles));
      continue;
    }
    if (eventKeys.has(id)) continue;
    const attribute = attributes.get(id);
    if (!attribute) {
      problems.push({
        pointer: at,
        at: 'key',
        message: `unknown attribute or fact "${id}"`,
        fix: `Use an id declared in attributes.yaml${didYouMean(id, attributes.keys())}`,
      });
      continue;
    }
    const wrong = valueProblem(attribute, value);
    if (wrong) problems.push({ pointer: at, ...wrong });
  }
  return problems;
}

/** Why `value` is not a value of `attribute`, or undefined when it is one (null stands for no value). */
function valueProblem(attribute: AttributeDefinition, value: unknown): { message: string; fix: string } | undefined {
  if (value === null) return undefined;
  const shown = preview(value);
  switch (attribute.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : { message: `"${attribute.id}" is a number, not ${shown}`, fix: 'Write a number without quotes, e.g. 5000' };
    case 'text':
      return typeof value === 'string'
        ? undefined
        : { message: `"${attribute.id}" is a text, not ${shown}`, fix: 'Write a text, in quotes if it looks like a number or a date' };
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : { message: `"${attribute.id}" is true or false, not ${shown}`, fix: 'Write true or false, without quotes' };
    case 'date':
      return typeof value === 'string' && value.length === 10 && parseCalendarDate(value, 'UTC')
        ? undefined
        : {
            message: `"${attribute.id}" is a date, not ${shown}`,
            fix: 'Write the date as "YYYY-MM-DD", in quotes (e.g. "1990-01-02")',
          };
    case 'dropdown':
      return typeof value === 'string' && attribute.options!.includes(value)
        ? undefined
        : {
            message: `${shown} is not an option of "${attribute.id}"`,
            fix: `Use one of: ${attribute.options!.join(', ')}${typeof value === 'string' ? didYouMean(value, attribute.options!) : ''}`,
          };
  }
}

function profileProblems(assigned: object, pointer: string, known: KnownProfiles): FactProblem[] {
  const problems: FactProblem[] = [];
  for (const [setId, profileId] of Object.entries(assigned)) {
    const at = `${pointer}/${setId}`;
    const profiles = known.sets.get(setId);
    if (!profiles) {
      if (known.incomplete) continue;
      problems.push({
        pointer: at,
        at: 'key',
        message: `unknown profile set "${setId}"`,
        fix: `Use one of: ${listOrNone([...known.sets.keys()], '(no profile sets are defined)')}${didYouMean(setId, known.sets.keys())}`,
      });
    } else if (typeof profileId === 'string' && !profiles.includes(profileId)) {
      problems.push({
        pointer: at,
        message: `profile set "${setId}" has no profile "${profileId}"`,
        fix: `Use one of: ${profiles.join(', ')}${didYouMean(profileId, profiles)}`,
      });
    }
  }
  return problems;
}
