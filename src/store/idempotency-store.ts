/**
 * The Idempotency-Key records of the API (migration 0027): per caller (token) and key, the fingerprint
 * of the first request and, once it answered successfully, its answer, for `keptMs`. Claiming a key is
 * one statement, so two requests with the same key at once cannot both run.
 */
import type { Queryable } from './database';

/** What a request finds under its key. */
export type IdempotencyClaim =
  { state: 'claimed' } | { state: 'in-flight'; fingerprint: string } | { state: 'answered'; fingerprint: string; answer: StoredAnswer };

/** An answer kept to be replayed. */
export interface StoredAnswer {
  status: number;
  contentType: string | null;
  location: string | null;
  body: string;
}

/**
 * Claims `key` for `caller`: a new key (or one whose record expired, or whose request was abandoned past
 * its lock) is claimed for `lockMs`; otherwise the record found is returned.
 */
export async function claimIdempotencyKey(
  db: Queryable,
  claim: { caller: string; key: string; fingerprint: string; keptMs: number; lockMs: number; customerId?: string },
): Promise<IdempotencyClaim> {
  const [claimed] = await db.query(
    `INSERT INTO api_idempotency_keys AS k (caller, idempotency_key, fingerprint, expires_at, locked_until, customer_id)
     VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond', now() + $5 * interval '1 millisecond', $6)
     ON CONFLICT (caller, idempotency_key) DO UPDATE
       SET fingerprint = EXCLUDED.fingerprint, customer_id = EXCLUDED.customer_id, created_at = now(), expires_at = EXCLUDED.expires_at,
           locked_until = EXCLUDED.locked_until, status = NULL, content_type = NULL, location = NULL, body = NULL
       WHERE k.expires_at <= now() OR (k.status IS NULL AND k.locked_until <= now())
     RETURNING 1 AS claimed`,
    [claim.caller, claim.key, claim.fingerprint, claim.keptMs, claim.lockMs, claim.customerId ?? null],
  );
  if (claimed) {
    // Answers may hold personal data (a note's text): none is kept past its 24 hours for long.
    await purgeExpiredIdempotencyKeys(db);
    return { state: 'claimed' };
  }
  const [row] = await db.query<{
    fingerprint: string;
    status: number | null;
    content_type: string | null;
    location: string | null;
    body: string | null;
  }>(
    `SELECT fingerprint, status, content_type, location, body FROM api_idempotency_keys
     WHERE caller = $1 AND idempotency_key = $2`,
    [claim.caller, claim.key],
  );
  // Expired or released between the two statements: claim again.
  if (!row) return claimIdempotencyKey(db, claim);
  if (row.status === null) return { state: 'in-flight', fingerprint: row.fingerprint };
  return {
    state: 'answered',
    fingerprint: row.fingerprint,
    answer: { status: row.status, contentType: row.content_type, location: row.location, body: row.body ?? '' },
  };
}

/** Keeps the answer of the request that claimed the key. */
export async function storeIdempotentAnswer(db: Queryable, caller: string, key: string, answer: StoredAnswer): Promise<void> {
  await db.query(
    `UPDATE api_idempotency_keys SET status = $3, content_type = $4, location = $5, body = $6, locked_until = NULL
     WHERE caller = $1 AND idempotency_key = $2`,
    [caller, key, answer.status, answer.contentType, answer.location, answer.body],
  );
}

/** Frees a key whose request failed, so that a repeat runs again. */
export async function releaseIdempotencyKey(db: Queryable, caller: string, key: string): Promise<void> {
  await db.query('DELETE FROM api_idempotency_keys WHERE caller = $1 AND idempotency_key = $2 AND status IS NULL', [caller, key]);
}

/** Removes the records past their 24 hours (a few at a time, from the requests that claim keys). */
export async function purgeExpiredIdempotencyKeys(db: Queryable): Promise<number> {
  const rows = await db.query(
    `DELETE FROM api_idempotency_keys WHERE ctid IN (
       SELECT ctid FROM api_idempotency_keys WHERE expires_at <= now() LIMIT 100)
     RETURNING 1`,
  );
  return rows.length;
}

/**
 * Deletes the kept answers of requests on a customer and on every duplicate merged into it, however
 * many merges ago (a note's text, a merged customer's contacts): an erasure, an obfuscation and a
 * deletion call it in their transaction, so that no replay shows the former personal data.
 */
export async function forgetIdempotentAnswersOf(tx: Queryable, customerId: string): Promise<void> {
  await tx.query(
    `WITH RECURSIVE merged (id) AS (
       SELECT $1::text
       UNION SELECT c.id FROM customers c JOIN merged m ON c.merged_into = m.id)
     DELETE FROM api_idempotency_keys WHERE customer_id IN (SELECT id FROM merged)`,
    [customerId],
  );
}
