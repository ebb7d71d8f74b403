/** Export jobs: what was asked, progress, and the finished file. */
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../errors';
import type { TableFormat } from '../files/table-format';
import type { RuleSet } from '../rules/rule-set';
import { columnAttributeIds } from './attribute-values';
import type { Queryable } from './database';
import { membershipSql } from './group-store';
import { byteaAsText } from './import-jobs-store';
import { jobHistoryPage, processingMs, type HistoryPage } from './job-history';
import { SqlParameters } from './sql-parameters';

export interface ExportFilters {
  group?: string;
  active?: boolean;
}

export interface ExportJob {
  id: string;
  format: TableFormat;
  filters: ExportFilters;
  requestedBy: string;
  status: 'in-process' | 'complete' | 'failed';
  totalRows: number | null;
  processedRows: number;
  failure: string | null;
  /** When the export was started. */
  createdAt: string;
  finishedAt: string | null;
  /** From start to end (`createdAt` to `finishedAt`); null while in process. */
  processingMs: number | null;
  /** When the file was removed because it held personal data of a customer erased since. */
  fileRemovedAt: string | null;
  /** Email, phone and name masked in the file (made for a caller without customers:read-personal). */
  masked: boolean;
}

/** Registers an export, in process. */
export async function createExportJob(
  db: Queryable,
  job: { format: TableFormat; filters: ExportFilters; requestedBy: string; masked?: boolean },
): Promise<ExportJob> {
  const id = randomUUID();
  await db.query('INSERT INTO export_jobs (id, format, filters, requested_by, masked) VALUES ($1, $2, $3, $4, $5)', [
    id,
    job.format,
    JSON.stringify(job.filters),
    job.requestedBy,
    job.masked ?? false,
  ]);
  return getExportJob(db, id);
}

const jobColumns =
  'j.id, j.format, j.filters, j.requested_by, j.status, j.total_rows, j.processed_rows, j.failure, j.created_at, j.finished_at, j.file_removed_at, j.masked';

/** An export's status and progress. */
export async function getExportJob(db: Queryable, id: string): Promise<ExportJob> {
  const [row] = await db.query<Record<string, unknown>>(`SELECT ${jobColumns} FROM export_jobs j WHERE j.id = $1`, [id]);
  if (!row) throw new NotFoundError(`No export has the id "${id}". GET /v1/exports lists them.`);
  return toJob(row);
}

/** A page of the export history, newest first (the file itself is not read). */
export async function listExportJobs(db: Queryable, page: HistoryPage): Promise<ExportJob[]> {
  return (await jobHistoryPage(db, 'export_jobs', jobColumns, page)).map(toJob);
}

function toJob(row: Record<string, unknown>): ExportJob {
  const date = (value: unknown) => (value ? new Date(value as Date).toISOString() : null);
  const createdAt = date(row.created_at)!;
  const finishedAt = date(row.finished_at);
  return {
    id: row.id as string,
    format: row.format as TableFormat,
    filters: row.filters as ExportFilters,
    requestedBy: row.requested_by as string,
    status: row.status as ExportJob['status'],
    totalRows: row.total_rows as number | null,
    processedRows: row.processed_rows as number,
    failure: row.failure as string | null,
    createdAt,
    finishedAt,
    masked: row.masked === true,
    processingMs: processingMs(createdAt, finishedAt),
    fileRemovedAt: date(row.file_removed_at),
  };
}

/** The finished file, or undefined while it is being written. */
export async function exportFile(db: Queryable, id: string): Promise<Buffer | undefined> {
  // As base64 text, see byteaAsText.
  const [row] = await db.query<{ file: string | null }>(`SELECT ${byteaAsText('file')} AS file FROM export_jobs WHERE id = $1`, [id]);
  if (!row) throw new NotFoundError(`No export has the id "${id}".`);
  return row.file === null ? undefined : Buffer.from(row.file, 'base64');
}

/** Columns of a customer export: identity, attributes that may be set (encrypted ones left out), profiles. */
export function exportHeader(ruleSet: RuleSet): string[] {
  const attributes = [...ruleSet.attributes.values()]
    .filter((a) => a.source === 'attribute' && !a.encrypted && !columnAttributeIds.has(a.id))
    .map((a) => a.id);
  return ['id', 'email', 'phone', 'name', 'active', 'created_at', ...attributes, ...ruleSet.profileSets.map((set) => `profile:${set.id}`)];
}

/** Pages of export rows (text cells in header order), in id order. */
export async function* exportRows(db: Queryable, ruleSet: RuleSet, filters: ExportFilters, pageSize = 1000): AsyncGenerator<string[][]> {
  const header = exportHeader(ruleSet);
  let after = '';
  for (;;) {
    const params = new SqlParameters();
    // A merged duplicate is no customer of its own: the survivor's row holds what it had.
    const where = [`c.erasure_state <> 'erased'`, 'c.merged_into IS NULL', `c.id > ${params.add(after, 'text')}`];
    if (filters.active !== undefined) where.push(`c.active = ${params.add(filters.active, 'boolean')}`);
    const group = filters.group ? ruleSet.groups.find((candidate) => candidate.id === filters.group) : undefined;
    if (group) where.push(membershipSql(ruleSet, group, new Date(), params).where);
    const rows = await db.query<Record<string, unknown>>(
      `SELECT c.id, c.email, c.phone, c.name, c.active, c.created_at, c.attributes,
         (SELECT jsonb_object_agg(cp.set_id, cp.profile_id) FROM customer_profiles cp WHERE cp.customer_id = c.id) AS profiles
       FROM customers c WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT ${params.add(pageSize, 'int')}`,
      params.values,
    );
    if (rows.length === 0) return;
    yield rows.map((row) => header.map((column) => cellOf(row, column)));
    after = rows.at(-1)!.id as string;
  }
}

function cellOf(row: Record<string, unknown>, column: string): string {
  if (column.startsWith('profile:')) return String((row.profiles as Record<string, string> | null)?.[column.slice(8)] ?? '');
  if (column === 'created_at') return new Date(row.created_at as Date).toISOString();
  const value = column in row ? row[column] : (row.attributes as Record<string, unknown>)[column];
  if (value === null || value === undefined) return '';
  // A list (optionList attribute) as before, "a,b"; any other object as JSON rather than "[object Object]".
  if (Array.isArray(value)) return value.join(',');
  return typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean | bigint).toString();
}

/** Stores progress of an export. */
export async function exportProgress(db: Queryable, id: string, processedRows: number): Promise<void> {
  await db.query('UPDATE export_jobs SET processed_rows = $2 WHERE id = $1', [id, processedRows]);
}

/** Ends an export with its file, or with the reason it failed. */
export async function finishExportJob(
  db: Queryable,
  id: string,
  outcome: { file: Buffer; rows: number } | { failure: string },
): Promise<void> {
  if ('file' in outcome) {
    // As base64 text, see byteaAsText.
    await db.query(
      `UPDATE export_jobs SET status = 'complete', file = decode($2, 'base64'), total_rows = $3, processed_rows = $3, finished_at = now() WHERE id = $1`,
      [id, outcome.file.toString('base64'), outcome.rows],
    );
  } else {
    await db.query(`UPDATE export_jobs SET status = 'failed', failure = $2, finished_at = now() WHERE id = $1`, [id, outcome.failure]);
  }
}
