/** The API contract: every error is application/problem+json whose detail says what to fix; the docs describe every route. */
import { describe, expect, it } from 'vitest';
import { body, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();

describe('API errors', () => {
  async function expectProblem(res: Response, status: number, detail: RegExp) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await body(res);
    expect(problem).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), title: expect.any(String) });
    expect(problem.detail).toMatch(detail);
    return problem;
  }

  it('answers 401 to a /v1 request without a token', async () => {
    const res = await rulebook.api('/v1/customers/C-1', { headers: { authorization: '' } });
    await expectProblem(res, 401, /needs a bearer token/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers 401 to a /v1 request with a wrong token', async () => {
    const res = await rulebook.api('/v1/customers/C-1', { headers: { authorization: 'Bearer not-the-token' } });
    await expectProblem(res, 401, /token is not valid/);
  });

  it('answers 401 to a malformed Authorization header', async () => {
    const res = await rulebook.api('/v1/customers/C-1', { headers: { authorization: 'Basic abc' } });
    await expectProblem(res, 401, /must have the form "Bearer <token>"/);
  });

  it('answers 400 to malformed JSON', async () => {
    const res = await rulebook.api('/v1/customers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id": "C-1",',
    });
    await expectProblem(res, 400, /not valid JSON/);
  });

  it('answers 404 to an unknown route, pointing to the documentation', async () => {
    await expectProblem(await rulebook.api('/v1/nothing-here'), 404, /No route GET \/v1\/nothing-here.*\/docs/);
  });

  it('answers 404 to an unknown customer', async () => {
    await expectProblem(await rulebook.api('/v1/customers/unknown-id'), 404, /No customer has the id "unknown-id"/);
  });

  it('answers 415 to a body that is not JSON', async () => {
    const res = await rulebook.api('/v1/customers', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'id\nC-1' });
    await expectProblem(res, 415, /Content-Type: application\/json/);
  });

  it('answers 400 to a body that does not decompress as its Content-Encoding says', async () => {
    const res = await rulebook.api('/v1/customers', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '{"id":"C-1"}',
    });
    await expectProblem(res, 400, /could not be read: incorrect header check.*Content-Encoding/);
  });

  it('answers 413 to an oversized body', async () => {
    const res = await rulebook.post('/v1/customers', { id: 'C-1', name: 'x'.repeat(1_100_000) });
    await expectProblem(res, 413, /exceeds the limit/);
  });

  it('answers 422 listing every schema violation with its JSON pointer', async () => {
    const res = await rulebook.post('/v1/customers', { email: 'not-an-email', colour: 'blue' });
    const problem = await expectProblem(res, 422, /does not match the CustomerCreate schema/);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/id', message: 'is required; add it' },
        { pointer: '/colour', message: 'is not a known field; remove it or check its spelling' },
        { pointer: '/email', message: expect.stringContaining('email') },
      ]),
    );
  });

  it('answers 422 to text the database cannot store (NUL, lone surrogates), naming each place', async () => {
    await rulebook.post('/v1/customers', { id: 'C-nul' });
    const res = await rulebook.api('/v1/customers/C-nul/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"call back\\u0000","author":"ops\\ud800"}',
    });
    const problem = await expectProblem(res, 422, /cannot be stored: .*\/text holds a NUL character/);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/text', message: expect.stringMatching(/NUL character/) },
        { pointer: '/author', message: expect.stringMatching(/broken UTF-16 character/) },
      ]),
    );
    expect((await body(await rulebook.api('/v1/customers/C-nul/notes'))).notes).toEqual([]);
    expect((await rulebook.api('/v1/customers?q=%00')).status).toBe(422);
  });

  it('answers 409 naming the field and the customer when an email is taken', async () => {
    await rulebook.post('/v1/customers', { id: 'C-a', email: 'meera@example.com' });
    const res = await rulebook.post('/v1/customers', { id: 'C-b', email: 'Meera@example.com' });
    const problem = await expectProblem(res, 409, /email already exists \(customer C-a\)/);
    expect(problem).toMatchObject({ field: 'email', existingCustomerId: 'C-a' });
  });

  it('keeps probes open without a token', async () => {
    expect((await fetch(`${rulebook.system.apiUrl}/healthz`)).status).toBe(200);
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document whose references all resolve', async () => {
    const doc = await body(await fetch(`${rulebook.system.apiUrl}/openapi.json`));
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/v1/customers', '/v1/customers/{customerId}/erasure/cancel']),
    );
    const refs = [...JSON.stringify(doc.paths).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)].map(([, name]) => name);
    expect(refs.length).toBeGreaterThan(10);
    for (const name of refs) expect(doc.components.schemas).toHaveProperty(name!);
    expect(doc.paths['/v1/customers'].post.security).toEqual([{ bearer: ['customers:write'] }]);
  });

  it('describes the export history and the metrics of a customer', async () => {
    const doc = await body(await fetch(`${rulebook.system.apiUrl}/openapi.json`));
    const history = doc.paths['/v1/exports'].get;
    expect(history.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ExportHistory' });
    expect(history.description).toMatch(/`limit`.*`after`/);
    const job = doc.components.schemas.ExportHistory.properties.exports.items;
    expect(job.required).toEqual(
      expect.arrayContaining(['status', 'format', 'requestedBy', 'createdAt', 'finishedAt', 'processingMs', 'totalRows']),
    );
    expect(doc.paths['/v1/imports'].get.description).toMatch(/`limit`.*`after`/);
    const metrics = doc.components.schemas.Customer.properties.metrics;
    expect(metrics.required).toEqual(
      expect.arrayContaining([
        'currency',
        'totalSpent',
        'transactionCount',
        'lastTransactionAt',
        'lastTransactionDate',
        'outstandingAmount',
      ]),
    );
    expect(metrics.description).toMatch(/erasure keeps them/);
  });

  it('serves human-readable docs with their assets from the API itself', async () => {
    const page = await fetch(`${rulebook.system.apiUrl}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/openapi.json');
    // No badge from an outside validator (it flags every OpenAPI 3.1 document), and no dialect Swagger UI warns about.
    expect(html).toContain('validatorUrl: null');
    expect(await body(await fetch(`${rulebook.system.apiUrl}/openapi.json`))).not.toHaveProperty('jsonSchemaDialect');
    const bundle = await fetch(`${rulebook.system.apiUrl}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });
});

describe('metrics', () => {
  it('counts requests by route pattern and status, never by concrete path', async () => {
    await rulebook.api('/v1/customers/C-metrics-probe');
    const res = await fetch(`${rulebook.system.apiUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/rulebook_http_requests_total\{method="GET",route="\/v1\/customers\/:customerId",status="404"\} [1-9]/);
    expect(text).toMatch(/rulebook_http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/v1\/customers\/:customerId"\}/);
    expect(text).not.toContain('C-metrics-probe');
    expect(text).not.toContain('meera@example.com');
  });

  it('tells the rule-set version, the outbox backlog and the process figures', async () => {
    const text = await (await fetch(`${rulebook.system.apiUrl}/metrics`)).text();
    expect(text).toContain(`rulebook_rules_info{version="${rulebook.system.rules.current.version}",last_reload_ok="true"} 1`);
    expect(text).toMatch(/^rulebook_outbox_pending\{channel="email"\} 0$/m);
    expect(text).toMatch(/^rulebook_outbox_oldest_pending_seconds\{channel="sms"\} 0$/m);
    expect(text).toMatch(/^rulebook_outbox_dead\{channel="email"\} 0$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});
