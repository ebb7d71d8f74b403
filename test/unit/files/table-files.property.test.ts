/**
 * Exported files as a spreadsheet opens them: whatever text a cell holds, no CSV or XLSX cell that
 * the table writer produces can run as a formula, and every cell reads back as the text written.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeTableFile } from '../../../src/files/write-table-file';

/** What a spreadsheet runs as a formula when a cell starts with it (OWASP). */
const formulaStart = /^[=+\-@\t\r]/;

describe('exported table files', () => {
  it('hold no CSV or XLSX cell that a spreadsheet would run, whatever the text (property)', async () => {
    const start = fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", '\uFFFE', '\u0001');
    const cell = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.tuple(start, fc.string({ maxLength: 20 })).map(([first, rest]) => first + rest),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), async (rows) => {
        const header = ['a', 'b', 'c', 'd'];
        async function* pages() {
          yield rows;
        }
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's typed overload requires `columns`
        const csv = parse(await writeTableFile('csv', header, pages()), { relax_column_count: true }) as string[][];
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load((await writeTableFile('xlsx', header, pages())) as unknown as ArrayBuffer);
        const written: ExcelJS.CellValue[][] = [];
        workbook.worksheets[0]!.eachRow((row, number) => {
          written[number - 1] = Array.isArray(row.values) ? row.values.slice(1) : [];
        });
        for (const [index, row] of rows.entries()) {
          const expected = row.map((text) => (formulaStart.test(text) ? `'${text}` : text));
          expect(csv[index + 1]).toEqual(expected);
          // XML holds no control characters and reads every line break as \n; XLSX cells are that text, never formulas.
          const inXml = expected.map((text) =>
            text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu, '\uFFFD').replace(/\r\n?/g, '\n'),
          );
          const cells = Array.from(written[index + 1] ?? [], (value) => value ?? '');
          expect([...cells, ...inXml.slice(cells.length)]).toEqual(inXml);
          expect(inXml.slice(cells.length).every((text) => text === '')).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
