/** Bulk import (CSV / XLSX, at most 2 MB and 50,000 rows) and export of customers, and static group imports, as jobs. */
import type { Request } from 'express';
import { ConflictError, ValidationError } from '../../errors';
import { maxImportRows, tableContentTypes, type TableFormat } from '../../files/read-table-file';
import { findGroup } from '../../rules/find-in-rule-set';
import { errorFile } from '../../files/write-table-file';
import { createExportJob, exportFile, finishExportJob, getExportJob, type ExportFilters } from '../../store/export-jobs-store';
import { createImportJob, finishImportJob, getImportJob, importErrorRows, listImportJobs, type ImportJob } from '../../store/import-jobs-store';
import { UnsupportedMediaTypeError } from '../api-errors';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';

/** Largest accepted upload (seed 002: 2 MB). */
export const maxUploadBytes = 2 * 1024 * 1024;

/** The import, export and group-import routes. */
export function fileJobRoutes(deps: ApiDeps): ApiRoute[] {
  /**
   * Starts a job's workflow. A repeated upload makes a new job, so a job whose workflow could not be
   * started is marked failed (an import's file dropped) rather than left "in-process" for ever; should
   * the start have gone through after all, its workflow finds the job failed and stops.
   */
  const startJobWorkflow = async (kind: 'import' | 'export', id: string) => {
    const start = kind === 'import' ? { type: 'importJob', args: [{ importId: id }] } : { type: 'exportJob', args: [{ exportId: id }] };
    try {
      await deps.temporal.workflow.start(start.type, { workflowId: `${kind}-${id}`, taskQueue: deps.taskQueue, args: start.args });
    } catch (error) {
      const failure = `The ${kind} could not be started: Temporal, which runs the jobs, was unreachable. Send the request again.`;
      await (kind === 'import' ? finishImportJob(deps.db, id, { failure }) : finishExportJob(deps.db, id, { failure }));
      throw error;
    }
  };
  const startImport = async (req: Request, target: ImportJob['target'], groupId: string | null, mode: ImportJob['mode']) => {
    const format = uploadFormat(req);
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new ValidationError('The body is empty: send the file itself as the request body.');
    const file = format === 'csv' ? asUtf8(req, req.body) : req.body;
    const job = await createImportJob(deps.db, {
      target,
      groupId,
      mode,
      format,
      file,
      filename: queryText(req, 'filename', 200) ?? `upload.${format}`,
      requestedBy: queryText(req, 'requestedBy', 128) ?? 'api',
    });
    await startJobWorkflow('import', job.id);
    return job;
  };
  const uploadDescription =
    'Send the file itself as the body, with Content-Type text/csv (UTF-8, or the `charset` it declares) or the .xlsx type; ' +
    `at most 2 MB and ${maxImportRows.toLocaleString('en')} rows. Query: ` +
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
        const mode = queryText(req, 'mode', 10) ?? 'add';
        if (mode !== 'add' && mode !== 'replace') throw new ValidationError(`mode must be add or replace; got ${JSON.stringify(mode)}.`);
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
      description: 'In the format of the upload, or `?format=csv|xlsx`; `?format=json` lists each rejected row with its row number in the uploaded file.',
      tag: 'Imports and exports',
      auth: true,
      responses: { 200: { description: 'The error file.' }, 404: { description: 'No such import.', schema: 'Problem' } },
      handle: async (req, res) => {
        const importId = pathParam(req, 'importId');
        const job = await getImportJob(deps.db, importId);
        const requested = (req.query as Record<string, unknown>).format;
        const { header, rows } = await importErrorRows(deps.db, importId);
        if (requested === 'json') {
          res.json({ importId, header, rows: rows.map((row) => ({ row: row.number, cells: row.cells, error: row.error })) });
          return;
        }
        const format: TableFormat = requested === 'csv' || requested === 'xlsx' ? requested : job.format;
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
        await startJobWorkflow('export', job.id);
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
        if (!file && job.fileRemovedAt) {
          throw new ConflictError(
            `The file of export ${exportId} was removed at ${job.fileRemovedAt}: it held personal data of a customer whose data was erased since. Start a new export.`,
            { status: job.status, fileRemovedAt: job.fileRemovedAt },
          );
        }
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
  const multipart = req.is('multipart/form-data') ? ' Send the file itself as the body, not as a form field.' : '';
  throw new UnsupportedMediaTypeError(
    `Uploads are CSV (Content-Type: text/csv, UTF-8) or XLSX (Content-Type: ${tableContentTypes.xlsx}); got "${req.get('content-type') ?? 'none'}". Save legacy .xls files as .xlsx.${multipart}`,
  );
}

/** A CSV body in UTF-8: a body that declares another charset (e.g. `text/csv; charset=iso-8859-1`) is converted. */
function asUtf8(req: Request, body: Buffer): Buffer {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
  if (!charset || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') return body;
  try {
    return Buffer.from(new TextDecoder(charset, { fatal: true }).decode(body), 'utf8');
  } catch (error) {
    if (error instanceof RangeError) throw new UnsupportedMediaTypeError(`The charset "${charset}" is not known. Send the file as UTF-8 (text/csv; charset=utf-8).`);
    throw new ValidationError(`The body is not ${charset} text, as its Content-Type says. Send the file as UTF-8 (text/csv; charset=utf-8).`);
  }
}

/** A text query parameter (the first when repeated), at most `max` characters; control characters are refused. */
function queryText(req: Request, name: string, max: number): string | undefined {
  const raw = (req.query as Record<string, unknown>)[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value === '') return undefined;
  if (/[\u0000-\u001F\u007F]/.test(value)) throw new ValidationError(`The query parameter ${name} holds control characters; send printable text.`);
  return value.slice(0, max);
}
