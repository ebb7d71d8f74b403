/** Bulk import and export of customers, and static group imports (seed 002), as jobs over HTTP. */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createExportJob } from '../../src/store/export-jobs-store';
import { xlsxFile } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const rulebook = useTestSystem();

beforeAll(async () => {
  await rulebook.post('/v1/customers', { id: 'C-existing', email: 'existing@example.com', phone: '+919800000099' });
});

describe('customer import', () => {
  it('is Partial when some rows are rejected, with an error file that says why in an ERROR column', async () => {
    const csv = [
      'id,email,phone,name,city,birthdate',
      'C-imp-1,asha@example.com,+919800000001,Asha Rao,Mumbai,1991-02-03',
      'C-imp-2,existing@example.com,,Copy Cat,,',
      'C-imp-3,ravi@example.com,12ab,Ravi,,',
      'C-imp-4,lena@example.com,,Lena,Pune,03/02/1991',
      ',noid@example.com,,No Id,,',
    ].join('\n');
    const res = await rulebook.upload('/v1/customers/imports?filename=customers.csv&requestedBy=ops.asha', csv, 'text/csv');
    expect(res.status).toBe(202);
    const job = await rulebook.finishedJob(res.headers.get('location')!);
    expect(job).toMatchObject({
      status: 'partial',
      totalRows: 5,
      processedRows: 5,
      okRows: 2,
      errorRows: 3,
      filename: 'customers.csv',
      requestedBy: 'ops.asha via token-1',
    });

    const imported = await body(await rulebook.api('/v1/customers/C-imp-1'));
    expect(imported).toMatchObject({ email: 'asha@example.com', attributes: { city: 'Mumbai', birthdate: '1991-02-03' } });
    expect(imported.profiles['account-type'].profileId).toBe('to-assign');

    const errors = await (await rulebook.api(`/v1/imports/${job.id}/errors`)).text();
    const lines = errors.trim().split('\n');
    expect(lines[0]).toBe('id,email,phone,name,city,birthdate,ERROR');
    expect(lines[1]).toBe('C-imp-2,existing@example.com,,Copy Cat,,,An account already exists with this email: existing@example.com');
    expect(lines[2]).toMatch(/^C-imp-3,.*""12ab"" is not a phone number/);
    expect(lines[3]).toMatch(/^C-imp-4,.*birthdate must be a date written ""YYYY-MM-DD""/);
    expect(lines).toHaveLength(4);

    const history = await body(await rulebook.api('/v1/imports'));
    expect(history.imports.map((entry: { id: string }) => entry.id)).toContain(job.id);
  });

  it('is Complete for a clean XLSX file', async () => {
    const file = await xlsxFile([
      ['email', 'name', 'premium_member', 'loyalty_tier'],
      ['xl.one@example.com', 'Xl One', 'true', 'gold'],
      ['xl.two@example.com', 'Xl Two', 'no', 'silver'],
    ]);
    const res = await rulebook.upload('/v1/customers/imports', file, xlsxType);
    const job = await rulebook.finishedJob(res.headers.get('location')!);
    expect(job).toMatchObject({ status: 'complete', okRows: 2, errorRows: 0 });
    const found = await body(await rulebook.api('/v1/customers?email=xl.one@example.com'));
    expect(found.customers[0].attributes).toEqual({ premium_member: true, loyalty_tier: 'gold' });
  });

  it.each([
    ['unknown columns', 'email,shoe_size\nx@example.com,42', 'text/csv', /Unknown columns: shoe_size/],
    ['a file that is not UTF-8', Buffer.from('email,name\nm@example.com,M\xfcller\n', 'latin1'), 'text/csv', /not UTF-8/],
    ['no email or phone column', 'name\nNobody', 'text/csv', /needs an email or a phone column/],
  ])('is Failed for %s, saying what to fix', async (_name, file, type, failure) => {
    const job = await rulebook.finishedJob((await rulebook.upload('/v1/customers/imports', file, type)).headers.get('location')!);
    expect(job.status).toBe('failed');
    expect(job.failure).toMatch(failure);
    expect(job.okRows).toBe(0);
  });

  it('refuses formulas in XLSX cells instead of evaluating them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['email', 'name']);
    sheet.addRow(['f@example.com', { formula: 'HYPERLINK("http://evil.example","x")' }]);
    const job = await rulebook.finishedJob(
      (await rulebook.upload('/v1/customers/imports', Buffer.from(await workbook.xlsx.writeBuffer()), xlsxType)).headers.get('location')!,
    );
    expect(job).toMatchObject({ status: 'failed', failure: expect.stringMatching(/Cell B2 holds a formula/) });
  });

  it('refuses files over 2 MB (413) and files that are not CSV or XLSX (415)', async () => {
    const big = await rulebook.upload('/v1/customers/imports', `email\n${'x'.repeat(2 * 1024 * 1024)}`, 'text/csv');
    expect(big.status).toBe(413);
    const pdf = await rulebook.upload('/v1/customers/imports', '%PDF-1.4', 'application/pdf');
    expect(pdf.status).toBe(415);
    expect((await body(pdf)).detail).toMatch(/text\/csv/);
  });
});

