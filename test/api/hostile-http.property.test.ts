/**
 * Hostile HTTP input, as properties over every route the API documents: whatever a caller sends —
 * bodies that break the schema, bodies that are not JSON, wrong content types, bad tokens, hostile
 * ids and query strings — the answer is a 4xx problem+json, never a 5xx, and a refused request
 * leaves the database exactly as it was.
 */
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { anInvoice, anOrder } from '../support/factories';
import { body, testToken, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();
let operations: Operation[];
/** The database's content after the last accepted request. */
let baseline: string;

/** One documented route and the schema of its JSON body, if any. */
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  upload: boolean;
  bodyProperties: string[];
  requiresAuth: boolean;
}

/** Objects the seed creates, so that hostile bodies also reach the handlers behind the look-ups. */
const seed = {
  customerId: 'C-seed',
  orderId: 'O-seed',
  invoiceId: 'INV-seed',
  groupId: 'premium-users',
  setId: 'account-type',
  profileId: 'standard',
};

beforeAll(async () => {
  expect(
    (await rulebook.post('/v1/customers', { id: seed.customerId, email: 'seed@example.com', phone: '+919800000001', name: 'Seed Person' }))
      .status,
  ).toBe(201);
  expect(
    (
      await rulebook.post(
        '/v1/orders',
        anOrder({ id: seed.orderId, customerId: seed.customerId, value: 100, placedAt: '2026-01-01T10:00:00Z' }),
      )
    ).status,
  ).toBe(201);
  // Far in the future, so that no reminder step writes to the database while the properties run.
  const invoice = anInvoice({
    id: seed.invoiceId,
    customerId: seed.customerId,
    amount: 500,
    dueDate: '2099-01-01',
    issuedAt: '2026-01-01T10:00:00Z',
  });
  expect((await rulebook.post('/v1/invoices', invoice)).status).toBe(201);
  operations = documentedOperations(await body(await rulebook.api('/openapi.json')));
  baseline = await databaseContent();
}, 60_000);

// Each property starts from the database as it is, so that one failure does not cascade into the next.
beforeEach(async () => {
  baseline = await databaseContent();
});

/** Every operation of the OpenAPI document, with the property names of its JSON body schema. */
function documentedOperations(openApi: {
  paths: Record<
    string,
    Record<string, { security?: unknown[]; requestBody?: { content: Record<string, { schema?: { $ref?: string } }> } }>
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}): Operation[] {
  return Object.entries(openApi.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const content = operation.requestBody?.content ?? {};
      const ref = content['application/json']?.schema?.$ref;
      const schema = ref ? openApi.components.schemas[ref.split('/').at(-1)!] : undefined;
      return {
        method: method as Operation['method'],
        path,
        upload: Object.keys(content).some((type) => type !== 'application/json'),
        bodyProperties: Object.keys(schema?.properties ?? {}),
        requiresAuth: (operation.security?.length ?? 0) > 0,
      };
    }),
  );
}

/**
 * What a row of each table counts as: the whole row, but for the workflow intents which ones exist
 * (the relay updates their delivery state in the background, for requests accepted earlier).
 */
const rowText: Record<string, string> = { workflow_intents: `concat_ws('/', t.id, t.workflow_id, t.action)` };

/** A fingerprint of every table's rows, but the audit trail's: it records every refused write, by design. */
async function databaseContent(): Promise<string> {
  const tables = await rulebook.system.db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'audit_log' ORDER BY table_name",
  );
  const sums = tables.map(({ table_name: table }) => {
    const text = rowText[table] ?? 't::text';
    return `SELECT '${table}' AS name, count(*) AS n, md5(coalesce(string_agg(${text}, '|' ORDER BY ${text}), '')) AS sum FROM "${table}" t`;
  });
  const rows = await rulebook.system.db.query<{ name: string; n: string; sum: string }>(sums.join(' UNION ALL '));
  return rows.map((row) => `${row.name}:${row.n}:${row.sum}`).join('\n');
}

/** An operator command that the workflow answers (200) and then carries out: erasure cancel, dunning pause, resume, stop. */
const workflowCommand = /^\/v1\/(customers|invoices)\/[^/]+\/(erasure|dunning)\/(cancel|pause|resume|stop)$/;

/** The workflow whose work an accepted request at `url` set going: an erasure, or a reminder sequence. */
function workflowOf(url: string): string {
  const [, table, id] = /^\/v1\/(customers|invoices)\/([^/]+)\/(?:erasure|dunning)/.exec(new URL(url).pathname) ?? [];
  if (!id) throw new Error(`${url} was accepted, and this test does not know which workflow goes on with it`);
  return `${table === 'customers' ? 'erasure' : 'dunning'}-${decodeURIComponent(id)}`;
}

/** Waits until the workflow has nothing in flight (no activity, no workflow task): what it writes now is written. */
async function untilIdle(workflowId: string): Promise<void> {
  const handle = rulebook.system.client.workflow.getHandle(workflowId);
  await vi.waitFor(
    async () => {
      const { status, raw } = await handle.describe();
      if (status.name !== 'RUNNING') return;
      expect(raw.pendingActivities ?? [], workflowId).toEqual([]);
      expect(raw.pendingWorkflowTask ?? null, workflowId).toBeNull();
    },
    { timeout: 30_000, interval: 100 },
  );
}

