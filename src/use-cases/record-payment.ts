/**
 * A payment against an invoice (POST /v1/invoices/{invoiceId}/payments), idempotent by its id:
 * recorded with the profile recalculation it triggers; the invoice's reminder sequence is told, and
 * ends once nothing is owed, when its open tasks are cancelled too.
 */
import type { RuleSet } from '../rules/rule-set';
import { cancelTasksOfPaidInvoice } from '../store/dunning-store';
import * as eventStore from '../store/event-store';
import { notifyPayment } from './dunning-process';
import type { ProcessDeps } from './process-deps';
import { recalculateOn } from './profile-recalculation';

/** Records the payment and tells the invoice's reminder sequence. */
export async function recordPayment(
  deps: Pick<ProcessDeps, 'db'>,
  ruleSet: RuleSet,
  invoiceId: string,
  payment: { id: string; amount: number; paidAt: string },
) {
  const outcome = await deps.db.transaction(async (tx) => {
    const { created, customerId } = await eventStore.recordPayment(tx, invoiceId, payment);
    if (created) {
      await notifyPayment(tx, invoiceId);
      // Calls and letters about an invoice paid in full no longer apply.
      await cancelTasksOfPaidInvoice(tx, invoiceId);
    }
    return { created, ...(created && (await recalculateOn(tx, ruleSet, customerId, 'payment-received'))) };
  });
  return { invoiceId, paymentId: payment.id, ...outcome };
}
