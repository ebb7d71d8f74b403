/**
 * In-memory derivation of return facts from raw events, for rule tests and `explain` files. The
 * service computes the same facts in the database; both count a return while it is younger than
 * the window (it leaves the window exactly `window` after it was made).
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

/** Start of the returns window ending at `now`, or undefined for "unlimited". */
export function windowStart(window: ReturnsWindow, now: Date): Date | undefined {
  if (window === 'unlimited') return undefined;
  const start = new Date(now);
  start.setUTCMonth(start.getUTCMonth() - Number.parseInt(window, 10));
  return start;
}

/**
 * Adds returns_in_window and returned_percentage when the facts carry `returns` (and `orders`)
 * event lists and do not already state them.
 */
export function deriveReturnFacts(facts: FactValues, window: ReturnsWindow, now: Date): FactValues {
  const returns = facts.returns;
  if (!Array.isArray(returns) || (Object.hasOwn(facts, 'returns_in_window') && Object.hasOwn(facts, 'returned_percentage'))) return facts;
  const start = windowStart(window, now);
  const inWindow = (event: { at: string }) => {
    const at = Date.parse(event.at);
    return at <= now.getTime() && (start === undefined || at > start.getTime());
  };
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
