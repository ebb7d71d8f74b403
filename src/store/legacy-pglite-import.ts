/**
 * Earlier Rulebook versions kept their data in PGlite, in `RULEBOOK_DATA_DIR/pglite`; this one runs an
 * embedded PostgreSQL server. On the first start after the upgrade the old data is moved into the
 * server once, so that nobody loses customers, orders or running processes' records by upgrading.
 *
 * The data is copied at the schema it was written in (the server is migrated exactly to the PGlite's
 * version first; the later migrations then run as on every start), row by row as JSON, which
 * PostgreSQL turns back into the same values of every type (bytea, jsonb, numeric, timestamps,
 * arrays). The old folder is read, never written, and only renamed once the copy is committed: a
 * failed import leaves both sides as they were, and the next start tries again.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Database, Queryable } from './database';
import { isAlive } from './embedded-postgres/server-lock';
import { listMigrations, migrate, type Migration } from './migrate';
import { openPostgresDatabase } from './postgres-database';

/** The data of the earlier PGlite store cannot be moved; the message says why and what to do. */
export class LegacyPgliteImportError extends Error {
  override name = 'LegacyPgliteImportError';
}

/** Rows fetched from PGlite at a time; tables with files (bytea) fetch fewer, their rows are large. */
const rowsPerFetch = 2_000;
const rowsWithFilesPerFetch = 20;
/** Characters of JSON sent in one INSERT, well below JavaScript's and PostgreSQL's string limits. */
const charactersPerInsert = 32 * 1024 * 1024;

interface Table {
  /** The quoted name, for SQL. */
  name: string;
  /** The quoted names of the columns to copy (generated columns are computed again by the server). */
  columns: string[];
  hasFiles: boolean;
}

interface CopySummary {
  tables: number;
  rows: number;
}

/** Moves the data of an earlier version's PGlite store (`<dataDir>/pglite`) into the server at `targetUrl`. */
export async function importLegacyPglite(dataDir: string, targetUrl: string, logger: Logger): Promise<void> {
  const sourceDir = path.join(dataDir, 'pglite');
  // Checked before PGlite is loaded: every start passes here, and PGlite would create a database in an empty folder.
  if (!existsSync(path.join(sourceDir, 'PG_VERSION'))) return;
  refuseIfInUse(sourceDir);
  const summary = await copyFromPglite(sourceDir, targetUrl, logger);
  const movedTo = moveAside(dataDir, sourceDir);
  if (!summary) {
    logger.info({ movedTo }, 'the earlier PGlite store held no data; its folder was renamed and may be deleted');
    return;
  }
  logger.warn(
    { tables: summary.tables, rows: summary.rows, movedTo },
    `the data of the earlier PGlite store (${summary.rows} rows in ${summary.tables} tables) was moved into the embedded PostgreSQL. ` +
      `Its old folder is now ${movedTo}: check the data, then delete that folder, as it still holds every value erased before the move.`,
  );
}

/** Copies the data and closes PGlite; `undefined` when the store never had a schema (nothing to copy). */
async function copyFromPglite(sourceDir: string, targetUrl: string, logger: Logger): Promise<CopySummary | undefined> {
  const source = await openPglite(sourceDir);
  let summary: CopySummary | undefined;
  try {
    const migrations = await migrationsOfSource(source, sourceDir);
    if (migrations.length > 0) {
      logger.info(
        { from: sourceDir, schemaVersion: migrations.at(-1)!.version },
        'moving the data of the earlier PGlite store into the embedded PostgreSQL',
      );
      summary = await copyInto(targetUrl, source, migrations, sourceDir);
    }
  } catch (error) {
    await source.close().catch(() => {});
    if (error instanceof LegacyPgliteImportError) throw error;
    throw new LegacyPgliteImportError(
      `moving the data of the earlier PGlite store in ${sourceDir} into the embedded PostgreSQL failed: ${(error as Error).message}. ` +
        `Nothing was changed: the folder is as it was and the server's database is still empty, so the next start tries again. ` +
        `To start with an empty database instead, move ${sourceDir} out of the data directory.`,
      { cause: error },
    );
  }
  // Closing writes a checkpoint into the folder, as every earlier start did; PGlite writes nothing else there.
  await source.close();
  return summary;
}

/** The old adapter kept the pid of the process using the store in `rulebook.lock`; two users would corrupt it. */
function refuseIfInUse(sourceDir: string): void {
  const lockFile = path.join(sourceDir, 'rulebook.lock');
  const holder = existsSync(lockFile) ? Number(readFileSync(lockFile, 'utf8')) : undefined;
  if (!holder || holder === process.pid || !isAlive(holder)) return;
  throw new LegacyPgliteImportError(
    `the earlier PGlite store in ${sourceDir} is in use by process ${holder} (an earlier Rulebook version?). ` +
      `Stop that process, then start this one again: it moves the data into the embedded PostgreSQL.`,
  );
}

async function openPglite(sourceDir: string): Promise<PGlite> {
  const source = await PGlite.create({ dataDir: sourceDir });
  // UTC, like the server sessions; bytea as hex, the form json_populate_recordset reads back.
  await source.exec("SET TIME ZONE 'UTC'; SET bytea_output = 'hex'");
  return source;
}

