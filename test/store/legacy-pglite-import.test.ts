/**
 * The first start after the upgrade from the PGlite store: the data an earlier Rulebook wrote into
 * `<dataDir>/pglite` moves into the embedded PostgreSQL, every value as it was, once, and never
 * mixed with data the server already holds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pino, { type Logger } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../src/store/database';
import { importLegacyPglite, LegacyPgliteImportError } from '../../src/store/legacy-pglite-import';
import { listMigrations, migrate } from '../../src/store/migrate';
import { openPostgresDatabase } from '../../src/store/postgres-database';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/test-databases';

/** The schema version of the earlier Rulebook that wrote the store: later migrations run after the move. */
const legacyVersion = 10;
/** Every byte value, and a CSV, as an uploaded import file. */
const importFile = Buffer.concat([
  Buffer.from('id,email\nC-1003,kavya.nair@example.com\n'),
  Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)),
]);

type Snapshot = Record<string, string[]>;

const dirs: string[] = [];
const locations: TestDatabaseLocation[] = [];
let template: string;
let templateSnapshot: Snapshot;

beforeAll(async () => {
  template = newDir();
  templateSnapshot = await writeLegacyStore(path.join(template, 'pglite'), fillWithCustomers);
}, 120_000);

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(locations.splice(0).map((location) => location.drop()));
});

