/** Import jobs: the uploaded file, progress row by row, rejected rows, and the final status. */
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../errors';
import type { TableFormat } from '../files/table-format';
import type { Database, Queryable } from './database';
import { jobHistoryPage, processingMs, type HistoryPage } from './job-history';

export type ImportStatus = 'in-process' | 'complete' | 'partial' | 'failed';

export interface ImportJob {
  id: string;
  target: 'customers' | 'group-members';
  groupId: string | null;
  mode: 'add' | 'replace';
  filename: string;
  format: TableFormat;
  requestedBy: string;
  status: ImportStatus;
  totalRows: number | null;
  processedRows: number;
  okRows: number;
  errorRows: number;
  failure: string | null;
  /** When the file was uploaded. */
  createdAt: string;
  finishedAt: string | null;
  /** From start to end (`createdAt` to `finishedAt`); null while in process. */
  processingMs: number | null;
}

const jobColumns = `j.id, j.target, j.group_id, j.mode, j.filename, j.format, j.requested_by, j.status, j.total_rows,
  j.processed_rows, j.ok_rows, j.failure, j.created_at, j.finished_at,
  (SELECT count(*)::int FROM import_errors e WHERE e.job_id = j.id) AS error_rows`;

/** Stores an uploaded file as a new job, in process. */
export async function createImportJob(
  db: Queryable,
  job: Pick<ImportJob, 'target' | 'groupId' | 'mode' | 'filename' | 'format' | 'requestedBy'> & { file: Buffer },
): Promise<ImportJob> {
  const id = randomUUID();
  // The file goes in as base64 text (see byteaAsText).
  await db.query(
    `INSERT INTO import_jobs (id, target, group_id, mode, filename, format, file, requested_by) VALUES ($1, $2, $3, $4, $5, $6, decode($7, 'base64'), $8)`,
    [id, job.target, job.groupId, job.mode, job.filename, job.format, job.file.toString('base64'), job.requestedBy],
  );
  return getImportJob(db, id);
}

/** A job's status and progress. */
export async function getImportJob(db: Queryable, id: string): Promise<ImportJob> {
  const [row] = await db.query<Record<string, unknown>>(`SELECT ${jobColumns} FROM import_jobs j WHERE j.id = $1`, [id]);
  if (!row) throw new NotFoundError(`No import has the id "${id}". GET /v1/imports lists them.`);
  return toJob(row);
}

/** A page of the import history, newest first. */
export async function listImportJobs(db: Queryable, page: HistoryPage): Promise<ImportJob[]> {
  return (await jobHistoryPage(db, 'import_jobs', jobColumns, page)).map(toJob);
}

/** The uploaded bytes of a job. */
export async function importFile(db: Queryable, id: string): Promise<Buffer> {
  const [row] = await db.query<{ file: string }>(`SELECT ${byteaAsText('file')} AS file FROM import_jobs WHERE id = $1`, [id]);
  if (!row) throw new NotFoundError(`No import has the id "${id}".`);
  return Buffer.from(row.file, 'base64');
}

/**
 * A bytea column read as base64 text (Buffer.from(text, 'base64') skips the line breaks PostgreSQL
 * puts in): Node decodes base64 natively, where `pg` would parse bytea's hex text in JavaScript on
 * the main thread. Files go in as decode($n, 'base64') for the same reason.
 */
export function byteaAsText(column: string): string {
  return `encode(${column}, 'base64')`;
}

/**
 * A rejected row that names a customer whose personal data was erased (by id) keeps only that id:
 * an import that was running while the customer was erased must not write their data back.
 */
async function withoutErasedCustomers(tx: Queryable, cells: string[], error: string): Promise<{ cells: string[]; error: string }> {
  const [erased] = await tx.query<{ id: string }>(
    `SELECT id FROM customers WHERE id = ANY($1::text[]) AND erasure_state = 'erased' LIMIT 1`,
    [cells],
  );
  if (!erased) return { cells, error };
  return {
    cells: cells.map((cell) => (cell === erased.id ? cell : '')),
    error: `The row names customer ${erased.id}, whose personal data was erased; its other cells are not kept.`,
  };
}

