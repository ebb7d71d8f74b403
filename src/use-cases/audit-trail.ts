/**
 * The audit trail (issue 15): every write through the API — done, refused or failed — with who (the
 * credential's name, and the person it acted for), what (the route and the ids in its path) and
 * when; reads that reveal personal data too. Append-only in the database: nothing can change it.
 */
import { writeTableFile } from '../files/write-table-file';
import { appendAuditEntries, readAudit, type AuditEntry } from '../store/audit-store';
import type { Queryable } from '../store/database';

/**
 * Records acts as they come, in few statements: an act waits at most for the statement in flight
 * (then it goes with every act that came meanwhile), so a busy API adds one INSERT per batch, not
 * per request. `failed` hears of a batch that could not be written.
 */
export function auditRecorder(db: Queryable, failed: (error: unknown, acts: number) => void) {
  let waiting: Array<AuditEntry & { at: Date }> = [];
  let writing: Promise<void> | undefined;
  const writeWaiting = async (): Promise<void> => {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      await appendAuditEntries(db, batch).catch((error: unknown) => failed(error, batch.length));
    }
    writing = undefined;
  };
  return {
    /** Records one act (written within moments). */
    record(entry: AuditEntry): void {
      waiting.push({ ...entry, at: new Date() });
      writing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(writeWaiting);
    },
  };
}

/** A page of the trail, oldest first; `next` when there may be more. */
export async function auditTrailPage(db: Queryable, page: { limit: number; after?: number; actor?: string }) {
  const entries = await readAudit(db, page);
  const next = entries.length === page.limit ? entries.at(-1)?.id : undefined;
  return { entries, ...(next !== undefined && { next: String(next) }) };
}

/** Entries of the trail as a CSV file (the path ids as JSON in one cell), safe to open in a spreadsheet. */
export async function auditTrailCsv(entries: Awaited<ReturnType<typeof readAudit>>): Promise<Buffer> {
  const header = ['id', 'at', 'actor', 'onBehalfOf', 'method', 'route', 'ids', 'status', 'outcome', 'requestId'];
  const rows = entries.map((entry) =>
    [
      entry.id,
      entry.at,
      entry.actor,
      entry.onBehalfOf,
      entry.method,
      entry.route,
      JSON.stringify(entry.ids),
      entry.status,
      entry.outcome,
      entry.requestId,
    ].map((value) => (value === null ? '' : String(value))),
  );
  async function* single() {
    yield rows;
  }
  return writeTableFile('csv', header, single());
}
