/**
 * The store back-ends the same tests run on: PGlite always, a PostgreSQL server when DATABASE_URL
 * is set (CI sets it). Each test database is fresh and migrated, and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../../src/store/database';
import { openDatabase } from '../../src/store/open-database';

export interface TestDatabase {
  db: Database;
  /** Settings that open the same database again (for restart tests). */
  settings: { databaseUrl?: string; dataDir: string };
  dispose(): Promise<void>;
}

export interface StoreBackend {
  name: 'pglite' | 'postgres';
  open(): Promise<TestDatabase>;
}

/** PGlite, plus PostgreSQL when DATABASE_URL is set. */
export function storeBackends(): StoreBackend[] {
  const backends: StoreBackend[] = [{ name: 'pglite', open: openPgliteTestDatabase }];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) backends.push({ name: 'postgres', open: () => openPostgresTestDatabase(serverUrl) });
  return backends;
}

/** The default back-end of end-to-end tests: PostgreSQL when configured, else PGlite. */
export function defaultBackend(): StoreBackend {
  return storeBackends().at(-1)!;
}

async function openPgliteTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rulebook-pglite-'));
  const settings = { dataDir };
  const db = await openDatabase(settings);
  return {
    db,
    settings,
    async dispose() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function openPostgresTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `rulebook_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const settings = { databaseUrl: url.toString(), dataDir: tmpdir() };
  const db = await openDatabase(settings);
  return {
    db,
    settings,
    async dispose() {
      await db.close();
      await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin(serverUrl: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** Deletes every row but the migration history, so tests can share one database. */
export async function emptyAllTables(db: Database): Promise<void> {
  const tables = await db.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'`,
  );
  if (tables.length > 0) await db.exec(`TRUNCATE ${tables.map((table) => table.name).join(', ')} RESTART IDENTITY CASCADE`);
}
