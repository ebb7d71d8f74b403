/**
 * Schedules the re-evaluation of a customer's profiles at the moment their oldest counted return
 * leaves the window, on the workflow `returns-window-{customerId}` (started if not running).
 */
import type { RuleSet } from '../rules/rule-set';
import type { Queryable } from '../store/database';
import { nextReturnExpiry, recordReturnsWindowSchedule, scheduledRecalculation } from '../store/returns-window-store';
import { returnsWindowWorkflowId, signalWithStart, type WorkflowDeps } from '../temporal/workflow-client';
import { rescheduleSignal, returnsWindow } from '../../workflows/returns-window';

/**
 * Tells the customer's returns-window workflow when to recalculate next, unless it already knows;
 * returns that moment. Called after every return, repeated ones too, so that a request retried
 * after a failed signal still schedules the workflow.
 */
export async function scheduleReturnsWindow(
  deps: WorkflowDeps & { db: Queryable },
  ruleSet: RuleSet,
  customerId: string,
  now = new Date(),
): Promise<Date | undefined> {
  const expiry = await nextReturnExpiry(deps.db, customerId, ruleSet.settings.returnsWindow, now);
  if (!expiry) return undefined;
  const known = await scheduledRecalculation(deps.db, customerId);
  if (known?.getTime() === expiry.getTime()) return expiry;
  await signalWithStart(
    deps,
    returnsWindow,
    { workflowId: returnsWindowWorkflowId(customerId), args: [{ customerId }], policy: 'again-after-close' },
    rescheduleSignal,
    {
      at: expiry.toISOString(),
    },
  );
  await recordReturnsWindowSchedule(deps.db, customerId, expiry);
  return expiry;
}
