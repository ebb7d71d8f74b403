import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anniversaryIn, dayNumber, fromDayNumber, parseCalendarDate } from '../../../src/rules/calendar';
import { findOperator, leafHolds } from '../../../src/rules/operators';

const msPerDay = 86_400_000;

describe('calendar arithmetic', () => {
  it('numbers days exactly as the JavaScript Date does, in both directions', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (days) => {
        const date = new Date(days * msPerDay);
        const expected = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
        expect(fromDayNumber(days)).toEqual(expected);
        expect(dayNumber(expected)).toBe(days);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads only real dates', () => {
    expect(parseCalendarDate('2028-02-29', 'UTC')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseCalendarDate('2027-02-29', 'UTC')).toBeUndefined();
    expect(parseCalendarDate('2027-13-01', 'UTC')).toBeUndefined();
    expect(parseCalendarDate('2027/01/01', 'UTC')).toBeUndefined();
  });
});

describe('recurring ranges', () => {
  it('match exactly the dates whose anniversary falls in the range (brute force on random ranges)', () => {
    const within = findOperator('date', 'withinNextDays')!;
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber({ year: 2020, month: 1, day: 1 }), max: dayNumber({ year: 2032, month: 12, day: 31 }) }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: dayNumber({ year: 1960, month: 1, day: 1 }), max: dayNumber({ year: 2010, month: 12, day: 31 }) }),
        (today, span, birth) => {
          const date = fromDayNumber(birth);
          const context = { today, timeZone: 'UTC', firstDayOfWeek: 'monday' as const };
          const iso = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
          let expected = false;
          for (let year = fromDayNumber(today).year; year <= fromDayNumber(today + span).year; year++) {
            const anniversary = anniversaryIn(date, year);
            if (anniversary >= today && anniversary <= today + span) expected = true;
          }
          expect(leafHolds(within, iso, { value: span, recurring: true }, context)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