describe('moving the data of an earlier PGlite store', () => {
  it('copies every row and continues the sequences', async () => {
    const { dataDir, url } = await upgradedDataDir();
    const { logger, lines } = capturingLogger();

    await importLegacyPglite(dataDir, url, logger);

    const db = await openPostgresDatabase(url, 2);
    try {
      // At the store's own schema version, the server holds exactly the store's rows.
      expect(await snapshot(db)).toEqual(templateSnapshot);
      const [file] = await db.query<{ file: Buffer }>("SELECT file FROM import_jobs WHERE id = 'IMP-1'");
      expect(file!.file.equals(importFile)).toBe(true);

      // Then the later migrations run over them, as at every start.
      expect(await migrate(db)).toEqual(
        listMigrations()
          .filter((m) => m.version > legacyVersion)
          .map((m) => m.version),
      );
      const [customer] = await db.query<{ merged_contacts: unknown; attributes: unknown }>(
        "SELECT merged_contacts, attributes FROM customers WHERE id = 'C-1001'",
      );
      expect(customer).toEqual({
        merged_contacts: [],
        attributes: { loyaltyTier: 'gold', birthDate: '1990-04-12', tags: ['vip', 'early-adopter'] },
      });

      // Ids go on from PGlite's sequence (3 was used, then deleted), not from the highest id left.
      const [entry] = await db.query<{ id: string }>(
        "INSERT INTO customer_timeline (customer_id, event_key, kind) VALUES ('C-1001', 'after-upgrade', 'note') RETURNING id",
      );
      expect(entry!.id).toBe('4');
      const [note] = await db.query<{ id: string }>(
        "INSERT INTO customer_notes (customer_id, text, author) VALUES ('C-1002', 'Called back', 'ops.priya') RETURNING id",
      );
      expect(note!.id).toBe('2');
    } finally {
      await db.close();
    }

    const [movedTo] = readdirSync(dataDir);
    expect(readdirSync(dataDir)).toHaveLength(1);
    expect(movedTo).toMatch(/^pglite-imported-\d{8}T\d{6}Z$/);
    expect(existsSync(path.join(dataDir, movedTo!, 'PG_VERSION'))).toBe(true);

    const warning = lines.find((line) => line.level === 40);
    expect(warning?.msg).toContain('moved into the embedded PostgreSQL');
    expect(warning?.msg).toContain(path.join(dataDir, movedTo!));
    expect(warning?.msg).toContain('erased');
    expect(warning).toMatchObject({ tables: Object.keys(templateSnapshot).length, rows: rowCount(templateSnapshot) });
    // Logs name tables and counts, never a customer's values.
    expect(JSON.stringify(lines)).not.toMatch(/aarav|meera|98765|Aarav/i);
  });

  it('does nothing on the next start', async () => {
    const { dataDir, url } = await upgradedDataDir();
    await importLegacyPglite(dataDir, url, silentLogger());
    const moved = readdirSync(dataDir);

    await importLegacyPglite(dataDir, url, silentLogger());

    expect(readdirSync(dataDir)).toEqual(moved);
    const db = await openPostgresDatabase(url, 1);
    try {
      expect(rowCount(await snapshot(db))).toBe(rowCount(templateSnapshot));
    } finally {
      await db.close();
    }
  });

  it('moves an empty store aside without touching the server', async () => {
    const dataDir = newDir();
    await writeLegacyStore(path.join(dataDir, 'pglite'), undefined, { migrations: false });
    const { url } = await newTarget();

    await importLegacyPglite(dataDir, url, silentLogger());

    expect(readdirSync(dataDir)).toEqual([expect.stringMatching(/^pglite-imported-/)]);
    expect(await publicTables(url)).toEqual([]);
  });

  it('refuses when the server already holds data, keeping both', async () => {
    const { dataDir, url } = await upgradedDataDir();
    const db = await openPostgresDatabase(url, 1);
    try {
      await migrate(db);
      await db.query("INSERT INTO customers (id) VALUES ('C-9001')");

      const refusal = await importLegacyPglite(dataDir, url, silentLogger()).catch((error: unknown) => error);

      expect(refusal).toBeInstanceOf(LegacyPgliteImportError);
      expect((refusal as Error).message).toContain('both');
      expect((refusal as Error).message).toContain(`move ${path.join(dataDir, 'pglite')} out of the data directory`);
      expect((refusal as Error).message).toContain(`move ${path.join(dataDir, 'postgres')} out of the data directory`);
      expect(await db.query('SELECT id FROM customers')).toEqual([{ id: 'C-9001' }]);
    } finally {
      await db.close();
    }
    expect(readdirSync(dataDir)).toEqual(['pglite']);
  });

  it('refuses a store whose migrations differ from the shipped ones, leaving the server empty', async () => {
    const { dataDir, url } = await upgradedDataDir((store) =>
      store.exec("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 3"),
    );

    const refusal = await importLegacyPglite(dataDir, url, silentLogger()).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(LegacyPgliteImportError);
    expect((refusal as Error).message).toContain('migration 3 (import_export_jobs)');
    expect((refusal as Error).message).toContain('Restore src/store/migrations/0003_import_export_jobs.sql');
    expect(readdirSync(dataDir)).toEqual(['pglite']);
    expect(await publicTables(url)).toEqual([]);
  });

  it('rolls the server back to empty, schema included, when the copy fails', async () => {
    const { dataDir, url } = await upgradedDataDir((store) => store.exec('CREATE TABLE made_by_hand (id text)'));

    const refusal = await importLegacyPglite(dataDir, url, silentLogger()).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(LegacyPgliteImportError);
    expect((refusal as Error).message).toContain('differ from what its migrations create');
    expect(readdirSync(dataDir)).toEqual(['pglite']);
    expect(await publicTables(url)).toEqual([]);
  });

  it('refuses while an earlier Rulebook still uses the store', async () => {
    const { dataDir, url } = await upgradedDataDir();
    const holder: ChildProcess = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dataDir, 'pglite', 'rulebook.lock'), String(holder.pid));

      const refusal = await importLegacyPglite(dataDir, url, silentLogger()).catch((error: unknown) => error);

      expect(refusal).toBeInstanceOf(LegacyPgliteImportError);
      expect((refusal as Error).message).toContain(`in use by process ${holder.pid}`);
      expect(readdirSync(dataDir)).toEqual(['pglite']);
      expect(await publicTables(url)).toEqual([]);
    } finally {
      holder.kill();
    }
  });
});

