/**
 * A new order (POST /v1/orders), idempotent by its id: recorded with the profile recalculation it
 * triggers; a cash-on-delivery order is checked against the customer's available COD limit and
 * held until delivery, cancellation or return to origin releases it, or until it is due (the
 * longest transit time passed), when the workflow `cod-holds-due-{taskQueue}-{moment}` releases it for review —
 * started through the outbox, in the same transaction, so the answer does not wait for Temporal.
 */
import { ConflictError } from '../errors';
import type { RuleSet } from '../rules/rule-set';
import { codHoldDueAtOf } from '../store/cod-store';
import type { Queryable } from '../store/database';
import type { Customer } from '../store/customer-store';
import * as eventStore from '../store/event-store';
import { queueIntents } from '../store/workflow-intent-store';
import { codHoldsDueWorkflowId, codHoldWorkflowId } from '../temporal/workflow-client';
import { codHoldDueAt, startCodHoldsDue } from './cod-process';
import type { ProcessDeps } from './process-deps';
import { recalculateOn } from './profile-recalculation';

/** Records an order, holds a COD order's amount and queues the start of the workflow that releases it when due. */
export async function recordOrder(
  deps: Pick<ProcessDeps, 'db' | 'taskQueue'>,
  ruleSet: RuleSet,
  order: eventStore.OrderInput,
  now = new Date(),
) {
  const isCod = order.paymentMethod === 'cod';
  const outcome = await deps.db.transaction(async (tx) => {
    // Every order locks its customer first: two COD orders are checked against the limit one after
    // the other, and the facts table's trigger finds the customer already locked.
    const recorded = isCod
      ? await recordCodOrder(tx, deps.taskQueue, ruleSet, order, now)
      : { ...(await eventStore.lockCustomerAndRecordOrder(tx, order)), hold: {} };
    if (!recorded.customer.active) {
      throw new ConflictError(
        `Customer ${order.customerId} is deactivated and cannot place orders. Reactivate it first (PATCH active: true).`,
      );
    }
    const { created, hold } = recorded;
    return { created, ...hold, ...(created && (await recalculateOn(tx, ruleSet, order.customerId, 'order-created'))) };
  });
  return { orderId: order.id, ...outcome };
}

/**
 * Records a COD order with its hold, due at the end of this minute plus the longest transit time
 * (one statement); the first hold due at that moment queues its workflow's start. A repeated order
 * answers with the workflow watching the hold it placed then.
 */
async function recordCodOrder(
  tx: Queryable,
  taskQueue: string,
  ruleSet: RuleSet,
  order: eventStore.OrderInput,
  now: Date,
): Promise<{ customer: Customer; created: boolean; hold: HoldWatch }> {
  const dueAt = codHoldDueAt(ruleSet, now);
  const recorded = await eventStore.lockCustomerAndRecordCodOrder(tx, order, ruleSet.settings.cod.totalLimitPerUser, dueAt);
  const { customer, created, firstOfItsMoment } = recorded;
  if (!created) return { customer, created, hold: watchedBy(order.id, await codHoldDueAtOf(tx, order.id), taskQueue) };
  if (firstOfItsMoment) await queueIntents(tx, [startCodHoldsDue(dueAt, taskQueue)]);
  return { customer, created, hold: watchedBy(order.id, dueAt, taskQueue) };
}

/** What a COD order's answer says of its hold: the workflow that watches it, and when it is due. */
interface HoldWatch {
  codHoldWorkflowId: string;
  codHoldDueAt?: string;
}

/** The workflow that watches an order's hold and when it is due; a hold placed before holds had a due moment has its own workflow. */
function watchedBy(orderId: string, dueAt: Date | null, taskQueue: string): HoldWatch {
  if (!dueAt) return { codHoldWorkflowId: codHoldWorkflowId(orderId) };
  return { codHoldWorkflowId: codHoldsDueWorkflowId(dueAt, taskQueue), codHoldDueAt: dueAt.toISOString() };
}
