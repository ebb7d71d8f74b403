/**
 * Who may do what (issue 15), over HTTP on the running system: every route needs the scope it
 * declares (the matrix walks the OpenAPI document built from the route table), the actor comes
 * from the credential and a forged one is refused, personal values are masked without
 * customers:read-personal (exports too), and the audit trail records every write and cannot be
 * changed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { allScopes, type Scope } from '../../src/access/scopes';
import { aCustomer } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();

/** Makes a credential with the test token (every scope) and answers its token. */
async function credential(name: string, scopes: readonly string[]): Promise<string> {
  const res = await rulebook.post('/v1/credentials', { name, scopes });
  expect(res.status, `${name}: ${JSON.stringify(await res.clone().json())}`).toBe(201);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await body(res)).token as string;
}

/** A request with `token` (and, for a delegate, the person it acts for). */
const as = (token: string, path: string, init: { method?: string; json?: unknown; onBehalfOf?: string } = {}) =>
  rulebook.api(path, {
    ...(init.method && { method: init.method }),
    ...(init.json !== undefined && { json: init.json }),
    headers: { authorization: `Bearer ${token}`, ...(init.onBehalfOf && { 'on-behalf-of': init.onBehalfOf }) },
  });

interface Operation {
  method: string;
  path: string;
  scope: string | undefined;
  hasBody: boolean;
  upload: boolean;
}

describe('every route needs the scope it declares', () => {
  const only = new Map<Scope, string>();
  const allBut = new Map<Scope, string>();
  let operations: Operation[] = [];

  beforeAll(async () => {
    for (const scope of allScopes) {
      const slug = scope.replace(/[^a-z]+/g, '-');
      only.set(scope, await credential(`only-${slug}`, [scope]));
      allBut.set(
        scope,
        await credential(
          `all-but-${slug}`,
          allScopes.filter((other) => other !== scope),
        ),
      );
    }
    const doc = await body(await rulebook.api('/openapi.json'));
    operations = Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(() => path.startsWith('/v1/'))
        .map(([method, op]) => {
          const content = (op.requestBody as { content?: Record<string, unknown> } | undefined)?.content ?? {};
          return {
            method: method.toUpperCase(),
            path,
            scope: op['x-required-scope'] as string | undefined,
            hasBody: 'application/json' in content,
            upload: 'text/csv' in content,
          };
        }),
    );
  });

  /** The operation sent with `token`: ids in the path that name nothing, an empty JSON body or a one-line file. */
  const send = (operation: Operation, token: string) =>
    rulebook.api(operation.path.replace(/\{[^}]+\}/g, 'matrix-x'), {
      method: operation.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(operation.hasBody && { 'content-type': 'application/json' }),
        ...(operation.upload && { 'content-type': 'text/csv' }),
      },
      ...(operation.hasBody && { body: '{}' }),
      ...(operation.upload && { body: 'id\n' }),
    });

  it('declares one scope on every /v1 route', () => {
    expect(operations.length).toBeGreaterThan(55);
    for (const operation of operations) expect(allScopes, `${operation.method} ${operation.path}`).toContain(operation.scope);
  });

  it('answers 403 naming the scope to a credential lacking it, and lets one holding only it through', async () => {
    for (const operation of operations) {
      const scope = operation.scope as Scope;
      const refused = await send(operation, allBut.get(scope)!);
      const what = `${operation.method} ${operation.path} (${scope})`;
      expect(refused.status, what).toBe(403);
      expect(refused.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
      const problem = await body(refused);
      expect(problem.requiredScope, what).toBe(scope);
      expect(problem.detail, what).toContain(`needs the scope "${scope}"`);
      const allowed = await send(operation, only.get(scope)!);
      expect(allowed.status, what).not.toBe(403);
      expect(allowed.status, what).toBeLessThan(500);
    }
  });

  it('refuses a revoked credential within seconds, and a credential granting more than its maker holds', async () => {
    const token = await credential('short-lived', ['customers:read']);
    expect((await as(token, '/v1/customers')).status).toBe(200);
    expect((await rulebook.post('/v1/credentials/short-lived/revoke', {})).status).toBe(200);
    await expect.poll(async () => (await as(token, '/v1/customers')).status, { timeout: 10_000, interval: 500 }).toBe(401);
    const admin = await credential('admin-without-personal', ['credentials:admin', 'customers:read']);
    const escalation = await as(admin, '/v1/credentials', {
      method: 'POST',
      json: { name: 'sneaky', scopes: ['customers:read-personal'] },
    });
    expect(escalation.status).toBe(422);
    expect((await body(escalation)).detail).toMatch(/cannot grant customers:read-personal/);
    for (const name of ['token-1', 'rulebook']) {
      const impostor = await rulebook.post('/v1/credentials', { name, scopes: ['customers:read'] });
      expect(impostor.status, name).toBe(422);
      expect((await body(impostor)).detail, name).toMatch(/is reserved/);
    }
    const listed = await body(await rulebook.api('/v1/credentials'));
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.credentials.find((made: { name: string }) => made.name === 'short-lived')).toMatchObject({ revokedBy: 'token-1' });
  });
});

