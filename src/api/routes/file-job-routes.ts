/** Bulk import (CSV / XLSX, at most 2 MB) and export of customers, and static group imports, as jobs. */
import type { Request } from 'express';
import { ConflictError, ValidationError } from '../../errors';
import { tableContentTypes, type TableFormat } from '../../files/read-table-file';
import { findGroup } from '../../rules/find-in-rule-set';
import { errorFile } from '../../files/write-table-file';
import { createExportJob, exportFile, getExportJob, type ExportFilters } from '../../store/export-jobs-store';
import { createImportJob, getImportJob, importErrorRows, listImportJobs, type ImportJob } from '../../store/import-jobs-store';
import { UnsupportedMediaTypeError } from '../api-errors';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';

/** Largest accepted upload (seed 002: 2 MB). */
export const maxUploadBytes = 2 * 1024 * 1024;

/** The import, export and group-import routes. */
export function fileJobRoutes(deps: ApiDeps): ApiRoute[] {
  const startImport = async (req: Request, target: ImportJob['target'], groupId: string | null, mode: ImportJob['mode']) => {
    const format = uploadFormat(req);
    const file = req.body;
    if (!Buffer.isBuffer(file) || file.length === 0) throw new ValidationError('The body is empty: send the file itself as the request body.');
    const query = req.query as Record<string, unknown>;
    const job = await createImportJob(deps.db, {
      target,
      groupId,
      mode,
      format,
      file,
      filename: typeof query.filename === 'string' ? query.filename.slice(0, 200) : `upload.${format}`,
      requestedBy: typeof query.requestedBy === 'string' ? query.requestedBy.slice(0, 128) : 'api',
    });
    await deps.temporal.workflow.start('importJob', { workflowId: `import-${job.id}`, taskQueue: deps.taskQueue, args: [{ importId: job.id }] });
    return job;
  };
  const uploadDescription =
    'Send the file itself as the body, with Content-Type text/csv (UTF-8) or the .xlsx type; at most 2 MB. Query: ' +
    '`filename`, `requestedBy`. Answers 202 with the job; follow `GET /v1/imports/{importId}` until its status is ' +
    'complete, partial or failed; rejected rows are in `GET /v1/imports/{importId}/errors` with an ERROR column.';
  const accepted = { description: 'Accepted; the import runs as a job.' };
  return [
    {
      method: 'post',
      path: '/v1/customers/imports',
      summary: 'Import customers from a CSV or XLSX file',
      description: `Columns: id (optional), email, phone, name, active, and attribute ids from rules/attributes.yaml. ${uploadDescription}`,
      tag: 'Imports and exports',
      auth: true,
      upload: true,
      responses: { 202: accepted, 413: { description: 'Larger than 2 MB.', schema: 'Problem' }, 415: { description: 'Not CSV or XLSX.', schema: 'Problem' } },
      handle: async (req, res) => {
        const job = await startImport(req, 'customers', null, 'add');
        res.status(202).location(`/v1/imports/${job.id}`).json(job);
      },
    },
    {
      method: 'post',
      path: '/v1/groups/{groupId}/imports',
      summary: 'Import the members of a static group (emails or phones)',
      description: `A column email or phone (or both) naming existing customers; \`mode=replace\` replaces the member list, \`add\` (default) adds. Identifiers that match no customer are rejected rows. ${uploadDescription}`,
      tag: 'Imports and exports',
      auth: true,
      upload: true,
      responses: { 202: accepted, 404: { description: 'No such group.', schema: 'Problem' }, 409: { description: 'Not a static group.', schema: 'Problem' } },
      handle: async (req, res) => {
        const groupId = pathParam(req, 'groupId');
        const group = findGroup(deps.rules.current, groupId);
        if (group.kind !== 'static') throw new ConflictError(`Group "${groupId}" is conditional: its members follow its conditions and cannot be imported.`);
        const mode = (req.query as Record<string, unknown>).mode === 'replace' ? 'replace' : 'add';
        const job = await startImport(req, 'group-members', groupId, mode);
        res.status(202).location(`/v1/imports/${job.id}`).json(job);
      },
    },
    {
      method: 'get',
      path: '/v1/imports',
      summary: 'Import history, newest first',
      tag: 'Imports and exports',
      auth: true,
      responses: { 200: { description: '`{ imports: [...] }`' } },
      handle: async (_req, res) => {
        res.json({ imports: await listImportJobs(deps.db) });
      },
    },
    {
      method: 'get',
      path: '/v1/imports/{importId}',
      summary: 'Status and progress of an import',
      description: 'status: in-process, complete (every row imported), partial (some rows rejected) or failed (none imported, or the file could not be read: see `failure`).',
      tag: 'Imports and exports',
      auth: true,
      responses: { 200: { description: 'The job.' }, 404: { description: 'No such import.', schema: 'Problem' } },
      handle: async (req, res) => {
        res.json(await getImportJob(deps.db, pathParam(req, 'importId')));
      },
    },
    {
      method: 'get',
      path: '/v1/imports/{importId}/errors',
      summary: 'The error file: rejected rows with an ERROR column',
      description: 'In the format of the upload, or `?format=csv|xlsx`.',
      tag: 'Imports and exports',
      auth: true,
      responses: { 200: { description: 'The error file.' }, 404: { description: 'No such import.', schema: 'Problem' } },
      handle: async (req, res) => {
        const importId = pathParam(req, 'importId');
        const job = await getImportJob(deps.db, importId);
        const requested = (req.query as Record<string, unknown>).format;
        const format: TableFormat = requested === 'csv' || requested === 'xlsx' ? requested : job.format;
        const { header, rows } = await importErrorRows(deps.db, importId);
        res
          .type(tableContentTypes[format])
          .attachment(`import-${importId}-errors.${format}`)
          .send(await errorFile(format, header, rows));
      },
    },
    {
      method: 'post',
      path: '/v1/customers/exports',
      summary: 'Export customers to CSV or XLSX',
      description: 'Answers 202 with the job; the file is at `GET /v1/exports/{exportId}/file` once complete. Cells that a spreadsheet would run as formulas are neutralised.',
      tag: 'Imports and exports',
      auth: true,
      requestBody: 'ExportRequest',
      responses: { 202: { description: 'Accepted; the export runs as a job.' } },
      handle: async (req, res) => {
        const body = deps.validator.validate<{ format: TableFormat; requestedBy: string; filters?: ExportFilters }>('ExportRequest', req.body);
        if (body.filters?.group) findGroup(deps.rules.current, body.filters.group);
        const job = await createExportJob(deps.db, { format: body.format, requestedBy: body.requestedBy, filters: body.filters ?? {} });
        await deps.temporal.workflow.start('exportJob', { workflowId: `export-${job.id}`, taskQueue: deps.taskQueue, args: [{ exportId: job.id }] });
        res.status(202).location(`/v1/exports/${job.id}`).json(job);
      },
    },
    {
      method: 'get',
      path: '/v1/exports/{exportId}',
      summary: 'Status and progress of an export',
      tag: 'Imports and exports',
      auth: true,
      responses: { 200: { description: 'The job.' }, 404: { description: 'No such export.', schema: 'Problem' } },
      handle: async (req, res) => {
        res.json(await getExportJob(deps.db, pathParam(req, 'exportId')));
      },
    },
    {
      method: 'get',
      path: '/v1/exports/{exportId}/file',
      summary: 'Download an exported file',
      tag: 'Imports and exports',
      auth: true,
      responses: { 200: { description: 'The file.' }, 409: { description: 'Not complete yet.', schema: 'Problem' } },
      handle: async (req, res) => {
        const exportId = pathParam(req, 'exportId');
        const job = await getExportJob(deps.db, exportId);
        const file = await exportFile(deps.db, exportId);
        if (!file) throw new ConflictError(`Export ${exportId} is ${job.status}; the file is there once it is complete.`, { status: job.status });
        res.type(tableContentTypes[job.format]).attachment(`customers-${exportId}.${job.format}`).send(file);
      },
    },
  ];
}

/** The format of an upload, from its content type. */
function uploadFormat(req: Request): TableFormat {
  if (req.is(tableContentTypes.csv)) return 'csv';
  if (req.is(tableContentTypes.xlsx)) return 'xlsx';
  throw new UnsupportedMediaTypeError(
    `Uploads are CSV (Content-Type: text/csv, UTF-8) or XLSX (Content-Type: ${tableContentTypes.xlsx}); got "${req.get('content-type') ?? 'none'}". Save legacy .xls files as .xlsx.`,
  );
}
