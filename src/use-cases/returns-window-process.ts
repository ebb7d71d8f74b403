/**
 * Schedules the re-evaluation of a customer's profiles at the moment their oldest counted return
 * leaves the window, on the workflow `returns-window-{customerId}` (started if not running).
 */
import type { RuleSet } from '../rules/rule-set';
import type { Queryable } from '../store/database';
import { rescheduleReturnsWindow } from '../store/returns-window-store';
import { queueIntents } from '../store/workflow-intent-store';
import { returnsWindowWorkflowId } from '../temporal/workflow-client';
import { signalWithStartIntent } from '../temporal/workflow-intents';
import { rescheduleSignal, returnsWindow } from '../../workflows/returns-window';

/**
 * In the transaction of a return: tells the customer's returns-window workflow (through the
 * outbox) when to recalculate next, unless it already knows; returns that moment. Reschedules not
 * yet delivered coalesce: the workflow hears the newest one.
 */
export async function scheduleReturnsWindow(
  tx: Queryable,
  ruleSet: RuleSet,
  customerId: string,
  now = new Date(),
): Promise<Date | undefined> {
  const next = await rescheduleReturnsWindow(tx, customerId, ruleSet.settings.returnsWindow, now);
  if (!next?.changed) return next?.nextAt;
  const intent = signalWithStartIntent(
    returnsWindow,
    { workflowId: returnsWindowWorkflowId(customerId), args: [{ customerId }], policy: 'again-after-close' },
    rescheduleSignal,
    [{ at: next.nextAt.toISOString() }],
    { coalesceKey: 'reschedule' },
  );
  await queueIntents(tx, [intent]);
  return next.nextAt;
}
