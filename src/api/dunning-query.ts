/** The `profile` and `scenario` filters that GET /v1/tasks and GET /v1/receivables share, read from a query string. */
import { ValidationError } from '../errors';
import { objectIdPattern } from '../store/object-id';
import { noScenario, type DunningFilterQuery } from '../use-cases/dunning-profile-set';

/** An id as the rule files write them (kebab case). */
const id = '[a-z][a-z0-9-]{0,62}';
const profilePattern = new RegExp(`^(?:(${id})/)?(${id})$`);
const scenarioPattern = new RegExp(`^${id}$`);

/** The two filters as the routes declare them (their query parameters in the OpenAPI document). */
export const dunningFilterParameters = [
  {
    name: 'profile',
    description:
      'A profile of the set the scenarios follow (`to-assign`: the account type in the shipped rules), or of any set as ' +
      '`<set id>/<profile id>` (`account-type/to-assign`).',
    pattern: `^(${id}/)?${id}$`,
  },
  {
    name: 'scenario',
    description: `A scenario id (\`standard\`), or \`${noScenario}\` for what no scenario covers: the invoices left to manual handling.`,
    pattern: `^${id}$`,
  },
] as const;

/** Reads `profile` and `scenario` (each at most once, as ids); a ValidationError names the one that is malformed. */
export function dunningFilterQuery(query: Record<string, unknown>): DunningFilterQuery {
  const profile = single(query, 'profile');
  const scenario = single(query, 'scenario');
  const profileParts = profile === undefined ? undefined : profilePattern.exec(profile);
  if (profile !== undefined && !profileParts) {
    throw new ValidationError('profile must be a profile id (to-assign) or "<set id>/<profile id>" (account-type/to-assign).', [
      { pointer: '/profile', message: 'must be a profile id, or a set id and a profile id joined by "/"' },
    ]);
  }
  if (scenario !== undefined && !scenarioPattern.test(scenario)) {
    throw new ValidationError(`scenario must be a scenario id (standard) or "${noScenario}".`, [
      { pointer: '/scenario', message: `must be a scenario id or "${noScenario}"` },
    ]);
  }
  return {
    ...(profileParts && { profile: { ...(profileParts[1] && { setId: profileParts[1] }), profileId: profileParts[2]! } }),
    ...(scenario !== undefined && { scenario }),
  };
}

/** A text parameter given at most once, or undefined when absent. */
export function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new ValidationError(`Give ${name} at most once, as text.`, [{ pointer: `/${name}`, message: 'must be given once, as text' }]);
  }
  return value;
}

/** The `customerId` filter of GET /v1/invoices (and GET /v1/tasks) as the routes declare it. */
export const customerIdParameter = { name: 'customerId', description: "Only this customer's invoices.", pattern: objectIdPattern.source };

/** Reads `customerId` (at most once, an id); a ValidationError when it cannot be one. */
export function customerIdQuery(query: Record<string, unknown>): string | undefined {
  const customerId = single(query, 'customerId');
  if (customerId !== undefined && !objectIdPattern.test(customerId)) {
    throw new ValidationError('customerId must be a customer id: 1 to 128 letters, digits, ".", "_", ":" or "-".', [
      { pointer: '/customerId', message: 'must be a customer id' },
    ]);
  }
  return customerId;
}
