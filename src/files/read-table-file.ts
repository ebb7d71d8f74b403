/**
 * Reads an uploaded CSV or XLSX file into a header and rows of text cells. Problems with the file
 * as a whole (not a spreadsheet, no or doubled column names, too large) are TableFileError; a row
 * that cannot be read faithfully (bytes that are not UTF-8, a formula, an error value, control
 * characters) carries a `problem` and is reported, never stored mangled. Cells are never evaluated.
 */
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import { parse as parseCsvStream, type Info as CsvInfo } from 'csv-parse';
import { parse, type Options as CsvOptions } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { yieldToEventLoop } from './yield-to-event-loop';
import { formulaStart, tableContentTypes, type TableFormat } from './table-format';
import { looksLikeZip, unpackedZipSize, ZipFormatError } from './zip-size';

export interface TableRow {
  /** The row number a spreadsheet shows (the header is row 1; blank lines count). */
  number: number;
  /** Each cell as trimmed text ('' when empty). */
  cells: string[];
  /** Why the row cannot be imported as it is, found while reading; its cells are then safe to store for the error file. */
  problem?: RowProblem;
}

/** Why a row cannot be read: in full for the error file, and summed up without any cell value. */
export interface RowProblem {
  /** What is wrong, where, and how to fix it; may quote the cell. */
  detail: string;
  /** The cell and the kind of problem, never its value: it may be kept after the customer's data is erased. */
  summary: string;
}

export interface TableFile {
  /** Column names, trimmed and lower-cased; '' for a column without a name. */
  header: string[];
  /** Data rows; rows without any value are left out. */
  rows: TableRow[];
}

/** The file cannot be read as a table; the message says how to fix it. */
export class TableFileError extends Error {
  override name = 'TableFileError';
}

/** Most data rows one import takes, so that a job runs minutes rather than hours; larger files are split. */
export const maxImportRows = 50_000;

/** Most bytes an .xlsx upload may unpack to: the workbook is read in memory, and 2 MB of zip can hide gigabytes. */
export const maxUnpackedXlsxBytes = 32 * 1024 * 1024;

/**
 * Parses the bytes of a file in the given format. Reading 50,000 rows takes a while: the event loop
 * gets its turn in between (see yieldToEventLoop), so the API in the same process keeps answering.
 */
export async function readTableFile(bytes: Buffer, format: TableFormat): Promise<TableFile> {
  const table = format === 'csv' ? await readCsv(bytes) : await readXlsx(bytes);
  const header = checkedHeader(table.header);
  const rows: TableRow[] = [];
  for (const row of table.rows) {
    if (row.cells.some((cell) => cell !== '')) rows.push(checkedRow(header, row));
    await yieldToEventLoop();
  }
  if (rows.length > maxImportRows) {
    const limit = maxImportRows.toLocaleString('en');
    throw new TableFileError(
      `The file has ${rows.length.toLocaleString('en')} data rows; an import takes at most ${limit}. Split it into files of at most ${limit} rows and upload each.`,
    );
  }
  return { header, rows };
}

