/**
 * A page of a job history (import_jobs, export_jobs), newest first: both lists page alike, by the
 * id of the last job of the previous page, so that jobs started meanwhile never shift a page.
 */
import { ValidationError } from '../errors';
import type { Queryable } from './database';

/** A page of a job history: `limit` jobs after the job `after`, newest first. */
export interface HistoryPage {
  limit: number;
  after?: string;
}

/**
 * The rows of `table` (its columns as `columns` over the alias `j`) on `page`, newest first (start
 * time, then id, descending); ValidationError when `after` names no job of the table.
 */
export async function jobHistoryPage(
  db: Queryable,
  table: 'import_jobs' | 'export_jobs',
  columns: string,
  page: HistoryPage,
): Promise<Array<Record<string, unknown>>> {
  if (page.after !== undefined) {
    const [anchor] = await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [page.after]);
    if (!anchor) {
      const list = table === 'import_jobs' ? 'imports' : 'exports';
      throw new ValidationError(
        `The query parameter "after" must be the id of a job of GET /v1/${list}: pass the \`next\` of the previous page.`,
        [{ pointer: '/after', message: `names no job of GET /v1/${list}` }],
      );
    }
  }
  // Row comparison on (created_at, id): jobs started in the same transaction share created_at.
  return db.query<Record<string, unknown>>(
    `SELECT ${columns} FROM ${table} j
      WHERE $2::text IS NULL OR (j.created_at, j.id) < (SELECT a.created_at, a.id FROM ${table} a WHERE a.id = $2)
      ORDER BY j.created_at DESC, j.id DESC LIMIT $1`,
    [page.limit, page.after ?? null],
  );
}

/** Milliseconds from the start of a job to its end; null while it runs. */
export function processingMs(createdAt: string, finishedAt: string | null): number | null {
  return finishedAt === null ? null : Date.parse(finishedAt) - Date.parse(createdAt);
}
