/**
 * The transactional outbox to Temporal (table workflow_intents): use cases queue an intent in the
 * transaction of the business change; relays claim due intents (FOR UPDATE SKIP LOCKED, so two
 * relays never claim the same row), deliver them, and record each outcome. Only the oldest
 * undelivered intent of a workflow id can be claimed, so intents reach a workflow in the order
 * they were committed. A claim lapses after its lease, so a crashed relay's intents are taken over.
 * An intent queued with a delay (`deferMs`) becomes due only after it, unless an intent of its
 * workflow due at once is queued behind it: then it is due at once too.
 */
import type { Queryable } from './database';
import { expireOutboxRows, markOutboxRowFailed, timeOrNull, type OutboxTable } from './outbox-rows';

/** What to do to one workflow, as stored; built by src/temporal/workflow-intents.ts. */
export interface WorkflowIntent {
  workflowId: string;
  workflowType: string;
  action: 'start' | 'signal-with-start' | 'signal';
  policy?: 'once' | 'again-after-close';
  args: unknown[];
  memo?: Record<string, unknown>;
  signalName?: string;
  signalArgs?: unknown[];
  /** Intents of one workflow with the same key are delivered once, with the newest arguments. */
  coalesceKey?: string;
  /**
   * The intent may wait this long before delivery, so that later intents of its workflow with the
   * same coalesceKey join it; only for intents whose effect is not due sooner. An intent of the
   * workflow queued without a delay brings it forward.
   */
  deferMs?: number;
}

/** A claimed intent, with the arguments of the newest intent it stands for when it coalesces. */
export interface ClaimedIntent extends WorkflowIntent {
  id: string;
  attempts: number;
  queuedAt: Date;
  /** The newest intent this delivery covers (itself unless it coalesces later ones). */
  coversUpTo: string;
}

/**
 * Queues intents in the caller's transaction, in the given order, in one statement. An intent with
 * `deferMs` becomes due that much later; one without makes the waiting deferred intents of its
 * workflow due at once (those not yet tried, queued before or earlier in the list), so that nothing
 * waits behind a delay meant for coalescing. A deferred intent another statement holds (a delivery
 * covering it) is skipped, not waited for.
 */
export async function queueIntents(tx: Queryable, intents: WorkflowIntent[]): Promise<void> {
  if (intents.length === 0) return;
  // WITH ORDINALITY: ids follow the order of the list, and with them the order of delivery.
  await tx.query(
    `WITH list AS (
       SELECT e, position, greatest(coalesce((e->>'defer_ms')::float8, 0), 0) AS defer_ms
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS list(e, position)),
     timed AS (
       -- due_behind: an intent of the same workflow later in the list is due at once, so this one must not hold it up.
       SELECT e, position, defer_ms,
              coalesce(bool_or(defer_ms = 0) OVER (PARTITION BY e->>'workflow_id' ORDER BY position
                                                   ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), false) AS due_behind
       FROM list),
     deferred AS (
       SELECT w.id FROM workflow_intents w
       WHERE w.workflow_id IN (SELECT e->>'workflow_id' FROM list WHERE defer_ms = 0)
         AND w.delivered_at IS NULL AND w.dead_at IS NULL AND w.attempts = 0 AND w.next_attempt_at > now()
       FOR UPDATE SKIP LOCKED),
     brought_forward AS (UPDATE workflow_intents w SET next_attempt_at = now() FROM deferred WHERE w.id = deferred.id)
     INSERT INTO workflow_intents
       (workflow_id, workflow_type, action, policy, args, memo, signal_name, signal_args, coalesce_key, next_attempt_at)
     SELECT e->>'workflow_id', e->>'workflow_type', e->>'action', e->>'policy', e->'args', nullif(e->'memo', 'null'::jsonb),
            e->>'signal_name', e->'signal_args', e->>'coalesce_key',
            CASE WHEN due_behind THEN now() ELSE now() + make_interval(secs => defer_ms / 1000) END
     FROM timed ORDER BY position`,
    [
      JSON.stringify(
        intents.map((intent) => ({
          workflow_id: intent.workflowId,
          workflow_type: intent.workflowType,
          action: intent.action,
          policy: intent.policy ?? null,
          args: intent.args,
          memo: intent.memo ?? null,
          signal_name: intent.signalName ?? null,
          signal_args: intent.signalArgs ?? [],
          coalesce_key: intent.coalesceKey ?? null,
          defer_ms: intent.deferMs ?? 0,
        })),
      ),
    ],
  );
}