/** A value for a message: a cell may hold kilobytes, a message shows its first 60 characters. */
function shortened(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** A cell value in quotes for a message, shortened when long. */
export function quoteCell(text: string): string {
  return `"${shortened(text)}"`;
}

/** Spreadsheet name of a cell: column letters and row number, e.g. B3. */
function cellName(column: number, row: number): string {
  return `${columnLetters(column)}${row}`;
}

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const loneSurrogate = /\p{Cs}/u;
const saveAsCsvUtf8 = 'Save the file as "CSV UTF-8" (or as .xlsx) and upload it again.';
const legacyXls =
  'The file is a legacy Excel .xls workbook, which is not read. Save it as Excel Workbook (.xlsx) or CSV UTF-8 and upload it again.';
const oleSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function checkedHeader(cells: string[]): string[] {
  if (cells.every((name) => name === '')) {
    throw new TableFileError('The file has no header row. Put the column names (e.g. email, phone) in the first row.');
  }
  const control = cells.find((name) => controlCharacter.test(name) || loneSurrogate.test(name));
  if (control !== undefined) {
    throw new TableFileError(
      `The header row holds characters that are not text: the file is binary, or UTF-16 without a byte-order mark. ${saveAsCsvUtf8}`,
    );
  }
  const header = cells.map((name) => name.trim().toLowerCase());
  header.forEach((name, index) => {
    const first = header.indexOf(name);
    if (name !== '' && first !== index) {
      throw new TableFileError(
        `The column "${name}" appears twice (columns ${columnLetters(first)} and ${columnLetters(index)}). Keep one of them and upload again.`,
      );
    }
  });
  return header;
}

function rowProblem(summary: string, advice: string): RowProblem {
  return { summary, detail: `${summary}${advice}` };
}

/** Marks rows whose cells cannot be stored as they are, or that hold values under no column name. */
function checkedRow(header: string[], row: TableRow): TableRow {
  const cells = row.cells.map(withoutFormulaMark);
  const problem = row.problem ?? textProblem(cells, row.number) ?? unnamedCellProblem(header, cells, row.number);
  return problem ? { number: row.number, cells: cells.map(storable), problem } : { number: row.number, cells };
}

/** Our exports and error files prefix formula-like cells with an apostrophe; a re-upload gets the value back. */
function withoutFormulaMark(cell: string): string {
  return cell.startsWith("'") && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function textProblem(cells: string[], row: number): RowProblem | undefined {
  for (const [column, cell] of cells.entries()) {
    const control = controlCharacter.exec(cell);
    if (control) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      return rowProblem(
        `Cell ${cellName(column, row)} holds the control character U+${code}`,
        ', which is not text (is the file binary, or UTF-16 without a byte-order mark?). Remove it and upload the row again.',
      );
    }
    if (loneSurrogate.test(cell)) {
      return rowProblem(
        `Cell ${cellName(column, row)} holds a broken character`,
        ' (half of a UTF-16 surrogate pair). Retype the value and upload the row again.',
      );
    }
  }
  return undefined;
}

function unnamedCellProblem(header: string[], cells: string[], row: number): RowProblem | undefined {
  const column = cells.findIndex((cell, index) => cell !== '' && !header[index]);
  if (column < 0) return undefined;
  return rowProblem(
    `Cell ${cellName(column, row)} holds a value under no column name`,
    `: ${quoteCell(cells[column]!)}. Name the column in the header row, or (in CSV) put cells that contain commas in double quotes, e.g. "Rao, Asha".`,
  );
}

/** Text the database can hold, for the error file: control characters shown as symbols (␀), broken characters as �. */
function storable(cell: string): string {
  return cell
    .replace(new RegExp(controlCharacter, 'g'), (char) => (char === '\u007F' ? '\u2421' : String.fromCharCode(0x2400 + char.charCodeAt(0))))
    .replace(new RegExp(loneSurrogate, 'gu'), '\uFFFD');
}

const csvOptions: CsvOptions = { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true };

interface CsvRecord {
  record: string[];
  info: Pick<CsvInfo, 'bytes' | 'records' | 'empty_lines'>;
}

async function readCsv(bytes: Buffer): Promise<{ header: string[]; rows: TableRow[] }> {
  const text = csvText(bytes);
  let records: CsvRecord[];
  try {
    records = await parseCsvRecords(text);
  } catch (error) {
    throw new TableFileError(`The file is not valid CSV: ${(error as Error).message}. Check quotes and separators (commas).`);
  }
  // Each record is checked on its own bytes, so one row typed in Latin-1 is reported and the others still import.
  let start = 0;
  const read: TableRow[] = [];
  for (const { record, info } of records) {
    const own = text.subarray(start, info.bytes);
    start = info.bytes;
    const number = info.records + info.empty_lines;
    read.push(isUtf8(own) ? { number, cells: record } : notUtf8Row(own, number, record));
    await yieldToEventLoop();
  }
  const [header, ...rows] = read;
  if (header?.problem) throw new TableFileError(`The header row is not UTF-8 text. ${saveAsCsvUtf8}`);
  return { header: header?.cells ?? [], rows };
}

/** Bytes the CSV parser takes at a time: about a millisecond of parsing. */
const csvChunkBytes = 16 * 1024;

/**
 * The records of a CSV text with their positions, as csv-parse's one-call parser gives them, but
 * parsed a chunk at a time so that the event loop can turn in between (a 2 MB file takes ~0.5 s).
 */
async function parseCsvRecords(text: Buffer): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  async function* chunks() {
    for (let offset = 0; offset < text.length; offset += csvChunkBytes) {
      yield text.subarray(offset, offset + csvChunkBytes);
      await yieldToEventLoop();
    }
  }
  await pipeline(Readable.from(chunks()), parseCsvStream({ ...csvOptions, info: true }), async (parsed: AsyncIterable<CsvRecord>) => {
    for await (const record of parsed) records.push(record);
  });
  return records;
}

