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

/**
 * Tells the customer's returns-window workflow when to recalculate next, unless it already knows;
 * returns that moment. Called after every return, repeated ones too, so that a request retried
 * after a failed signal still schedules the workflow.
 */
export async function scheduleReturnsWindow(
  deps: { client: Client; db: Queryable; taskQueue: string },
  ruleSet: RuleSet,
  customerId: string,
  now = new Date(),
): Promise<Date | undefined> {
  const expiry = await nextReturnExpiry(deps.db, customerId, ruleSet.settings.returnsWindow, now);
  if (!expiry) return undefined;
  const [known] = await deps.db.query<{ next_at: Date }>('SELECT next_at FROM returns_window_schedule WHERE customer_id = $1', [customerId]);
  if (known && new Date(known.next_at).getTime() === expiry.getTime()) return expiry;
  await deps.client.workflow.signalWithStart(returnsWindow, {
    workflowId: returnsWindowWorkflowId(customerId),
    taskQueue: deps.taskQueue,
    args: [{ customerId }],
    signal: rescheduleSignal,
    signalArgs: [{ at: expiry.toISOString() }],
  });
  await recordReturnsWindowSchedule(deps.db, customerId, expiry);
  return expiry;
}

/** Remembers the moment the workflow was told (or found) to recalculate next; null when none. */
export async function recordReturnsWindowSchedule(db: Queryable, customerId: string, nextAt: Date | null): Promise<void> {
  if (nextAt === null) {
    await db.query('DELETE FROM returns_window_schedule WHERE customer_id = $1', [customerId]);
    return;
  }
  await db.query(
    `INSERT INTO returns_window_schedule (customer_id, next_at) VALUES ($1, $2) ON CONFLICT (customer_id) DO UPDATE SET next_at = $2`,
    [customerId, nextAt.toISOString()],
  );
}
