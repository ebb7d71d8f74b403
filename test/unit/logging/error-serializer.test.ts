/** Errors in the logs keep their type, code and stack but not the values they quote. */
import { describe, expect, it } from 'vitest';
import { serializeErrorWithoutValues } from '../../../src/logging/error-serializer';

describe('errors in the logs', () => {
  it('replace quoted text in messages and stacks', () => {
    const error = new Error(`invalid input syntax for type date: "03/02/1991 priya@example.com" near 'x' Key (phone)=(+919800000001)`);
    const serialized = serializeErrorWithoutValues(error);
    expect(serialized.message).toBe('invalid input syntax for type date: "…" near "…" Key (phone)=(…)');
    expect(JSON.stringify(serialized)).not.toMatch(/priya|9800000001/);
  });
});
