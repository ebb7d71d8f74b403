/**
 * The store back-ends the same tests run on: PGlite always, a PostgreSQL server when DATABASE_URL
 * is set (CI sets it). Each test database is a fresh location, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../../src/store/database';
import { openDatabase, type DatabaseSettings } from '../../src/store/open-database';

/** An empty database location: settings that open it, and how to remove it. */
export interface TestDatabaseLocation {
  settings: DatabaseSettings;
  drop(): Promise<void>;
}

export interface StoreBackend {
  name: 'pglite' | 'postgres';
  create(): Promise<TestDatabaseLocation>;
}

export interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

/** PGlite, plus PostgreSQL when DATABASE_URL is set. */
export function storeBackends(): StoreBackend[] {
  const backends: StoreBackend[] = [{ name: 'pglite', create: createPgliteLocation }];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) backends.push({ name: 'postgres', create: () => createPostgresLocation(serverUrl) });
  return backends;
}

/** The back-end of end-to-end tests: PostgreSQL when configured, else PGlite. */
export function defaultBackend(): StoreBackend {
  return storeBackends().at(-1)!;
}

/** Creates a fresh database on `backend` and opens it (migrated). */
export async function openTestDatabase(backend: StoreBackend = defaultBackend()): Promise<TestDatabase> {
  const location = await backend.create();
  const db = await openDatabase(location.settings);
  return {
    db,
    async dispose() {
      await db.close();
      await location.drop();
    },
  };
}

/** Deletes every row but the migration history, so tests can share one database. */
export async function emptyAllTables(db: Database): Promise<void> {
  const tables = await db.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'`,
  );
  if (tables.length > 0) await db.exec(`TRUNCATE ${tables.map((table) => table.name).join(', ')} RESTART IDENTITY CASCADE`);
}

/** An empty PGlite folder under the system temp dir. */
export async function createPgliteLocation(): Promise<TestDatabaseLocation> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rulebook-pglite-'));
  return { settings: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A fresh database on the server at `serverUrl` (named with `prefix`), dropped by `drop`. */
export async function createPostgresLocation(serverUrl: string, prefix = 'rulebook_test'): Promise<TestDatabaseLocation> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    settings: { databaseUrl: url.toString(), dataDir: mkdtempSync(path.join(tmpdir(), 'rulebook-data-')) },
    drop: () => withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
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
