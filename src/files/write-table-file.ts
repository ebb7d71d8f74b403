/** Writes rows of text cells as CSV or XLSX, safe to open in a spreadsheet. */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { yieldToEventLoop } from './yield-to-event-loop';
import { formulaStart, type TableFormat } from './table-format';

/**
 * A cell that a spreadsheet would read as a formula gets a leading apostrophe, so exported data can
 * never run as a formula (CSV injection); imports remove the apostrophe again.
 */
export function neutraliseFormula(cell: string): string {
  return formulaStart.test(cell) ? `'${cell}` : cell;
}

/**
 * Builds a file from a header and rows pulled page by page from `pages`. Tens of thousands of rows
 * take a while: the event loop gets its turn in between (see yieldToEventLoop), so the API in the
 * same process keeps answering.
 */
export async function writeTableFile(
  format: TableFormat,
  header: string[],
  pages: AsyncIterable<string[][]>,
  onProgress: (rowsWritten: number) => Promise<void> = async () => {},
): Promise<Buffer> {
  return format === 'csv' ? writeCsv(header, pages, onProgress) : writeXlsx(header, pages, onProgress);
}

/** Rows turned into CSV text at a time (a few milliseconds of work). */
const csvSliceRows = 200;

async function writeCsv(header: string[], pages: AsyncIterable<string[][]>, onProgress: (rows: number) => Promise<void>): Promise<Buffer> {
  // The header too: an error file repeats the uploaded column names, which anyone could have typed.
  const chunks = [Buffer.from(stringify([header.map(neutraliseFormula)]))];
  let written = 0;
  for await (const rows of pages) {
    // A page may be a whole error file: it is written a slice at a time.
    for (let start = 0; start < rows.length; start += csvSliceRows) {
      chunks.push(Buffer.from(stringify(rows.slice(start, start + csvSliceRows).map((row) => row.map(neutraliseFormula)))));
      await yieldToEventLoop();
    }
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
  const xlsxCell = (cell: string) => xmlText(neutraliseFormula(cell));
  sheet.addRow(header.map(xlsxCell)).commit();
  let written = 0;
  for await (const rows of pages) {
    // Cells are written as text, never as formulas; the apostrophe keeps them inert in other tools too.
    for (const row of rows) {
      sheet.addRow(row.map(xlsxCell)).commit();
      await yieldToEventLoop();
    }
    written += rows.length;
    await onProgress(written);
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/**
 * Text that XML 1.0 can hold: one U+FFFE in a customer's name would otherwise make the whole
 * workbook unreadable. Characters XML forbids are written as U+FFFD.
 */
function xmlText(cell: string): string {
  return cell.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu, '\uFFFD');
}

/** A rejected-rows file: the original columns plus ERROR. */
export async function errorFile(format: TableFormat, header: string[], rows: Array<{ cells: string[]; error: string }>): Promise<Buffer> {
  async function* single() {
    yield rows.map((row) => [...header.map((_, index) => row.cells[index] ?? ''), row.error]);
  }
  return writeTableFile(format, [...header, 'ERROR'], single());
}
