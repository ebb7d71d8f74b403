/** Bulk import (CSV / XLSX, at most 2 MB and 50,000 rows) and export of customers, and static group imports, as jobs. */
import type { Request, Response } from 'express';
import { ValidationError } from '../../errors';
import { maxImportRows } from '../../files/read-table-file';
import { tableContentTypes, type TableFormat } from '../../files/table-format';
import {
  exportedFile,
  exportHistory,
  exportStatus,
  importErrorFile,
  importErrorList,
  importHistory,
  importStatus,
  startCustomerImport,
  startExport,
  startGroupImport,
  type Upload,
} from '../../use-cases/file-jobs';
import { UnsupportedMediaTypeError } from '../api-errors';
import { processDeps, type ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { pageParameters, pageQuery } from '../page-query';
import { responseSchemas } from '../response-schemas';
import { actorOf, withActor } from '../actor';
import { hasScope, readPersonalDataScope, requirePersonalDataAccess } from '../auth';

/** Largest accepted upload (seed 002: 2 MB). */
export const maxUploadBytes = 2 * 1024 * 1024;

/** The import, export and group-import routes. */
export function fileJobRoutes(deps: ApiDeps): ApiRoute[] {
  const process = processDeps(deps);
  const uploadDescription =
    'Send the file itself as the body, with Content-Type text/csv (UTF-8, or the `charset` it declares) or the .xlsx type; ' +
    `at most 2 MB and ${maxImportRows.toLocaleString('en')} rows. Query: ` +
    '`filename`, `requestedBy`. Answers 202 with the job; follow `GET /v1/imports/{importId}` until its status is ' +
    'complete, partial or failed; rejected rows are in `GET /v1/imports/{importId}/errors` with an ERROR column.';
  const uploadParameters = [
    { name: 'filename', description: 'The name of the uploaded file, kept with the job (at most 200 characters).' },
    { name: 'requestedBy', description: 'Who started the import, kept with the job (default `api`).' },
  ];
  const accepted = {
    description: 'Accepted; the import runs as a job.',
    schema: responseSchemas.importJob,
    location: 'The job: `/v1/imports/{importId}`.',
  };
  // The import and export histories page alike.
  const historyDescription = (jobs: string) =>
    `Pages of \`limit\` (default 50, at most 500) ${jobs}, the newest first; a full page has \`next\`: pass it as \`after\` for the next page ` +
    '(422 when `after` names no job of the list). Each job: status, format, `requestedBy`, `createdAt` (start), `finishedAt` (end, null while in process), ' +
    '`processingMs` (from start to end), `totalRows` and `processedRows`.';
  const badPage = { description: '`limit` is not 1–500, or `after` names no job of the list.', schema: 'Problem' };
  return [
    {
      method: 'post',
      path: '/v1/customers/imports',
      summary: 'Import customers from a CSV or XLSX file',
      description: `Columns: id (optional), email, phone, name, active, and attribute ids from rules/attributes.yaml. ${uploadDescription}`,
      tag: 'Imports and exports',
      scope: 'imports',
      idempotencyKey: true,
      query: uploadParameters,
      upload: true,
      responses: {
        202: accepted,
        413: { description: 'Larger than 2 MB.', schema: 'Problem' },
        415: { description: 'Not CSV or XLSX.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const job = await startCustomerImport(process, uploadOf(req, res));
        res.status(202).location(`/v1/imports/${job.id}`).json(job);
      },
    },
    {
      method: 'post',
      path: '/v1/groups/{groupId}/imports',
      summary: 'Import the members of a static group (emails or phones)',
      description: `A column email or phone (or both) naming existing customers; \`mode=replace\` replaces the member list, \`add\` (default) adds. Identifiers that match no customer are rejected rows. ${uploadDescription}`,
      tag: 'Imports and exports',
      scope: 'imports',
      idempotencyKey: true,
      query: [
        {
          name: 'mode',
          description: '`add` (the default) adds the members; `replace` replaces the member list.',
          enum: ['add', 'replace'],
        },
        ...uploadParameters,
      ],
      upload: true,
      responses: {
        202: accepted,
        404: { description: 'No such group.', schema: 'Problem' },
        409: { description: 'Not a static group.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const mode = queryText(req, 'mode', 10) ?? 'add';
        const job = await startGroupImport(process, deps.rules.current, pathParam(req, 'groupId'), mode, () => uploadOf(req, res));
        res.status(202).location(`/v1/imports/${job.id}`).json(job);
      },
    },
    {
      method: 'get',
      path: '/v1/imports',
      summary: 'Import history, newest first',
      description: `${historyDescription('imports')} An import's status is in-process, complete, partial or failed, as \`GET /v1/imports/{importId}\` says.`,
      tag: 'Imports and exports',
      scope: 'imports',
      query: pageParameters,
      responses: { 200: { description: 'A page of imports.', schema: responseSchemas.importHistory }, 422: badPage },
      handle: async (req, res) => {
        res.json(await importHistory(deps.db, pageQuery(req.query)));
      },
    },
    {
      method: 'get',
      path: '/v1/imports/{importId}',
      summary: 'Status and progress of an import',
      description:
        'status: in-process, complete (every row imported), partial (some rows rejected) or failed (none imported, or the file could not be read: see `failure`).',
      tag: 'Imports and exports',
      scope: 'imports',
      query: [],
      responses: {
        200: { description: 'The job.', schema: responseSchemas.importJob },
        404: { description: 'No such import.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(await importStatus(deps.db, pathParam(req, 'importId')));
      },
    },
    {
      method: 'get',
      path: '/v1/imports/{importId}/errors',
      summary: 'The error file: rejected rows with an ERROR column',
      description:
        'In the format of the upload, or `?format=csv|xlsx`; `?format=json` lists each rejected row with its row number in the uploaded file. ' +
        'The rows are the cells as uploaded (emails, phones, names): reading them needs `customers:read-personal` too.',
      tag: 'Imports and exports',
      scope: 'imports',
      audited: true,
      query: [
        {
          name: 'format',
          description: '`csv` or `xlsx` (default: the format of the upload); `json` lists each rejected row with its row number.',
          enum: ['csv', 'xlsx', 'json'],
        },
      ],
      responses: {
        200: {
          description: 'The error file (CSV or XLSX), or with `format=json` the rejected rows with their row numbers.',
          contentType: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
        403: { description: 'The caller lacks customers:read-personal.', schema: 'Problem' },
        404: { description: 'No such import.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const importId = pathParam(req, 'importId');
        await importStatus(deps.db, importId);
        // The rejected rows are personal data as uploaded, in clear.
        requirePersonalDataAccess(res);
        const requested = (req.query as Record<string, unknown>).format;
        if (requested === 'json') {
          res.json(await importErrorList(deps.db, importId));
          return;
        }
        const { format, file } = await importErrorFile(
          deps.db,
          importId,
          requested === 'csv' || requested === 'xlsx' ? requested : undefined,
        );
        res.type(tableContentTypes[format]).attachment(`import-${importId}-errors.${format}`).send(file);
      },
    },
    {
      method: 'post',
      path: '/v1/customers/exports',
      summary: 'Export customers to CSV or XLSX',
      description:
        'Answers 202 with the job; the file is at `GET /v1/exports/{exportId}/file` once complete. Cells that a spreadsheet would run as formulas are neutralised.',
      tag: 'Imports and exports',
      scope: 'exports',
      idempotencyKey: true,
      query: [],
      requestBody: 'ExportRequest',
      responses: {
        202: {
          description: 'Accepted; the export runs as a job.',
          schema: responseSchemas.exportJob,
          location: 'The job: `/v1/exports/{exportId}`.',
        },
      },
      handle: async (req, res) => {
        const body = withActor(res, deps.validator.validate('ExportRequest', req.body), 'requestedBy');
        const job = await startExport(process, deps.rules.current, { ...body, masked: !hasScope(res, readPersonalDataScope) });
        res.status(202).location(`/v1/exports/${job.id}`).json(job);
      },
    },
    {
      method: 'get',
      path: '/v1/exports',
      summary: 'Export history, newest first',
      description:
        `${historyDescription('exports')} An export's status is in-process, complete or failed (see \`failure\`); ` +
        '`fileRemovedAt` says when its file was removed by an erasure.',
      tag: 'Imports and exports',
      scope: 'exports',
      query: pageParameters,
      responses: { 200: { description: 'A page of exports.', schema: 'ExportHistory' }, 422: badPage },
      handle: async (req, res) => {
        res.json(await exportHistory(deps.db, pageQuery(req.query)));
      },
    },
    {
      method: 'get',
      path: '/v1/exports/{exportId}',
      summary: 'Status and progress of an export',
      tag: 'Imports and exports',
      scope: 'exports',
      query: [],
      responses: {
        200: { description: 'The job.', schema: responseSchemas.exportJob },
        404: { description: 'No such export.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(await exportStatus(deps.db, pathParam(req, 'exportId')));
      },
    },
    {
      method: 'get',
      path: '/v1/exports/{exportId}/file',
      summary: 'Download an exported file',
      tag: 'Imports and exports',
      scope: 'exports',
      audited: true,
      query: [],
      responses: {
        200: {
          description: 'The file, as an attachment.',
          contentType: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
        404: { description: 'No such export.', schema: 'Problem' },
        409: { description: 'Not complete yet.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const exportId = pathParam(req, 'exportId');
        const { format, file, masked } = await exportedFile(deps.db, exportId);
        // A file in clear goes only to a caller who may read personal data; a masked one to any caller with `exports`.
        if (!masked) requirePersonalDataAccess(res);
        res.type(tableContentTypes[format]).attachment(`customers-${exportId}.${format}`).send(file);
      },
    },
  ];
}

/** The uploaded file of a request: its format, its bytes (CSV as UTF-8), the query's `filename`, and who started it. */
function uploadOf(req: Request, res: Response): Upload {
  const format = uploadFormat(req);
  if (!Buffer.isBuffer(req.body) || req.body.length === 0)
    throw new ValidationError('The body is empty: send the file itself as the request body.');
  const file = format === 'csv' ? asUtf8(req, req.body) : req.body;
  return {
    format,
    file,
    filename: queryText(req, 'filename', 200) ?? `upload.${format}`,
    requestedBy: actorOf(res, 'requestedBy', queryText(req, 'requestedBy', 128)),
  };
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
    if (error instanceof RangeError)
      throw new UnsupportedMediaTypeError(`The charset "${charset}" is not known. Send the file as UTF-8 (text/csv; charset=utf-8).`);
    throw new ValidationError(
      `The body is not ${charset} text, as its Content-Type says. Send the file as UTF-8 (text/csv; charset=utf-8).`,
    );
  }
}

/** A text query parameter (the first when repeated), at most `max` characters; control characters are refused. */
function queryText(req: Request, name: string, max: number): string | undefined {
  const raw = (req.query as Record<string, unknown>)[name];
  const value: unknown = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value === '') return undefined;
  if (/[\u0000-\u001F\u007F]/.test(value))
    throw new ValidationError(`The query parameter ${name} holds control characters; send printable text.`);
  return value.slice(0, max);
}
