/**
 * No personal data in logs: `npm start` at the most verbose log level runs a day of business —
 * customers created, searched by email and phone, renamed, clashing, imported, exported, returns by
 * email, notes, reminders mailed to an SMTP server that refuses them, an erasure — and afterwards no
 * email address, phone number or name of a test customer, and not the API token, appears anywhere in
 * what the process wrote.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildSystem, stopChild, type ChildSystem } from '../support/child-system';
import { useTestSmtpServer } from '../support/message-servers';
import { freePort } from '../../src/net/free-port';
import { body } from '../support/running-system';

const person = { id: 'C-pii-1', email: 'priya.pii-marker@example.com', phone: '+919876543210', name: 'Priya Piimarker' };
const renamed = 'Priya Renamedpiimarker';
const imported = { email: 'imported.pii-marker@example.com', phone: '+919876500022', name: 'Imran Piimporter' };
const returner = 'returner.pii-marker@example.com';
const refusedEmail = 'not-an-email.pii-marker';

const token = 'pii-test-token-5c0f3e9a7b1d4c2e';
const personalData = [
  person.email,
  person.phone,
  person.name,
  renamed,
  imported.email,
  imported.phone,
  imported.name,
  returner,
  refusedEmail,
];

const dataDir = mkdtempSync(path.join(tmpdir(), 'rulebook-pii-logs-'));
const children: ChildProcess[] = [];
let rulebook: ChildSystem;
// Refuses every recipient, so that failed deliveries (whose errors name the address) are exercised.
const smtp = useTestSmtpServer({ refuseRecipients: true });

beforeAll(async () => {
  rulebook = await startChildSystem(
    {
      RULEBOOK_DATA_DIR: dataDir,
      API_TOKENS: token,
      // The run reads personal data back (an import's rejected rows), as an operator's token may.
      API_PERSONAL_DATA_TOKENS: 'token-1',
      LOG_LEVEL: 'trace',
      PORT: String(await freePort()),
      TEMPORAL_DEV_SERVER_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      SMTP_URL: smtp().url,
      RULEBOOK_ERASURE_GRACE_PERIOD: '2 seconds',
    },
    children,
  );
}, 180_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function call(method: string, route: string, payload?: unknown, contentType = 'application/json') {
  return fetch(`${rulebook.apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${rulebook.token}`, 'content-type': contentType },
    ...(payload !== undefined && { body: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
  });
}

/** How long the run may take for what happens in the background: reminders, the import, the erasure. */
const inTheBackground = { timeout: 30_000, interval: 150 };

describe('personal data in logs', () => {
  it("never writes a test customer's email, phone or name, nor the API token, to the logs of a full run", async () => {
    expect((await call('POST', '/v1/customers', person)).status).toBe(201);
    expect((await call('POST', '/v1/customers', { id: 'C-pii-2', email: person.email })).status).toBe(409);
    expect((await call('POST', '/v1/customers', { id: 'C-pii-3', email: refusedEmail })).status).toBe(422);
    expect((await call('GET', `/v1/customers?email=${encodeURIComponent(person.email)}`)).status).toBe(200);
    expect((await call('GET', `/v1/customers?phone=${encodeURIComponent(person.phone)}`)).status).toBe(200);
    expect((await call('GET', `/v1/customers?q=${encodeURIComponent('Piimarker')}`)).status).toBe(200);
    expect((await call('GET', `/v1/customers/${encodeURIComponent(person.email)}`)).status).toBe(404);
    expect(
      (await call('PUT', `/v1/customers/${person.id}/profiles/account-type`, { profileId: 'standard', assignedBy: 'ar' })).status,
    ).toBe(200);
    expect(
      (
        await call('POST', `/v1/customers/${person.id}/notes`, {
          text: `Called ${person.phone}, wants mail to ${person.email}`,
          author: 'ops',
        })
      ).status,
    ).toBe(201);
    expect(
      (await call('POST', '/v1/returns', { id: 'R-pii-1', email: returner, items: 1, returnedAt: new Date().toISOString() })).status,
    ).toBe(201);

    // Due 40 days ago: every reminder step runs at once, and its emails go to the refusing server.
    const dueDate = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    const invoice = { id: 'INV-pii-1', customerId: person.id, amount: 2500, currency: 'INR', dueDate, issuedAt: `${dueDate}T10:00:00Z` };
    expect((await call('POST', '/v1/invoices', invoice)).status).toBe(201);
    await expect.poll(() => smtp().refusedRecipients(), inTheBackground).toBeGreaterThanOrEqual(2);
    expect((await call('PATCH', `/v1/customers/${person.id}`, { name: renamed, changedBy: 'ops' })).status).toBe(200);

    const csv = `id,email,phone,name\nC-pii-imp,${imported.email},${imported.phone},${imported.name}\nC-pii-bad,${person.email.toUpperCase()},,Copy\n`;
    const upload = await call('POST', '/v1/customers/imports', csv, 'text/csv');
    expect(upload.status).toBe(202);
    const importJob = upload.headers.get('location')!;
    await expect.poll(async () => (await body(await call('GET', importJob))).status, inTheBackground).not.toBe('in-process');
    expect((await call('GET', `${importJob}/errors`)).status).toBe(200);
    const exportJob = await call('POST', '/v1/customers/exports', { format: 'csv', requestedBy: 'ops' });
    expect(exportJob.status).toBe(202);

    expect(
      (await call('POST', `/v1/customers/C-pii-imp/erasure`, { reason: `asked by ${imported.email}`, requestedBy: 'dpo' })).status,
    ).toBe(202);
    await expect.poll(async () => (await body(await call('GET', '/v1/customers/C-pii-imp/erasure'))).state, inTheBackground).toBe('erased');

    expect(await stopChild(rulebook.child, 'SIGINT')).toBe(0);
    const logs = rulebook.output();
    // The logs did see the run: requests, and the workflows and activities by their ids.
    expect(logs).toMatch(/"msg":"request"/);
    expect(logs).toContain('dunning-INV-pii-1');
    expect(logs).toMatch(/"msg":"Activity completed"/);
    // The embedded PostgreSQL server's own log lines go there too; its password does not.
    expect(logs).toMatch(/"postgres":"[^"]*database system is ready to accept connections/);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim());
    const leaks = personalData.filter((value) => logs.toLowerCase().includes(value.toLowerCase()) || logs.includes(value.replace('+', '')));
    expect(leaks, leaks.map((leak) => logs.split('\n').find((line) => line.toLowerCase().includes(leak.toLowerCase()))).join('\n')).toEqual(
      [],
    );
  }, 240_000);
});
