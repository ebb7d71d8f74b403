/** The returns window: JavaScript and the database agree on which returns count, month ends included. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inReturnsWindow } from '../../src/rules/derive-facts';
import type { ReturnsWindow } from '../../src/rules/rule-types';
import { useTestDatabase } from '../support/test-databases';

describe('returns window', () => {
  const test = useTestDatabase();

  it('counts the same returns as JavaScript, at month ends and leap days too', async () => {
    const monthEnds = fc.constantFrom('2026-01-31T12:00:00Z', '2028-02-29T00:00:00Z', '2026-03-31T23:59:59Z', '2026-12-31T18:30:00Z');
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2029, 0, 1) }).map((ms) => new Date(ms).toISOString()),
      monthEnds,
    );
    const windows: ReturnsWindow[] = ['1 month', '3 months', '6 months', '12 months', '24 months', 'unlimited'];
    await fc.assert(
      fc.asyncProperty(instant, instant, fc.constantFrom(...windows), async (at, now, window) => {
        const months = window === 'unlimited' ? null : Number.parseInt(window, 10);
        const [row] = await test.db.query<{ counted: boolean }>(
          `SELECT $1::timestamptz <= $2::timestamptz AND ($3::int IS NULL OR $1::timestamptz + make_interval(months => $3::int) > $2::timestamptz) AS counted`,
          [at, now, months],
        );
        expect(row!.counted).toBe(inReturnsWindow(new Date(at), window, new Date(now)));
      }),
      { numRuns: 500 },
    );
  });
});
