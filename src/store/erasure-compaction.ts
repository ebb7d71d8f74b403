/**
 * After an erasure commits, the erased values still sit in the database files: in old row versions,
 * in the free space of pages and index pages (plain VACUUM moves rows but zeroes nothing), in table
 * statistics, and in WAL segments (recycled with their old content by default). Compaction rewrites
 * the tables the erasure touched and pushes the WAL past them, so that no file under the data
 * directory still holds an erased value. Measured and explained in docs/operations.md ("Erasure and
 * the database files"); what cannot be reached from here (backups, archives, replicas) is listed there.
 */
import type { Database, Queryable } from './database';

/** Every table an erasure updates or deletes from (see erasure-store.ts). */
export const tablesTouchedByErasure = [
  'customers',
  // Its triggers rewrite the customer's row (city, birthdate…) when the customer is erased.
  'customer_facts',
  'customer_notes',
  'attribute_changes',
  'decision_records',
  'customer_profiles',
  'static_group_members',
  'returns',
  'import_errors',
  'import_jobs',
  'export_jobs',
  'notification_outbox',
  // Answers kept for Idempotency-Key replays (a note's text, a merged customer).
  'api_idempotency_keys',
] as const;

export interface CompactionReport {
  /** Tables rewritten (VACUUM FULL: old row versions, page free space and index entries gone). */
  rewritten: string[];
  /** Whether the WAL segments that held the erased values were removed. */
  walCleared: boolean;
  /** What could not be done, and why (missing privilege, server setting). */
  notes: string[];
}

/** A rewrite waits at most this long for its lock, then fails (and the activity retries) rather than queue every request behind it. */
const lockTimeout = '5s';
/** Rounds of switching to a new WAL segment and checkpointing, until the segments in use at the erasure are gone. */
const maxWalRounds = 10;
/** How long compaction waits for transactions older than the erasure to end before it gives up (and the activity retries). */
const olderTransactionsWaitMs = 120_000;

