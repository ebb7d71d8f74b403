/** Bulk import and export of customers, and static group imports (seed 002), as jobs over HTTP. */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
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
      requestedBy: 'ops.asha',
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
    const csv = ['email,phone', 'existing@example.com,', ',+919800000001', 'ghost@example.com,', ',+910000000000'].join('\n');
    const job = await rulebook.finishedJob(
      (await rulebook.upload('/v1/groups/vip-import/imports?mode=replace', csv, 'text/csv')).headers.get('location')!,
    );
    expect(job).toMatchObject({ status: 'partial', okRows: 2, errorRows: 2, target: 'group-members', groupId: 'vip-import' });
    const errors = await (await rulebook.api(`/v1/imports/${job.id}/errors`)).text();
    expect(errors).toContain('No customer has this email: ghost@example.com');
    expect(errors).toContain('No customer has this phone number: +910000000000');
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
