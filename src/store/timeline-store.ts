/** A customer's timeline: what happened to them, in order, free of personal data. */
import type { Queryable } from './database';

export interface TimelineEntry {
  at: string;
  kind: string;
  detail: Record<string, unknown>;
}

export interface NewTimelineEntry {
  customerId: string;
  /** Unique key of the event, so that a retried step writes its entry once. */
  eventKey: string;
  kind: string;
  detail: Record<string, unknown>;
}

/** Appends an entry unless one with the same event key exists. */
export async function appendTimeline(db: Queryable, entry: NewTimelineEntry): Promise<void> {
  await db.query(
    `INSERT INTO customer_timeline (customer_id, event_key, kind, detail) VALUES ($1, $2, $3, $4)
     ON CONFLICT (event_key) DO NOTHING`,
    [entry.customerId, entry.eventKey, entry.kind, JSON.stringify(entry.detail)],
  );
}

/** The customer's timeline, oldest first. */
export async function getTimeline(db: Queryable, customerId: string): Promise<TimelineEntry[]> {
  const rows = await db.query<{ at: Date; kind: string; detail: Record<string, unknown> }>(
    'SELECT at, kind, detail FROM customer_timeline WHERE customer_id = $1 ORDER BY id',
    [customerId],
  );
  return rows.map((row) => ({ at: new Date(row.at).toISOString(), kind: row.kind, detail: row.detail }));
}
