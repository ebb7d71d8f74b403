/**
 * A life-cycle event of an order (POST /v1/orders/{orderId}/events), idempotent by its id:
 * delivery, cancellation and return to origin release the order's COD hold and settle its workflow;
 * delivery recalculates the profile sets that listen to it.
 */
import type { RuleSet } from '../rules/rule-set';
import { isCodHoldReleased, releaseCod } from '../store/cod-store';
import * as eventStore from '../store/event-store';
import { settleCodHold } from './cod-process';
import type { ProcessDeps } from './process-deps';
import { recalculateOn } from './profile-recalculation';

/** Records the event, releases the COD hold it ends, and tells the hold's workflow. */
export async function recordOrderEvent(
  deps: ProcessDeps,
  ruleSet: RuleSet,
  orderId: string,
  event: { id: string; kind: eventStore.OrderEventKind; at: string },
) {
  const outcome = await deps.db.transaction(async (tx) => {
    const { created, customerId } = await eventStore.recordOrderEvent(tx, orderId, event);
    // Delivery replenishes the COD limit; so do cancellation and return to origin. A return after delivery changes nothing.
    const codReleased = created && event.kind !== 'returned' ? await releaseCod(tx, orderId, event.kind) : false;
    const recalculated = created && event.kind === 'delivered' ? await recalculateOn(tx, ruleSet, customerId, 'order-delivered') : {};
    return { created, codReleased, ...recalculated };
  });
  // A repeated release settles the workflow again: the first attempt may have committed and then died
  // (or found Temporal unreachable) before the signal, and the caller repeats exactly because it got no answer.
  const repeatedRelease = !outcome.created && event.kind !== 'returned' && (await isCodHoldReleased(deps.db, orderId));
  if (outcome.codReleased || repeatedRelease) await settleCodHold(deps, ruleSet, orderId, event.kind);
  return { orderId, eventId: event.id, ...outcome };
}
