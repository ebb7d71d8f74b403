/** Errors in the logs keep their type, code and stack but not the values they quote. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeErrorWithoutValues } from '../../src/logging/error-serializer';
import { openTestDatabase, type TestDatabase } from '../support/test-databases';

let test: TestDatabase;

beforeAll(async () => {
  test = await openTestDatabase();
});

afterAll(async () => {
  await test?.dispose();
});

describe('errors in the logs', () => {
  it("leave out the clashing email of a real unique violation, and keep what helps to debug", async () => {
    await test.db.query("INSERT INTO customers (id, email) VALUES ('C-log-1', 'clash.marker@example.com')");
    const error = await test.db.query("INSERT INTO customers (id, email) VALUES ('C-log-2', 'clash.marker@example.com')").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    const serialized = serializeErrorWithoutValues(error);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).toContain('clash.marker@example.com');
    expect(JSON.stringify(serialized)).not.toContain('clash.marker');
    expect(serialized).toMatchObject({ code: '23505', stack: expect.stringContaining('at ') });
  });

  it('replace quoted text in messages and stacks', () => {
    const error = new Error(`invalid input syntax for type date: "03/02/1991 priya@example.com" near 'x' Key (phone)=(+919800000001)`);
    const serialized = serializeErrorWithoutValues(error);
    expect(serialized.message).toBe('invalid input syntax for type date: "…" near "…" Key (phone)=(…)');
    expect(JSON.stringify(serialized)).not.toMatch(/priya|9800000001/);
  });
});
