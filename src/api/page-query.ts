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
  if (query.after !== undefined && typeof query.after !== 'string') {
    throw new ValidationError('Give the query parameter "after" at most once: the `next` of the previous page.', [
      { pointer: '/after', message: 'must be given once, as text' },
    ]);
  }
  return { limit, ...(typeof query.after === 'string' && { after: query.after }) };
}

/** `limit` and `after` as the routes that page with pageQuery declare them (their query parameters in the OpenAPI document). */
export const pageParameters = [
  { name: 'limit', type: 'integer', description: 'Page size: a whole number from 1 to 500 (default 50).' },
  { name: 'after', description: 'Where the page starts: the `next` (or last id) of the previous page.' },
] as const;
