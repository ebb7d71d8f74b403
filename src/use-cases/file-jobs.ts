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
import { createExportJob, exportFile, finishExportJob, getExportJob, type ExportFilters, type ExportJob } from '../store/export-jobs-store';
import {
  createImportJob,
  finishImportJob,
  getImportJob,
  importErrorRows,
  listImportJobs,
  type ImportJob,
} from '../store/import-jobs-store';
import { exportJobWorkflowId, importJobWorkflowId, startWorkflow } from '../temporal/workflow-client';
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
export async function startCustomerImport(deps: ProcessDeps, upload: Upload): Promise<ImportJob> {
  return startImport(deps, { target: 'customers', groupId: null, mode: 'add', ...upload });
}

/**
 * Stores an upload of members of a static group as a new import job and starts its workflow;
 * `mode` replace replaces the member list, add adds. `upload` is read once the group and the mode
 * are known to be right, so that their problems are the ones reported first.
 */
export async function startGroupImport(
  deps: ProcessDeps,
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
  deps: ProcessDeps,
  ruleSet: RuleSet,
  request: { format: TableFormat; requestedBy: string; filters?: ExportFilters },
): Promise<ExportJob> {
  if (request.filters?.group) findGroup(ruleSet, request.filters.group);
  const job = await createExportJob(deps.db, { format: request.format, requestedBy: request.requestedBy, filters: request.filters ?? {} });
  await startJobWorkflow(deps, 'export', job.id);
  return job;
}

/** The import history, newest first. */
export async function importHistory(db: Queryable) {
  return { imports: await listImportJobs(db) };
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

/** An export's status and progress. */
export async function exportStatus(db: Queryable, exportId: string): Promise<ExportJob> {
  return getExportJob(db, exportId);
}

/** An export's file; ConflictError while it is being written, or once it was removed after an erasure. */
export async function exportedFile(db: Queryable, exportId: string): Promise<{ format: TableFormat; file: Buffer }> {
  const job = await getExportJob(db, exportId);
  const file = await exportFile(db, exportId);
  if (!file && job.fileRemovedAt) {
    throw new ConflictError(
      `The file of export ${exportId} was removed at ${job.fileRemovedAt}: it held personal data of a customer whose data was erased since. Start a new export.`,
      { status: job.status, fileRemovedAt: job.fileRemovedAt },
    );
  }
  if (!file) throw new ConflictError(`Export ${exportId} is ${job.status}; the file is there once it is complete.`, { status: job.status });
  return { format: job.format, file };
}

/** Stores the job and starts its workflow. */
async function startImport(deps: ProcessDeps, job: Parameters<typeof createImportJob>[1]): Promise<ImportJob> {
  const created = await createImportJob(deps.db, job);
  await startJobWorkflow(deps, 'import', created.id);
  return created;
}

/**
 * Starts a job's workflow. A repeated upload makes a new job, so a job whose workflow could not be
 * started is marked failed (an import's file dropped) rather than left "in-process" for ever; should
 * the start have gone through after all, its workflow finds the job failed and stops.
 */
async function startJobWorkflow(deps: ProcessDeps, kind: 'import' | 'export', id: string): Promise<void> {
  try {
    if (kind === 'import')
      await startWorkflow(deps, importJob, { workflowId: importJobWorkflowId(id), args: [{ importId: id }], policy: 'fresh' });
    else await startWorkflow(deps, exportJob, { workflowId: exportJobWorkflowId(id), args: [{ exportId: id }], policy: 'fresh' });
  } catch (error) {
    const failure = `The ${kind} could not be started: Temporal, which runs the jobs, was unreachable. Send the request again.`;
    await (kind === 'import' ? finishImportJob(deps.db, id, { failure }) : finishExportJob(deps.db, id, { failure }));
    throw error;
  }
}