interface IntentRow {
  id: string;
  workflow_id: string;
  workflow_type: string;
  action: WorkflowIntent['action'];
  policy: WorkflowIntent['policy'] | null;
  args: unknown[];
  memo: Record<string, unknown> | null;
  signal_name: string | null;
  signal_args: unknown[];
  coalesce_key: string | null;
  attempts: number;
  queued_at: Date;
  covers_up_to: string;
}

/**
 * Claims up to `batch` due intents for `leaseMs` under `token`: per workflow id only its oldest
 * undelivered one, and only while no older one of that id is claimed elsewhere. An intent that
 * coalesces carries the arguments of the newest undelivered intent with its key.
 */
export async function claimDueIntents(
  db: Queryable,
  batch: number,
  leaseMs: number,
  token: string,
  onlyWorkflowId?: string,
): Promise<ClaimedIntent[]> {
  const rows = await db.query<IntentRow>(
    `WITH due AS (
       SELECT i.id FROM workflow_intents i
       WHERE i.delivered_at IS NULL AND i.dead_at IS NULL AND i.next_attempt_at <= now()
         AND (i.claimed_until IS NULL OR i.claimed_until < now()) AND ($4::text IS NULL OR i.workflow_id = $4)
         AND NOT EXISTS (SELECT 1 FROM workflow_intents o
                         WHERE o.workflow_id = i.workflow_id AND o.id < i.id AND o.delivered_at IS NULL AND o.dead_at IS NULL)
       ORDER BY i.next_attempt_at, i.id LIMIT $1
       FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE workflow_intents w SET claimed_until = now() + make_interval(secs => $2::double precision / 1000), claim_token = $3
       FROM due WHERE w.id = due.id
       RETURNING w.*)
     SELECT c.id, c.workflow_id, c.workflow_type, c.action, c.policy, c.memo, c.signal_name, c.coalesce_key, c.attempts, c.queued_at,
            coalesce(n.args, c.args) AS args, coalesce(n.signal_args, c.signal_args) AS signal_args, coalesce(n.id, c.id) AS covers_up_to
     FROM claimed c
     LEFT JOIN LATERAL (
       SELECT l.id, l.args, l.signal_args FROM workflow_intents l
       WHERE c.coalesce_key IS NOT NULL AND l.workflow_id = c.workflow_id AND l.coalesce_key = c.coalesce_key
         AND l.delivered_at IS NULL AND l.dead_at IS NULL
       ORDER BY l.id DESC LIMIT 1) n ON true
     ORDER BY c.id`,
    [batch, leaseMs, token, onlyWorkflowId ?? null],
  );
  return rows.map((row) => ({
    id: String(row.id),
    workflowId: row.workflow_id,
    workflowType: row.workflow_type,
    action: row.action,
    ...(row.policy && { policy: row.policy }),
    args: row.args,
    ...(row.memo && { memo: row.memo }),
    ...(row.signal_name && { signalName: row.signal_name }),
    signalArgs: row.signal_args,
    ...(row.coalesce_key && { coalesceKey: row.coalesce_key }),
    attempts: row.attempts,
    queuedAt: new Date(row.queued_at),
    coversUpTo: String(row.covers_up_to),
  }));
}

/**
 * Records intents as delivered, each with every later intent of its key it covered, in one
 * statement; returns the ids recorded (an intent whose claim was lost meanwhile is not).
 */
export async function markIntentsDelivered(db: Queryable, intents: ClaimedIntent[], token: string): Promise<string[]> {
  if (intents.length === 0) return [];
  const rows = await db.query<{ id: string }>(
    `WITH delivered AS (SELECT * FROM unnest($1::bigint[], $3::bigint[]) AS d (id, covers_up_to)),
     mine AS (
       UPDATE workflow_intents w
          SET delivered_at = now(), attempts = w.attempts + 1, last_error = NULL, claimed_until = NULL, claim_token = NULL
         FROM delivered d
        WHERE w.id = d.id AND w.claim_token = $2 AND w.delivered_at IS NULL AND w.dead_at IS NULL
       RETURNING w.id, w.workflow_id, w.coalesce_key, d.covers_up_to),
     covered AS (
       UPDATE workflow_intents l SET delivered_at = now()
         FROM mine
        WHERE l.id <= mine.covers_up_to AND l.id > mine.id AND l.workflow_id = mine.workflow_id AND l.coalesce_key = mine.coalesce_key
          AND l.delivered_at IS NULL AND l.dead_at IS NULL
       RETURNING 1)
     SELECT id FROM mine`,
    [intents.map((intent) => intent.id), token, intents.map((intent) => intent.coversUpTo)],
  );
  return rows.map((row) => String(row.id));
}

const intents: OutboxTable = { table: 'workflow_intents', done: 'delivered_at' };

