/** Reminder emails leave the outbox through a real SMTP server; nothing queued is lost or sent twice. */
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/notifications/outbox-delivery';
import { smtpSender } from '../../src/notifications/senders';
import { createCustomer } from '../../src/store/customer-store';
import { freePort } from '../support/free-port';
import { openTestDatabase, type TestDatabase } from '../support/test-databases';

interface Received {
  to: string[];
  data: string;
}

describe('notification outbox', () => {
  let test: TestDatabase;
  let server: SMTPServer;
  let port: number;
  const received: Received[] = [];
  let refuse = false;

  beforeAll(async () => {
    test = await openTestDatabase();
    port = await freePort();
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          if (refuse) return callback(new Error('mailbox unavailable'));
          received.push({ to: session.envelope.rcptTo.map((address) => address.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await createCustomer(test.db, { id: 'C-mail', email: 'meera@example.com', phone: '+919811111111' });
    await test.db.query(`INSERT INTO notification_outbox (id, customer_id, channel, template, invoice_id) VALUES ('INV-9:first-reminder', 'C-mail', 'email', 'first-reminder', 'INV-9'), ('INV-9:overdue-sms', 'C-mail', 'sms', 'overdue-sms', 'INV-9')`);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await test?.dispose();
  });

  it('sends queued emails to the customer over SMTP and marks them sent, once', async () => {
    const sender = smtpSender(`smtp://127.0.0.1:${port}`, 'Reminders <ar@shop.example>');
    try {
      refuse = true;
      expect(await deliverOutbox(test.db, { email: sender })).toBe(0);
      const [failed] = await test.db.query<{ sent_at: Date | null; attempts: number; last_error: string }>(`SELECT sent_at, attempts, last_error FROM notification_outbox WHERE channel = 'email'`);
      expect(failed).toMatchObject({ sent_at: null, attempts: 1, last_error: expect.stringMatching(/mailbox unavailable/) });

      refuse = false;
      expect(await deliverOutbox(test.db, { email: sender })).toBe(1);
      expect(await deliverOutbox(test.db, { email: sender })).toBe(0);
    } finally {
      sender.close();
    }
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['meera@example.com']);
    expect(received[0]!.data).toMatch(/Subject: First reminder/);
    expect(received[0]!.data).toMatch(/Invoice: INV-9/);
  });

  it('keeps an SMS queued with the reason when no SMS sender is configured', async () => {
    const [sms] = await test.db.query<{ sent_at: Date | null; last_error: string }>(`SELECT sent_at, last_error FROM notification_outbox WHERE channel = 'sms'`);
    expect(sms).toEqual({ sent_at: null, last_error: 'no sms sender is configured' });
  });
});