describe('static group import', () => {
  it('adds the customers it finds and rejects identifiers that match nobody', async () => {
    const csv = ['email,phone', 'existing@example.com,', ',+919800000001', 'ghost@example.com,', ',+919811100000'].join('\n');
    const job = await rulebook.finishedJob(
      (await rulebook.upload('/v1/groups/vip-import/imports?mode=replace', csv, 'text/csv')).headers.get('location')!,
    );
    expect(job).toMatchObject({ status: 'partial', okRows: 2, errorRows: 2, target: 'group-members', groupId: 'vip-import' });
    const errors = await (await rulebook.api(`/v1/imports/${job.id}/errors`)).text();
    expect(errors).toContain('No customer has this email: ghost@example.com');
    expect(errors).toContain('No customer has this phone number: +919811100000');
    expect(await body(await rulebook.api('/v1/groups/vip-import/count'))).toMatchObject({ count: 2 });
    const members = await body(await rulebook.api('/v1/groups/vip-import/members'));
    expect(members.customerIds).toEqual(['C-existing', 'C-imp-1']);
    expect((await body(await rulebook.api('/v1/customers/C-existing'))).groups).toContain('vip-import');
  });

  it('replaces the members with those of the new file, and keeps them when every row is rejected', async () => {
    const replaced = await rulebook.finishedJob(
      (
        await rulebook.upload('/v1/groups/vip-import/imports?mode=replace', 'email\nghost@example.com\nexisting@example.com', 'text/csv')
      ).headers.get('location')!,
    );
    expect(replaced).toMatchObject({ status: 'partial', okRows: 1, errorRows: 1 });
    expect((await body(await rulebook.api('/v1/groups/vip-import/members'))).customerIds).toEqual(['C-existing']);
    const rejected = await rulebook.finishedJob(
      (await rulebook.upload('/v1/groups/vip-import/imports?mode=replace', 'email\nghost@example.com', 'text/csv')).headers.get(
        'location',
      )!,
    );
    expect(rejected).toMatchObject({ status: 'failed', okRows: 0 });
    expect((await body(await rulebook.api('/v1/groups/vip-import/members'))).customerIds).toEqual(['C-existing']);
    // The two members the export below expects.
    await rulebook.finishedJob(
      (
        await rulebook.upload(
          '/v1/groups/vip-import/imports?mode=replace',
          'email,phone\nexisting@example.com,\n,+919800000001',
          'text/csv',
        )
      ).headers.get('location')!,
    );
  });

  it('is refused for a conditional group', async () => {
    const res = await rulebook.upload('/v1/groups/premium-users/imports', 'email\nexisting@example.com', 'text/csv');
    expect(res.status).toBe(409);
  });
});

describe('customer export', () => {
  it('writes CSV with formula-like cells neutralised', async () => {
    await rulebook.post('/v1/customers', { id: 'C-formula', email: 'formula@example.com', name: '=HYPERLINK("http://evil.example")' });
    const res = await rulebook.post('/v1/customers/exports', { format: 'csv', requestedBy: 'ops' });
    expect(res.status).toBe(202);
    const job = await rulebook.finishedJob(res.headers.get('location')!);
    expect(job.status).toBe('complete');
    const file = await (await rulebook.api(`/v1/exports/${job.id}/file`)).text();
    expect(file.split('\n')[0]).toMatch(/^id,email,phone,name,active,created_at,/);
    expect(file).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(file).toContain('C-imp-1,asha@example.com');
  });

  it('writes XLSX, filtered by group', async () => {
    const res = await rulebook.post('/v1/customers/exports', { format: 'xlsx', requestedBy: 'ops', filters: { group: 'vip-import' } });
    const job = await rulebook.finishedJob(res.headers.get('location')!);
    expect(job).toMatchObject({ status: 'complete', totalRows: 2 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await rulebook.api(`/v1/exports/${job.id}/file`)).arrayBuffer());
    const ids = workbook.worksheets[0]!.getColumn(1).values.slice(2);
    expect(ids).toEqual(['C-existing', 'C-imp-1']);
  });
});

