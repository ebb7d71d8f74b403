/** Month arithmetic of the returns window: a month later is the same day, or the last day of a shorter month. */
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../../src/rules/derive-facts';

describe('addMonths', () => {
  it('clamps to the end of shorter months', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2028-01-31T10:00:00Z'), 1).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addMonths(new Date('2026-03-31T23:30:00Z'), -1).toISOString()).toBe('2026-02-28T23:30:00.000Z');
    expect(addMonths(new Date('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
  });
});
