/**
 * Versioned SQL migrations from src/store/migrations, applied in order at start-up. The history table
 * and each migration are created in their own transaction under one advisory lock, so any number of
 * processes may start at once, and re-runs are safe.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Arbitrary constant naming Rulebook's migration lock among the server's advisory locks. */
const migrationLockKey = 4_271_133;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** A migration file was edited after it ran somewhere; history must only grow. */
export class MigrationChangedError extends Error {
  override name = 'MigrationChangedError';
}

/** The migrations shipped with this build, in version order. */
export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** Applies every migration not yet applied; returns the versions it applied. */
export async function migrate(db: Database, migrations = listMigrations()): Promise<number[]> {
  // Under the lock too: two CREATE TABLE IF NOT EXISTS at the same instant collide in PostgreSQL's catalog.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
      const [existing] = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (existing) {
        assertUnchanged(migration, existing.checksum);
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}

function assertUnchanged(migration: Migration, appliedChecksum: string): void {
  if (appliedChecksum === migration.checksum) return;
  throw new MigrationChangedError(
    `Migration ${migration.version} (${migration.name}) differs from the one applied to this database. ` +
      'Applied migrations must not be edited: restore the file and add a new migration for the change.',
  );
}
