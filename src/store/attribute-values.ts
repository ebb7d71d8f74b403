/**
 * Checks attribute values sent by the calling systems against the attribute catalog, so that the
 * database only ever holds typed values the rules (and their SQL) can read.
 */
import { ValidationError, type InvalidField } from '../errors';
import { parseCalendarDate } from '../rules/calendar';
import type { AttributeDefinition } from '../rules/rule-types';

/** Attributes kept in their own customer column, set through the customer's fields. */
export const columnAttributeIds = new Set(['name', 'email', 'phone']);

/** Returns the changes (null = remove) when every value fits its attribute, else throws a ValidationError listing all. */
export function checkAttributeValues(
  catalog: ReadonlyMap<string, AttributeDefinition>,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const problems: InvalidField[] = [];
  for (const [id, value] of Object.entries(values)) {
    const problem = valueProblem(catalog.get(id), id, value);
    if (problem) problems.push({ pointer: `/attributes/${id}`, message: problem });
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `Some attribute values do not fit rules/attributes.yaml: ${problems.map((problem) => `${problem.pointer}: ${problem.message}`).join('; ')}.`,
      problems,
    );
  }
  return values;
}

function valueProblem(attribute: AttributeDefinition | undefined, id: string, value: unknown): string | undefined {
  if (!attribute) return `"${id}" is not an attribute in rules/attributes.yaml; declare it there first`;
  if (attribute.source === 'derived') return `"${id}" is derived from events and cannot be set; send the events instead`;
  if (columnAttributeIds.has(id)) return `"${id}" is a customer field; send it as "${id}" at the top of the body`;
  if (value === null) return undefined;
  switch (attribute.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'text':
      return typeof value === 'string' && value.length <= 1000 ? undefined : 'must be a text of at most 1000 characters';
    case 'dropdown':
      return attribute.options!.includes(value as string) ? undefined : `must be one of: ${attribute.options!.join(', ')}`;
    case 'date':
      return typeof value === 'string' && value.length === 10 && parseCalendarDate(value, 'UTC')
        ? undefined
        : 'must be a date written "YYYY-MM-DD"';
  }
}
