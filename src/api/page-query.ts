import { ValidationError } from '../errors';

/** `limit` (1–500, default 50) and `after` (the last id of the previous page) from a query string. */
export function pageQuery(query: Record<string, unknown>): { limit: number; after?: string } {
  const raw = query.limit;
  const limit = raw === undefined ? 50 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new ValidationError('The query parameter "limit" must be a whole number from 1 to 500.', [
      { pointer: '/limit', message: 'must be 1–500' },
    ]);
  }
  return { limit, ...(typeof query.after === 'string' && { after: query.after }) };
}
