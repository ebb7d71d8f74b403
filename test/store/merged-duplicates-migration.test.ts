/**
 * Migration 0019 on the duplicates an earlier Rulebook merged: they kept their profiles, their facts
 * row counted in conditional groups, and their reminder sequences and tasks stayed on them. After it,
 * each holds nothing and counts nowhere, and its survivor has what it had.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database';
import { listMigrations, migrate } from '../../src/store/migrate';
import { openPostgresDatabase } from '../../src/store/postgres-database';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/test-databases';

let location: TestDatabaseLocation;
let db: Database;

beforeAll(async () => {
  location = await createTestDatabaseLocation('rulebook_merged_duplicates');
  db = await openPostgresDatabase(location.settings.databaseUrl, 2);
  // The schema as the previous release left it, and what its merge of D into S left behind.
  await migrate(
    db,
    listMigrations().filter((migration) => migration.version <= 18),
  );
  await db.exec(`
    INSERT INTO customers (id) VALUES ('S'), ('D'), ('Other');
    INSERT INTO customer_profiles (customer_id, set_id, profile_id, assigned_by) VALUES
      ('S', 'account-type', 'standard', 'ar'), ('D', 'account-type', 'to-assign', 'default'), ('Other', 'account-type', 'to-assign', 'default');
    INSERT INTO static_group_members (group_id, customer_id) VALUES ('vip-import', 'D'), ('vip-import', 'Other');
    INSERT INTO invoices (id, customer_id, amount, currency, due_date, issued_at, request) VALUES
      ('INV-d', 'S', 2500, 'INR', '2026-02-01', '2026-01-10T00:00:00Z', '{}');
    INSERT INTO dunning_sequences (invoice_id, customer_id, scenario_id, profile_set_id, profile_id, rule_set_version, steps)
      VALUES ('INV-d', 'D', 'standard', 'account-type', 'standard', 'v1', '[]');
    INSERT INTO tasks (id, kind, customer_id, invoice_id, scenario_id, profile_set_id, profile_id, template) VALUES
      ('INV-d:call', 'call', 'D', 'INV-d', 'standard', 'account-type', 'standard', 'overdue-call');
    INSERT INTO returns_window_schedule (customer_id, next_at) VALUES ('D', now() + interval '1 day');
    UPDATE customers SET merged_into = 'S', active = false WHERE id = 'D';
  `);
  await migrate(db);
}, 60_000);

afterAll(async () => {
  await db?.close();
  await location?.drop();
});

describe('migration 0019 on duplicates merged before it', () => {
  it('takes their profiles away, leaving the profiles of other customers', async () => {
    expect(await db.query('SELECT customer_id, profile_id FROM customer_profiles ORDER BY customer_id')).toEqual([
      { customer_id: 'Other', profile_id: 'to-assign' },
      { customer_id: 'S', profile_id: 'standard' },
    ]);
  });

  it('puts their survivors in their static groups instead of them', async () => {
    expect(await db.query('SELECT group_id, customer_id FROM static_group_members ORDER BY customer_id')).toEqual([
      { group_id: 'vip-import', customer_id: 'Other' },
      { group_id: 'vip-import', customer_id: 'S' },
    ]);
  });

  it('keeps them out of every count, as the merge now does for new duplicates', async () => {
    expect(await db.query('SELECT customer_id, erased FROM customer_facts ORDER BY customer_id')).toEqual([
      { customer_id: 'D', erased: true },
      { customer_id: 'Other', erased: false },
      { customer_id: 'S', erased: false },
    ]);
    await db.exec(`INSERT INTO customers (id) VALUES ('D2'), ('S2'); UPDATE customers SET merged_into = 'S2' WHERE id = 'D2'`);
    expect(await db.query(`SELECT erased FROM customer_facts WHERE customer_id IN ('D2', 'S2') ORDER BY customer_id`)).toEqual([
      { erased: true },
      { erased: false },
    ]);
  });

  it('gives their reminder sequences and tasks to their survivors, and forgets their returns-window moment', async () => {
    expect(await db.query('SELECT customer_id FROM dunning_sequences')).toEqual([{ customer_id: 'S' }]);
    expect(await db.query('SELECT customer_id FROM tasks')).toEqual([{ customer_id: 'S' }]);
    expect(await db.query(`SELECT 1 FROM returns_window_schedule WHERE customer_id = 'D'`)).toEqual([]);
  });
});
