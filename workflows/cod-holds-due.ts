/**
 * COD holds whose orders stay in transit too long (seed 002), a minute of them at a time: every hold
 * placed in one minute is due at the same moment (the end of that minute plus the longest transit
 * time), and one workflow per due moment releases the holds still open then and flags their orders
 * for review. A hold settled before (delivery, cancellation, return to origin) was released by that
 * event and needs nothing more. One workflow per minute rather than one per order keeps Temporal
 * off the checkout's path: COD orders cost one workflow start a minute, whatever their rate.
 */
import { defineQuery, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { databaseStep } from './activity-options';
import type { CodActivities } from '../activities/cod-activities';

export interface CodHoldsDueInput {
  /** When the holds are due (ISO 8601, a whole minute). */
  dueAt: string;
}

/** How many holds the workflow released, or null while it waits for the due moment. */
export const releasedQuery = defineQuery<number | null>('released');

const { releaseCodHoldsDue } = proxyActivities<CodActivities>(databaseStep);

/** Waits until the holds are due, then releases those still open; returns how many it released. */
export async function codHoldsDue(input: CodHoldsDueInput): Promise<number> {
  let released: number | null = null;
  setHandler(releasedQuery, () => released);

  const untilDue = Date.parse(input.dueAt) - Date.now();
  if (untilDue > 0) await sleep(untilDue);

  released = await releaseCodHoldsDue({ dueAt: input.dueAt });
  return released;
}
