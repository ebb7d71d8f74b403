/**
 * The audit trail (migration 0030): append-only rows of who did what through the API, when, and
 * how it ended. Ids only: the rows never hold a personal value.
 */
import type { Queryable } from './database';

/** One act, as recorded. */
export interface AuditEntry {
  actor: string;
  onBehalfOf?: string;
  method: string;
  /** The route pattern, e.g. `/v1/customers/{customerId}/erasure/cancel`. */
  route: string;
  /** The ids in the path, by parameter name. */
  ids: Record<string, string>;
  status: number;
  outcome: 'done' | 'refused' | 'failed';
  requestId?: string;
}

/** Appends entries in one statement, in the order given (their ids follow it). */
export async function appendAuditEntries(db: Queryable, entries: ReadonlyArray<AuditEntry & { at: Date }>): Promise<void> {
  if (entries.length === 0) return;
  const column = <T>(pick: (entry: AuditEntry & { at: Date }) => T) => entries.map(pick);
  await db.query(
    `INSERT INTO audit_log (at, actor, on_behalf_of, method, route, ids, status, outcome, request_id)
     SELECT at, actor, on_behalf_of, method, route, ids, status, outcome, request_id FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::int[], $8::text[], $9::text[])
     WITH ORDINALITY AS e (at, actor, on_behalf_of, method, route, ids, status, outcome, request_id, n) ORDER BY n`,
    [
      column((entry) => entry.at.toISOString()),
      column((entry) => entry.actor),
      column((entry) => entry.onBehalfOf ?? null),
      column((entry) => entry.method),
      column((entry) => entry.route),
      column((entry) => JSON.stringify(entry.ids)),
      column((entry) => entry.status),
      column((entry) => entry.outcome),
      column((entry) => entry.requestId ?? null),
    ],
  );
}

/** A page of the trail, oldest first, after entry `after`, optionally of one actor. */
export async function readAudit(db: Queryable, page: { limit: number; after?: number; actor?: string }) {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, at, actor, on_behalf_of, method, route, ids, status, outcome, request_id FROM audit_log
     WHERE id > coalesce($1::bigint, 0) AND ($2::text IS NULL OR actor = $2) ORDER BY id LIMIT $3`,
    [page.after ?? null, page.actor ?? null, page.limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    at: new Date(row.at as Date).toISOString(),
    actor: row.actor as string,
    onBehalfOf: (row.on_behalf_of as string | null) ?? null,
    method: row.method as string,
    route: row.route as string,
    ids: row.ids as Record<string, string>,
    status: row.status as number,
    outcome: row.outcome as string,
    requestId: (row.request_id as string | null) ?? null,
  }));
}