/** The bytes of a CSV upload as UTF-8: UTF-16 with a byte-order mark is converted; workbooks sent as CSV are refused. */
function csvText(bytes: Buffer): Buffer {
  if (looksLikeZip(bytes)) {
    throw new TableFileError(
      `The file is a zip archive (an .xlsx workbook?), not CSV text. Upload .xlsx files with Content-Type ${tableContentTypes.xlsx}.`,
    );
  }
  if (bytes.subarray(0, 8).equals(oleSignature)) throw new TableFileError(legacyXls);
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (!utf16) return bytes;
  try {
    return Buffer.from(new TextDecoder(utf16, { fatal: true }).decode(bytes), 'utf8');
  } catch {
    throw new TableFileError(
      `The file starts with a ${utf16.toUpperCase()} byte-order mark but is not ${utf16.toUpperCase()} text. ${saveAsCsvUtf8}`,
    );
  }
}

/** A record that is not UTF-8: reported with its Latin-1 reading, which is what such files usually are. */
function notUtf8Row(bytes: Buffer, number: number, lossy: string[]): TableRow {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's typed overload requires `columns`
  const [latin1 = lossy] = parse(new TextDecoder('windows-1252').decode(bytes), csvOptions) as string[][];
  const column = Math.max(
    0,
    lossy.findIndex((cell) => cell.includes('\uFFFD')),
  );
  return {
    number,
    cells: latin1,
    problem: rowProblem(
      `Cell ${cellName(column, number)} is not UTF-8 text`,
      `; read as Latin-1 (Windows-1252) it says ${quoteCell(latin1[column] ?? '')}. ${saveAsCsvUtf8}`,
    ),
  };
}

async function readXlsx(bytes: Buffer): Promise<{ header: string[]; rows: TableRow[] }> {
  if (!looksLikeZip(bytes)) throw new TableFileError(notXlsxMessage(bytes));
  let unpacked: number;
  try {
    unpacked = unpackedZipSize(bytes, maxUnpackedXlsxBytes);
  } catch (error) {
    if (!(error instanceof ZipFormatError)) throw error;
    throw new TableFileError(
      `The file is a damaged .xlsx workbook: ${error.message}. Save it again from the spreadsheet program and upload it.`,
    );
  }
  if (unpacked > maxUnpackedXlsxBytes) {
    throw new TableFileError(
      `The workbook unpacks to more than ${maxUnpackedXlsxBytes / 1024 / 1024} MB. Remove other sheets, images and formatting, split the rows into smaller files, or save it as CSV UTF-8.`,
    );
  }
  const workbook = await loadFirstSheet(bytes);
  if (workbook === 'unreadable') {
    throw new TableFileError(
      'The file is not a readable .xlsx workbook. Save it as Excel Workbook (.xlsx) or CSV UTF-8 and upload it again.',
    );
  }
  if (workbook === 'no-sheet') throw new TableFileError('The workbook has no sheet. Put the data on the first sheet.');
  let header: string[] | undefined;
  const rows: TableRow[] = [];
  for (const { number, values } of workbook.rows) {
    const read = Array.from(values, (value, column) => cellText(value, cellName(column, number)));
    const cells = read.map((cell) => cell.text);
    const problem = read.find((cell) => cell.problem)?.problem;
    if (header) rows.push({ number, cells, ...(problem && { problem }) });
    else if (problem) throw new TableFileError(`The header row cannot be read: ${problem.summary}. Put plain column names there.`);
    else header = cells;
    await yieldToEventLoop();
  }
  return { header: header ?? [], rows };
}

