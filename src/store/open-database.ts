import type { Logger } from 'pino';
import type { Database } from './database';
import { startEmbeddedPostgres } from './embedded-postgres/embedded-postgres';
import { importLegacyPglite } from './legacy-pglite-import';
import { migrate } from './migrate';
import { openPostgresDatabase } from './postgres-database';

export interface DatabaseSettings {
  /** `postgres://…` for a server of your own; unset for the embedded server under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Connections to the server per process (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /**
   * Without DATABASE_URL: join the embedded server another Rulebook process runs on `dataDir`
   * (`npm run api`, `npm run worker`) rather than refuse to start (`npm start`).
   */
  joinEmbeddedServer?: boolean;
  /** Told when the embedded server stops by itself (a crash, a kill): the process cannot go on without it. */
  onEmbeddedServerLost?: (description: string) => void;
}

/**
 * Opens the configured database and brings its schema up to date. Without DATABASE_URL that is the
 * embedded PostgreSQL server of the data directory, started here (and stopped by `close`) unless
 * another process runs it; data of the PGlite store of earlier versions is moved into it first.
 */
export async function openDatabase(settings: DatabaseSettings, logger: Logger): Promise<Database> {
  if (settings.databaseUrl)
    return migrated(await openPostgresDatabase(settings.databaseUrl, settings.poolSize, describeServer(settings.databaseUrl)));
  const server = await startEmbeddedPostgres({
    dataDir: settings.dataDir,
    logger,
    joinRunning: settings.joinEmbeddedServer ?? false,
    ...(settings.onEmbeddedServerLost && { onUnexpectedExit: settings.onEmbeddedServerLost }),
  });
  try {
    if (server.owner) await importLegacyPglite(settings.dataDir, server.url, logger);
    const db = await openPostgresDatabase(server.url, settings.poolSize, `embedded PostgreSQL in ${server.clusterDir}`);
    const ready = await migrated({
      ...db,
      async close() {
        await db.close();
        await server.stop();
      },
    });
    // Only now may the API and the worker started separately connect: the data is in and migrated.
    server.publish();
    return ready;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function migrated(db: Database): Promise<Database> {
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Where the server is, without the credentials. */
function describeServer(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.host}${parsed.pathname}`;
}
