/**
 * A life-cycle event of an order (POST /v1/orders/{orderId}/events), idempotent by its id:
 * delivery, cancellation and return to origin release the order's COD hold (and settle the own workflow
 * of a hold placed before holds had a due moment);
 * delivery recalculates the profile sets that listen to it. The workflow hears of it through the outbox.
 */
import type { RuleSet } from '../rules/rule-set';
import { releaseCodHold } from '../store/cod-store';
import { queueIntents } from '../store/workflow-intent-store';
import * as eventStore from '../store/event-store';
import { settleCodHold } from './cod-process';
import type { ProcessDeps } from './process-deps';
import { recalculateOn } from './profile-recalculation';

/** Records the event and releases the COD hold it ends. */
export async function recordOrderEvent(
  deps: Pick<ProcessDeps, 'db'>,
  ruleSet: RuleSet,
  orderId: string,
  event: { id: string; kind: eventStore.OrderEventKind; at: string },
) {
  const outcome = await deps.db.transaction(async (tx) => {
    const { created, customerId } = await eventStore.recordOrderEvent(tx, orderId, event);
    // Delivery replenishes the COD limit; so do cancellation and return to origin. A return after delivery changes nothing.
    const release = created && event.kind !== 'returned' ? await releaseCodHold(tx, orderId, event.kind) : undefined;
    // A hold with a due moment needs nothing more: its moment's workflow finds it released.
    if (release?.ownWorkflow) await queueIntents(tx, [settleCodHold(ruleSet, orderId, event.kind)]);
    const codReleased = release?.released ?? false;
    const recalculated = created && event.kind === 'delivered' ? await recalculateOn(tx, ruleSet, customerId, 'order-delivered') : {};
    return { created, codReleased, ...recalculated };
  });
  return { orderId, eventId: event.id, ...outcome };
}