/** The rows with values of a workbook's first sheet: their numbers and cell values (from column A). */
type FirstSheet = { rows: Array<{ number: number; values: Array<ExcelJS.CellValue | undefined> }> } | 'unreadable' | 'no-sheet';

/**
 * exceljs reads a whole workbook in one go, parsing the sheet's XML without ever letting the event
 * loop turn (0.2–0.5 s for 20,000–50,000 rows, more for a sheet near the 32 MB limit). It does so on
 * a worker thread, so that the API in this process keeps answering; the thread sends back each row's
 * values as exceljs gives them (reduced to what cellText looks at), the checks stay here.
 */
function loadFirstSheet(bytes: Buffer): Promise<FirstSheet> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(firstSheetReader, { eval: true, workerData: { exceljs: exceljsPath, bytes } });
    worker.unref();
    worker.once('message', (sheet: FirstSheet) => {
      resolve(sheet);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The .xlsx reader thread stopped (exit code ${code}) without an answer.`)));
  });
}

const exceljsPath = createRequire(import.meta.url).resolve('exceljs');

/** The worker thread of loadFirstSheet (CommonJS; workerData: { exceljs: module path, bytes }). */
const firstSheetReader = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljs);
const bytes = Buffer.from(workerData.bytes.buffer, workerData.bytes.byteOffset, workerData.bytes.byteLength);
const scalar = (value) => (value !== null && typeof value === 'object') || typeof value === 'function' ? String(value) : value;
/** A cell value with what cellText reads of it, safe to send: exceljs values are plain data, but not promised to be. */
const sendable = (value) => {
  if (value instanceof Date) return value;
  if (value === null || typeof value !== 'object') return scalar(value);
  const copy = {};
  for (const key of ['formula', 'sharedFormula', 'error']) if (key in value) copy[key] = scalar(value[key]);
  if ('richText' in value) copy.richText = Array.isArray(value.richText) ? value.richText.map((part) => ({ text: scalar(part && part.text) })) : [];
  if ('text' in value) copy.text = sendable(value.text);
  return copy;
};
async function read() {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    return 'unreadable';
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return 'no-sheet';
  const rows = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push({ number, values: Array.from(values, sendable) });
  });
  return { rows };
}
read().then((sheet) => parentPort.postMessage(sheet));
`;

function notXlsxMessage(bytes: Buffer): string {
  if (bytes.subarray(0, 8).equals(oleSignature)) return legacyXls;
  if (isUtf8(bytes)) return 'The file is text (CSV?), not an .xlsx workbook. Upload CSV files with Content-Type text/csv.';
  return 'The file is not an .xlsx workbook. Save it as Excel Workbook (.xlsx) or CSV UTF-8 and upload it again.';
}

/** Text of a cell; formulas and error values are reported rather than trusted. */
function cellText(value: ExcelJS.CellValue | undefined, cell: string): { text: string; problem?: RowProblem } {
  if (value === null || value === undefined) return { text: '' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if (typeof value !== 'object') return { text: String(value).trim() };
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value && value.formula ? `=${value.formula}` : '';
    return {
      text: formula,
      problem: rowProblem(
        `Cell ${cell} holds a formula`,
        `${formula && `, ${shortened(formula)},`} which is neither evaluated nor trusted. Replace it by its value (Paste Special › Values) and upload the row again.`,
      ),
    };
  }
  if ('error' in value)
    return {
      text: value.error,
      problem: rowProblem(`Cell ${cell} holds the error ${value.error}`, '. Put a value there and upload the row again.'),
    };
  if ('richText' in value)
    return {
      text: value.richText
        .map((part) => part.text)
        .join('')
        .trim(),
    };
  // A hyperlink: its shown text, which may itself be rich text.
  if ('text' in value) return cellText(value.text, cell);
  return { text: '' };
}