/**
 * The shipped migrations up to the store's schema version, after checking that the store applied
 * exactly those, unedited: otherwise its tables may not be what this version's migrations create.
 */
async function migrationsOfSource(source: PGlite, sourceDir: string): Promise<Migration[]> {
  const [history] = (await source.query<{ present: boolean }>("SELECT to_regclass('public.schema_migrations') IS NOT NULL AS present"))
    .rows;
  if (!history?.present) return [];
  const applied = (
    await source.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    )
  ).rows;
  if (applied.length === 0) return [];
  const shipped = new Map(listMigrations().map((migration) => [migration.version, migration]));
  for (const { version, name, checksum } of applied) {
    const migration = shipped.get(version);
    if (!migration) {
      throw new LegacyPgliteImportError(
        `the earlier PGlite store in ${sourceDir} has migration ${version} (${name}), which this Rulebook version does not ship: ` +
          'it was written by a newer version. Start a version that has that migration.',
      );
    }
    if (migration.checksum !== checksum) {
      throw new LegacyPgliteImportError(
        `migration ${version} (${name}) applied to the earlier PGlite store in ${sourceDir} differs from the one this Rulebook version ships, ` +
          `so its tables may not be what this version expects. Restore src/store/migrations/${String(version).padStart(4, '0')}_${name}.sql ` +
          `to the text that was applied (applied migrations must not be edited), or move ${sourceDir} out of the data directory to start with an empty database.`,
      );
    }
  }
  const schemaVersion = applied.at(-1)!.version;
  const wanted = [...shipped.values()].filter((migration) => migration.version <= schemaVersion);
  const missing = wanted.filter((migration) => !applied.some((row) => row.version === migration.version));
  if (missing.length > 0) {
    throw new LegacyPgliteImportError(
      `the earlier PGlite store in ${sourceDir} lacks migration ${missing.map((migration) => migration.version).join(', ')} below its schema version ${schemaVersion}, ` +
        `so its tables are not what any Rulebook version created. Move ${sourceDir} out of the data directory to start with an empty database.`,
    );
  }
  return wanted;
}

/**
 * Schema, rows and sequences in one transaction on the server: a failure anywhere rolls all of it
 * back, the tables the migrations created included, and the server's database is empty again.
 * PGlite is read in one read-only transaction, so the counts compared are those of the rows copied.
 */
async function copyInto(targetUrl: string, pglite: PGlite, migrations: Migration[], sourceDir: string): Promise<CopySummary> {
  const target = await openPostgresDatabase(targetUrl, 1, 'embedded PostgreSQL');
  try {
    return await pglite.transaction(async (pgliteTx) => {
      const source = queryablePglite(pgliteTx);
      await source.exec('SET TRANSACTION READ ONLY');
      return target.transaction(async (tx) => {
        await refuseIfHoldsData(tx, sourceDir);
        await migrate(withinTransaction(tx), migrations);
        // Rows arrive in table order, not in the order of their foreign keys; the superuser may skip the checks.
        await tx.exec('SET LOCAL session_replication_role = replica');
        const tables = await tablesToCopy(source, tx, sourceDir);
        for (const table of tables) await copyRows(source, tx, table);
        await copySequences(source, tx);
        const rows = await verifyCounts(source, tx, tables, sourceDir);
        return { tables: tables.length, rows };
      });
    });
  } finally {
    await target.close();
  }
}

/**
 * Mixing two databases' rows would clash and lose data: one of them has to be chosen by the
 * operator. A server whose tables are all empty holds nothing to lose (a start that migrated it
 * and stopped before the import): its schema is dropped, and the import builds it afresh.
 */
async function refuseIfHoldsData(target: Queryable, sourceDir: string): Promise<void> {
  const tables = await target.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'`,
  );
  if (tables.length === 0) return;
  const [held] = await target.query<{ held: boolean }>(
    `SELECT ${tables.map(({ name }) => `EXISTS (SELECT FROM ${name})`).join(' OR ')} AS held`,
  );
  if (!held?.held) {
    await target.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    return;
  }
  const dataDir = path.dirname(sourceDir);
  throw new LegacyPgliteImportError(
    `both the earlier PGlite store in ${sourceDir} and the embedded PostgreSQL in ${path.join(dataDir, 'postgres')} hold data, and Rulebook does not mix them. ` +
      `To keep the server's data, move ${sourceDir} out of the data directory; to move the PGlite data in again instead, ` +
      `stop Rulebook and move ${path.join(dataDir, 'postgres')} out of the data directory.`,
  );
}

/** `migrate` over one open transaction: its per-migration transactions become part of the import's. */
function withinTransaction(tx: Queryable): Database {
  return {
    location: 'the import transaction',
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (work) => work(tx),
    maintenance: () => Promise.reject(new Error('no maintenance session inside the import transaction')),
    close: async () => {},
  };
}

function queryablePglite(tx: Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await tx.query<Row>(sql, params)).rows;
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
  };
}