describe('the actor', () => {
  it('is the credential: a forged cancelledBy is refused, and the timeline shows the credential', async () => {
    const console = await credential('support-console', ['customers:write', 'customers:read', 'erasure:request', 'erasure:cancel']);
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-actor-1' }));
    expect((await as(console, '/v1/customers/C-actor-1/erasure', { method: 'POST', json: { reason: 'asked' } })).status).toBe(202);

    const forged = await as(console, '/v1/customers/C-actor-1/erasure/cancel', {
      method: 'POST',
      json: { reason: 'changed their mind', cancelledBy: 'dpo.anita' },
    });
    expect(forged.status).toBe(403);
    expect((await body(forged)).detail).toMatch(
      /"cancelledBy" says "dpo.anita", but this request is made with the credential "support-console"/,
    );
    const smuggled = await as(console, '/v1/customers/C-actor-1/erasure/cancel', {
      method: 'POST',
      json: { reason: 'changed their mind' },
      onBehalfOf: 'dpo.anita',
    });
    expect(smuggled.status).toBe(403);
    expect((await body(smuggled)).requiredScope).toBe('delegate');

    const cancelled = await as(console, '/v1/customers/C-actor-1/erasure/cancel', {
      method: 'POST',
      json: { reason: 'changed their mind' },
    });
    expect(cancelled.status).toBe(200);
    const status = async () => body(await rulebook.api('/v1/customers/C-actor-1/erasure'));
    await expect.poll(async () => (await status()).state, { timeout: 15_000, interval: 200 }).toBe('cancelled');
    const erasure = await status();
    // Through the API: no Temporal identity of an operator's tool on the customer's timeline.
    const timeline = await body(await rulebook.api('/v1/customers/C-actor-1/timeline?limit=100'));
    const entry = timeline.entries.find((candidate: { kind: string }) => candidate.kind === 'erasure-cancelled');
    expect(entry.detail).toMatchObject({ cancelledBy: 'support-console' });
    expect(entry.detail.temporalIdentity).toBeUndefined();
    expect(erasure.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'requested', detail: expect.objectContaining({ by: 'support-console' }) }),
        expect.objectContaining({ event: 'cancelled', detail: expect.objectContaining({ by: 'support-console' }) }),
      ]),
    );
  });

  it('names the person a delegate acts for next to the credential, from On-Behalf-Of', async () => {
    const backOffice = await credential('back-office', ['customers:write', 'customers:read', 'delegate']);
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-actor-2' }));
    const note = await as(backOffice, '/v1/customers/C-actor-2/notes', {
      method: 'POST',
      json: { text: 'Called back' },
      onBehalfOf: 'meena.k',
    });
    expect(note.status).toBe(201);
    expect(await body(note)).toMatchObject({ author: 'meena.k via back-office' });
    const conflicting = await as(backOffice, '/v1/customers/C-actor-2/notes', {
      method: 'POST',
      json: { text: 'Called back', author: 'ravi.s' },
      onBehalfOf: 'meena.k',
    });
    expect(conflicting.status).toBe(422);
  });

  it('reads a name outside Latin-1 from a percent-encoded On-Behalf-Of (browsers send headers in Latin-1 only)', async () => {
    const backOffice = await credential('back-office-2', ['customers:write', 'customers:read', 'delegate']);
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-actor-3' }));
    const note = await as(backOffice, '/v1/customers/C-actor-3/notes', {
      method: 'POST',
      json: { text: 'Called back' },
      onBehalfOf: encodeURIComponent('मीना कुमारी'),
    });
    expect(note.status).toBe(201);
    expect(await body(note)).toMatchObject({ author: 'मीना कुमारी via back-office-2' });
    const smuggled = [
      '%E0%A4', // cut UTF-8
      encodeURIComponent('meena\nk'),
      encodeURIComponent('Meena via ops'),
      encodeURIComponent('Anita v\u034Fia admin'), // an invisible joiner inside "via"
      encodeURIComponent('Anita v\u0456a admin'), // "via" with a Cyrillic і
      encodeURIComponent(`A${'\u0301'.repeat(127)}`), // one letter under a smear of accents
      encodeURIComponent('Anita\u200F'), // a right-to-left mark
      '%2541nita', // "%A" once decoded: no name holds "%"
    ];
    for (const malformed of smuggled) {
      const refused = await as(backOffice, '/v1/customers/C-actor-3/notes', { method: 'POST', json: { text: 'x' }, onBehalfOf: malformed });
      expect(refused.status, malformed).toBe(422);
      expect((await body(refused)).detail, malformed).toMatch(/On-Behalf-Of/);
    }
  });
});

