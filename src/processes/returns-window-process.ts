/**
 * Schedules the re-evaluation of a customer's profiles at the moment their oldest counted return
 * leaves the window, on the workflow `returns-window-{customerId}` (started if not running).
 */
import type { Client } from '@temporalio/client';
import type { RuleSet } from '../rules/rule-set';
import type { Queryable } from '../store/database';
import { nextReturnExpiry } from '../store/returns-window-store';
import { rescheduleSignal, returnsWindow } from '../../workflows/returns-window';

/** The workflow id of a customer's returns window. */
export const returnsWindowWorkflowId = (customerId: string) => `returns-window-${customerId}`;

/** Tells the customer's returns-window workflow when to recalculate next; returns that moment. */
export async function scheduleReturnsWindow(
  deps: { client: Client; db: Queryable; taskQueue: string },
  ruleSet: RuleSet,
  customerId: string,
  now = new Date(),
): Promise<Date | undefined> {
  const expiry = await nextReturnExpiry(deps.db, customerId, ruleSet.settings.returnsWindow, now);
  if (!expiry) return undefined;
  await deps.client.workflow.signalWithStart(returnsWindow, {
    workflowId: returnsWindowWorkflowId(customerId),
    taskQueue: deps.taskQueue,
    args: [{ customerId }],
    signal: rescheduleSignal,
    signalArgs: [{ at: expiry.toISOString() }],
  });
  return expiry;
}
