/** Date conditions as analysts read them: time zone, first day of the week, recurring dates, 29 February. */
import { describe, expect, it } from 'vitest';
import { dateInTimeZone, dayNumber } from '../../../src/rules/calendar';
import { findOperator, leafHolds, type Operand, type OperatorContext } from '../../../src/rules/operators';
import type { Weekday } from '../../../src/rules/rule-types';

function context(now: string, timeZone = 'Asia/Kolkata', firstDayOfWeek: Weekday = 'monday'): OperatorContext {
  return { today: dayNumber(dateInTimeZone(new Date(now), timeZone)), timeZone, firstDayOfWeek };
}

function holds(operator: string, fact: unknown, operand: Operand, at: OperatorContext): boolean {
  return leafHolds(findOperator('date', operator)!, fact, operand, at);
}

const day = (iso: string) => dayNumber({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) });

describe('occursThisWeek', () => {
  const newYearsEve = context('2026-12-31T10:00:00+05:30');

  it('finds a recurring birthday in a week that spans the new year', () => {
    expect(holds('occursThisWeek', '1990-01-02', { recurring: true }, newYearsEve)).toBe(true);
    expect(holds('occursThisWeek', '1985-12-28', { recurring: true }, newYearsEve)).toBe(true);
    expect(holds('occursThisWeek', '1990-01-05', { recurring: true }, newYearsEve)).toBe(false);
  });

  it('compares the whole date when not recurring', () => {
    expect(holds('occursThisWeek', '2027-01-02', {}, newYearsEve)).toBe(true);
    expect(holds('occursThisWeek', '1990-01-02', {}, newYearsEve)).toBe(false);
  });

  it('starts the week on the configured first day', () => {
    // Sunday 3 January 2027: the last day of a Monday week, the first of a Sunday week.
    const sunday = '2027-01-03T12:00:00+05:30';
    expect(holds('occursThisWeek', '1990-12-28', { recurring: true }, context(sunday, 'Asia/Kolkata', 'monday'))).toBe(true);
    expect(holds('occursThisWeek', '1990-12-28', { recurring: true }, context(sunday, 'Asia/Kolkata', 'sunday'))).toBe(false);
  });

  it('takes "this week" in the account time zone', () => {
    // 20:00 UTC on Sunday 27 December is already Monday 28 December in Kolkata.
    const instant = '2026-12-27T20:00:00Z';
    expect(holds('occursThisWeek', '1990-01-02', { recurring: true }, context(instant, 'Asia/Kolkata'))).toBe(true);
    expect(holds('occursThisWeek', '1990-01-02', { recurring: true }, context(instant, 'UTC'))).toBe(false);
  });
});

describe('29 February', () => {
  it('recurs on 28 February in a non-leap year', () => {
    expect(holds('occursToday', '2000-02-29', { recurring: true }, context('2027-02-28T09:00:00+05:30'))).toBe(true);
    expect(holds('occursToday', '2000-02-29', { recurring: true }, context('2027-03-01T09:00:00+05:30'))).toBe(false);
  });

  it('recurs on 29 February in a leap year, and not on the 28th', () => {
    expect(holds('occursToday', '2000-02-29', { recurring: true }, context('2028-02-29T09:00:00+05:30'))).toBe(true);
    expect(holds('occursToday', '2000-02-29', { recurring: true }, context('2028-02-28T09:00:00+05:30'))).toBe(false);
  });

  it('is within the next days when 28 February of a non-leap year is', () => {
    expect(holds('withinNextDays', '1996-02-29', { value: 3, recurring: true }, context('2027-02-26T09:00:00+05:30'))).toBe(true);
  });
});

describe('recurring ranges', () => {
  it('wrap over the new year', () => {
    const operand = {
      recurring: true,
      monthDays: [
        { month: 12, day: 20 },
        { month: 1, day: 5 },
      ],
    };
    const at = context('2026-06-01T00:00:00Z');
    expect(holds('between', '1980-12-24', operand, at)).toBe(true);
    expect(holds('between', '1980-01-03', operand, at)).toBe(true);
    expect(holds('between', '1980-06-15', operand, at)).toBe(false);
  });

  it('count an anniversary within the last days across the new year', () => {
    expect(holds('withinLastDays', '1970-12-30', { value: 7, recurring: true }, context('2027-01-02T12:00:00Z', 'UTC'))).toBe(true);
  });
});

describe('absolute dates', () => {
  const at = context('2026-11-23T12:00:00Z', 'UTC');

  it('compare calendar days, reading instants in the account time zone', () => {
    expect(holds('before', '2026-11-22', { days: [day('2026-11-23')] }, at)).toBe(true);
    expect(holds('after', '2026-11-22T20:00:00Z', { days: [day('2026-11-22')] }, context('2026-11-23T12:00:00Z', 'Asia/Kolkata'))).toBe(
      true,
    );
    expect(holds('on', '2026-11-23', { days: [day('2026-11-23')] }, at)).toBe(true);
  });

  it('count the last N days including today', () => {
    expect(holds('withinLastDays', '2026-11-16', { value: 7 }, at)).toBe(true);
    expect(holds('withinLastDays', '2026-11-15', { value: 7 }, at)).toBe(false);
    expect(holds('withinLastDays', '2026-11-24', { value: 7 }, at)).toBe(false);
  });

  it('treat a missing or malformed date as not matching, except isNotSet', () => {
    expect(holds('occursThisMonth', undefined, {}, at)).toBe(false);
    expect(holds('occursThisMonth', 'soon', {}, at)).toBe(false);
    expect(leafHolds(findOperator('date', 'isNotSet')!, undefined, {}, at)).toBe(true);
    expect(leafHolds(findOperator('date', 'isNotSet')!, '2026-01-01', {}, at)).toBe(false);
  });
});

describe('text operators', () => {
  const at = context('2026-11-23T12:00:00Z');
  const text = (operator: string, fact: unknown, value: unknown) => leafHolds(findOperator('text', operator)!, fact, { value }, at);

  it('ignore letter case', () => {
    expect(text('equals', 'mumbai', 'Mumbai')).toBe(true);
    expect(text('in', 'PUNE', ['Mumbai', 'Pune'])).toBe(true);
    expect(text('startsWith', 'Navi Mumbai', 'navi')).toBe(true);
  });

  it('do not match values of another type', () => {
    expect(text('equals', 5, '5')).toBe(false);
  });
});
