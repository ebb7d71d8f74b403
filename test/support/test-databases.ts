/**
 * Test databases: each a fresh database on the test run's PostgreSQL server — the embedded server
 * that the global setup starts, or the server in DATABASE_URL when one is given — dropped afterwards.
 */
import { inject } from 'vitest';
import type { Database } from '../../src/store/database';
import { openDatabase } from '../../src/store/open-database';
import { createLogger } from '../../src/logging/logger';
import { createPostgresLocation, type TestDatabaseLocation } from './postgres-locations';
import { useForAll } from './use-for-all';

export type { TestDatabaseLocation };

export interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

/** The test run's server, as a URL to its maintenance database (allowed to create databases). */
export function testServerUrl(): string {
  return inject('databaseServerUrl');
}

/** A fresh, empty database on the test run's server. */
export function createTestDatabaseLocation(prefix = 'rulebook_test'): Promise<TestDatabaseLocation> {
  return createPostgresLocation(testServerUrl(), prefix);
}

/** Creates a fresh database on the test run's server and opens it (migrated). */
export async function openTestDatabase(): Promise<TestDatabase> {
  const location = await createTestDatabaseLocation();
  const db = await openDatabase(location.settings, createLogger({ level: 'silent', pretty: false }));
  return {
    db,
    async dispose() {
      await db.close();
      await location.drop();
    },
  };
}

/** A fresh, migrated database for the tests of this file or `describe` block, dropped after them. */
export function useTestDatabase(): { readonly db: Database } {
  const current = useForAll('The test database', openTestDatabase, (test) => test.dispose());
  return {
    get db() {
      return current().db;
    },
  };
}

/** Deletes every row but the migration history and the audit trail (append-only: its trigger refuses TRUNCATE), so tests can share one database. */
export async function emptyAllTables(db: Database): Promise<void> {
  const tables = await db.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('schema_migrations', 'audit_log')`,
  );
  if (tables.length > 0) await db.exec(`TRUNCATE ${tables.map((table) => table.name).join(', ')} RESTART IDENTITY CASCADE`);
}
