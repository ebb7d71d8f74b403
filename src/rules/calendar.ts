/**
 * Calendar dates for date conditions. A calendar date is a day number (days since 1970-01-01), so
 * that comparisons and day arithmetic are integer operations; "today" is taken in a time zone.
 */
import type { Weekday } from './rule-types';

const msPerDay = 86_400_000;
const weekdays: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** Day number of a calendar date. */
export function dayNumber(date: CalendarDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / msPerDay);
}

/** Calendar date of a day number. */
export function fromDayNumber(days: number): CalendarDate {
  const date = new Date(days * msPerDay);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone ("today" for the analyst's account). */
export function dateInTimeZone(instant: Date, timeZone: string): CalendarDate {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)!.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** Whether `timeZone` is a time zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Reads a fact or rule value as a calendar date: "YYYY-MM-DD" is that day; a full ISO instant
 * ("…T…Z" or with an offset) is the day it falls on in `timeZone`. Anything else is undefined.
 */
export function parseCalendarDate(value: unknown, timeZone: string): CalendarDate | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : dateInTimeZone(value, timeZone);
  if (typeof value !== 'string') return undefined;
  const match = datePattern.exec(value);
  if (!match) return undefined;
  if (value.length > 10) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? undefined : dateInTimeZone(instant, timeZone);
  }
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidDate(date) ? date : undefined;
}

/** Reads "MM-DD" (a day of the year, for recurring conditions). */
export function parseMonthDay(value: unknown): { month: number; day: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const monthDay = { month: Number(match[1]), day: Number(match[2]) };
  // 2000 is a leap year, so 02-29 is a valid day of the year.
  return isValidDate({ year: 2000, ...monthDay }) ? monthDay : undefined;
}

function isValidDate(date: CalendarDate): boolean {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day === fromDayNumber(dayNumber(date)).day;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The day on which a date recurs in `year`: 29 February recurs on 28 February in non-leap years. */
export function anniversaryIn(date: { month: number; day: number }, year: number): number {
  if (date.month === 2 && date.day === 29 && !isLeapYear(year)) return dayNumber({ year, month: 2, day: 28 });
  return dayNumber({ year, month: date.month, day: date.day });
}

/** Whether `date` recurs on day number `day`. */
export function recursOn(date: { month: number; day: number }, day: number): boolean {
  return anniversaryIn(date, fromDayNumber(day).year) === day;
}

/** Day number of the first day of the week that contains `day`. */
export function startOfWeek(day: number, firstDayOfWeek: Weekday): number {
  // 1970-01-01 was a Thursday (weekday index 4).
  const weekday = (((day + 4) % 7) + 7) % 7;
  const offset = (weekday - weekdays.indexOf(firstDayOfWeek) + 7) % 7;
  return day - offset;
}
