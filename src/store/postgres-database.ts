import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Database, Queryable } from './database';

/** Connects to a PostgreSQL server through a connection pool. */
export async function openPostgresDatabase(url: string, poolSize = 10, location = 'PostgreSQL'): Promise<Database> {
  // Sessions run in UTC: month arithmetic on timestamps (the returns window) must match JavaScript's.
  // Pipeline mode: statements issued without waiting for the previous answer go out at once and are
  // answered in order (a transaction's BEGIN travels with its first statement). Statements awaited
  // one by one behave as without it.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c TimeZone=UTC', pipeline: true });
  // An idle connection closed by the server (restart, failover, administrator) must not crash the
  // process: the pool drops it and opens a new one on the next query.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`, 'RulebookDatabaseWarning'));
  // Fail at start-up, with the server's own message, rather than on the first request.
  await pool.query('SELECT 1');
  return {
    location,
    ...queryable(pool),
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await runTransaction(pool, work);
        } catch (error) {
          // PostgreSQL rolled the whole transaction back: running it again is safe (its work is SQL only) and usually succeeds.
          if (!isTransientConflict(error) || attempt === conflictAttempts) throw error;
          await sleep(Math.random() * 20 * attempt);
        }
      }
    },
    async maintenance(work) {
      const client = await pool.connect();
      try {
        return await work(queryable(client));
      } finally {
        await client.query('RESET ALL').catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Statements run often enough are prepared once per connection: PostgreSQL then skips parsing and,
 * after a few runs, planning — which on the event path costs as much as running them (a return's
 * four statements: about 1 ms of planning). A statement is prepared from its third run on, and at
 * most `preparedLimit` distinct ones are (SQL generated per group or per search stays unprepared).
 */
const preparedLimit = 300;
const preparedAfterRuns = 3;
const runs = new Map<string, number>();
const prepared = new Map<string, string>();
const unpreparable = new Set<string>();

/** The statement's prepared name once it has run often enough, else undefined. */
function preparedName(sql: string): string | undefined {
  const known = prepared.get(sql);
  if (known || unpreparable.has(sql)) return known;
  if (prepared.size >= preparedLimit) return undefined;
  const count = (runs.get(sql) ?? 0) + 1;
  if (count < preparedAfterRuns) {
    if (runs.size < 10 * preparedLimit) runs.set(sql, count);
    return undefined;
  }
  runs.delete(sql);
  const name = `rb_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
  prepared.set(sql, name);
  return name;
}

/** "cached plan must not change result type": a prepared statement outlived a change of the tables it reads. */
function isStalePlan(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '0A000' && /cached plan must not change result type/.test((error as Error).message);
}

/** How often a transaction that lost a deadlock or a serialization conflict is run in all. */
const conflictAttempts = 3;
/** deadlock_detected and serialization_failure: the server chose this transaction to roll back; nothing of it was kept. */
const transientConflictCodes = new Set(['40P01', '40001']);

/** Whether PostgreSQL rolled the transaction back because of a conflict with a concurrent one (worth running again). */
export function isTransientConflict(error: unknown): boolean {
  return transientConflictCodes.has((error as { code?: unknown } | null)?.code as string);
}

async function runTransaction<T>(pool: pg.Pool, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    // Not awaited: the work's first statement follows BEGIN in the same round trip. BEGIN fails only
    // with its connection, and then so does every statement behind it, so the work throws.
    const begun = client.query('BEGIN');
    begun.catch(() => {});
    const result = await work(queryable(client));
    await begun;
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function queryable(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      const name = preparedName(sql);
      if (!name) return (await target.query(sql, params)).rows as Row[];
      try {
        return (await target.query({ name, text: sql, values: params })).rows as Row[];
      } catch (error) {
        if (!isStalePlan(error)) throw error;
        // A migration changed what the statement returns while a connection kept it prepared: from now on it is planned each time.
        unpreparable.add(sql);
        return (await target.query(sql, params)).rows as Row[];
      }
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  };
}