/** Fills the path's parameters: seeded ids where the name fits, `id` elsewhere. */
function concretePath(path: string, id?: string): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: keyof typeof seed) => id ?? encodeURIComponent(seed[name] ?? 'unknown'));
}

/** The answer is a 4xx problem+json that says what to fix, or an accepted request; never a 5xx. */
async function expectNoServerError(res: Response, request: string): Promise<void> {
  const text = await res.text();
  expect(res.status, `${request} answered ${res.status}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 400) {
    // An accepted upload or export runs as a job: let it finish writing before taking the new baseline.
    const job = res.headers.get('location');
    if (res.status === 202 && job && /^\/v1\/(imports|exports)\//.test(job)) await rulebook.finishedJob(job);
    // Other accepted work (an erasure, an operator command) goes on in a workflow: wait until it has nothing in flight.
    else if (res.status === 202 || workflowCommand.test(new URL(res.url).pathname)) await untilIdle(workflowOf(res.url));
    baseline = await databaseContent();
    return;
  }
  expect(res.headers.get('content-type'), request).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(text) as { status: number; detail: string; type: string };
  expect(problem.status, request).toBe(res.status);
  expect(problem.detail.length, request).toBeGreaterThan(10);
  expect(await databaseContent(), `${request} was refused with ${res.status} but changed the database`).toBe(baseline);
}

function send(method: string, path: string, init: { body?: string | Uint8Array; headers?: Record<string, string> } = {}) {
  return fetch(`${rulebook.system.apiUrl}${path}`, {
    method: method.toUpperCase(),
    headers: { authorization: `Bearer ${testToken}`, ...init.headers },
    ...(init.body !== undefined && { body: init.body }),
  });
}

/** Values that break schemas: wrong types, odd numbers, hostile strings, nesting. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  // Any code points, NUL and lone surrogates included.
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    '',
    ' ',
    '\u0000',
    'x'.repeat(100_000),
    'valid text\u0000',
    '../../etc/passwd',
    "'; DROP TABLE customers; --",
    '<script>alert(1)</script>',
    "=cmd|' /C calc'!A0",
    '2027-02-30',
    '9999-99-99T99:99:99Z',
    '\ud800',
    'C-seed',
    [],
    {},
    { __proto__: { admin: true } },
    Array.from({ length: 20_000 }, (_item, index) => index),
  ),
);

/** An object with the schema's property names (some left out, some extra) holding hostile values. */
function schemaShapedBody(properties: string[]): fc.Arbitrary<Record<string, unknown>> {
  const known =
    properties.length > 0 ? fc.dictionary(fc.constantFrom(...properties), hostileValue, { maxKeys: properties.length }) : fc.constant({});
  const unknown = fc.dictionary(fc.string({ maxLength: 20 }), hostileValue, { maxKeys: 2 });
  return fc.tuple(known, unknown).map(([fields, extra]) => ({ ...extra, ...fields }));
}

/** Stands for an id of 10,000 characters (spelled out only when sent, to keep failure reports short). */
const hugeId = '<10,000 x>';
const spelledOut = (id: string) => (id === hugeId ? 'x'.repeat(10_000) : id);

/** Ids a caller could put in a path to escape it or to break the server's decoding. */
const hostileId = fc.oneof(
  fc.constantFrom(
    '..',
    '../..',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f%2e%2e%2f',
    '%2F',
    '%00',
    '%',
    '%E0%A4%A',
    '%ZZ',
    '%C0%AE%C0%AE',
    '%F0%9F%98%80',
    'a%20b',
    '%0d%0aSet-Cookie:%20x=1',
    encodeURIComponent('<script>'),
    hugeId,
    encodeURIComponent("C-seed' OR '1'='1"),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent),
);

describe('hostile HTTP input', () => {
  const jsonOperations = () => operations.filter((operation) => !operation.upload && operation.method !== 'get');
  const withBody = (operation: Operation) =>
    fc.tuple(fc.constant(operation), fc.oneof(schemaShapedBody(operation.bodyProperties), hostileValue));

  it('answers bodies that break the schema with 4xx problem+json and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...jsonOperations()).chain(withBody), async ([operation, payload]) => {
        const path = concretePath(operation.path);
        const res = await send(operation.method, path, {
          body: JSON.stringify(payload) ?? 'null',
          headers: { 'content-type': 'application/json' },
        });
        await expectNoServerError(res, `${operation.method.toUpperCase()} ${path} ${JSON.stringify(payload)?.slice(0, 200)}`);
      }),
      { numRuns: 1_000 },
    );
  }, 180_000);

  it('refuses bodies that are not JSON, not sent as JSON, or not decodable as sent', async () => {
    const contentType = fc.oneof(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        '*/*',
        '',
      ),
      fc.string({ maxLength: 30 }),
    );
    const rawBody = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom(
        '{',
        '{"id":',
        '[1,2',
        'null',
        'true',
        '"text"',
        '{"a":1}{"b":2}',
        '\ufeff{}',
        '{"__proto__":{"x":1}}',
        'id=C-1&email=a@b.c',
      ),
    );
    const contentEncoding = fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'compress', 'identity', 'gzip, gzip');
    const routes = fc.constantFrom(...operations.filter((operation) => operation.method !== 'get'));
    await fc.assert(
      fc.asyncProperty(routes, contentType, contentEncoding, rawBody, async (operation, type, encoding, raw) => {
        const path = concretePath(operation.path);
        const headers = { 'content-type': type, ...(encoding && { 'content-encoding': encoding }) };
        const res = await send(operation.method, path, { body: raw, headers });
        await expectNoServerError(res, `${operation.method.toUpperCase()} ${path} as "${type}" encoded "${encoding}"`);
      }),
      { numRuns: 250 },
    );
  }, 120_000);

  it('refuses oversize bodies, deep nesting and huge arrays', async () => {
    const customers = '/v1/customers';
    const json = { 'content-type': 'application/json' };
    const oversize = await send('post', customers, { body: JSON.stringify({ id: 'C-big', name: 'x'.repeat(1_100_000) }), headers: json });
    expect(oversize.status).toBe(413);
    await expectNoServerError(oversize, 'an oversize body');
    const depth = 400_000;
    for (const nested of ['['.repeat(depth) + ']'.repeat(depth), `{"id":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`]) {
      for (const operation of jsonOperations()) {
        const path = concretePath(operation.path);
        await expectNoServerError(
          await send(operation.method, path, { body: nested, headers: json }),
          `deep nesting to ${operation.method} ${path}`,
        );
      }
    }
    const hugeArray = JSON.stringify({ id: 'C-array', email: Array.from({ length: 150_000 }, () => 1) });
    await expectNoServerError(await send('post', customers, { body: hugeArray, headers: json }), 'a huge array');
  }, 120_000);

  it('refuses missing, malformed and wrong tokens on every /v1 route', async () => {
    const authorization = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(
        '',
        'Bearer',
        'Bearer ',
        'Basic dGVzdDp0ZXN0',
        `bearer  ${testToken}x`,
        `Bearer ${testToken.slice(0, -1)}`,
        `Bearer ${testToken} extra`,
        `Token ${testToken}`,
      ),
      fc.string({ maxLength: 100 }).map((token) => `Bearer ${token}`),
      fc.string({ unit: 'grapheme-ascii', maxLength: 100 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations.filter((operation) => operation.requiresAuth)),
        authorization,
        async (operation, header) => {
          const path = concretePath(operation.path);
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (header !== undefined) headers.authorization = header.replace(/[\r\n\0]/g, '');
          const res = await fetch(`${rulebook.system.apiUrl}${path}`, {
            method: operation.method.toUpperCase(),
            headers,
            ...(operation.method !== 'get' && { body: '{}' }),
          });
          expect(res.status, `${operation.method} ${path} with "${header}"`).toBe(401);
          await expectNoServerError(res, `${operation.method} ${path} with a bad token`);
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);

  it('refuses hostile ids in paths: traversal, broken escapes, control characters, huge ids', async () => {
    const withParameters = operations.filter((operation) => operation.path.includes('{'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withParameters), hostileId, async (operation, id) => {
        const path = concretePath(operation.path, spelledOut(id));
        const res = await send(
          operation.method,
          path,
          operation.method === 'get' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } },
        );
        await expectNoServerError(res, `${operation.method.toUpperCase()} ${path.slice(0, 200)}`);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('refuses hostile query strings', async () => {
    const key = fc.oneof(
      fc.constantFrom(
        'limit',
        'after',
        'email',
        'phone',
        'q',
        'group',
        'active',
        'kind',
        'format',
        'filename',
        'requestedBy',
        'status',
        'limit[]',
        '__proto__',
        'constructor',
      ),
      fc.string({ maxLength: 10 }),
    );
    const value = fc.oneof(
      fc.constantFrom('', '-1', '0', '501', '1e3', 'NaN', '%', '%ZZ', '%00', 'a%00b', '%ED%A0%80', '%FF', 'x'.repeat(5_000), 'true', 'yes'),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    const query = fc
      .array(fc.tuple(key, value), { minLength: 1, maxLength: 5 })
      .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v.includes('%') ? v : encodeURIComponent(v)}`).join('&'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations.filter((operation) => operation.method === 'get')),
        query,
        async (operation, search) => {
          const path = `${concretePath(operation.path)}?${search}`;
          await expectNoServerError(await send('get', path), `GET ${path.slice(0, 200)}`);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('is still up and unchanged after all of it', async () => {
    expect((await fetch(`${rulebook.system.apiUrl}/healthz`)).status).toBe(200);
    const customer = await body(await rulebook.api(`/v1/customers/${seed.customerId}`));
    expect(customer).toMatchObject({ id: seed.customerId, email: 'seed@example.com' });
  });
});
