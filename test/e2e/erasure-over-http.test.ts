/**
 * End to end: HTTP → Temporal dev server → worker → database. The grace period is shortened to
 * seconds so that a real erasure completes during the test.
 */
import { Client, Connection } from '@temporalio/client';
import { randomBytes, randomInt } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { requestErasure } from '../../src/use-cases/erasure-process';
import { openErasureRequest } from '../../src/store/erasure-store';
import { freePort } from '../../src/net/free-port';
import { body, testToken, useTestSystem } from '../support/running-system';
import { dumpAllTables } from '../support/database-dump';

// Values no other test uses, so that a search of shared files (the PostgreSQL server, Temporal's database) finds only this customer.
const tag = randomBytes(4).toString('hex');
const customer = {
  id: 'C-e2e-1',
  email: `priya.nair.${tag}@example.com`,
  phone: `+9198${String(randomInt(10_000_000, 99_999_999))}`,
  name: `Priya Nair ${tag}`,
};
/** Personal attributes (rules/attributes.yaml), a note and an import error row that name her. */
const personalAttributes = {
  city: `Thiruvananthapuram-${tag}`,
  birthdate: `19${randomInt(10, 99)}-0${randomInt(1, 9)}-1${randomInt(0, 9)}`,
  national_id: `NID${tag.toUpperCase()}`,
};
const noteText = `Called about parcel, prefers evening calls ${tag}`;