/** Rewrites the tables an erasure touched, refreshes their statistics, and moves the WAL past them. */
export async function compactAfterErasure(db: Database): Promise<CompactionReport> {
  return db.maintenance(async (session) => {
    const notes: string[] = [];
    await session.exec(`SET lock_timeout = '${lockTimeout}'`);
    const [{ segment }] = (await session.query<{ segment: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS segment')) as [
      { segment: string },
    ];
    await waitForOlderTransactions(session, notes);
    // One statement per table: VACUUM runs outside transactions, and a failure names its table.
    for (const table of tablesTouchedByErasure) await session.exec(`VACUUM (FULL) ${table}`);
    await refreshStatistics(session, notes);
    const walCleared = await clearWalUpTo(session, segment, notes);
    return { rewritten: [...tablesTouchedByErasure], walCleared, notes };
  });
}

/**
 * VACUUM FULL copies every row version that some open transaction may still see — the erased
 * values too, while a transaction that began before the erasure is open, in any database of the
 * server (a long import, a forgotten psql session). So compaction first waits until every
 * transaction older than now has ended; one that stays open fails the step, which is retried.
 */
async function waitForOlderTransactions(session: Queryable, notes: string[]): Promise<void> {
  const [{ now }] = (await session.query<{ now: string }>('SELECT pg_current_xact_id()::text AS now')) as [{ now: string }];
  const deadline = Date.now() + olderTransactionsWaitMs;
  let hiddenNoted = false;
  for (;;) {
    const sessions = await session.query<{ pid: number; database: string | null; state: string | null; older: boolean | null }>(
      `SELECT pid, datname AS database, state, age(backend_xmin) > age($1::xid8::xid) OR age(backend_xid) > age($1::xid8::xid) AS older
       FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      [now],
    );
    // Sessions of other roles show no state or transaction without pg_monitor (or pg_read_all_stats).
    if (!hiddenNoted && sessions.some((row) => row.state === null)) {
      hiddenNoted = true;
      notes.push(
        'could not see the transactions of other database roles (GRANT pg_monitor): row versions they still see may stay in the files',
      );
    }
    const blocking = sessions.filter((row) => row.older === true);
    if (blocking.length === 0) return;
    if (Date.now() > deadline) {
      const which = blocking.map((row) => `process ${row.pid} (${row.state}${row.database ? ` in ${row.database}` : ''})`).join(', ');
      throw new Error(
        `transactions older than the erasure are still open after ${olderTransactionsWaitMs / 1000} s: ${which}; compaction waits for them, and is retried`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * ANALYZE samples column values into pg_statistic; a fresh ANALYZE replaces the samples of tables
 * that still have rows, and rewriting pg_statistic drops the old versions. Statistics of a table
 * left empty are not replaced by ANALYZE: they are deleted where the role may.
 */
async function refreshStatistics(session: Queryable, notes: string[]): Promise<void> {
  for (const table of tablesTouchedByErasure) {
    await session.exec(`ANALYZE ${table}`);
    const [row] = await session.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`);
    if (!row?.empty) continue;
    await tryStatement(
      session,
      `DELETE FROM pg_statistic WHERE starelid = '${table}'::regclass`,
      notes,
      `old statistics of the empty table ${table}`,
    );
  }
  await tryStatement(session, 'VACUUM (FULL) pg_statistic', notes, 'rewriting pg_statistic');
}

/**
 * Switches WAL segments and checkpoints until no segment from before compaction is left and the
 * segment in use was created fresh (zero-filled): a segment recycled earlier keeps old WAL in the
 * part not yet overwritten.
 */
async function clearWalUpTo(session: Queryable, segment: string, notes: string[]): Promise<boolean> {
  const [setting] = await session.query<{ wal_recycle: string }>(`SELECT current_setting('wal_recycle') AS wal_recycle`);
  const recycles = setting?.wal_recycle !== 'off';
  if (recycles)
    notes.push('wal_recycle is on: old WAL segments are renamed for reuse with their content; set wal_recycle = off on the server');
  for (let round = 0; round < maxWalRounds; round++) {
    const before = await walSegments(session);
    const switched = await tryStatement(
      session,
      'SELECT pg_switch_wal()',
      notes,
      'switching WAL segments (superuser, or GRANT EXECUTE ON FUNCTION pg_switch_wal() in this database)',
    );
    const checkpointed = switched && (await tryStatement(session, 'CHECKPOINT', notes, 'CHECKPOINT (superuser, or GRANT pg_checkpoint)'));
    if (!checkpointed) return false;
    const after = await walSegments(session);
    const [{ current }] = (await session.query<{ current: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS current')) as [
      { current: string },
    ];
    if (!before || !after) {
      if (round === 1) return !recycles; // pg_wal cannot be listed: two rounds suffice once recycling is off
      continue;
    }
    const freshCurrent = before.every((name) => name < current);
    const oldGone = after.every((name) => name > segment && name >= current);
    if (freshCurrent && oldGone) return !recycles;
  }
  notes.push(
    `WAL segments from before the erasure are still present after ${maxWalRounds} rounds (replication slot, wal_keep_size or archiving?)`,
  );
  return false;
}

/** The WAL segment files in pg_wal; undefined when the role may not list them. */
async function walSegments(session: Queryable): Promise<string[] | undefined> {
  try {
    const rows = await session.query<{ name: string }>(`SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' ORDER BY name`);
    return rows.map((row) => row.name);
  } catch {
    return undefined;
  }
}

/** Runs a statement that needs a privilege the role may lack; notes what was skipped instead of failing. */
async function tryStatement(session: Queryable, sql: string, notes: string[], what: string): Promise<boolean> {
  try {
    await session.exec(sql);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error; // insufficient_privilege
    notes.push(`skipped ${what}: the database role lacks the privilege`);
    return false;
  }
}
