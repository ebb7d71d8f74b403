/**
 * A new order (POST /v1/orders), idempotent by its id: recorded with the profile recalculation it
 * triggers; a cash-on-delivery order is checked against the customer's available COD limit and
 * held until delivery, cancellation or return to origin releases it, or until it is due (the
 * longest transit time passed), when the workflow `cod-holds-due-{taskQueue}-{moment}` releases it for review —
 * started through the outbox, in the same transaction, so the answer does not wait for Temporal.
 */
import { ConflictError } from '../errors';
import type { RuleSet } from '../rules/rule-set';
import { codHoldDueAtOf, holdCod } from '../store/cod-store';
import type { Queryable } from '../store/database';
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
    const { customer, created } = await eventStore.lockCustomerAndRecordOrder(tx, order);
    if (!customer.active) {
      throw new ConflictError(
        `Customer ${order.customerId} is deactivated and cannot place orders. Reactivate it first (PATCH active: true).`,
      );
    }
    const hold = isCod ? await holdOrder(tx, deps.taskQueue, ruleSet, order, created, now) : {};
    return { created, ...hold, ...(created && (await recalculateOn(tx, ruleSet, order.customerId, 'order-created'))) };
  });
  return { orderId: order.id, ...outcome };
}

/**
 * Holds a new COD order's amount, due at the end of this minute plus the longest transit time; the
 * first hold due at that moment queues its workflow's start. A repeated order answers with the
 * workflow watching the hold it placed then.
 */
async function holdOrder(tx: Queryable, taskQueue: string, ruleSet: RuleSet, order: eventStore.OrderInput, created: boolean, now: Date) {
  if (!created) return watchedBy(order.id, await codHoldDueAtOf(tx, order.id), taskQueue);
  const dueAt = codHoldDueAt(ruleSet, now);
  const { firstOfItsMoment } = await holdCod(tx, order, ruleSet.settings.cod.totalLimitPerUser, dueAt);
  if (firstOfItsMoment) await queueIntents(tx, [startCodHoldsDue(dueAt, taskQueue)]);
  return watchedBy(order.id, dueAt, taskQueue);
}

/** The workflow that watches an order's hold and when it is due; a hold placed before holds had a due moment has its own workflow. */
function watchedBy(orderId: string, dueAt: Date | null, taskQueue: string): { codHoldWorkflowId: string; codHoldDueAt?: string } {
  if (!dueAt) return { codHoldWorkflowId: codHoldWorkflowId(orderId) };
  return { codHoldWorkflowId: codHoldsDueWorkflowId(dueAt, taskQueue), codHoldDueAt: dueAt.toISOString() };
}
