/**
 * A life-cycle event of an order (POST /v1/orders/{orderId}/events), idempotent by its id:
 * delivery, cancellation and return to origin release the order's COD hold and settle its workflow;
 * delivery recalculates the profile sets that listen to it. The workflow hears of it through the outbox.
 */
import type { RuleSet } from '../rules/rule-set';
import { releaseCod } from '../store/cod-store';
import { queueIntents } from '../store/workflow-intent-store';
import * as eventStore from '../store/event-store';
import { settleCodHold } from './cod-process';
import type { ProcessDeps } from './process-deps';
import { recalculateOn } from './profile-recalculation';

/** Records the event, releases the COD hold it ends, and tells the hold's workflow. */
export async function recordOrderEvent(
  deps: Pick<ProcessDeps, 'db'>,
  ruleSet: RuleSet,
  orderId: string,
  event: { id: string; kind: eventStore.OrderEventKind; at: string },
) {
  const outcome = await deps.db.transaction(async (tx) => {
    const { created, customerId } = await eventStore.recordOrderEvent(tx, orderId, event);
    // Delivery replenishes the COD limit; so do cancellation and return to origin. A return after delivery changes nothing.
    const codReleased = created && event.kind !== 'returned' ? await releaseCod(tx, orderId, event.kind) : false;
    if (codReleased) await queueIntents(tx, [settleCodHold(ruleSet, orderId, event.kind)]);
    const recalculated = created && event.kind === 'delivered' ? await recalculateOn(tx, ruleSet, customerId, 'order-delivered') : {};
    return { created, codReleased, ...recalculated };
  });
  return { orderId, eventId: event.id, ...outcome };
}
