import { PGlite, type Transaction } from '@electric-sql/pglite';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database, Queryable } from './database';
import { yieldToEventLoop } from './yield-to-event-loop';

/** The embedded database is in use by another live process; PGlite allows one process per folder. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

/** Opens (creating if needed) an embedded PostgreSQL persisted in `dir`; `undefined` keeps it in memory. */
export async function openPgliteDatabase(dir: string | undefined): Promise<Database> {
  const releaseLock = dir ? lockDataDir(dir) : () => {};
  try {
    const db = await PGlite.create(dir ? { dataDir: dir } : {});
    // UTC, like the server sessions: month arithmetic on timestamps must match JavaScript's.
    // WAL segments are removed rather than recycled with their old content (erasures: see erasure-compaction.ts);
    // PGlite is a single-user server, so the session's setting is the checkpointer's too.
    await db.exec("SET TIME ZONE 'UTC'; SET wal_recycle = off");
    return wrap(db, releaseLock);
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function wrap(db: PGlite, releaseLock: () => void): Database {
  return {
    kind: 'pglite',
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    async maintenance(work) {
      try {
        return await work(queryable(db));
      } finally {
        await db.exec("RESET ALL; SET TIME ZONE 'UTC'; SET wal_recycle = off");
      }
    },
    async close() {
      await db.close();
      releaseLock();
    },
  };
}

/**
 * PGlite answers each statement synchronously on the main thread and its promise resolves without
 * the event loop turning: a loop of statements (an import, an erasure) would keep the HTTP server
 * from answering until it ends. After each statement the event loop gets its turn once the time
 * slice is used up, so that a request waits a slice at most, plus the statement running then.
 */
function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await target.query<Row>(sql, params);
      await yieldToEventLoop();
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
      await yieldToEventLoop();
    },
  };
}

/** Two processes writing one PGlite folder would corrupt it: refuse the second with a way out. */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, 'rulebook.lock');
  const holder = existsSync(lockFile) ? Number(readFileSync(lockFile, 'utf8')) : undefined;
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new DataDirInUseError(
      `The embedded database in ${dir} is in use by process ${holder}. PGlite serves one process only: ` +
        'stop that process, or run several processes against a PostgreSQL server by setting DATABASE_URL.',
    );
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
