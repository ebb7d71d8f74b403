/**
 * A cash-on-delivery hold (seed 002): the order's value is held against the customer's limit until
 * delivery, cancellation or return to origin settle it; an order still in transit after the
 * longest transit time releases its hold anyway and is flagged for review.
 */
import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import { databaseStep } from './activity-options';
import type { CodActivities } from '../activities/cod-activities';

export interface CodHoldInput {
  orderId: string;
  /** Longest time in transit, from the settings when the order was placed. */
  longestTransitMs: number;
}

/** Sent when the order is delivered, cancelled or returned to origin (the hold is already released). */
export const settledSignal = defineSignal<[{ reason: string }]>('settled');
/** "held", or how the hold ended. */
export const holdStateQuery = defineQuery<string>('state');

const { expireCodHold } = proxyActivities<CodActivities>(databaseStep);

/** Waits for the order to settle, or releases the hold for review after the longest transit time. */
export async function codHold(input: CodHoldInput): Promise<string> {
  let state = 'held';
  setHandler(settledSignal, ({ reason }) => {
    if (state === 'held') state = reason;
  });
  setHandler(holdStateQuery, () => state);

  const settledInTime = await condition(() => state !== 'held', input.longestTransitMs);
  if (settledInTime) return state;

  const released = await expireCodHold({ orderId: input.orderId });
  state = released ? 'transit-time-exceeded' : 'settled-meanwhile';
  return state;
}
