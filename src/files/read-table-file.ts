/**
 * Reads an uploaded CSV or XLSX file into a header and rows of text cells. Problems with the file
 * as a whole (encoding, not a spreadsheet, formulas) are TableFileError; cells are never evaluated.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export type TableFormat = 'csv' | 'xlsx';

export interface TableFile {
  header: string[];
  /** Data rows; each cell as text ('' when empty). `number` is the 1-based line or row in the file. */
  rows: Array<{ number: number; cells: string[] }>;
}

/** The file cannot be read as a table; the message says how to fix it. */
export class TableFileError extends Error {
  override name = 'TableFileError';
}

/** Content types accepted for uploads, by format. */
export const tableContentTypes: Record<TableFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Parses the bytes of a file in the given format. */
export async function readTableFile(bytes: Buffer, format: TableFormat): Promise<TableFile> {
  const table = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  if (table.header.length === 0 || table.header.every((name) => name === '')) {
    throw new TableFileError('The file has no header row. Put the column names (e.g. email, phone) in the first row.');
  }
  return table;
}

function readCsv(bytes: Buffer): TableFile {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) {
    throw new TableFileError('The file is not UTF-8 text. Save it as "CSV UTF-8" (or as .xlsx) and upload it again.');
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw new TableFileError(`The file is not valid CSV: ${(error as Error).message}. Check quotes and separators (commas).`);
  }
  const [header = [], ...rest] = records;
  return { header: header.map((name) => name.toLowerCase()), rows: rest.map((cells, index) => ({ number: index + 2, cells })) };
}

async function readXlsx(bytes: Buffer): Promise<TableFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new TableFileError('The file is not an .xlsx workbook. Save it as Excel Workbook (.xlsx) or CSV UTF-8; legacy .xls is not read.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TableFileError('The workbook has no sheet. Put the data on the first sheet.');
  const rows: TableFile['rows'] = [];
  let header: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    const cells = values.map((value, index) => cellText(value, number, index));
    if (header.length === 0) header = cells.map((name) => name.toLowerCase());
    else rows.push({ number, cells });
  });
  return { header, rows };
}

/** Text of a cell; formulas are refused rather than trusted. */
function cellText(value: ExcelJS.CellValue | undefined, row: number, column: number): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      throw new TableFileError(`Cell ${columnName(column)}${row} holds a formula. Replace formulas by their values and upload again.`);
    }
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    return '';
  }
  return String(value).trim();
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
