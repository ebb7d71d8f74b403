/** A real PostgreSQL error in the logs keeps its type, code and stack but not the values it quotes. */
import { describe, expect, it } from 'vitest';
import { serializeErrorWithoutValues } from '../../src/logging/error-serializer';
import { useTestDatabase } from '../support/test-databases';

const test = useTestDatabase();

describe('errors in the logs', () => {
  it('leave out the clashing email of a real unique violation, and keep what helps to debug', async () => {
    // Plain INSERTs, not the store: the store avoids raising this error, and its text is the subject here.
    await test.db.query("INSERT INTO customers (id, email) VALUES ('C-log-1', 'clash.marker@example.com')");
    const error = await test.db
      .query("INSERT INTO customers (id, email) VALUES ('C-log-2', 'clash.marker@example.com')")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    const serialized = serializeErrorWithoutValues(error);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).toContain('clash.marker@example.com');
    expect(JSON.stringify(serialized)).not.toContain('clash.marker');
    expect(serialized).toMatchObject({ code: '23505', stack: expect.stringContaining('at ') });
  });
});