describe('personal values', () => {
  beforeAll(async () => {
    expect(
      (await rulebook.post('/v1/customers', { id: 'C-mask-1', email: 'asha.rao@example.com', phone: '+919876543210', name: 'Asha Rao' }))
        .status,
    ).toBe(201);
    // Personal attributes (rules/attributes.yaml `personal: true`) next to one that is not.
    const attributes = { city: 'Kozhikode', birthdate: '1990-04-12', premium_member: true };
    expect((await rulebook.patch('/v1/customers/C-mask-1', { attributes })).status).toBe(200);
  });

  it('of personal attributes are masked too, in the customer, a search and the attribute history', async () => {
    const report = await credential('attribute-report', ['customers:read']);
    const shown = await body(await as(report, '/v1/customers/C-mask-1'));
    expect(shown.attributes).toMatchObject({ city: '•••', birthdate: '•••', premium_member: true });
    expect(shown.personalAttributes).toEqual(expect.arrayContaining(['city', 'birthdate']));
    const found = await body(await as(report, '/v1/customers?q=C-mask-1'));
    expect(found.customers[0].attributes).toMatchObject({ city: '•••', premium_member: true });
    const history = await body(await as(report, '/v1/customers/C-mask-1/attribute-changes'));
    expect(JSON.stringify(history)).not.toMatch(/Kozhikode|1990-04-12/);
    expect(history.changes).toEqual(expect.arrayContaining([expect.objectContaining({ attribute: 'city', newValue: '•••' })]));
    const clear = await rulebook.api('/v1/customers/C-mask-1');
    expect(clear.headers.get('rulebook-personal-data')).toBe('clear');
    expect((await body(clear)).attributes).toMatchObject({ city: 'Kozhikode', birthdate: '1990-04-12' });
  });

  it('are masked in every answer that holds a customer: a profile assigned by hand, and says so in a header', async () => {
    const assigner = await credential('assigner', ['profiles:assign']);
    const assigned = await as(assigner, '/v1/customers/C-mask-1/profiles/account-type', { method: 'PUT', json: { profileId: 'standard' } });
    expect(assigned.status).toBe(200);
    expect(assigned.headers.get('rulebook-personal-data')).toBe('masked');
    const text = await assigned.text();
    expect(text).not.toMatch(/Kozhikode|1990-04-12|asha\.rao@example\.com|Asha Rao|9876543210/);
  });

  it('that a decision record saw are masked: its facts and the values its conditions saw', async () => {
    // A group on the city: the recalculation of a return records the city it saw.
    const returned = await rulebook.post('/v1/returns', {
      id: 'R-mask-1',
      customerId: 'C-mask-1',
      items: 1,
      returnedAt: new Date().toISOString(),
    });
    const { decisionRecordId } = await body(returned);
    expect(decisionRecordId).toEqual(expect.any(String));
    const inClear = JSON.stringify(await body(await rulebook.api(`/v1/decisions/${decisionRecordId}`)));
    const report = await credential('decision-report', ['customers:read']);
    const masked = await as(report, `/v1/decisions/${decisionRecordId}`);
    expect(masked.status).toBe(200);
    const text = await masked.text();
    expect(text).not.toMatch(/Kozhikode|1990-04-12/);
    if (inClear.includes('Kozhikode')) expect(text).toContain('•••');
  });

  it('are masked for a credential without customers:read-personal, and found by their exact value all the same', async () => {
    const report = await credential('weekly-report', ['customers:read']);
    const shown = await body(await as(report, '/v1/customers/C-mask-1'));
    expect(shown).toMatchObject({ email: 'a•••@example.com', phone: '+91•••••43210', name: 'A••• R•••' });
    const found = await body(await as(report, `/v1/customers?email=${encodeURIComponent('ASHA.RAO@example.com')}`));
    expect(found.customers).toEqual([expect.objectContaining({ id: 'C-mask-1', email: 'a•••@example.com' })]);
    const byPhone = await body(await as(report, `/v1/customers?phone=${encodeURIComponent('+91 98765 43210')}`));
    expect(byPhone.customers.map((customer: { id: string }) => customer.id)).toEqual(['C-mask-1']);
    expect(JSON.stringify(byPhone)).not.toContain('9876543210');
    expect((await as(report, '/v1/customers/C-mask-1/encrypted-attributes')).status).toBe(403);
    const reader = await credential('dpo-reader', ['customers:read', 'customers:read-personal']);
    expect(await body(await as(reader, '/v1/customers/C-mask-1'))).toMatchObject({ email: 'asha.rao@example.com', name: 'Asha Rao' });
  });

  it('are masked in an export started without customers:read-personal; a file in clear goes only to a caller with it', async () => {
    const exporter = await credential('bi-exports', ['exports']);
    const started = await as(exporter, '/v1/customers/exports', { method: 'POST', json: { format: 'csv' } });
    expect(started.status).toBe(202);
    const job = await rulebook.finishedJob(started.headers.get('location')!);
    expect(job).toMatchObject({ status: 'complete', masked: true, requestedBy: 'bi-exports' });
    const file = await (await as(exporter, `/v1/exports/${job.id}/file`)).text();
    expect(file).toContain('a•••@example.com');
    expect(file).not.toContain('asha.rao@example.com');
    expect(file).not.toContain('Asha Rao');
    expect(file).not.toMatch(/Kozhikode|1990-04-12/);

    const clear = await rulebook.post('/v1/customers/exports', { format: 'csv' });
    const clearJob = await rulebook.finishedJob(clear.headers.get('location')!);
    expect(clearJob.masked).toBe(false);
    const refused = await as(exporter, `/v1/exports/${clearJob.id}/file`);
    expect(refused.status).toBe(403);
    expect((await body(refused)).requiredScope).toBe('customers:read-personal');
  });
});

