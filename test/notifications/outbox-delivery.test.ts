/** Reminder emails leave the outbox through a real SMTP server; nothing queued is lost or sent twice. */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { deliverOutbox, startOutboxDelivery } from '../../src/notifications/outbox-delivery';
import { retryDelay } from '../../src/outbox/delivery-rounds';
import { openPostgresDatabase } from '../../src/store/postgres-database';
import { httpSmsSender, messageIdOf, smtpSender } from '../../src/notifications/senders';
import { createCustomer } from '../../src/store/customer-store';
import type { Database } from '../../src/store/database';
import { testData } from '../support/factories';
import { useTestSmsGateway, useTestSmtpServer } from '../support/message-servers';
import { testServerUrl, useTestDatabase } from '../support/test-databases';

describe('notification outbox', () => {
  const test = useTestDatabase();
  let refuse = false;
  const smtp = useTestSmtpServer({ refuseMessages: () => refuse });

  beforeAll(async () => {
    await createCustomer(test.db, { id: 'C-mail', email: 'meera@example.com', phone: '+919811111111' });
    await testData(test.db).queuedMessage({ customerId: 'C-mail', channel: 'email', template: 'first-reminder', invoiceId: 'INV-9' });
    await testData(test.db).queuedMessage({ customerId: 'C-mail', channel: 'sms', template: 'overdue-sms', invoiceId: 'INV-9' });
  });

  it('sends queued emails to the customer over SMTP and marks them sent, once', async () => {
    const sender = smtpSender(smtp().url, 'Reminders <ar@shop.example>');
    try {
      refuse = true;
      expect(await deliverOutbox(test.db, { email: sender })).toBe(0);
      const [failed] = await test.db.query<{ sent_at: Date | null; attempts: number; last_error: string }>(
        `SELECT sent_at, attempts, last_error FROM notification_outbox WHERE channel = 'email'`,
      );
      expect(failed).toMatchObject({ sent_at: null, attempts: 1, last_error: expect.stringMatching(/mailbox unavailable/) });

      refuse = false;
      // Not before its retry time (backoff), then sent.
      expect(await deliverOutbox(test.db, { email: sender })).toBe(0);
      await test.db.query(`UPDATE notification_outbox SET next_attempt_at = now() WHERE channel = 'email'`);
      expect(await deliverOutbox(test.db, { email: sender })).toBe(1);
      expect(await deliverOutbox(test.db, { email: sender })).toBe(0);
    } finally {
      sender.close();
    }
    const { received } = smtp();
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['meera@example.com']);
    expect(received[0]!.data).toMatch(/Subject: First reminder/);
    expect(received[0]!.data).toMatch(/Invoice: INV-9/);
    expect(received[0]!.data).toContain(`Message-ID: ${messageIdOf('INV-9:first-reminder')}`);
  });

  it('keeps an SMS queued with the reason when no SMS sender is configured', async () => {
    const [sms] = await test.db.query<{ sent_at: Date | null; last_error: string }>(
      `SELECT sent_at, last_error FROM notification_outbox WHERE channel = 'sms'`,
    );
    expect(sms).toEqual({ sent_at: null, last_error: 'no sms sender is configured' });
  });
});

