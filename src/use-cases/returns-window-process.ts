/**
 * Schedules the re-evaluation of a customer's profiles at the moment their oldest counted return
 * leaves the window, on the workflow `returns-window-{customerId}` (started if not running).
 */
import { leavesWindowAt } from '../rules/derive-facts';
import type { RuleSet } from '../rules/rule-set';
import type { Queryable } from '../store/database';
import { rescheduleReturnsWindow } from '../store/returns-window-store';
import { queueIntents } from '../store/workflow-intent-store';
import { returnsWindowWorkflowId } from '../temporal/workflow-client';
import { signalWithStartIntent } from '../temporal/workflow-intents';
import { rescheduleSignal, returnsWindow } from '../../workflows/returns-window';

/**
 * How long a reschedule whose moment is far ahead waits in the outbox before delivery: the later
 * reschedules of the same customer within that time (a customer returning several items, an import)
 * are delivered once, with the newest moment, instead of one signal each. A moment more than
 * `nearMomentMs` ahead loses nothing by waiting.
 */
export const rescheduleCoalescingMs = 30_000;
/** A moment closer than this is told to the workflow at once (and brings earlier waiting reschedules with it). */
export const nearMomentMs = 3_600_000;

/**
 * In the transaction of a return: tells the customer's returns-window workflow (through the
 * outbox) when to recalculate next, unless it already knows; returns that moment. Reschedules not
 * yet delivered coalesce: the workflow hears the newest one; one whose moment is more than an hour
 * ahead waits `rescheduleCoalescingMs` for more to join it. `newReturn` (the return just recorded,
 * and the moment last scheduled) spares the statement when it cannot matter.
 */
export async function scheduleReturnsWindow(
  tx: Queryable,
  ruleSet: RuleSet,
  customerId: string,
  now = new Date(),
  newReturn?: { returnedAt: Date; scheduled: { at: Date; window: string | null } | null },
): Promise<Date | undefined> {
  if (newReturn && cannotMoveSchedule(ruleSet, newReturn, now)) return newReturn.scheduled!.at;
  const next = await rescheduleReturnsWindow(tx, customerId, ruleSet.settings.returnsWindow, now);
  if (!next?.changed) return next?.nextAt;
  const intent = signalWithStartIntent(
    returnsWindow,
    { workflowId: returnsWindowWorkflowId(customerId), args: [{ customerId }], policy: 'again-after-close' },
    rescheduleSignal,
    [{ at: next.nextAt.toISOString() }],
    { coalesceKey: 'reschedule', ...(next.nextAt.getTime() - now.getTime() > nearMomentMs && { deferMs: rescheduleCoalescingMs }) },
  );
  await queueIntents(tx, [intent]);
  return next.nextAt;
}

/**
 * Whether a new return leaves the scheduled moment as it is, without asking the database: the
 * moment is the oldest counted return leaving the window, and a return made later than that one
 * (or dated in the future, not counted yet) leaves the window later. Only while the moment is ahead:
 * a moment passed is the workflow's to move, and only under the window it was worked out with.
 */
function cannotMoveSchedule(
  ruleSet: RuleSet,
  newReturn: { returnedAt: Date; scheduled: { at: Date; window: string | null } | null },
  now: Date,
): boolean {
  const { returnedAt } = newReturn;
  const scheduled = newReturn.scheduled?.window === ruleSet.settings.returnsWindow ? newReturn.scheduled.at : undefined;
  if (!scheduled || scheduled.getTime() <= now.getTime()) return false;
  if (returnedAt.getTime() > now.getTime()) return true;
  const leaves = leavesWindowAt(returnedAt, ruleSet.settings.returnsWindow);
  return leaves !== undefined && leaves.getTime() >= scheduled.getTime();
}
