/**
 * A new order (POST /v1/orders), idempotent by its id: recorded with the profile recalculation it
 * triggers; a cash-on-delivery order is checked against the customer's available COD limit, held,
 * and watched by the workflow `cod-{orderId}` until delivery, cancellation or return to origin —
 * started through the outbox, in the same transaction, so the answer does not wait for Temporal.
 */
import { ConflictError } from '../errors';
import type { RuleSet } from '../rules/rule-set';
import { holdCod } from '../store/cod-store';
import * as eventStore from '../store/event-store';
import { codHoldWorkflowId } from '../temporal/workflow-client';
import { startCodHold } from './cod-process';
import type { ProcessDeps } from './process-deps';
import { queueIntents } from '../store/workflow-intent-store';
import { recalculateOn } from './profile-recalculation';

/** Records an order, holds a COD order's amount and starts its hold's workflow. */
export async function recordOrder(deps: Pick<ProcessDeps, 'db'>, ruleSet: RuleSet, order: eventStore.OrderInput) {
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
    if (created && isCod) {
      await holdCod(
        tx,
        { id: order.id, customerId: order.customerId, channel: order.channel, value: order.value },
        ruleSet.settings.cod.totalLimitPerUser,
      );
      await queueIntents(tx, [startCodHold(ruleSet, order.id)]);
    }
    return { created, ...(created && (await recalculateOn(tx, ruleSet, order.customerId, 'order-created'))) };
  });
  return { orderId: order.id, ...outcome, ...(isCod && { codHoldWorkflowId: codHoldWorkflowId(order.id) }) };
}