describe('notification outbox with several workers', () => {
  const test = useTestDatabase();
  const sent: string[] = [];
  const slowSender = (failWith?: string) => ({
    async send(notification: { id: string }) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (failWith) throw new Error(failWith);
      sent.push(notification.id);
    },
  });

  beforeAll(async () => {
    await createCustomer(test.db, { id: 'C-many', email: 'ravi@example.com', phone: '+919822222222' });
  });
  beforeEach(async () => {
    sent.length = 0;
    await test.db.query('DELETE FROM notification_outbox');
  });

  const queue = (id: string, channel: 'email' | 'sms') =>
    testData(test.db).queuedMessage({ id, customerId: 'C-many', channel, template: 'first-reminder' });

  it('sends a message once when two workers deliver at the same moment', async () => {
    for (let index = 0; index < 30; index++) await queue(`M-${index}`, 'email');
    // A second process: its own connections to the same database.
    const other = await openPostgresDatabase(await currentDatabaseUrl(test.db), 4);
    try {
      const rounds = await Promise.all([
        deliverOutbox(test.db, { email: slowSender() }),
        deliverOutbox(other, { email: slowSender() }),
        deliverOutbox(test.db, { email: slowSender() }),
      ]);
      // Batches of 20: between them the three workers send each of the 30 once.
      expect(rounds.reduce((a, b) => a + b, 0)).toBe(30);
      expect(await Promise.all([deliverOutbox(test.db, { email: slowSender() }), deliverOutbox(other, { email: slowSender() })])).toEqual([
        0, 0,
      ]);
    } finally {
      await other.close();
    }
    expect(sent.sort()).toEqual(Array.from({ length: 30 }, (_, index) => `M-${index}`).sort());
  });

  it('sends an email queued behind SMS messages nobody can send', async () => {
    for (let index = 0; index < 20; index++) await queue(`S-${index}`, 'sms');
    await queue('E-after-sms', 'email');
    expect(await deliverOutbox(test.db, { email: slowSender() })).toBe(1);
    expect(sent).toEqual(['E-after-sms']);
    const waiting = await test.db.query<{ last_error: string }>(
      `SELECT DISTINCT last_error FROM notification_outbox WHERE channel = 'sms'`,
    );
    expect(waiting).toEqual([{ last_error: 'no sms sender is configured' }]);
  });

  it('backs off after a failure, and gives a message up after the horizon, sent or not', async () => {
    await queue('F-1', 'email');
    expect(await deliverOutbox(test.db, { email: slowSender('451 try later') })).toBe(0);
    const [retry] = await test.db.query<{ wait: number; dead_at: Date | null }>(
      `SELECT extract(epoch FROM next_attempt_at - now())::float8 AS wait, dead_at FROM notification_outbox WHERE id = 'F-1'`,
    );
    expect(retry!.wait).toBeGreaterThan(20);
    expect(retry!.dead_at).toBeNull();
    // Queued four days ago: past the 3-day horizon, it is given up before any further attempt, even with a sender that works.
    await queue('F-old', 'sms');
    await test.db.query(`UPDATE notification_outbox SET next_attempt_at = now(), queued_at = now() - interval '4 days'`);
    expect(await deliverOutbox(test.db, { email: slowSender(), sms: slowSender() })).toBe(0);
    const dead = await test.db.query<{ id: string; dead_at: Date | null; attempts: number; last_error: string }>(
      `SELECT id, dead_at, attempts, last_error FROM notification_outbox ORDER BY id`,
    );
    expect(dead).toEqual([
      { id: 'F-1', attempts: 1, dead_at: expect.any(Date), last_error: '451 try later; unsent when the delivery horizon passed' },
      { id: 'F-old', attempts: 0, dead_at: expect.any(Date), last_error: 'unsent when the delivery horizon passed' },
    ]);
    expect(sent).toEqual([]);
  });

  it('renews its claim before each send: a batch slower than the lease is never sent twice', async () => {
    for (let index = 0; index < 6; index++) await queue(`B-${index}`, 'email');
    // A lease shorter than the batch: the second worker finds the tail unclaimed, the first must not send it again.
    const policy = { leaseMs: 50, batch: 6 };
    await Promise.all([
      deliverOutbox(test.db, { email: slowSender() }, policy),
      new Promise((resolve) => setTimeout(resolve, 60)).then(() => deliverOutbox(test.db, { email: slowSender() }, policy)),
    ]);
    expect(sent.sort()).toEqual(['B-0', 'B-1', 'B-2', 'B-3', 'B-4', 'B-5']);
  });

  it('delivers a channel while another one hangs', async () => {
    await queue('H-sms', 'sms');
    await queue('H-email', 'email');
    const hanging = { send: () => new Promise<void>(() => {}) };
    void deliverOutbox(test.db, { sms: hanging, email: slowSender() });
    await vi.waitFor(() => expect(sent).toEqual(['H-email']), { timeout: 1_000, interval: 20 });
  });

  it('stops between messages when asked, leaving the rest for later', async () => {
    for (let index = 0; index < 5; index++) await queue(`T-${index}`, 'email');
    const delivery = startOutboxDelivery(test.db, { email: slowSender() }, 10);
    // Stopped once it is under way: the first message is out.
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0), { timeout: 1_000, interval: 5 });
    const started = Date.now();
    await delivery.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(sent.length).toBeLessThan(5);
  });

  it("takes over a crashed worker's claim once its lease lapses", async () => {
    await queue('L-1', 'email');
    await test.db.query(`UPDATE notification_outbox SET claimed_until = now() + interval '1 minute' WHERE id = 'L-1'`);
    expect(await deliverOutbox(test.db, { email: slowSender() })).toBe(0);
    await test.db.query(`UPDATE notification_outbox SET claimed_until = now() - interval '1 second' WHERE id = 'L-1'`);
    expect(await deliverOutbox(test.db, { email: slowSender() })).toBe(1);
    expect(sent).toEqual(['L-1']);
  });

  it('spreads retries of messages that failed together', () => {
    const policy = { firstRetryMs: 30_000, maxRetryMs: 3_600_000 };
    expect(retryDelay(1, policy, () => 0)).toBe(24_000);
    expect(retryDelay(1, policy, () => 1)).toBe(36_000);
    expect(retryDelay(3, policy, () => 0.5)).toBe(120_000);
    expect(retryDelay(20, policy, () => 0.5)).toBe(3_600_000);
  });
});

