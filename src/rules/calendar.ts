/**
 * Calendar dates for date conditions. A calendar date is a day number (days since 1970-01-01), so
 * that comparisons and day arithmetic are integer operations; "today" is taken in a time zone.
 */
import type { Weekday } from './rule-types';

const weekdays: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/**
 * Day number of a calendar date, by integer arithmetic (H. Hinnant's days_from_civil): evaluation
 * calls this for every date fact, and Date objects cost several times more.
 */
export function dayNumber(date: CalendarDate): number {
  const year = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5) + date.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Calendar date of a day number (civil_from_days, the inverse of dayNumber). */
export function fromDayNumber(days: number): CalendarDate {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The last date worked out per time zone, by quarter hour: every time zone's offset since 2000 is
 * a whole number of quarter hours, so midnight falls on a quarter-hour boundary of UTC and all
 * instants of one quarter hour share a date (older instants, of local mean times, are not cached).
 * Events evaluate "today" once each: Intl costs more than the rules.
 */
const lastDates = new Map<string, { quarterHour: number; date: CalendarDate }>();
const quarterHourMs = 15 * 60_000;
const year2000 = Date.UTC(2000, 0, 1);

/** The calendar date of an instant in a time zone ("today" for the analyst's account). */
export function dateInTimeZone(instant: Date, timeZone: string): CalendarDate {
  if (instant.getTime() < year2000) return formatDate(instant, timeZone);
  const quarterHour = Math.floor(instant.getTime() / quarterHourMs);
  const last = lastDates.get(timeZone);
  if (last?.quarterHour === quarterHour) return { ...last.date };
  const date = formatDate(instant, timeZone);
  lastDates.set(timeZone, { quarterHour, date });
  return { ...date };
}

function formatDate(instant: Date, timeZone: string): CalendarDate {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)!.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/**
 * The first instant of a calendar date in a time zone: its midnight there (the due date of an
 * invoice "starts" for the account, not in UTC). Midnight under the offset in force just before it
 * and under the one in force just after: the earlier of the two that falls on the date (where clocks
 * jump forward at midnight, the date starts when they land; where they fall back, at the first midnight).
 */
export function startOfDateInTimeZone(date: CalendarDate, timeZone: string): Date {
  const wallClock = Date.UTC(date.year, date.month - 1, date.day);
  const first = wallClock - offsetAt(wallClock, timeZone);
  const second = wallClock - offsetAt(first, timeZone);
  const target = dayNumber(date);
  const onTheDate = [first, second].filter((instant) => dayNumber(formatDate(new Date(instant), timeZone)) === target);
  return new Date(Math.min(...(onTheDate.length > 0 ? onTheDate : [first])));
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far the time zone's clocks are ahead of UTC at `instant` (ms; negative west of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    clockFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)!.value);
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return local - (instant - (((instant % 1000) + 1000) % 1000));
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
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Reads a fact or rule value as a calendar date: "YYYY-MM-DD" is that day; a full ISO instant
 * ("…T…Z" or with an offset) is the day it falls on in `timeZone`. Anything else is undefined.
 */
export function parseCalendarDate(value: unknown, timeZone: string): CalendarDate | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : dateInTimeZone(value, timeZone);
  if (typeof value !== 'string') return undefined;
  if (value.length === 10) return parseDateOnly(value);
  const match = datePattern.exec(value);
  if (!match) return undefined;
  if (value.length > 10) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? undefined : dateInTimeZone(instant, timeZone);
  }
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidDate(date) ? date : undefined;
}

/** "YYYY-MM-DD" read digit by digit: the hot path of date conditions. */
function parseDateOnly(value: string): CalendarDate | undefined {
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const lastDay = month === 2 && isLeapYear(year) ? 29 : daysInMonth[month - 1]!;
  return day <= lastDay ? { year, month, day } : undefined;
}

/** The decimal number in value[start, end), or -1 if a character is not a digit. */
function digits(value: string, start: number, end: number): number {
  let number = 0;
  for (let index = start; index < end; index++) {
    const digit = value.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
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

/** Day number of the first day of the week that contains `day`. */
export function startOfWeek(day: number, firstDayOfWeek: Weekday): number {
  // 1970-01-01 was a Thursday (weekday index 4).
  const weekday = (((day + 4) % 7) + 7) % 7;
  const offset = (weekday - weekdays.indexOf(firstDayOfWeek) + 7) % 7;
  return day - offset;
}

/** A day number as "YYYY-MM-DD". */
export function formatDayNumber(day: number): string {
  const { year, month, day: date } = fromDayNumber(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}