describe('erasure over HTTP (end to end)', () => {
  const rulebook = useTestSystem({ env: { RULEBOOK_ERASURE_GRACE_PERIOD: '3 seconds' } });

  /** The customer's erasure as the API shows it, read anew at each call. */
  const erasureOf = (customerId: string) => async () => body(await rulebook.api(`/v1/customers/${customerId}/erasure`));
  /** The workflow runs asynchronously: a state is awaited, polling the API, for up to 20 s. */
  const waitForErasureState = (customerId: string, state: string) =>
    expect.poll(erasureOf(customerId), { timeout: 20_000, interval: 200 }).toMatchObject({ state });

  it('is ready: database and Temporal reachable', async () => {
    const res = await fetch(`${rulebook.system.apiUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ status: 'ready', checks: { database: { ok: true }, temporal: { ok: true } } });
  });

  it('creates a customer, erases their personal data after the grace period, and keeps a certificate', async () => {
    expect((await rulebook.post('/v1/customers', customer)).status).toBe(201);
    const patch = await rulebook.patch(`/v1/customers/${customer.id}`, { attributes: personalAttributes, changedBy: 'ops.e2e' });
    expect(patch.status).toBe(200);
    expect((await rulebook.post(`/v1/customers/${customer.id}/notes`, { text: noteText, author: 'ops.e2e' })).status).toBe(201);
    // A rejected import row that names her, in other letters, and an export that lists her.
    const upload = await rulebook.upload(
      '/v1/customers/imports?filename=again.csv&requestedBy=ops',
      `email,phone\n${customer.email.toUpperCase()},\n`,
      'text/csv',
    );
    expect((await rulebook.finishedJob(upload.headers.get('location')!)).status).toBe('failed');
    const exported = await rulebook.post('/v1/customers/exports', { format: 'csv', requestedBy: 'ops' });
    const exportJob = await rulebook.finishedJob(exported.headers.get('location')!);
    expect(exportJob.status).toBe('complete');

    const preview = await body(await rulebook.api(`/v1/customers/${customer.id}/erasure/preview`));
    expect(preview.fields).toEqual(['email', 'phone', 'name', 'attributes.birthdate', 'attributes.city', 'attributes.national_id']);
    expect(preview.related).toMatchObject({ notes: 1, importErrorRows: 1, exportFiles: 1 });

    const request = { reason: 'customer asked by e-mail', requestedBy: 'ops.e2e' };
    const accepted = await rulebook.post(`/v1/customers/${customer.id}/erasure`, request);
    expect(accepted.status).toBe(202);
    const plan = await body(accepted);
    expect(plan.workflowId).toBe(`erasure-${customer.id}`);

    const repeated = await rulebook.post(`/v1/customers/${customer.id}/erasure`, request);
    expect(repeated.status).toBe(200);
    expect((await body(repeated)).requestId).toBe(plan.requestId);

    const pending = await body(await rulebook.api(`/v1/customers/${customer.id}`));
    expect(pending.erasureState).toBe('pending');

    // Done once the tables are compacted, after the erasure itself.
    const done = await vi.waitFor(
      async () => {
        const status = await erasureOf(customer.id)();
        expect(status.timeline.map((entry: { event: string }) => entry.event)).toContain('compacted');
        return status;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(done.state).toBe('erased');
    expect(done.timeline.map((entry: { event: string }) => entry.event)).toEqual([
      'requested',
      'grace-period-ended',
      'erased',
      'compacted',
    ]);
    expect(done.timeline.at(-1).detail).toEqual({ walCleared: 'true' });

    const erased = await body(await rulebook.api(`/v1/customers/${customer.id}`));
    expect(erased).toMatchObject({ email: null, phone: null, name: null, erasureState: 'erased', attributes: {} });
    const timeline = await body(await rulebook.api(`/v1/customers/${customer.id}/timeline`));
    // Newest first; the sign-up last.
    expect(timeline.entries.map((entry: { kind: string }) => entry.kind)).toEqual([
      'erasure-compacted',
      'erasure-completed',
      'erasure-requested',
      'note-added',
      'customer-changed',
      'signed-up',
    ]);
    const file = await rulebook.api(`/v1/exports/${exportJob.id}/file`);
    expect(file.status).toBe(409);
    expect((await body(file)).detail).toMatch(/removed .* held personal data of a customer whose data was erased since/);
  });

  it('leaves nothing readable in the workflow history: payloads are encrypted', async () => {
    const raw = new Client({ connection: rulebook.system.client.connection });
    const history = await raw.workflow.getHandle(`erasure-${customer.id}`).fetchHistory();
    const started = history.events!.find((event) => event.workflowExecutionStartedEventAttributes)!;
    const payload = started.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    expect(Buffer.from(payload.metadata!.encoding!).toString()).toBe('binary/encrypted');
    const everything = JSON.stringify(history, (_key, value) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
    );
    for (const secret of ['customer asked by e-mail', 'ops.e2e', customer.email, customer.phone, customer.name]) {
      expect(everything).not.toContain(secret);
    }
  });

  const personalValues = () => [
    customer.email,
    customer.email.toUpperCase(),
    customer.phone,
    customer.name,
    noteText,
    ...Object.values(personalAttributes),
  ];

  it('leaves the former email, phone, name, attributes and note nowhere in the database', async () => {
    const { text: dump, tables } = await dumpAllTables(rulebook.system.db);
    expect(tables).toBeGreaterThan(15);
    for (const secret of personalValues()) expect(dump).not.toContain(secret);
  });

  it("leaves none of it in the database's files, nor in Temporal's", async () => {
    const databaseDir = inject('databaseServerDir');
    // The embedded test server's files are known; a run against a server of your own must say where its files are.
    expect(databaseDir, 'set RULEBOOK_TEST_PG_DATA_DIR to the data directory of the server in DATABASE_URL').not.toBe('');
    const temporalFiles = [inject('temporalDbFile'), `${inject('temporalDbFile')}-wal`];
    const found = findInFiles([...filesUnder(databaseDir), ...temporalFiles.filter((file) => exists(file))], personalValues());
    expect(found).toEqual([]);
  });

  it('refuses to cancel an erasure that has completed, with a clear 409', async () => {
    const res = await rulebook.post(`/v1/customers/${customer.id}/erasure/cancel`, { reason: 'too late', cancelledBy: 'ops.e2e' });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await body(res)).toMatchObject({
      state: 'erased',
      detail: expect.stringMatching(/the erasure is already erased\. Only a waiting or blocked erasure can be cancelled/),
    });
  });

  it('restores a customer when the erasure is cancelled over HTTP', async () => {
    const other = { id: 'C-e2e-2', email: 'rohan.das@example.com' };
    await rulebook.post('/v1/customers', other);
    await rulebook.post(`/v1/customers/${other.id}/erasure`, { reason: 'asked', requestedBy: 'ops.e2e' });
    const cancel = await rulebook.post(`/v1/customers/${other.id}/erasure/cancel`, {
      reason: 'requested by mistake',
      cancelledBy: 'ops.e2e',
    });
    expect(cancel.status).toBe(200);
    expect(await body(cancel)).toMatchObject({ customerId: other.id, state: expect.stringMatching(/^(cancelling|cancelled)$/) });
    // One cancel per erasure: a repeat joins the first and gets its answer.
    const again = await rulebook.post(`/v1/customers/${other.id}/erasure/cancel`, { reason: 'twice', cancelledBy: 'ops.e2e' });
    if (again.status === 200)
      expect(await body(again)).toMatchObject({ customerId: other.id, state: expect.stringMatching(/^(cancelling|cancelled)$/) });
    else {
      expect(again.status).toBe(409);
      expect((await body(again)).detail).toMatch(
        /the erasure is already (being cancelled|cancelled)\. Only a waiting or blocked erasure can be cancelled/,
      );
    }
    await waitForErasureState(other.id, 'cancelled');
    // Repeated once it is over, the cancel answers what it did.
    const late = await rulebook.post(`/v1/customers/${other.id}/erasure/cancel`, { reason: 'late', cancelledBy: 'ops.e2e' });
    expect(late.status).toBe(200);
    expect(await body(late)).toMatchObject({ customerId: other.id, state: expect.stringMatching(/^(cancelling|cancelled)$/) });
    await waitForErasureState(other.id, 'cancelled');
    const restored = await body(await rulebook.api(`/v1/customers/${other.id}`));
    expect(restored).toMatchObject({ email: other.email, erasureState: 'none' });
  });

  it('is cancelled with a reason from the rulebook CLI', async () => {
    await rulebook.post('/v1/customers', { id: 'C-e2e-cli', email: 'cli@example.com' });
    await rulebook.post('/v1/customers/C-e2e-cli/erasure', { reason: 'asked', requestedBy: 'ops.e2e' });
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const target = ['--customer', 'C-e2e-cli', '--api', rulebook.system.apiUrl!, '--token', testToken];
    try {
      expect(await main(['erasure', 'cancel', ...target])).toBe(2);
      expect(await main(['erasure', 'cancel', ...target, '--reason', 'requested by mistake', '--by', 'ops.cli'])).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(lines[0]).toMatch(/^Erasure of C-e2e-cli: (cancelling|cancelled)/);
    await waitForErasureState('C-e2e-cli', 'cancelled');
  });

  it('refuses to delete a customer whose erasure is in progress, and never erases a customer created again under the same id', async () => {
    const x = { id: 'C-e2e-del', email: 'meera.iyer@example.com' };
    await rulebook.post('/v1/customers', x);
    const { requestId } = await body(await rulebook.post(`/v1/customers/${x.id}/erasure`, { reason: 'asked', requestedBy: 'ops.e2e' }));
    const refused = await rulebook.api(`/v1/customers/${x.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect((await body(refused)).detail).toContain(`has an erasure in progress (request ${requestId}`);

    const cancel = await rulebook.post(`/v1/customers/${x.id}/erasure/cancel`, { reason: 'wrong customer', cancelledBy: 'ops.e2e' });
    expect(cancel.status).toBe(200);
    expect(['cancelling', 'cancelled']).toContain((await body(cancel)).state);
    await waitForErasureState(x.id, 'cancelled');
    expect((await rulebook.api(`/v1/customers/${x.id}`, { method: 'DELETE' })).status).toBe(204);
    const again = { id: x.id, email: 'someone.new@example.com' };
    expect((await rulebook.post('/v1/customers', again)).status).toBe(201);
    // The cancelled request's workflow, the only thing that could erase under this id, has ended: nothing is due any more.
    expect(await rulebook.system.client.workflow.getHandle(`erasure-${x.id}`).result()).toMatchObject({ state: 'cancelled' });
    expect(await body(await rulebook.api(`/v1/customers/${x.id}`))).toMatchObject({ email: again.email, erasureState: 'none' });
    // The cancelled erasure of the deleted record is not the new customer's.
    expect((await rulebook.api(`/v1/customers/${x.id}/erasure`)).status).toBe(404);
  });

  it('shows an erasure whose workflow was ended by an operator as failed, and restores the customer on cancel', async () => {
    const y = { id: 'C-e2e-term', email: 'kabir.rao@example.com' };
    await rulebook.post('/v1/customers', y);
    await rulebook.post(`/v1/customers/${y.id}/erasure`, { reason: 'asked', requestedBy: 'ops.e2e' });
    await rulebook.system.client.workflow.getHandle(`erasure-${y.id}`).terminate('operator ended it');
    const failedRes = await rulebook.api(`/v1/customers/${y.id}/erasure`);
    const failed = await body(failedRes);
    expect(failedRes.status, JSON.stringify(failed)).toBe(200);
    expect(failed.state).toBe('failed');
    expect(failed.timeline.at(-1)).toMatchObject({ event: 'failed', detail: { reason: 'the workflow was terminated' } });
    expect((await body(await rulebook.api(`/v1/customers/${y.id}`))).erasureState).toBe('pending');

    const cancel = await rulebook.post(`/v1/customers/${y.id}/erasure/cancel`, { reason: 'start over', cancelledBy: 'ops.e2e' });
    expect(cancel.status).toBe(200);
    expect((await body(cancel)).state).toBe('cancelled');
    expect(await body(await rulebook.api(`/v1/customers/${y.id}`))).toMatchObject({ email: y.email, erasureState: 'none' });
  });

  it('accepts a request while Temporal is unreachable, shows it waiting, and erases once the relay has started its workflow', async () => {
    const z = { id: 'C-e2e-down', email: 'anil.kumar@example.com' };
    await rulebook.post('/v1/customers', z);
    const unreachable = new Client({
      connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '1 second' }),
    });
    const down = { client: unreachable, db: rulebook.system.db, taskQueue: 'nowhere', gracePeriodMs: () => 3_000 };
    const accepted = await requestErasure(down, z.id, { reason: 'asked', requestedBy: 'ops.e2e' });
    expect(accepted).toMatchObject({ started: true, workflowId: `erasure-${z.id}` });
    await unreachable.connection.close();

    expect((await body(await rulebook.api(`/v1/customers/${z.id}`))).erasureState).toBe('pending');
    // The running system's relay (its Temporal reachable) delivers the start queued with the request.
    await waitForErasureState(z.id, 'erased');
    expect((await body(await rulebook.api(`/v1/customers/${z.id}/erasure`))).requestId).toBe(accepted.requestId);
  });

  it('shows a request whose start was given up as failed, and starts it when the request is repeated', async () => {
    const z = { id: 'C-e2e-dead', email: 'anil.rao@example.com' };
    await rulebook.post('/v1/customers', z);
    // What a start given up after the horizon leaves: the request stored, its intent dead.
    const { request } = await openErasureRequest(rulebook.system.db, z.id, {
      requestedBy: 'ops.e2e',
      reason: 'asked',
      requestedAt: new Date(),
      eraseAt: new Date(Date.now() + 3_000),
    });
    const stranded = await body(await rulebook.api(`/v1/customers/${z.id}/erasure`));
    expect(stranded.state).toBe('failed');
    expect(stranded.timeline.at(-1).detail.reason).toMatch(/repeat POST/);
    const repeated = await rulebook.post(`/v1/customers/${z.id}/erasure`, { reason: 'asked', requestedBy: 'ops.e2e' });
    expect(repeated.status).toBe(200);
    expect((await body(repeated)).requestId).toBe(request.requestId);
    await waitForErasureState(z.id, 'erased');
  });

  it('cancels a request whose workflow never started, and still shows it afterwards', async () => {
    const v = { id: 'C-e2e-never', email: 'neha.joshi@example.com' };
    await rulebook.post('/v1/customers', v);
    const { request } = await openErasureRequest(rulebook.system.db, v.id, {
      requestedBy: 'ops.e2e',
      reason: 'asked',
      requestedAt: new Date(),
      eraseAt: new Date(Date.now() + 3_000),
    });
    const cancel = await rulebook.post(`/v1/customers/${v.id}/erasure/cancel`, { reason: 'not wanted', cancelledBy: 'ops.e2e' });
    expect(cancel.status).toBe(200);
    expect(await body(cancel)).toMatchObject({ requestId: request.requestId, state: 'cancelled' });
    expect(await body(await rulebook.api(`/v1/customers/${v.id}/erasure`))).toMatchObject({
      requestId: request.requestId,
      state: 'cancelled',
    });
    expect(await body(await rulebook.api(`/v1/customers/${v.id}`))).toMatchObject({ email: v.email, erasureState: 'none' });
  });

  it('shows a request stored after an earlier, finished erasure as its own, and lets it be cancelled', async () => {
    const w = { id: 'C-e2e-again', email: 'divya.pillai@example.com' };
    await rulebook.post('/v1/customers', w);
    await rulebook.post(`/v1/customers/${w.id}/erasure`, { reason: 'asked', requestedBy: 'ops.e2e' });
    await rulebook.post(`/v1/customers/${w.id}/erasure/cancel`, { reason: 'mistake', cancelledBy: 'ops.e2e' });
    await waitForErasureState(w.id, 'cancelled');
    // A second request stored while its workflow could not be started (as when the first was still finishing).
    const { request } = await openErasureRequest(rulebook.system.db, w.id, {
      requestedBy: 'ops.e2e',
      reason: 'again',
      requestedAt: new Date(),
      eraseAt: new Date(Date.now() + 3_000),
    });
    const shown = await body(await rulebook.api(`/v1/customers/${w.id}/erasure`));
    expect(shown).toMatchObject({ requestId: request.requestId, state: 'failed' });
    const cancel = await rulebook.post(`/v1/customers/${w.id}/erasure/cancel`, { reason: 'not wanted', cancelledBy: 'ops.e2e' });
    expect(cancel.status).toBe(200);
    expect(await body(await rulebook.api(`/v1/customers/${w.id}`))).toMatchObject({ email: w.email, erasureState: 'none' });
    expect((await rulebook.api(`/v1/customers/${w.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('answers 404 for the erasure of an unknown customer', async () => {
    const res = await rulebook.post('/v1/customers/nobody/erasure', { reason: 'x', requestedBy: 'y' });
    expect(res.status).toBe(404);
    expect((await body(res)).detail).toMatch(/No customer has the id "nobody"/);
  });
});

/** Every regular file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function exists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** "file: value" for each value whose UTF-8 bytes appear in a file. */
function findInFiles(files: string[], values: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      continue; // removed meanwhile (a WAL segment, a temporary file)
    }
    for (const value of values) if (content.includes(Buffer.from(value))) found.push(`${file}: ${value}`);
  }
  return found;
}
