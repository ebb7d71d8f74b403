/** Throw-away databases on a PostgreSQL server, for tests and benchmarks (no vitest needed). */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseSettings } from '../../src/store/open-database';

/** An empty database location: settings that open it, and how to remove it. */
export interface TestDatabaseLocation {
  settings: DatabaseSettings & { databaseUrl: string };
  drop(): Promise<void>;
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
