import path from 'node:path';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

export interface DatabaseSettings {
  /** `postgres://…` for a server; unset for the embedded database under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Connections to a PostgreSQL server (DATABASE_POOL_SIZE). */
  poolSize?: number;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  const db = settings.databaseUrl
    ? await openPostgresDatabase(settings.databaseUrl, settings.poolSize)
    : await openPgliteDatabase(path.join(settings.dataDir, 'pglite'));
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
