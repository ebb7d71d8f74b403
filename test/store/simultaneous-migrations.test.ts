/**
 * Several processes may start at once on one PostgreSQL (docs/operations.md): their migrations must
 * neither collide nor apply anything twice.
 */
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../src/store/migrate';
import { openPostgresDatabase } from '../../src/store/postgres-database';
import { createTestDatabaseLocation } from '../support/test-databases';

describe('migrations started by four processes at the same instant', () => {
  it('succeed together on a fresh database, twenty times in a row', async () => {
    for (let round = 0; round < 20; round++) {
      const location = await createTestDatabaseLocation('rulebook_migrate');
      const processes = await Promise.all([1, 2, 3, 4].map(() => openPostgresDatabase(location.settings.databaseUrl, 2)));
      try {
        const applied = await Promise.all(processes.map((db) => migrate(db)));
        // Every migration applied exactly once, by one of them.
        expect(applied.flat().sort((a, b) => a - b)).toEqual(listMigrations().map((migration) => migration.version));
        const [recorded] = await processes[0]!.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
        expect(recorded!.n).toBe(listMigrations().length);
      } finally {
        await Promise.all(processes.map((db) => db.close()));
        await location.drop();
      }
    }
  }, 180_000);
});
