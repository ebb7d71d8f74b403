/** The query string of the outbox listings (GET /v1/notifications, GET /v1/workflow-intents): a status, one filter, a limit. */
import { ValidationError } from '../errors';

/**
 * Reads `status` (one of `statuses`, the first by default), the optional `filter` parameter (one
 * of `filterValues` when given) and `limit` (1–1000); each at most once.
 */
export function outboxQuery<Status extends string>(
  query: Record<string, unknown>,
  statuses: readonly Status[],
  filter: { name: string; values?: readonly string[] },
): { status: Status; filter?: string; limit?: number } {
  if ([query.status, query[filter.name], query.limit].some(Array.isArray)) {
    throw new ValidationError(`Give each of status, ${filter.name} and limit at most once.`, [
      { pointer: '', message: 'has a repeated parameter' },
    ]);
  }
  const status = typeof query.status === 'string' ? query.status : statuses[0]!;
  const allowed = statuses.join(', ').replace(/, ([^,]*)$/, ' or $1');
  if (!(statuses as readonly string[]).includes(status))
    throw new ValidationError(`status must be ${allowed}.`, [{ pointer: '/status', message: `must be ${allowed}` }]);
  const value = typeof query[filter.name] === 'string' ? (query[filter.name] as string) : undefined;
  if (value !== undefined && filter.values && !filter.values.includes(value)) {
    const values = filter.values.join(' or ');
    throw new ValidationError(`${filter.name} must be ${values}.`, [{ pointer: `/${filter.name}`, message: `must be ${values}` }]);
  }
  const limit = query.limit === undefined ? undefined : Number(query.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000)) {
    throw new ValidationError('limit must be a whole number from 1 to 1000.', [
      { pointer: '/limit', message: 'must be a whole number from 1 to 1000' },
    ]);
  }
  return { status: status as Status, ...(value !== undefined && { filter: value }), ...(limit !== undefined && { limit }) };
}
