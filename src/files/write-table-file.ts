/** Writes rows of text cells as CSV or XLSX, safe to open in a spreadsheet. */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { TableFormat } from './read-table-file';

/**
 * A cell that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) gets
 * a leading apostrophe, so exported data can never run as a formula (CSV injection).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Builds a file from a header and rows pulled page by page from `pages`. */
export async function writeTableFile(
  format: TableFormat,
  header: string[],
  pages: AsyncIterable<string[][]>,
  onProgress: (rowsWritten: number) => Promise<void> = async () => {},
): Promise<Buffer> {
  return format === 'csv' ? writeCsv(header, pages, onProgress) : writeXlsx(header, pages, onProgress);
}

async function writeCsv(header: string[], pages: AsyncIterable<string[][]>, onProgress: (rows: number) => Promise<void>): Promise<Buffer> {
  const chunks = [Buffer.from(stringify([header]))];
  let written = 0;
  for await (const rows of pages) {
    chunks.push(Buffer.from(stringify(rows.map((row) => row.map(neutraliseFormula)))));
    written += rows.length;
    await onProgress(written);
  }
  return Buffer.concat(chunks);
}

async function writeXlsx(header: string[], pages: AsyncIterable<string[][]>, onProgress: (rows: number) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('customers');
  sheet.addRow(header).commit();
  let written = 0;
  for await (const rows of pages) {
    // Cells are written as text, never as formulas; the apostrophe keeps them inert in other tools too.
    for (const row of rows) sheet.addRow(row.map(neutraliseFormula)).commit();
    written += rows.length;
    await onProgress(written);
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** A rejected-rows file: the original columns plus ERROR. */
export async function errorFile(format: TableFormat, header: string[], rows: Array<{ cells: string[]; error: string }>): Promise<Buffer> {
  async function* single() {
    yield rows.map((row) => [...header.map((_, index) => row.cells[index] ?? ''), row.error]);
  }
  return writeTableFile(format, [...header, 'ERROR'], single());
}
