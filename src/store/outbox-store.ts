/**
 * The notification outbox as several workers share it: a worker claims due messages of the channels
 * it can send (FOR UPDATE SKIP LOCKED, so two workers never claim the same row), then records each
 * outcome. A claim lapses after its lease, so a crashed worker's messages are taken over.
 */
import type { Queryable } from './database';
import { expireOutboxRows, markOutboxRowFailed, timeOrNull, type OutboxTable } from './outbox-rows';

export interface ClaimedMessage {
  id: string;
  customerId: string;
  channel: 'email' | 'sms';
  template: string;
  invoiceId: string | null;
  attempts: number;
  queuedAt: Date;
  /** The customer's address on that channel, read now (never stored in the outbox). */
  to: string | null;
}

/** Claims up to `batch` due, unsent messages of one channel for `leaseMs` under `token`; oldest due first. */
export async function claimDueMessages(
  db: Queryable,
  channel: string,
  batch: number,
  leaseMs: number,
  token: string,
): Promise<ClaimedMessage[]> {
  const rows = await db.query<{
    id: string;
    customer_id: string;
    channel: 'email' | 'sms';
    template: string;
    invoice_id: string | null;
    attempts: number;
    queued_at: Date;
    email: string | null;
    phone: string | null;
  }>(
    `WITH due AS (
       SELECT id FROM notification_outbox
       WHERE sent_at IS NULL AND dead_at IS NULL AND channel = $1 AND next_attempt_at <= now()
         AND (claimed_until IS NULL OR claimed_until < now())
       ORDER BY next_attempt_at, queued_at, id LIMIT $2
       FOR UPDATE SKIP LOCKED)
     UPDATE notification_outbox o SET claimed_until = now() + make_interval(secs => $3::double precision / 1000), claim_token = $4
     FROM due, customers c
     WHERE o.id = due.id AND c.id = o.customer_id
     RETURNING o.id, o.customer_id, o.channel, o.template, o.invoice_id, o.attempts, o.queued_at, c.email, c.phone`,
    [channel, batch, leaseMs, token],
  );
  // UPDATE … RETURNING does not keep the order of the claim: oldest first again.
  return rows
    .map((row) => ({
      id: row.id,
      customerId: row.customer_id,
      channel: row.channel,
      template: row.template,
      invoiceId: row.invoice_id,
      attempts: row.attempts,
      queuedAt: new Date(row.queued_at),
      to: row.channel === 'email' ? row.email : row.phone,
    }))
    .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || a.id.localeCompare(b.id));
}

/** Renews the claim on one message just before it is sent; false when the claim was lost (then it must not be sent). */
export async function renewClaim(db: Queryable, id: string, token: string, leaseMs: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE notification_outbox SET claimed_until = now() + make_interval(secs => $3::double precision / 1000)
     WHERE id = $1 AND claim_token = $2 AND sent_at IS NULL AND dead_at IS NULL RETURNING 1`,
    [id, token, leaseMs],
  );
  return rows.length === 1;
}

/** Records a message as sent and releases its claim. */
export async function markMessageSent(db: Queryable, id: string, token: string): Promise<void> {
  await db.query(
    'UPDATE notification_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL, claimed_until = NULL, claim_token = NULL WHERE id = $1 AND claim_token = $2',
    [id, token],
  );
}

const messages: OutboxTable = { table: 'notification_outbox', done: 'sent_at' };

/** Records a failed attempt, while the claim is still held: retried after `retryInMs`, or dead when `dead`. */
export async function markMessageFailed(
  db: Queryable,
  id: string,
  token: string,
  failure: { reason: string; retryInMs: number; dead: boolean },
): Promise<void> {
  await markOutboxRowFailed(db, messages, id, token, failure);
}

/** Gives up every unsent message queued longer ago than the horizon, whatever its channel: kept and listed, never sent. */
export async function expireMessages(db: Queryable, horizonMs: number): Promise<void> {
  await expireOutboxRows(db, messages, horizonMs, 'unsent when the delivery horizon passed');
}

/** Says, on waiting messages of channels this worker cannot send and that carry no reason yet, why they wait (another worker's reason stays). */
export async function noteUnsendableChannels(db: Queryable, sendable: string[]): Promise<void> {
  await db.query(
    `UPDATE notification_outbox SET last_error = 'no ' || channel || ' sender is configured'
     WHERE sent_at IS NULL AND dead_at IS NULL AND NOT (channel = ANY($1::text[])) AND last_error IS NULL`,
    [sendable],
  );
}

/** Per channel: messages waiting, dead, and the age in seconds of the oldest waiting one. */
export async function outboxBacklog(
  db: Queryable,
): Promise<Array<{ channel: string; pending: number; dead: number; oldestPendingSeconds: number }>> {
  const rows = await db.query<{ channel: string; pending: number; dead: number; oldest: number | null }>(
    `SELECT channel, count(*) FILTER (WHERE dead_at IS NULL)::int AS pending, count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead,
            extract(epoch FROM now() - min(queued_at) FILTER (WHERE dead_at IS NULL))::float8 AS oldest
     FROM notification_outbox WHERE sent_at IS NULL GROUP BY channel`,
  );
  return rows.map((row) => ({ channel: row.channel, pending: row.pending, dead: row.dead, oldestPendingSeconds: row.oldest ?? 0 }));
}

/** The states of a message, the default listing first. */
export const messageStatuses = ['pending', 'dead', 'sent'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** Outbox messages by status (pending by default), oldest first; ids, channels and outcomes only. */
export async function listMessages(db: Queryable, filters: { status?: MessageStatus; channel?: string; limit?: number } = {}) {
  const status = filters.status ?? 'pending';
  const where = { pending: 'sent_at IS NULL AND dead_at IS NULL', dead: 'dead_at IS NOT NULL', sent: 'sent_at IS NOT NULL' }[status];
  const rows = await db.query<{
    id: string;
    customer_id: string;
    channel: string;
    template: string;
    invoice_id: string | null;
    queued_at: Date;
    attempts: number;
    last_error: string | null;
    next_attempt_at: Date;
    sent_at: Date | null;
    dead_at: Date | null;
  }>(
    `SELECT id, customer_id, channel, template, invoice_id, queued_at, attempts, last_error, next_attempt_at, sent_at, dead_at
     FROM notification_outbox WHERE ${where} AND ($1::text IS NULL OR channel = $1)
     ORDER BY ${status === 'sent' ? 'sent_at DESC, id' : 'queued_at, id'} LIMIT $2`,
    [filters.channel ?? null, Math.min(filters.limit ?? 100, 1000)],
  );
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel,
    template: row.template,
    invoiceId: row.invoice_id,
    status,
    queuedAt: timeOrNull(row.queued_at),
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: status === 'pending' ? timeOrNull(row.next_attempt_at) : null,
    sentAt: timeOrNull(row.sent_at),
    deadAt: timeOrNull(row.dead_at),
  }));
}
