/**
 * In-memory derivation of return facts from raw events, for rule tests and `explain` files. The
 * service computes the same facts in the database; both count a return from the moment it is made
 * until exactly one window-length later (calendar months in UTC, clamped to month ends).
 */
import type { FactValues } from './fact-values';
import type { ReturnsWindow } from './rule-types';

interface ReturnEvent {
  at: string;
  items?: number;
}
interface OrderEvent {
  at: string;
  items?: number;
}

/** The window's length in months, or undefined for "unlimited". */
export function windowMonths(window: ReturnsWindow): number | undefined {
  return window === 'unlimited' ? undefined : Number.parseInt(window, 10);
}

/**
 * `instant` plus `months` calendar months in UTC, the day clamped to the end of a shorter month
 * (31 January + 1 month = 28 February), as PostgreSQL adds intervals.
 */
export function addMonths(instant: Date, months: number): Date {
  const target = new Date(instant);
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** When a return made at `at` leaves the window (it counts while `now` is before), or undefined if never. */
export function leavesWindowAt(at: Date, window: ReturnsWindow): Date | undefined {
  const months = windowMonths(window);
  return months === undefined ? undefined : addMonths(at, months);
}

/** Whether an event at `at` counts in the window at `now`: made by now, and not yet aged out. */
export function inReturnsWindow(at: Date, window: ReturnsWindow, now: Date): boolean {
  if (at.getTime() > now.getTime()) return false;
  const leaves = leavesWindowAt(at, window);
  return leaves === undefined || leaves.getTime() > now.getTime();
}

/**
 * Adds returns_in_window and returned_percentage when the facts carry `returns` (and `orders`)
 * event lists and do not already state them.
 */
export function deriveReturnFacts(facts: FactValues, window: ReturnsWindow, now: Date): FactValues {
  const returns = facts.returns;
  if (!Array.isArray(returns) || (Object.hasOwn(facts, 'returns_in_window') && Object.hasOwn(facts, 'returned_percentage'))) return facts;
  const inWindow = (event: { at: string }) => inReturnsWindow(new Date(event.at), window, now);
  const counted = (returns as ReturnEvent[]).filter(inWindow);
  const derived: Record<string, unknown> = { ...facts };
  if (!Object.hasOwn(facts, 'returns_in_window')) derived.returns_in_window = counted.length;
  const orders = Array.isArray(facts.orders) ? (facts.orders as OrderEvent[]).filter(inWindow) : [];
  const ordered = orders.reduce((sum, order) => sum + (order.items ?? 1), 0);
  if (!Object.hasOwn(facts, 'returned_percentage') && ordered > 0) {
    const returned = counted.reduce((sum, event) => sum + (event.items ?? 1), 0);
    derived.returned_percentage = (returned / ordered) * 100;
  }
  return derived;
}
