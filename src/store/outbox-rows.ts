/**
 * What both outboxes — reminder messages (notification_outbox) and workflow intents
 * (workflow_intents) — record the same way: a failed attempt with its next try, and rows given up
 * after the horizon. Each table names the column that marks a row done (sent, delivered).
 */
import type { Queryable } from './database';

/** An outbox table and the column set once its row has gone out. */
export type OutboxTable = { table: 'notification_outbox'; done: 'sent_at' } | { table: 'workflow_intents'; done: 'delivered_at' };

/** Records a failed attempt while the claim is held: tried again after `retryInMs`, or dead when `dead`. */
export async function markOutboxRowFailed(
  db: Queryable,
  outbox: OutboxTable,
  id: string,
  token: string,
  failure: { reason: string; retryInMs: number; dead: boolean },
): Promise<void> {
  await db.query(
    `UPDATE ${outbox.table} SET attempts = attempts + 1, last_error = $3, claimed_until = NULL, claim_token = NULL,
       next_attempt_at = now() + make_interval(secs => $4::double precision / 1000), dead_at = CASE WHEN $5 THEN now() END
     WHERE id = $1 AND claim_token = $2 AND ${outbox.done} IS NULL`,
    [id, token, failure.reason, failure.retryInMs, failure.dead],
  );
}

/** Gives up every row still out after the horizon, unless a claim on it is live: kept and listed, never sent. */
export async function expireOutboxRows(db: Queryable, outbox: OutboxTable, horizonMs: number, why: string): Promise<void> {
  await db.query(
    `UPDATE ${outbox.table} SET dead_at = now(), claimed_until = NULL, claim_token = NULL,
       last_error = coalesce(last_error || '; ', '') || $2
     WHERE ${outbox.done} IS NULL AND dead_at IS NULL AND queued_at < now() - make_interval(secs => $1::double precision / 1000)
       AND (claimed_until IS NULL OR claimed_until < now())`,
    [horizonMs, why],
  );
}

/** A listed row's time as ISO 8601, or null. */
export function timeOrNull(value: Date | null): string | null {
  return value ? new Date(value).toISOString() : null;
}
