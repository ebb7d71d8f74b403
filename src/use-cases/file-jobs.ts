/**
 * Bulk imports and exports as jobs, from the API's side: an upload stored as a job whose workflow
 * `import-{importId}` applies it, an export registered and written by `export-{exportId}`; their
 * status, an import's rejected rows, an export's file.
 */
import { ConflictError, ValidationError } from '../errors';
import type { TableFormat } from '../files/table-format';
import { errorFile } from '../files/write-table-file';
import { findGroup } from '../rules/find-in-rule-set';
import type { RuleSet } from '../rules/rule-set';
import type { Queryable } from '../store/database';
import { createExportJob, exportFile, getExportJob, listExportJobs, type ExportFilters, type ExportJob } from '../store/export-jobs-store';
import { createImportJob, getImportJob, importErrorRows, listImportJobs, type ImportJob } from '../store/import-jobs-store';
import type { HistoryPage } from '../store/job-history';
import { queueIntents } from '../store/workflow-intent-store';
import { exportJobWorkflowId, importJobWorkflowId } from '../temporal/workflow-client';
import { startIntent } from '../temporal/workflow-intents';
import { exportJob, importJob } from '../../workflows/file-jobs';
import type { ProcessDeps } from './process-deps';

/** An uploaded file, read from the request. */
export interface Upload {
  format: TableFormat;
  file: Buffer;
  filename: string;
  requestedBy: string;
}

/** Stores an upload of customers as a new import job and starts its workflow. */
export async function startCustomerImport(deps: Pick<ProcessDeps, 'db'>, upload: Upload): Promise<ImportJob> {
  return startImport(deps, { target: 'customers', groupId: null, mode: 'add', ...upload });
}

/**
 * Stores an upload of members of a static group as a new import job and starts its workflow;
 * `mode` replace replaces the member list, add adds. `upload` is read once the group and the mode
 * are known to be right, so that their problems are the ones reported first.
 */
export async function startGroupImport(
  deps: Pick<ProcessDeps, 'db'>,
  ruleSet: RuleSet,
  groupId: string,
  mode: string,
  upload: () => Upload,
): Promise<ImportJob> {
  const group = findGroup(ruleSet, groupId);
  if (group.kind !== 'static')
    throw new ConflictError(`Group "${groupId}" is conditional: its members follow its conditions and cannot be imported.`);
  if (mode !== 'add' && mode !== 'replace') throw new ValidationError(`mode must be add or replace; got ${JSON.stringify(mode)}.`);
  return startImport(deps, { target: 'group-members', groupId, mode, ...upload() });
}

/** Registers an export of the customers matching `filters` and starts its workflow; NotFoundError for an unknown group. */
export async function startExport(
  deps: Pick<ProcessDeps, 'db'>,
  ruleSet: RuleSet,
  request: { format: TableFormat; requestedBy: string; filters?: ExportFilters; masked: boolean },
): Promise<ExportJob> {
  if (request.filters?.group) findGroup(ruleSet, request.filters.group);
  return deps.db.transaction(async (tx) => {
    const job = await createExportJob(tx, {
      format: request.format,
      requestedBy: request.requestedBy,
      filters: request.filters ?? {},
      masked: request.masked,
    });
    await queueIntents(tx, [
      startIntent(exportJob, { workflowId: exportJobWorkflowId(job.id), args: [{ exportId: job.id }], policy: 'once' }),
    ]);
    return job;
  });
}

/** A page of the import history, newest first; `next` is the `after` of the next page. */
export async function importHistory(db: Queryable, page: HistoryPage) {
  const imports = await listImportJobs(db, page);
  return { imports, ...nextPage(imports, page) };
}

/** An import's status and progress. */
export async function importStatus(db: Queryable, importId: string): Promise<ImportJob> {
  return getImportJob(db, importId);
}

/** An import's rejected rows, each with its row number in the uploaded file. */
export async function importErrorList(db: Queryable, importId: string) {
  await getImportJob(db, importId);
  const { header, rows } = await importErrorRows(db, importId);
  return { importId, header, rows: rows.map((row) => ({ row: row.number, cells: row.cells, error: row.error })) };
}

/** An import's error file — the rejected rows with an ERROR column — in `format`, by default that of the upload. */
export async function importErrorFile(
  db: Queryable,
  importId: string,
  format?: TableFormat,
): Promise<{ format: TableFormat; file: Buffer }> {
  const job = await getImportJob(db, importId);
  const { header, rows } = await importErrorRows(db, importId);
  const chosen = format ?? job.format;
  return { format: chosen, file: await errorFile(chosen, header, rows) };
}

/** A page of the export history, newest first, as `importHistory` pages; `next` is the `after` of the next page. */
export async function exportHistory(db: Queryable, page: HistoryPage) {
  const exports = await listExportJobs(db, page);
  return { exports, ...nextPage(exports, page) };
}

/** An export's status and progress. */
export async function exportStatus(db: Queryable, exportId: string): Promise<ExportJob> {
  return getExportJob(db, exportId);
}

/** An export's file; ConflictError while it is being written, or once it was removed after an erasure. */
export async function exportedFile(db: Queryable, exportId: string): Promise<{ format: TableFormat; file: Buffer; masked: boolean }> {
  const job = await getExportJob(db, exportId);
  const file = await exportFile(db, exportId);
  if (!file && job.fileRemovedAt) {
    throw new ConflictError(
      `The file of export ${exportId} was removed at ${job.fileRemovedAt}: it held personal data of a customer whose data was erased since. Start a new export.`,
      { status: job.status, fileRemovedAt: job.fileRemovedAt },
    );
  }
  if (!file) throw new ConflictError(`Export ${exportId} is ${job.status}; the file is there once it is complete.`, { status: job.status });
  return { format: job.format, file, masked: job.masked };
}

/** Stores the job and, in the same transaction, queues its workflow's start (the job waits in-process until it runs). */
async function startImport(deps: Pick<ProcessDeps, 'db'>, job: Parameters<typeof createImportJob>[1]): Promise<ImportJob> {
  return deps.db.transaction(async (tx) => {
    const created = await createImportJob(tx, job);
    await queueIntents(tx, [
      startIntent(importJob, { workflowId: importJobWorkflowId(created.id), args: [{ importId: created.id }], policy: 'once' }),
    ]);
    return created;
  });
}

/** `{ next }`, the id of the last job, when the page is full (there may be more); nothing otherwise. */
function nextPage(jobs: Array<{ id: string }>, page: HistoryPage): { next?: string } {
  return jobs.length === page.limit ? { next: jobs.at(-1)!.id } : {};
}