/** Records a failed delivery while the claim is held: retried after `retryInMs`, or dead when `dead`. */
export async function markIntentFailed(
  db: Queryable,
  id: string,
  token: string,
  failure: { reason: string; retryInMs: number; dead: boolean },
): Promise<void> {
  await markOutboxRowFailed(db, intents, id, token, failure);
}

/** Gives up every undelivered intent queued longer ago than the horizon: kept and listed, never delivered. */
export async function expireIntents(db: Queryable, horizonMs: number): Promise<void> {
  await expireOutboxRows(db, intents, horizonMs, 'undelivered when the delivery horizon passed');
}

/** Removes delivered intents older than `keepMs` (they are only kept for inspection). */
export async function purgeDeliveredIntents(db: Queryable, keepMs: number): Promise<void> {
  await db.query(`DELETE FROM workflow_intents WHERE delivered_at < now() - make_interval(secs => $1::double precision / 1000)`, [keepMs]);
}

/**
 * Intents waiting (deferred ones included), dead, and how long in seconds the oldest waiting one has
 * been due: an intent not yet tried counts from the end of its delay, a retried one from its queuing.
 */
export async function intentBacklog(db: Queryable): Promise<{ pending: number; dead: number; oldestPendingSeconds: number }> {
  const [row] = await db.query<{ pending: number; dead: number; oldest: number | null }>(
    `SELECT count(*) FILTER (WHERE dead_at IS NULL)::int AS pending, count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead,
            extract(epoch FROM now() - min(CASE WHEN attempts = 0 THEN next_attempt_at ELSE queued_at END)
                                       FILTER (WHERE dead_at IS NULL))::float8 AS oldest
     FROM workflow_intents WHERE delivered_at IS NULL`,
  );
  return { pending: row?.pending ?? 0, dead: row?.dead ?? 0, oldestPendingSeconds: Math.max(row?.oldest ?? 0, 0) };
}

/** Whether an intent for the workflow is still waiting to be delivered (not dead). */
export async function hasPendingIntent(db: Queryable, workflowId: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM workflow_intents WHERE workflow_id = $1 AND delivered_at IS NULL AND dead_at IS NULL LIMIT 1',
    [workflowId],
  );
  return rows.length > 0;
}

/** Drops the undelivered intents of a workflow (its business object was withdrawn before it started); how many. */
export async function withdrawIntents(db: Queryable, workflowId: string): Promise<number> {
  const rows = await db.query(
    `UPDATE workflow_intents SET dead_at = now(), last_error = 'withdrawn before delivery'
     WHERE workflow_id = $1 AND delivered_at IS NULL AND dead_at IS NULL RETURNING 1`,
    [workflowId],
  );
  return rows.length;
}

/** The states of an intent, the default listing first. */
export const intentStatuses = ['pending', 'dead', 'delivered'] as const;
export type IntentStatus = (typeof intentStatuses)[number];

/** Intents by status (pending by default), oldest first: ids, workflow and outcome, never arguments. */
export async function listIntents(db: Queryable, filters: { status?: IntentStatus; workflowId?: string; limit?: number } = {}) {
  const status = filters.status ?? 'pending';
  const where = {
    pending: 'delivered_at IS NULL AND dead_at IS NULL',
    dead: 'dead_at IS NOT NULL',
    delivered: 'delivered_at IS NOT NULL',
  }[status];
  const rows = await db.query<{
    id: string;
    workflow_id: string;
    workflow_type: string;
    action: string;
    signal_name: string | null;
    queued_at: Date;
    attempts: number;
    last_error: string | null;
    next_attempt_at: Date;
    delivered_at: Date | null;
    dead_at: Date | null;
  }>(
    `SELECT id, workflow_id, workflow_type, action, signal_name, queued_at, attempts, last_error, next_attempt_at, delivered_at, dead_at
     FROM workflow_intents WHERE ${where} AND ($1::text IS NULL OR workflow_id = $1)
     ORDER BY ${status === 'delivered' ? 'delivered_at DESC, id DESC' : 'id'} LIMIT $2`,
    [filters.workflowId ?? null, Math.min(filters.limit ?? 100, 1000)],
  );
  return rows.map((row) => ({
    id: String(row.id),
    workflowId: row.workflow_id,
    workflowType: row.workflow_type,
    action: row.action,
    signal: row.signal_name,
    status,
    queuedAt: timeOrNull(row.queued_at),
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: status === 'pending' ? timeOrNull(row.next_attempt_at) : null,
    deliveredAt: timeOrNull(row.delivered_at),
    deadAt: timeOrNull(row.dead_at),
  }));
}