/** The URL of the test database on the PostgreSQL server. */
async function currentDatabaseUrl(db: Database): Promise<string> {
  const [row] = await db.query<{ name: string }>('SELECT current_database() AS name');
  const url = new URL(testServerUrl());
  url.pathname = `/${row!.name}`;
  return url.toString();
}

describe('SMS through an HTTP gateway', () => {
  const test = useTestDatabase();
  let answer = 202;
  const gateway = useTestSmsGateway(() => answer);

  beforeAll(async () => {
    await createCustomer(test.db, { id: 'C-sms', email: 'asha@example.com', phone: '+919833333333' });
  });

  it('posts each SMS once with its message id, and retries what the gateway refused', async () => {
    await testData(test.db).queuedMessage({ customerId: 'C-sms', channel: 'sms', template: 'overdue-sms', invoiceId: 'INV-7' });
    const sms = httpSmsSender(gateway().url, { token: 'gateway-secret' });
    answer = 503;
    expect(await deliverOutbox(test.db, { sms })).toBe(0);
    const [failed] = await test.db.query<{ last_error: string }>(
      `SELECT last_error FROM notification_outbox WHERE id = 'INV-7:overdue-sms'`,
    );
    expect(failed!.last_error).toBe('the SMS gateway answered 503 Service Unavailable');
    answer = 202;
    await test.db.query(`UPDATE notification_outbox SET next_attempt_at = now()`);
    expect(await deliverOutbox(test.db, { sms })).toBe(1);
    expect(await deliverOutbox(test.db, { sms })).toBe(0);
    expect(gateway().received).toEqual([
      {
        auth: 'Bearer gateway-secret',
        body: {
          messageId: 'INV-7:overdue-sms',
          to: '+919833333333',
          // Without rules, and without the invoice in the database: the generic text.
          text: 'A payment reminder from us. Please ignore this message if you have already paid.',
          template: 'overdue-sms',
          invoiceId: 'INV-7',
        },
      },
    ]);
  });
});
