import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../src/errors';
import { createCustomer, getCustomer } from '../../src/store/customer-store';
import {
  eraseCustomer,
  listErasureCertificates,
  markErasurePending,
  previewErasure,
  restoreAfterCancelledErasure,
} from '../../src/store/erasure-store';
import { listMigrations, migrate, MigrationChangedError } from '../../src/store/migrate';
import { getTimeline } from '../../src/store/timeline-store';
import { testData } from '../support/factories';
import { emptyAllTables, useTestDatabase } from '../support/test-databases';

const aarav = { id: 'C-1001', email: 'aarav.sharma@example.com', phone: '+919876543210', name: 'Aarav Sharma' };

describe('store', () => {
  const test = useTestDatabase();
  beforeEach(async () => {
    await emptyAllTables(test.db);
  });

  describe('migrations', () => {
    it('are all applied at open and recorded once', async () => {
      const rows = await test.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(listMigrations().map((migration) => migration.version));
    });

    it('are safe to re-run: nothing is applied twice', async () => {
      expect(await migrate(test.db)).toEqual([]);
      expect(await migrate(test.db)).toEqual([]);
    });

    it('refuse to run when an applied migration was edited', async () => {
      const edited = listMigrations().map((migration) => ({ ...migration, checksum: 'edited' }));
      await expect(migrate(test.db, edited)).rejects.toBeInstanceOf(MigrationChangedError);
    });

    it('roll back a failing migration entirely', async () => {
      const broken = { version: 9999, name: 'broken', checksum: 'x', sql: 'CREATE TABLE half_done (id int); SELECT * FROM missing_table;' };
      await expect(migrate(test.db, [broken])).rejects.toThrow(/missing_table/);
      const tables = await test.db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
      expect(tables).toHaveLength(0);
      expect(await test.db.query('SELECT 1 FROM schema_migrations WHERE version = 9999')).toHaveLength(0);
    });
  });

  describe('transactions', () => {
    it('commit when the work resolves and roll back when it throws', async () => {
      await test.db.transaction((tx) => tx.query("INSERT INTO customers (id) VALUES ('kept')"));
      await expect(
        test.db.transaction(async (tx) => {
          await tx.query("INSERT INTO customers (id) VALUES ('dropped')");
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const ids = await test.db.query<{ id: string }>('SELECT id FROM customers ORDER BY id');
      expect(ids.map((row) => row.id)).toEqual(['kept']);
    });
  });

  describe('customers', () => {
    it("are created with the caller's id and read back", async () => {
      const { customer, created } = await createCustomer(test.db, aarav);
      expect(created).toBe(true);
      expect(await getCustomer(test.db, aarav.id)).toEqual(customer);
      expect(customer).toMatchObject({ ...aarav, active: true, erasureState: 'none' });
    });

    it('repeat an identical creation without change', async () => {
      const first = await createCustomer(test.db, aarav);
      const again = await createCustomer(test.db, aarav);
      expect(again).toEqual({ customer: first.customer, created: false });
    });

    it('refuse the same id with a different body', async () => {
      await createCustomer(test.db, aarav);
      await expect(createCustomer(test.db, { ...aarav, name: 'Someone Else' })).rejects.toBeInstanceOf(ConflictError);
    });

    it('refuse an email another customer holds, in any letter case, naming field and holder', async () => {
      await createCustomer(test.db, aarav);
      const clash = createCustomer(test.db, { id: 'C-2', email: 'AARAV.SHARMA@example.com' });
      await expect(clash).rejects.toMatchObject({ extensions: { field: 'email', existingCustomerId: 'C-1001' } });
    });

    it('refuse a phone another customer holds', async () => {
      await createCustomer(test.db, aarav);
      const clash = createCustomer(test.db, { id: 'C-2', phone: aarav.phone });
      await expect(clash).rejects.toMatchObject({ extensions: { field: 'phone', existingCustomerId: 'C-1001' } });
    });

    it('are reported missing with a NotFoundError', async () => {
      await expect(getCustomer(test.db, 'nobody')).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('erasure', () => {
    const request = { customerId: aarav.id, requestId: 'req-1' };

    beforeEach(async () => {
      await createCustomer(test.db, aarav);
    });

    it('previews the personal fields it will remove', async () => {
      expect(await previewErasure(test.db, aarav.id)).toMatchObject({
        customerId: aarav.id,
        fields: ['email', 'phone', 'name'],
        erasureState: 'none',
      });
    });

    it('marks the customer pending and restores on cancel, with both on the timeline', async () => {
      await markErasurePending(test.db, { ...request, eraseAt: '2027-01-07T00:00:00.000Z', requestedBy: 'ops' });
      expect((await getCustomer(test.db, aarav.id)).erasureState).toBe('pending');
      await restoreAfterCancelledErasure(test.db, { ...request, reason: 'mistake', cancelledBy: 'ops' });
      expect((await getCustomer(test.db, aarav.id)).erasureState).toBe('none');
      const kinds = (await getTimeline(test.db, aarav.id)).entries.map((entry) => entry.kind);
      // Newest first, after the customer's sign-up.
      expect(kinds).toEqual(['erasure-cancelled', 'erasure-requested', 'signed-up']);
    });

    it('removes personal data and keeps a certificate without any', async () => {
      const certificate = await eraseCustomer(test.db, { ...request, requestedAt: '2026-11-23T00:00:00.000Z', requestedBy: 'ops' });
      expect(await getCustomer(test.db, aarav.id)).toMatchObject({ email: null, phone: null, name: null, erasureState: 'erased' });
      expect(certificate).toMatchObject({ requestId: 'req-1', erasedFields: ['email', 'phone', 'name'] });
      const stored = JSON.stringify(await listErasureCertificates(test.db, aarav.id));
      for (const value of [aarav.email, aarav.phone, aarav.name]) expect(stored).not.toContain(value);
    });

    it('is idempotent: a retried erasure returns the same certificate and writes one timeline entry', async () => {
      const input = { ...request, requestedAt: '2026-11-23T00:00:00.000Z', requestedBy: 'ops' };
      const first = await eraseCustomer(test.db, input);
      expect(await eraseCustomer(test.db, input)).toEqual(first);
      const erased = (await getTimeline(test.db, aarav.id)).entries.filter((entry) => entry.kind === 'erasure-completed');
      expect(erased).toHaveLength(1);
    });

    it('leaves no personal data in related records: attributes, notes, history, decisions, memberships, error files', async () => {
      const db = test.db;
      await db.query(
        `UPDATE customers SET attributes = '{"city": "Mumbai", "birthdate": "1990-01-02", "premium_member": true}' WHERE id = $1`,
        [aarav.id],
      );
      await db.query(
        `INSERT INTO attribute_changes (customer_id, attribute, old_value, new_value, changed_by) VALUES ($1, 'city', null, '"Mumbai"', 'crm')`,
        [aarav.id],
      );
      await db.query(`INSERT INTO customer_notes (customer_id, text, author) VALUES ($1, 'Lives near the station', 'agent')`, [aarav.id]);
      await db.query(
        `INSERT INTO decision_records (id, customer_id, rule_set_version, trigger, record) VALUES ('d1', $1, 'v', 'return-created', '{"facts": {"city": "Mumbai"}}')`,
        [aarav.id],
      );
      await db.query(
        `INSERT INTO customer_profiles (customer_id, set_id, profile_id, assigned_by, decision_id) VALUES ($1, 'return-behaviour', 'first-time-returner', 'rules', 'd1')`,
        [aarav.id],
      );
      await db.query(`INSERT INTO static_group_members (group_id, customer_id) VALUES ('vip-import', $1)`, [aarav.id]);
      await db.query(`INSERT INTO returns (id, customer_id, items, returned_at, request) VALUES ('R1', $1, 1, now(), $2)`, [
        aarav.id,
        JSON.stringify({ id: 'R1', email: aarav.email }),
      ]);
      await testData(db).importJob({ errorRows: [{ cells: ['x', aarav.email], error: 'duplicate' }] });

      const personal = ['city', 'birthdate', 'gender'];
      const preview = await previewErasure(db, aarav.id, personal);
      expect(preview.fields).toEqual(['email', 'phone', 'name', 'attributes.city', 'attributes.birthdate']);
      expect(preview.related).toEqual({
        notes: 1,
        attributeHistory: 1,
        decisionRecords: 1,
        staticGroupMemberships: 1,
        taskOutcomes: 0,
        returnRequestEmails: 1,
        importErrorRows: 1,
        exportFiles: 0,
        mergedDuplicates: 0,
        deliveryErrors: 0,
        unsentMessages: 0,
      });

      const certificate = await eraseCustomer(db, { ...request, requestedAt: '2026-11-23T00:00:00.000Z', requestedBy: 'ops' }, personal);
      expect(certificate.erasedRecords).toEqual(preview.related);
      expect((await getCustomer(db, aarav.id)).attributes).toEqual({ premium_member: true });
      const leftovers = await db.query(
        `SELECT (SELECT count(*)::int FROM customer_notes) + (SELECT count(*)::int FROM attribute_changes) + (SELECT count(*)::int FROM decision_records)
              + (SELECT count(*)::int FROM static_group_members) + (SELECT count(*)::int FROM import_errors) AS n`,
      );
      expect(leftovers).toEqual([{ n: 0 }]);
      const everything =
        JSON.stringify(await db.query(`SELECT * FROM returns`)) +
        JSON.stringify(await db.query('SELECT * FROM customer_timeline')) +
        JSON.stringify(await db.query('SELECT * FROM erasure_certificates'));
      for (const value of [aarav.email, aarav.phone, aarav.name, 'Mumbai', '1990-01-02']) expect(everything).not.toContain(value);
    });

    it('frees the email and phone for a new customer once erased', async () => {
      await eraseCustomer(test.db, { ...request, requestedAt: '2026-11-23T00:00:00.000Z', requestedBy: 'ops' });
      const { created } = await createCustomer(test.db, { ...aarav, id: 'C-1002' });
      expect(created).toBe(true);
    });
  });
});
