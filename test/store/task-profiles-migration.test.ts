/**
 * Migration 0018 on the tasks an earlier Rulebook made: manual-handling tasks, which recorded no
 * profile, get the one their customer held when the task was made, so that they stay in the
 * per-profile view (GET /v1/tasks?profile=to-assign); every task and sequence gets its profile set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database';
import { listMigrations, migrate } from '../../src/store/migrate';
import { openPostgresDatabase } from '../../src/store/postgres-database';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/test-databases';

let location: TestDatabaseLocation;
let db: Database;

/** The profile-changed timeline entry the store writes for a change of the account type. */
const change = (customerId: string, at: string, from: string | null, to: string | null) =>
  db.query(`INSERT INTO customer_timeline (customer_id, event_key, at, kind, detail) VALUES ($1, $2, $3, 'profile-changed', $4)`, [
    customerId,
    `profile:${customerId}:${at}`,
    at,
    JSON.stringify({ setId: 'account-type', from, to, by: 'ar' }),
  ]);

beforeAll(async () => {
  location = await createTestDatabaseLocation('rulebook_task_profiles');
  db = await openPostgresDatabase(location.settings.databaseUrl, 2);
  // The schema as the previous release left it, and what it recorded.
  await migrate(
    db,
    listMigrations().filter((migration) => migration.version <= 17),
  );
  await db.exec(`
    INSERT INTO customers (id) VALUES ('C-kept'), ('C-later'), ('C-between'), ('C-none'), ('C-std');
    -- New customers get the default profile, with no timeline entry.
    INSERT INTO customer_profiles (customer_id, set_id, profile_id, assigned_by, assigned_at) VALUES
      ('C-kept', 'account-type', 'to-assign', 'default', '2026-01-01T00:00:00Z'),
      ('C-later', 'account-type', 'standard', 'ar', '2026-03-01T00:00:00Z'),
      ('C-between', 'account-type', 'standard', 'ar', '2026-03-01T00:00:00Z'),
      ('C-std', 'account-type', 'standard', 'ar', '2026-01-01T00:00:00Z');
    INSERT INTO invoices (id, customer_id, amount, currency, due_date, issued_at, request) VALUES
      ('INV-std', 'C-std', 2500, 'INR', '2026-02-01', '2026-01-10T00:00:00Z', '{}');
    INSERT INTO dunning_sequences (invoice_id, customer_id, scenario_id, profile_id, rule_set_version, steps)
      VALUES ('INV-std', 'C-std', 'standard', 'standard', 'v1', '[]');
    INSERT INTO tasks (id, kind, customer_id, invoice_id, scenario_id, profile_id, template, created_at) VALUES
      ('manual:INV-kept', 'manual-handling', 'C-kept', 'INV-kept', NULL, NULL, NULL, '2026-02-01T00:00:00Z'),
      ('manual:INV-later', 'manual-handling', 'C-later', 'INV-later', NULL, NULL, NULL, '2026-02-01T00:00:00Z'),
      ('manual:INV-between', 'manual-handling', 'C-between', 'INV-between', NULL, NULL, NULL, '2026-02-01T00:00:00Z'),
      ('manual:INV-none', 'manual-handling', 'C-none', 'INV-none', NULL, NULL, NULL, '2026-02-01T00:00:00Z'),
      ('INV-std:call', 'call', 'C-std', 'INV-std', 'standard', 'standard', 'overdue-call', '2026-02-16T00:00:00Z');
  `);
  // C-later was made standard after their task; C-between was a key account when their task was made.
  await change('C-later', '2026-03-01T00:00:00Z', 'to-assign', 'standard');
  await change('C-between', '2026-01-05T00:00:00Z', 'to-assign', 'key-account');
  await change('C-between', '2026-03-01T00:00:00Z', 'key-account', 'standard');
  await migrate(db);
}, 60_000);

afterAll(async () => {
  await db?.close();
  await location?.drop();
});

/** The task's profile set, profile and scenario after the migration. */
async function taskProfile(id: string) {
  const [row] = await db.query<{ profile_set_id: string | null; profile_id: string | null; scenario_id: string | null }>(
    'SELECT profile_set_id, profile_id, scenario_id FROM tasks WHERE id = $1',
    [id],
  );
  return row;
}

describe('migration 0018 (the profile of tasks made before it)', () => {
  it('gives a manual-handling task the profile its customer still holds when it never changed', async () => {
    expect(await taskProfile('manual:INV-kept')).toEqual({ profile_set_id: 'account-type', profile_id: 'to-assign', scenario_id: null });
  });

  it('gives a manual-handling task the profile its customer held before a later change, not the one they hold now', async () => {
    expect(await taskProfile('manual:INV-later')).toEqual({ profile_set_id: 'account-type', profile_id: 'to-assign', scenario_id: null });
  });

  it('gives a manual-handling task the profile of the last change before it was made', async () => {
    expect(await taskProfile('manual:INV-between')).toEqual({
      profile_set_id: 'account-type',
      profile_id: 'key-account',
      scenario_id: null,
    });
  });

  it('leaves no profile to the task of a customer who held none', async () => {
    expect(await taskProfile('manual:INV-none')).toEqual({ profile_set_id: 'account-type', profile_id: null, scenario_id: null });
  });

  it("gives a step's task and its sequence the set of the profile the sequence follows", async () => {
    expect(await taskProfile('INV-std:call')).toEqual({ profile_set_id: 'account-type', profile_id: 'standard', scenario_id: 'standard' });
    expect(await db.query("SELECT profile_set_id FROM dunning_sequences WHERE invoice_id = 'INV-std'")).toEqual([
      { profile_set_id: 'account-type' },
    ]);
  });
});
