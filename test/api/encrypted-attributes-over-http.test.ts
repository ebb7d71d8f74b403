/**
 * Encrypted attributes over HTTP (issue 10, defect 7): `national_id` (encrypted: true in the shipped
 * rules) is sealed at rest under the payload key, masked in every response, revealed only to tokens
 * listed in API_PERSONAL_DATA_TOKENS (each reveal on the timeline), and survives a key rotation.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main as rulebookCli } from '../../src/cli/main';
import { keyId } from '../../src/temporal/encryption-codec';
import { body, useTestSystem } from '../support/running-system';

const keyA = Buffer.alloc(32, 0x0a);
const keyB = Buffer.alloc(32, 0x0b);
const readerToken = 'reader-token-0123456789abcdef';
const reader = { authorization: `Bearer ${readerToken}` };
const nationalId = 'ABCDE1234F';
const importedId = 'PQRSX6789K';

/** Settings with these payload keys. */
const payloadKeys = (current: Buffer, old: Buffer[] = []) => ({
  RULEBOOK_PAYLOAD_KEY: current.toString('base64'),
  ...(old.length > 0 && { RULEBOOK_PAYLOAD_OLD_KEYS: old.map((key) => key.toString('base64')).join(',') }),
});
// token-2 (readerToken) may reveal.
const rulebook = useTestSystem({ env: { API_TOKENS: readerToken, API_PERSONAL_DATA_TOKENS: 'token-2', ...payloadKeys(keyA) } });
/** Starts the system again on the same database with these payload keys. */
const startWith = (current: Buffer, old: Buffer[] = []) => rulebook.restart(payloadKeys(current, old));

/** The customer row and attribute history as the database holds them, as text. */
async function rawRows(customerId: string): Promise<string> {
  const rows = await rulebook.system.db.query<{ row: string }>(
    `SELECT attributes::text AS row FROM customers WHERE id = $1
     UNION ALL SELECT concat(old_value::text, ' ', new_value::text) FROM attribute_changes WHERE customer_id = $1`,
    [customerId],
  );
  return rows.map((row) => row.row).join('\n');
}

/** Key ids of every stored national_id value (row and history). */
async function storedKeyIds(): Promise<string[]> {
  const rows = await rulebook.system.db.query<{ kid: string | null }>(
    `SELECT attributes -> 'national_id' ->> 'kid' AS kid FROM customers WHERE attributes ? 'national_id'
     UNION ALL SELECT new_value ->> 'kid' FROM attribute_changes WHERE attribute = 'national_id'`,
  );
  return rows.map((row) => row.kid ?? 'clear');
}

const patch = (customerId: string, attributes: Record<string, unknown>) =>
  rulebook.patch(`/v1/customers/${customerId}`, { changedBy: 'crm-sync', attributes });

beforeAll(async () => {
  expect((await rulebook.post('/v1/customers', { id: 'C-1001', email: 'aarav.sharma@example.com' })).status).toBe(201);
});