/** Records the header and row count once the file has been read. */
export async function startImportRows(db: Queryable, id: string, header: string[], totalRows: number): Promise<void> {
  await db.query('UPDATE import_jobs SET columns = $2, total_rows = $3 WHERE id = $1', [id, JSON.stringify(header), totalRows]);
}

/** Applies one row with `apply` and records its outcome with the progress, in one transaction. */
export async function processImportRow(
  db: Database,
  id: string,
  row: { number: number; cells: string[] },
  apply: (tx: Queryable) => Promise<string | undefined>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const error = await apply(tx);
    if (error) {
      const kept = await withoutErasedCustomers(tx, row.cells, error);
      await tx.query('INSERT INTO import_errors (job_id, row_number, cells, error) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        id,
        row.number,
        JSON.stringify(kept.cells),
        kept.error,
      ]);
    }
    await tx.query(`UPDATE import_jobs SET processed_rows = processed_rows + 1, ok_rows = ok_rows + $2 WHERE id = $1`, [id, error ? 0 : 1]);
  });
}

/** How many rows of the job went in so far. */
export async function importedRowsSoFar(db: Queryable, id: string): Promise<number> {
  const [row] = await db.query<{ ok_rows: number }>('SELECT ok_rows FROM import_jobs WHERE id = $1', [id]);
  return Number(row?.ok_rows ?? 0);
}

/**
 * Ends the job: Complete when every row went in, Partial when some did, Failed when none did.
 * `failure` says why the file could not be read; `unreadable` names a row that could not be read,
 * for the failure when no row went in (never a cell value: the failure outlives erasures).
 */
export async function finishImportJob(
  db: Queryable,
  id: string,
  { failure, unreadable }: { failure?: string; unreadable?: string } = {},
): Promise<ImportJob> {
  const job = await getImportJob(db, id);
  const status: ImportStatus = failure || job.okRows === 0 ? 'failed' : job.errorRows > 0 ? 'partial' : 'complete';
  // The uploaded file holds personal data of many customers: it is not kept once the job is done
  // (rejected rows stay, for the error file, until their customers are erased).
  await db.query(`UPDATE import_jobs SET status = $2, failure = $3, finished_at = now(), file = ''::bytea WHERE id = $1`, [
    id,
    status,
    failure ??
      (job.okRows > 0
        ? null
        : job.totalRows === 0
          ? 'The file has no data rows.'
          : `Every row was rejected${unreadable ? `; ${unreadable}` : ''}. The error file (GET /v1/imports/${id}/errors) gives the reason for each row.`),
  ]);
  return getImportJob(db, id);
}

/** The rejected rows: original cells and the error, in file order. */
export async function importErrorRows(
  db: Queryable,
  id: string,
): Promise<{ header: string[]; rows: Array<{ number: number; cells: string[]; error: string }> }> {
  const [job] = await db.query<{ columns: string[] | null }>('SELECT columns FROM import_jobs WHERE id = $1', [id]);
  if (!job) throw new NotFoundError(`No import has the id "${id}".`);
  const rows = await db.query<{ row_number: number; cells: string[]; error: string }>(
    'SELECT row_number, cells, error FROM import_errors WHERE job_id = $1 ORDER BY row_number',
    [id],
  );
  return { header: job.columns ?? [], rows: rows.map((row) => ({ number: row.row_number, cells: row.cells, error: row.error })) };
}

function toJob(row: Record<string, unknown>): ImportJob {
  const date = (value: unknown) => (value ? new Date(value as Date).toISOString() : null);
  const createdAt = date(row.created_at)!;
  const finishedAt = date(row.finished_at);
  return {
    id: row.id as string,
    target: row.target as ImportJob['target'],
    groupId: row.group_id as string | null,
    mode: row.mode as ImportJob['mode'],
    filename: row.filename as string,
    format: row.format as TableFormat,
    requestedBy: row.requested_by as string,
    status: row.status as ImportStatus,
    totalRows: row.total_rows as number | null,
    processedRows: row.processed_rows as number,
    okRows: row.ok_rows as number,
    errorRows: row.error_rows as number,
    failure: row.failure as string | null,
    createdAt,
    finishedAt,
    processingMs: processingMs(createdAt, finishedAt),
  };
}
