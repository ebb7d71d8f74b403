/**
 * Returns leaving the window (seed 000): a customer's profile must move down at the moment their
 * oldest counted return ages out, not at their next return. One workflow per customer sleeps until
 * that moment, recalculates, and sleeps until the next one; new returns reschedule it.
 */
import { condition, continueAsNew, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import { databaseStep } from './activity-options';
import type { ProfileActivities } from '../activities/profile-activities';

export interface ReturnsWindowInput {
  customerId: string;
  /** When the next counted return leaves the window (ISO 8601), if known at start. */
  nextExpiry?: string;
}

/** Sent after each recorded return: the moment the oldest counted return leaves the window. */
export const rescheduleSignal = defineSignal<[{ at: string }]>('reschedule');
/** When the workflow will next recalculate, or null when it has nothing to watch. */
export const nextRecalculationQuery = defineQuery<string | null>('nextRecalculation');

const { recalculateAfterWindow } = proxyActivities<ProfileActivities>(databaseStep);

/** Keeps history short for customers whose returns keep ageing out for years. */
const roundsBeforeContinuing = 200;

/** Watches one customer's returns window until no counted return is left to age out. */
export async function returnsWindow(input: ReturnsWindowInput): Promise<void> {
  let nextAt = input.nextExpiry ? Date.parse(input.nextExpiry) : undefined;
  setHandler(rescheduleSignal, ({ at }) => {
    const time = Date.parse(at);
    if (!Number.isNaN(time) && (nextAt === undefined || time < nextAt)) nextAt = time;
  });
  setHandler(nextRecalculationQuery, () => (nextAt === undefined ? null : new Date(nextAt).toISOString()));

  for (let round = 0; round < roundsBeforeContinuing; round++) {
    if (nextAt === undefined) return;
    const target = nextAt;
    const rescheduled = await condition(() => nextAt !== target, Math.max(target - Date.now(), 1));
    if (rescheduled) continue;

    nextAt = undefined;
    const { nextExpiry } = await recalculateAfterWindow({ customerId: input.customerId, at: new Date().toISOString() });
    // A reschedule that arrived while recalculating is kept if it is earlier.
    const following = nextExpiry ? Date.parse(nextExpiry) : undefined;
    if (following !== undefined && (nextAt === undefined || following < nextAt)) nextAt = following;
  }
  await continueAsNew<typeof returnsWindow>({
    customerId: input.customerId,
    ...(nextAt !== undefined && { nextExpiry: new Date(nextAt).toISOString() }),
  });
}