/** A data directory holding a copy of the template store (changed by `change`), and an empty server database. */
async function upgradedDataDir(change?: (store: PGlite) => Promise<unknown>): Promise<{ dataDir: string; url: string }> {
  const dataDir = newDir();
  cpSync(path.join(template, 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
  if (change) {
    const store = await PGlite.create({ dataDir: path.join(dataDir, 'pglite') });
    await change(store);
    await store.close();
  }
  return { dataDir, url: (await newTarget()).url };
}

async function newTarget(): Promise<{ url: string }> {
  const location = await createTestDatabaseLocation('rulebook_pglite_import');
  locations.push(location);
  return { url: location.settings.databaseUrl };
}

/**
 * A PGlite store as an earlier Rulebook left it: the migrations up to `legacyVersion` applied the
 * way `migrate` applies them, then `fill`. Returns the rows of every table.
 */
async function writeLegacyStore(dir: string, fill?: (store: PGlite) => Promise<void>, options = { migrations: true }): Promise<Snapshot> {
  const store = await PGlite.create({ dataDir: dir });
  try {
    await store.exec("SET TIME ZONE 'UTC'");
    if (!options.migrations) return {};
    await store.exec(`CREATE TABLE schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    for (const migration of listMigrations().filter((m) => m.version <= legacyVersion)) {
      await store.exec(migration.sql);
      await store.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
    }
    await fill?.(store);
    return await snapshot(pgliteQueryable(store));
  } finally {
    await store.close();
  }
}

/** Customers with everything an earlier Rulebook recorded about them. */
async function fillWithCustomers(store: PGlite): Promise<void> {
  await store.exec(`
    INSERT INTO customers (id, email, phone, name, attributes, cod_enabled, created_at, updated_at) VALUES
      ('C-1001', 'aarav.sharma@example.com', '+919876543210', 'Aarav Sharma',
       '{"loyaltyTier": "gold", "birthDate": "1990-04-12", "tags": ["vip", "early-adopter"]}', '{"pos": true, "storefront": false}',
       '2026-03-01T09:15:30.123456Z', '2026-03-02T10:00:00Z'),
      ('C-1002', 'meera.iyer@example.com', '+919812345678', 'Meera Iyer', '{}', DEFAULT, '2026-03-05T08:00:00Z', '2026-03-05T08:00:00Z');
    INSERT INTO customers (id, email, name, merged_into) VALUES ('C-1003', NULL, NULL, 'C-1001');
    UPDATE customers SET erasure_state = 'pending', erasure_request_id = 'ER-1' WHERE id = 'C-1002';
    INSERT INTO erasure_requests (request_id, customer_id, requested_by, reason, requested_at, erase_at)
      VALUES ('ER-1', 'C-1002', 'ops.priya', 'customer asked', '2026-03-06T11:00:00Z', '2026-04-20T11:00:00Z');
    INSERT INTO erasure_certificates (request_id, customer_id, requested_at, requested_by, erased_at, erased_fields, erased_records)
      VALUES ('ER-0', 'C-0999', '2026-01-01T00:00:00Z', 'ops.priya', '2026-02-15T00:00:00Z', '["email", "phone", "name"]', '{"notes": 2}');

    INSERT INTO customer_timeline (customer_id, event_key, at, kind, detail) VALUES
      ('C-1001', 'created:C-1001', '2026-03-01T09:15:30Z', 'customer-created', '{}'),
      ('C-1001', 'profile:C-1001:1', '2026-03-02T10:00:00Z', 'profile-assigned', '{"set": "account-type", "profile": "standard"}'),
      ('C-1001', 'typo', '2026-03-02T10:00:01Z', 'note', '{}');
    DELETE FROM customer_timeline WHERE event_key = 'typo';
    INSERT INTO attribute_changes (customer_id, attribute, old_value, new_value, changed_by)
      VALUES ('C-1001', 'loyaltyTier', '"silver"', '"gold"', 'crm-sync');
    INSERT INTO customer_notes (customer_id, text, author) VALUES ('C-1002', 'Prefers calls after 6 pm', 'ops.priya');

    INSERT INTO orders (id, customer_id, value, currency, channel, payment_method, items, status, placed_at, request, flagged_for_review) VALUES
      ('O-1', 'C-1001', 1499.00, 'INR', 'storefront', 'cod', 2, 'placed', '2026-03-03T12:30:00Z', '{"lines": [{"sku": "TEA-250", "qty": 2}]}', true),
      ('O-2', 'C-1001', 0.10, 'INR', 'pos', 'card', 1, 'delivered', '2026-03-04T09:00:00Z', '{}', false);
    INSERT INTO cod_holds (order_id, customer_id, amount, held_at) VALUES ('O-1', 'C-1001', 1499.00, '2026-03-03T12:30:01Z');
    INSERT INTO order_events (id, order_id, kind, at) VALUES ('OE-1', 'O-2', 'delivered', '2026-03-05T17:45:00Z');
    INSERT INTO returns (id, customer_id, order_id, items, returned_at, request) VALUES ('R-1', 'C-1001', 'O-2', 1, '2026-03-08T10:00:00Z', '{"reason": "damaged"}');
    INSERT INTO returns_window_schedule (customer_id, next_at) VALUES ('C-1001', '2026-04-08T10:00:00Z');
    INSERT INTO invoices (id, customer_id, amount, currency, due_date, issued_at, request)
      VALUES ('INV-1', 'C-1001', 2599.99, 'INR', '2026-04-30', '2026-03-31T18:30:00Z', '{}');
    INSERT INTO payments (id, invoice_id, amount, paid_at, request) VALUES ('P-1', 'INV-1', 1000.01, '2026-04-02T07:00:00Z', '{}');
    INSERT INTO decision_records (id, customer_id, rule_set_version, trigger, record) VALUES ('D-1', 'C-1001', 'abc123', 'return', '{"facts": {"returns": 1}}');
    INSERT INTO customer_profiles (customer_id, set_id, profile_id, assigned_by, decision_id) VALUES ('C-1001', 'account-type', 'standard', 'rules', 'D-1');
    INSERT INTO dunning_sequences (invoice_id, customer_id, scenario_id, profile_id, rule_set_version, steps)
      VALUES ('INV-1', 'C-1001', 'standard-reminders', 'standard', 'abc123', '[{"id": "email-1", "afterDays": 3}]');
    INSERT INTO dunning_step_runs (invoice_id, step_id, outcome, detail) VALUES ('INV-1', 'email-1', 'done', NULL);
    INSERT INTO notification_outbox (id, customer_id, channel, template, invoice_id, attempts, last_error)
      VALUES ('N-1', 'C-1001', 'email', 'reminder-1', 'INV-1', 1, 'connection refused');
    INSERT INTO tasks (id, kind, customer_id, invoice_id) VALUES ('T-1', 'call', 'C-1001', 'INV-1');
    INSERT INTO export_jobs (id, format, filters, requested_by, status) VALUES ('EXP-1', 'csv', '{"group": "vip"}', 'ops.priya', 'in-process');
    -- More rows than one fetch, to cross batch boundaries.
    INSERT INTO static_group_members (group_id, customer_id, added_at)
      SELECT 'newsletter-' || n, 'C-1001', '2026-01-01T00:00:00Z'::timestamptz + n * interval '1 minute' FROM generate_series(1, 4500) n;
    INSERT INTO import_jobs (id, target, filename, format, file, requested_by, status, total_rows, columns, created_at)
      SELECT 'IMP-' || n, 'customers', 'batch-' || n || '.csv', 'csv', decode(md5(n::text), 'hex'), 'ops.priya', 'complete', 1, '["id"]', '2026-02-01T00:00:00Z'
      FROM generate_series(2, 45) n;
  `);
  await store.query(
    "INSERT INTO import_jobs (id, target, filename, format, file, requested_by, status, total_rows, processed_rows, ok_rows, columns) VALUES ('IMP-1', 'customers', 'customers.csv', 'csv', $1, 'ops.priya', 'partial', 1, 1, 0, '[\"id\", \"email\"]')",
    [importFile],
  );
  await store.exec(
    `INSERT INTO import_errors (job_id, row_number, cells, error) VALUES ('IMP-1', 2, '["C-1003", "kavya.nair@example.com"]', 'email already taken')`,
  );
}

/** Every row of every table but the migration history, as JSON text, in a stable order. */
async function snapshot(db: Queryable): Promise<Snapshot> {
  const tables = await db.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name`,
  );
  const result: Snapshot = {};
  for (const { name } of tables) {
    const rows = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${name} t`);
    result[name] = rows.map((row) => row.row).sort();
  }
  return result;
}

function rowCount(tables: Snapshot): number {
  return Object.values(tables).reduce((sum, rows) => sum + rows.length, 0);
}

async function publicTables(url: string): Promise<string[]> {
  const db: Database = await openPostgresDatabase(url, 1);
  try {
    const rows = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    return rows.map((row) => row.table_name);
  } finally {
    await db.close();
  }
}

function pgliteQueryable(store: PGlite): Queryable {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await store.query<Row>(sql, params)).rows;
    },
    async exec(sql: string) {
      await store.exec(sql);
    },
  };
}

function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

function newDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rulebook-pglite-import-'));
  dirs.push(dir);
  return dir;
}