describe('an encrypted attribute', () => {
  it('is stored sealed in the customer row and its history, never in clear', async () => {
    const res = await patch('C-1001', { national_id: nationalId, city: 'Pune' });
    expect(res.status).toBe(200);
    // token-1 may not read personal data: the city, a personal attribute, comes masked too.
    expect((await body(res)).attributes).toEqual({ national_id: { encrypted: true }, city: '•••' });
    const raw = await rawRows('C-1001');
    expect(raw).toContain('Pune');
    expect(raw).not.toContain(nationalId);
    expect(await storedKeyIds()).toEqual([keyId(keyA), keyId(keyA)]);
  });

  it('is masked in every response: the customer, search, attribute history and timeline', async () => {
    const customer = await body(await rulebook.api('/v1/customers/C-1001'));
    expect(customer.attributes).toEqual({ national_id: { encrypted: true }, city: '•••' });
    const asReader = await body(await rulebook.api('/v1/customers/C-1001', { headers: reader }));
    expect(asReader.attributes).toEqual({ national_id: { encrypted: true }, city: 'Pune' });
    const found = await body(await rulebook.api('/v1/customers?email=aarav.sharma@example.com', { headers: reader }));
    expect(found.customers[0].attributes.national_id).toEqual({ encrypted: true });
    const history = await body(await rulebook.api('/v1/customers/C-1001/attribute-changes', { headers: reader }));
    expect(history.changes.find((change: { attribute: string }) => change.attribute === 'national_id')).toMatchObject({
      oldValue: null,
      newValue: { encrypted: true },
    });
    const everything = [customer, found, history, await body(await rulebook.api('/v1/customers/C-1001/timeline'))]
      .map((part) => JSON.stringify(part))
      .join();
    expect(everything).not.toContain(nationalId);
    expect(everything).not.toContain('A256GCM');
  });

  it('is refused to a token not allowed to read personal data: 403 problem+json saying how to get access', async () => {
    const res = await rulebook.api('/v1/customers/C-1001/encrypted-attributes');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await body(res);
    expect(problem).toMatchObject({ status: 403, type: '/problems/forbidden', requiredScope: 'customers:read-personal' });
    expect(problem.detail).toMatch(/customers:read-personal.*token-1.*API_PERSONAL_DATA_TOKENS/);
    expect(JSON.stringify(problem)).not.toContain(nationalId);
  });

  it('is revealed to an allowed token, and the timeline records who, never the value', async () => {
    const res = await rulebook.api('/v1/customers/C-1001/encrypted-attributes', { headers: reader });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ customerId: 'C-1001', attributes: { national_id: nationalId } });
    const timeline = await body(await rulebook.api('/v1/customers/C-1001/timeline'));
    const reveals = timeline.entries.filter((entry: { kind: string }) => entry.kind === 'encrypted-attributes-revealed');
    expect(reveals).toEqual([expect.objectContaining({ detail: { attributes: ['national_id'], caller: 'token-2' } })]);
    expect(JSON.stringify(timeline)).not.toContain(nationalId);
    expect((await rulebook.api('/v1/customers/nobody/encrypted-attributes', { headers: reader })).status).toBe(404);
  });

  it('is sealed when an import sets it', async () => {
    const csv = `id,email,national_id\nC-2001,priya@example.com,${importedId}\n`;
    const res = await rulebook.upload('/v1/customers/imports?filename=people.csv&requestedBy=ops', csv, 'text/csv');
    expect((await rulebook.finishedJob(res.headers.get('location')!)).status).toBe('complete');
    expect(await rawRows('C-2001')).not.toContain(importedId);
    expect((await body(await rulebook.api('/v1/customers/C-2001'))).attributes).toEqual({ national_id: { encrypted: true } });
    expect(await body(await rulebook.api('/v1/customers/C-2001/encrypted-attributes', { headers: reader }))).toMatchObject({
      attributes: { national_id: importedId },
    });
  });

  it('is left out of the error file of a rejected import row', async () => {
    const rejectedId = 'ZZREJ4321Q';
    const csv = `id,email,national_id\nC-2002,not-an-email,${rejectedId}\n`;
    const res = await rulebook.upload('/v1/customers/imports?filename=bad.csv&requestedBy=ops', csv, 'text/csv');
    const job = await rulebook.finishedJob(res.headers.get('location')!);
    expect(job.status).toBe('failed');
    const stored = await rulebook.system.db.query<{ cells: string }>('SELECT cells::text FROM import_errors WHERE job_id = $1', [job.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.cells).toContain('not-an-email');
    expect(stored[0]!.cells).not.toContain(rejectedId);
  });

  it('is documented: masked in the Customer schema, the reveal route with its 403', async () => {
    const openApi = await body(await rulebook.api('/openapi.json'));
    expect(openApi.components.schemas.Customer.properties.attributes.description).toMatch(/\{"encrypted": true\}/);
    expect(Object.keys(openApi.paths['/v1/customers/{customerId}/encrypted-attributes'].get.responses)).toEqual(
      expect.arrayContaining(['200', '403']),
    );
  });
});

describe('a payload-key rotation', () => {
  it('keeps values written under the former key readable while it is listed, and re-encryption moves them to the new key', async () => {
    await startWith(keyB, [keyA]);
    expect(await body(await rulebook.api('/v1/customers/C-1001/encrypted-attributes', { headers: reader }))).toMatchObject({
      attributes: { national_id: nationalId },
    });

    // Every API process moves such values to the current key at start, in the background …
    await vi.waitFor(async () => expect(await storedKeyIds()).toEqual([keyId(keyB), keyId(keyB), keyId(keyB), keyId(keyB)]), {
      timeout: 10_000,
      interval: 100,
    });
    // … and `rulebook re-encrypt` (POST /v1/encrypted-attributes/re-encrypt) does it on demand: nothing left.
    const report = await body(await rulebook.api('/v1/encrypted-attributes/re-encrypt', { method: 'POST' }));
    expect(report).toEqual({ currentKeyId: keyId(keyB), customers: 0, attributeChanges: 0, unreadable: {} });
    expect(await rawRows('C-1001')).not.toContain(nationalId);

    await startWith(keyB);
    expect(await body(await rulebook.api('/v1/customers/C-2001/encrypted-attributes', { headers: reader }))).toMatchObject({
      attributes: { national_id: importedId },
    });
  });

  it('answers a clear error, not a crash, once a key still in use is removed', async () => {
    await startWith(keyA); // values are under B, which is no longer configured
    expect((await rulebook.api('/v1/customers/C-1001')).status).toBe(200);

    const res = await rulebook.api('/v1/customers/C-1001/encrypted-attributes', { headers: reader });
    expect(res.status).toBe(500);
    const problem = await body(res);
    expect(problem).toMatchObject({ type: '/problems/encryption-key-missing', keyId: keyId(keyB) });
    expect(problem.detail).toMatch(new RegExp(`key ${keyId(keyB)}.*RULEBOOK_PAYLOAD_OLD_KEYS`));

    const report = await body(await rulebook.api('/v1/encrypted-attributes/re-encrypt', { method: 'POST' }));
    expect(report).toMatchObject({ customers: 0, attributeChanges: 0, unreadable: { [keyId(keyB)]: 4 } });
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await rulebookCli(['re-encrypt', '--api', rulebook.system.apiUrl!, '--token', readerToken])).toBe(1);
      expect(printed.mock.calls.flat().join('\n')).toMatch(new RegExp(`4 values are sealed under key ${keyId(keyB)}`));
    } finally {
      printed.mockRestore();
    }

    expect((await patch('C-1001', { national_id: 'NEWID0000N' })).status).toBe(200);
    expect(await body(await rulebook.api('/v1/customers/C-1001/encrypted-attributes', { headers: reader }))).toMatchObject({
      attributes: { national_id: 'NEWID0000N' },
    });
    expect((await fetch(`${rulebook.system.apiUrl}/healthz`)).status).toBe(200);
  });
});