describe('export history', () => {
  /** Starts an export and waits until it is complete or failed; returns the job as GET /v1/exports/{exportId} shows it. */
  const finishedExport = async (request: object) =>
    rulebook.finishedJob((await rulebook.post('/v1/customers/exports', request)).headers.get('location')!);

  it('lists every export newest first with its status, format, who started it, start and end time, processing time and row count', async () => {
    const first = await finishedExport({ format: 'csv', requestedBy: 'ops.asha' });
    const second = await finishedExport({ format: 'xlsx', requestedBy: 'ops.ravi', filters: { group: 'vip-import' } });
    const res = await rulebook.api('/v1/exports');
    expect(res.status).toBe(200);
    const history = await body(res);
    // Each entry as GET /v1/exports/{exportId} shows the job.
    expect(history.exports.slice(0, 2)).toEqual([second, first]);
    expect(second).toMatchObject({
      format: 'xlsx',
      requestedBy: 'ops.ravi via token-1',
      filters: { group: 'vip-import' },
      status: 'complete',
      totalRows: 2,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(second.processingMs).toBe(Date.parse(second.finishedAt) - Date.parse(second.createdAt));
    expect(first).toMatchObject({ format: 'csv', requestedBy: 'ops.asha via token-1', status: 'complete' });
    // The two exports of the tests above, then these two: all of them, on one page.
    expect(history.exports).toHaveLength(4);
    expect(history).not.toHaveProperty('next');
    const starts = history.exports.map((job: { createdAt: string }) => job.createdAt);
    expect(starts).toEqual([...starts].sort((a: string, b: string) => b.localeCompare(a)));
  });

  it('shows an export still in process without an end or a processing time', async () => {
    // Registered without its workflow, so that it stays in process.
    const waiting = await createExportJob(rulebook.system.db, { format: 'csv', filters: {}, requestedBy: 'ops.meera' });
    const [newest] = (await body(await rulebook.api('/v1/exports'))).exports;
    expect(newest).toMatchObject({
      id: waiting.id,
      status: 'in-process',
      requestedBy: 'ops.meera',
      finishedAt: null,
      processingMs: null,
      totalRows: null,
    });
  });

  it.each(['imports', 'exports'])(
    'pages the %s like the other list: `limit` jobs, then `after` = the `next` of the page, until a page without `next`',
    async (list) => {
      const all = (await body(await rulebook.api(`/v1/${list}`)))[list].map((job: { id: string }) => job.id);
      expect(all.length).toBeGreaterThan(3);
      const paged: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < all.length + 1; pages++) {
        const page = await body(await rulebook.api(`/v1/${list}?limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`));
        expect(page[list].length).toBeLessThanOrEqual(2);
        paged.push(...page[list].map((job: { id: string }) => job.id));
        if (!page.next) break;
        expect(page.next).toBe(page[list].at(-1).id);
        after = page.next;
      }
      expect(paged).toEqual(all);
    },
  );

  it.each(['imports', 'exports'])(
    'refuses for the %s, as for the other list, a page size out of 1–500 and an `after` that names no job',
    async (list) => {
      for (const query of ['limit=0', 'limit=501', 'limit=two']) {
        const res = await rulebook.api(`/v1/${list}?${query}`);
        expect(res.status, query).toBe(422);
        expect((await body(res)).errors).toEqual([{ pointer: '/limit', message: 'must be 1–500' }]);
      }
      const res = await rulebook.api(`/v1/${list}?after=no-such-job`);
      expect(res.status).toBe(422);
      const problem = await body(res);
      expect(problem.detail).toMatch(/"after" must be the id of a job of GET \/v1\/(imports|exports)/);
      expect(problem.errors).toEqual([{ pointer: '/after', message: expect.stringContaining('names no job') }]);
    },
  );
});
