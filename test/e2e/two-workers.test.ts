/**
 * Production as docs/operations.md describes it, on loopback: two API and two worker processes on
 * one PostgreSQL and one Temporal server, an SMTP server and an SMS gateway counting what arrives.
 * Invoices, returns and COD orders go through both APIs, one worker is killed mid-run, and still
 * every reminder arrives once (by its id: the one message a killed worker had in flight per channel
 * may arrive twice with the same id), every COD invariant holds, the holds are watched by the
 * workflow of their due moment, and every workflow intent reaches its workflow once, relayed by the
 * two workers.
 */
import { Client, Connection } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { startBootstrapProcess, stopChild } from '../support/child-system';
import { startTestSmsGateway, startTestSmtpServer, type TestSmsGateway, type TestSmtpServer } from '../support/message-servers';
import { freePort } from '../../src/net/free-port';
import { body } from '../support/running-system';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/test-databases';
const token = `two-workers-${randomBytes(12).toString('hex')}`;
const children: ChildProcess[] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), 'rulebook-two-workers-'));

/** Starts `npm run api` or `npm run worker` (their entry files) and waits until it says it is ready. */
async function startProcess(entry: 'api-main' | 'worker-main', env: Record<string, string>) {
  const { child, output } = await startBootstrapProcess(entry, env, entry === 'api-main' ? '"API ready"' : '"worker ready"', children);
  return { child, url: /"url":"(http:\/\/[^"]+)"/.exec(output())?.[1] ?? '' };
}