describe('the audit trail', () => {
  it('records every write with the credential, the route and the ids, and no route or statement can change it', async () => {
    const shop = await credential('shop-orders', ['events:write', 'customers:write']);
    const before = await body(await rulebook.api('/v1/audit?limit=500'));
    await as(shop, '/v1/customers', { method: 'POST', json: aCustomer({ id: 'C-audit-1' }) });
    await as(shop, '/v1/returns', {
      method: 'POST',
      json: { id: 'R-audit-1', customerId: 'C-audit-1', items: 1, returnedAt: new Date().toISOString() },
    });
    await as(shop, '/v1/customers/C-audit-1/merge', { method: 'POST', json: { duplicateId: 'C-audit-2' } });

    // Each entry is written as its answer goes out: the last may take a moment.
    const entries = async () => (await body(await rulebook.api('/v1/audit?actor=shop-orders&limit=500'))).entries as unknown[];
    await expect.poll(async () => (await entries()).length, { timeout: 5_000, interval: 100 }).toBe(3);
    const trail = await body(await rulebook.api('/v1/audit?actor=shop-orders&limit=500'));
    expect(
      trail.entries.map((entry: { method: string; route: string; status: number; outcome: string }) => [
        entry.method,
        entry.route,
        entry.status,
        entry.outcome,
      ]),
    ).toEqual([
      ['POST', '/v1/customers', 201, 'done'],
      ['POST', '/v1/returns', 201, 'done'],
      ['POST', '/v1/customers/{customerId}/merge', 403, 'refused'],
    ]);
    expect(trail.entries[2].ids).toEqual({ customerId: 'C-audit-1' });
    // Ids only: the customer's email went into the first request's body, never into the trail.
    expect(JSON.stringify(trail)).not.toContain('@example.com');
    const csv = await (await rulebook.api('/v1/audit?actor=shop-orders&format=csv')).text();
    expect(csv.split('\n')[0]).toBe('id,at,actor,onBehalfOf,method,route,ids,status,outcome,requestId');
    expect(csv).toContain('shop-orders');

    // No route writes to it: none but GET /v1/audit names it, and the database refuses any change.
    const doc = await body(await rulebook.api('/openapi.json'));
    expect(Object.keys(doc.paths).filter((path) => path.includes('audit'))).toEqual(['/v1/audit']);
    expect(Object.keys(doc.paths['/v1/audit'])).toEqual(['get']);
    for (const statement of ['UPDATE audit_log SET actor = $1', 'DELETE FROM audit_log WHERE actor <> $1', 'TRUNCATE audit_log']) {
      const params = statement.includes('$1') ? ['forger'] : [];
      await expect(rulebook.system.db.query(statement, params), statement).rejects.toThrow(/the audit trail is append-only/);
    }
    const after = await body(await rulebook.api('/v1/audit?limit=500'));
    expect(after.entries.slice(0, before.entries.length)).toEqual(before.entries);
  });

  it('holds every write of a run across features, each found by its request id', async () => {
    const writes: Array<{ method: string; path: string; json: unknown }> = [
      { method: 'POST', path: '/v1/customers', json: aCustomer({ id: 'C-run-1' }) },
      { method: 'POST', path: '/v1/customers', json: aCustomer({ id: 'C-run-2' }) },
      { method: 'PATCH', path: '/v1/customers/C-run-1', json: { attributes: { city: 'Pune' } } },
      { method: 'PUT', path: '/v1/customers/C-run-1/profiles/account-type', json: { profileId: 'standard' } },
      { method: 'POST', path: '/v1/customers/C-run-1/notes', json: { text: 'Prefers email' } },
      {
        method: 'POST',
        path: '/v1/orders',
        json: {
          id: 'O-run-1',
          customerId: 'C-run-1',
          value: 900,
          currency: 'INR',
          channel: 'storefront',
          paymentMethod: 'card',
          items: 1,
          placedAt: new Date().toISOString(),
        },
      },
      {
        method: 'POST',
        path: '/v1/returns',
        json: { id: 'R-run-1', customerId: 'C-run-1', items: 1, returnedAt: new Date().toISOString() },
      },
      {
        method: 'POST',
        path: '/v1/invoices',
        json: {
          id: 'I-run-1',
          customerId: 'C-run-1',
          amount: 500,
          currency: 'INR',
          dueDate: '2027-03-01',
          issuedAt: new Date().toISOString(),
        },
      },
      { method: 'POST', path: '/v1/invoices/I-run-1/payments', json: { id: 'P-run-1', amount: 500, paidAt: new Date().toISOString() } },
      { method: 'POST', path: '/v1/customers/C-run-1/merge', json: { duplicateId: 'C-run-2' } },
      { method: 'POST', path: '/v1/customers/exports', json: { format: 'csv' } },
      { method: 'DELETE', path: '/v1/customers/C-run-9', json: undefined },
    ];
    const requestIds: string[] = [];
    for (const write of writes) {
      const res = await rulebook.api(write.path, { method: write.method, ...(write.json !== undefined && { json: write.json }) });
      expect(res.status, `${write.method} ${write.path}`).toBeLessThan(500);
      requestIds.push(res.headers.get('x-request-id')!);
    }
    // Each entry is written as its answer goes out: the last may take a moment.
    const recorded = async () => {
      const trail = await body(await rulebook.api('/v1/audit?actor=token-1&limit=500'));
      const byRequest = new Map(trail.entries.map((entry: { requestId: string; method: string }) => [entry.requestId, entry.method]));
      return requestIds.map((requestId) => byRequest.get(requestId));
    };
    await expect.poll(recorded, { timeout: 5_000, interval: 100 }).toEqual(writes.map((write) => write.method));
  });
});