/**
 * The tables of the store but the migration history (written by `migrate`), after checking that
 * both sides have the same tables and columns: json_populate_recordset would drop a column the
 * server lacks without a word.
 */
async function tablesToCopy(source: Queryable, target: Queryable, sourceDir: string): Promise<Table[]> {
  const [sourceShape, targetShape] = await Promise.all([describeTables(source), describeTables(target)]);
  if (sourceShape.signature !== targetShape.signature) {
    throw new LegacyPgliteImportError(
      `the tables of the earlier PGlite store in ${sourceDir} differ from what its migrations create (changed by hand?), so they cannot be copied as they are. ` +
        `Make them match the migrations again, or move ${sourceDir} out of the data directory to start with an empty database.`,
    );
  }
  return targetShape.tables;
}

async function describeTables(db: Queryable): Promise<{ tables: Table[]; signature: string }> {
  const columns = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT quote_ident(c.table_name) AS table_name, quote_ident(c.column_name) AS column_name, c.data_type
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations' AND c.is_generated <> 'ALWAYS'
     ORDER BY c.table_name, c.column_name`,
  );
  const tables = new Map<string, Table>();
  for (const column of columns) {
    const table = tables.get(column.table_name) ?? { name: column.table_name, columns: [], hasFiles: false };
    table.columns.push(column.column_name);
    table.hasFiles ||= column.data_type === 'bytea';
    tables.set(column.table_name, table);
  }
  return {
    tables: [...tables.values()],
    signature: columns.map((column) => `${column.table_name}.${column.column_name} ${column.data_type}`).join('\n'),
  };
}

/** Streams a table through a cursor: a store of any size fits in memory a batch at a time. */
async function copyRows(source: Queryable, target: Queryable, table: Table): Promise<void> {
  const columns = table.columns.join(', ');
  // OVERRIDING SYSTEM VALUE keeps the ids of identity columns; row_to_json renders every value in the
  // text form its type reads back (bytea as \x… hex, timestamps with their offset, numeric exactly).
  const insert = `INSERT INTO ${table.name} (${columns}) OVERRIDING SYSTEM VALUE
    SELECT ${columns} FROM json_populate_recordset(NULL::${table.name}, $1::json)`;
  await source.exec(`DECLARE legacy_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM ${table.name} t`);
  for (;;) {
    const rows = await source.query<{ row: string }>(`FETCH ${table.hasFiles ? rowsWithFilesPerFetch : rowsPerFetch} FROM legacy_rows`);
    if (rows.length === 0) break;
    for (const batch of batchesByLength(rows.map((row) => row.row))) await target.query(insert, [`[${batch.join(',')}]`]);
  }
  await source.exec('CLOSE legacy_rows');
}

/** Splits JSON rows into batches of at most `charactersPerInsert` characters (a longer row goes alone). */
function batchesByLength(rows: string[]): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let length = 0;
  for (const row of rows) {
    if (batch.length > 0 && length + row.length > charactersPerInsert) {
      batches.push(batch);
      batch = [];
      length = 0;
    }
    batch.push(row);
    length += row.length + 1;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** The server's sequences continue where PGlite's stopped, not after the highest id copied (ids are never reused). */
async function copySequences(source: Queryable, target: Queryable): Promise<void> {
  const sequences = await source.query<{ name: string }>(
    `SELECT quote_ident(c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  for (const { name } of sequences) {
    const [state] = await source.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${name}`);
    await target.query('SELECT setval($1::regclass, $2::bigint, $3)', [name, state!.last_value, state!.is_called]);
  }
}

/** Every row arrived: the same count on both sides, table by table. Returns the rows copied. */
async function verifyCounts(source: Queryable, target: Queryable, tables: Table[], sourceDir: string): Promise<number> {
  let total = 0;
  for (const table of tables) {
    const count = `SELECT count(*)::text AS n FROM ${table.name}`;
    const [[copied], [arrived]] = await Promise.all([source.query<{ n: string }>(count), target.query<{ n: string }>(count)]);
    if (copied!.n !== arrived!.n) {
      throw new LegacyPgliteImportError(
        `copying table ${table.name} from the earlier PGlite store in ${sourceDir} gave ${arrived!.n} rows instead of ${copied!.n}; nothing was changed. ` +
          `Please report this; to start with an empty database instead, move ${sourceDir} out of the data directory.`,
      );
    }
    total += Number(copied!.n);
  }
  return total;
}

/** Renamed, not deleted: the operator checks the moved data first (and deletes the folder, which still holds erased values). */
function moveAside(dataDir: string, sourceDir: string): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const movedTo = path.join(dataDir, `pglite-imported-${stamp}`);
  try {
    renameSync(sourceDir, movedTo);
  } catch (error) {
    throw new LegacyPgliteImportError(
      `the data of the earlier PGlite store was moved into the embedded PostgreSQL, but ${sourceDir} could not be renamed to ${movedTo}: ` +
        `${(error as Error).message}. Move ${sourceDir} out of the data directory yourself, then start again.`,
      { cause: error },
    );
  }
  return movedTo;
}