describe('two workers and two APIs on one database', () => {
  let location: TestDatabaseLocation | undefined;
  let smtp: TestSmtpServer | undefined;
  let gateway: TestSmsGateway | undefined;

  afterAll(async () => {
    for (const child of children) await stopChild(child, 'SIGKILL');
    await smtp?.close();
    await gateway?.close();
    await location?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends every reminder once, keeps every COD invariant, and completes the COD holds, although a worker is killed', async () => {
    smtp = await startTestSmtpServer();
    gateway = await startTestSmsGateway();
    const { received: mails } = smtp;
    const { received: sms } = gateway;
    /** Message ids of what arrived by email and by SMS. */
    const emails = () => mails.map((mail) => /^Message-ID: (.+)$/im.exec(mail.data)?.[1]?.trim() ?? 'none');
    const texts = () => sms.map((message) => message.body.messageId as string);

    location = await createTestDatabaseLocation('rulebook_two_workers');
    const taskQueue = `two-workers-${randomUUID()}`;
    const common = {
      DATABASE_URL: location.settings.databaseUrl,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: taskQueue,
      RULEBOOK_PAYLOAD_KEY: randomBytes(32).toString('base64'),
      API_TOKENS: token,
      RULEBOOK_DATA_DIR: dataDir,
      RULEBOOK_WATCH_RULES: 'false',
      LOG_LEVEL: 'info',
      SMTP_URL: smtp.url,
      SMS_GATEWAY_URL: gateway.url,
    };
    // All four at the same instant, on a fresh database: their migrations race too.
    const [apiA, apiB, workerA] = await Promise.all([
      startProcess('api-main', { ...common, PORT: String(await freePort()) }),
      startProcess('api-main', { ...common, PORT: String(await freePort()) }),
      startProcess('worker-main', common),
      startProcess('worker-main', common),
    ]);
    const apis = [apiA.url, apiB.url];
    const call = async (n: number, route: string, method = 'GET', json?: unknown) =>
      fetch(`${apis[n % 2]}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(json !== undefined && { 'content-type': 'application/json' }) },
        ...(json !== undefined && { body: JSON.stringify(json) }),
      });

    // Reminders: due 20 days ago, the email, email, SMS and call steps are all due at once.
    const invoices = 12;
    const dueDate = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    for (let n = 0; n < invoices; n++) {
      expect(
        (
          await call(n, '/v1/customers', 'POST', {
            id: `C-${n}`,
            email: `c${n}@example.com`,
            phone: `+91980000${String(n).padStart(4, '0')}`,
          })
        ).status,
      ).toBe(201);
      expect(
        (await call(n + 1, `/v1/customers/C-${n}/profiles/account-type`, 'PUT', { profileId: 'standard', assignedBy: 'ar' })).status,
      ).toBe(200);
      expect(
        (
          await call(n, '/v1/invoices', 'POST', {
            id: `INV-${n}`,
            customerId: `C-${n}`,
            amount: 5000,
            currency: 'INR',
            dueDate,
            issuedAt: new Date().toISOString(),
          })
        ).status,
      ).toBe(201);
    }
    // Returns and COD orders through both APIs, concurrently.
    expect((await call(0, '/v1/customers', 'POST', { id: 'C-cod', email: 'cod@example.com' })).status).toBe(201);
    const orders = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        call(n, '/v1/orders', 'POST', {
          id: `O-${n}`,
          customerId: 'C-cod',
          value: 1_000,
          currency: 'INR',
          channel: 'storefront',
          paymentMethod: 'cod',
          items: 1,
          placedAt: new Date().toISOString(),
        }),
      ),
    );
    expect(orders.map((res) => res.status)).toEqual(Array(10).fill(201));
    const returns = await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        call(n, '/v1/returns', 'POST', { id: `R-${n}`, customerId: `C-${n}`, items: 1, returnedAt: new Date().toISOString() }),
      ),
    );
    expect(returns.map((res) => res.status)).toEqual(Array(6).fill(201));
    // One worker dies mid-run; the other carries on.
    await stopChild(workerA.child, 'SIGKILL');
    const delivered = await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        call(n + 1, `/v1/orders/O-${n}/events`, 'POST', { id: `O-${n}-d`, kind: 'delivered', at: new Date().toISOString() }),
      ),
    );
    expect(delivered.map((res) => res.status)).toEqual(Array(5).fill(201));

    await vi.waitFor(
      () => {
        expect(mails.length).toBeGreaterThanOrEqual(2 * invoices);
        expect(sms.length).toBeGreaterThanOrEqual(invoices);
      },
      { timeout: 150_000, interval: 500 },
    );
    // Each message is sent before it is marked sent: once none is left pending, no send is under way
    // or due, so a message sent twice would have arrived by now.
    const pending = async () => (await body(await call(0, '/v1/notifications?status=pending'))).notifications;
    await expect.poll(pending, { timeout: 30_000, interval: 500 }).toEqual([]);
    // A worker killed after the server took a message and before it recorded the message as sent
    // leaves it to be sent again, with the same Message-ID / messageId for the receiver to drop: at
    // most one per channel (a worker sends one message of a channel at a time). Nothing else repeats.
    expect(new Set(emails()).size).toBe(2 * invoices);
    expect(emails().length).toBeLessThanOrEqual(2 * invoices + 1);
    expect([...new Set(texts())].sort()).toEqual(Array.from({ length: invoices }, (_, n) => `INV-${n}:sms-reminder`).sort());
    expect(texts().length).toBeLessThanOrEqual(invoices + 1);
    // The call step follows the SMS step, so its task may arrive after the last text: a minute and
    // more when the killed worker had that step in flight (it is retried once its one-minute
    // start-to-close timeout, databaseStep, has passed).
    const callTasks = async () => (await body(await call(0, '/v1/tasks?kind=call'))).tasks.length;
    await expect.poll(callTasks, { timeout: 100_000, interval: 500 }).toBe(invoices);

    for (const n of [0, 1]) {
      const position = await body(await call(n, '/v1/customers/C-cod/cod'));
      expect(position).toMatchObject({ totalLimit: 50_000, available: 45_000 });
      expect(position.openHolds).toHaveLength(5);
    }
    // The outbox to Temporal, relayed by both workers (one killed): everything delivered, nothing given up, nothing twice.
    // The returns' reschedules (a year ahead) wait 30 s for later ones to join them (rescheduleCoalescingMs), hence a minute.
    const intents = async (status: string) => (await body(await call(0, `/v1/workflow-intents?status=${status}`))).intents;
    await expect.poll(() => intents('pending'), { timeout: 60_000, interval: 200 }).toEqual([]);
    expect(await intents('dead')).toEqual([]);
    expect(await callTasks()).toBe(invoices);
    const temporal = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
    const signals = async (workflowId: string, name: string) =>
      (await temporal.workflow.getHandle(workflowId).fetchHistory()).events!.filter(
        (event) => event.workflowExecutionSignaledEventAttributes?.signalName === name,
      ).length;
    try {
      // The holds are watched by the workflow of their due moment (one per minute of holds), running
      // until then; deliveries released their holds in the database and told no workflow.
      const watchers = new Set(await Promise.all(orders.map(async (res) => (await body(res)).codHoldWorkflowId as string)));
      expect(watchers.size).toBeGreaterThanOrEqual(1);
      expect(watchers.size).toBeLessThanOrEqual(2);
      for (const workflowId of watchers) {
        expect(workflowId).toMatch(/^cod-holds-due-.+-\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
        expect((await temporal.workflow.getHandle(workflowId).describe()).status.name, workflowId).toBe('RUNNING');
      }
      for (let n = 0; n < 10; n++) {
        await expect(temporal.workflow.getHandle(`cod-O-${n}`).describe(), `cod-O-${n}`).rejects.toThrow(/not found/i);
      }
      // Only a relay killed between a delivery and its record delivers that intent again, after the lease;
      // the workflows take a repeated signal as the same news (a reschedule keeps the earliest).
      for (let n = 0; n < 6; n++) expect(await signals(`returns-window-C-${n}`, 'reschedule'), `returns-window-C-${n}`).toBeOneOf([1, 2]);
    } finally {
      await temporal.connection.close();
    }
  }, 420_000);
});
