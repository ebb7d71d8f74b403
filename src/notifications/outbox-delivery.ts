/**
 * Delivers the notification outbox: messages queued by dunning steps in their transaction are sent
 * here, after the fact, so a crash never loses one (it stays queued) and a retry never queues two.
 * A message is marked sent only after its sender accepted it.
 */
import type { Database } from '../store/database';
import type { Notification, NotificationSender } from './senders';

export type Senders = Partial<Record<Notification['channel'], NotificationSender>>;

/** Sends up to `batch` queued messages; returns how many were sent. */
export async function deliverOutbox(db: Database, senders: Senders, batch = 20): Promise<number> {
  const rows = await db.query<{ id: string; channel: Notification['channel']; template: string; invoice_id: string | null; email: string | null; phone: string | null }>(
    `SELECT o.id, o.channel, o.template, o.invoice_id, c.email, c.phone
     FROM notification_outbox o JOIN customers c ON c.id = o.customer_id
     WHERE o.sent_at IS NULL AND o.attempts < 10 ORDER BY o.queued_at, o.id LIMIT $1`,
    [batch],
  );
  let sent = 0;
  for (const row of rows) {
    const sender = senders[row.channel];
    const to = row.channel === 'email' ? row.email : row.phone;
    const problem = !sender ? `no ${row.channel} sender is configured` : !to ? `the customer has no ${row.channel === 'email' ? 'email address' : 'phone number'}` : undefined;
    if (problem) {
      await db.query('UPDATE notification_outbox SET last_error = $2 WHERE id = $1', [row.id, problem]);
      continue;
    }
    try {
      await sender!.send({ id: row.id, channel: row.channel, template: row.template, to: to!, invoiceId: row.invoice_id });
      await db.query('UPDATE notification_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1', [row.id]);
      sent++;
    } catch (error) {
      await db.query('UPDATE notification_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [row.id, withoutAddresses((error as Error).message).slice(0, 500)]);
    }
  }
  return sent;
}

/** Delivers the outbox every `intervalMs` until stopped; one round at a time. */
export function startOutboxDelivery(db: Database, senders: Senders, intervalMs = 1_000, onError: (error: unknown) => void = () => {}) {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => deliverOutbox(db, senders)).catch(onError);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** A mail server's refusal often quotes the recipient ("550 <name@example.com>: unknown"); the outbox keeps the reason, not the address. */
export function withoutAddresses(message: string): string {
  return message.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>');
}
