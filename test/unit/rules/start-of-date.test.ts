/** The first instant of a calendar date in a time zone: when a reminder "on the due date" is due for the account. */
import { describe, expect, it } from 'vitest';
import { startOfDateInTimeZone } from '../../../src/rules/calendar';

const start = (date: string, timeZone: string) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return startOfDateInTimeZone({ year, month, day }, timeZone).toISOString();
};

describe('the start of a date in a time zone', () => {
  it('is local midnight, east and west of Greenwich', () => {
    expect(start('2027-03-01', 'Asia/Kolkata')).toBe('2027-02-28T18:30:00.000Z');
    expect(start('2027-03-01', 'America/New_York')).toBe('2027-03-01T05:00:00.000Z');
    expect(start('2027-03-01', 'UTC')).toBe('2027-03-01T00:00:00.000Z');
  });

  it('follows summer time: the offset in force at that midnight', () => {
    expect(start('2026-07-01', 'Europe/Paris')).toBe('2026-06-30T22:00:00.000Z');
    expect(start('2026-12-01', 'Europe/Paris')).toBe('2026-11-30T23:00:00.000Z');
    // The days clocks change (at 02:00 / 03:00 local): their midnight still has the day's first offset.
    expect(start('2026-03-29', 'Europe/Paris')).toBe('2026-03-28T23:00:00.000Z');
    expect(start('2026-10-25', 'Europe/Paris')).toBe('2026-10-24T22:00:00.000Z');
    expect(start('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
  });

  it('is the first minute after a gap where clocks jump at midnight', () => {
    // Santiago moved its clocks from 00:00 to 01:00 on 2026-09-06: that day starts at 01:00 local (04:00 UTC).
    expect(start('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
  });
});
