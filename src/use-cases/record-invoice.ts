/**
 * A new invoice (POST /v1/invoices), idempotent by its id: recorded with the profile recalculation
 * it triggers, and the reminder sequence of the customer's profile started — or, when the profile
 * has no scenario, a manual-handling task.
 */
import type { RuleSet } from '../rules/rule-set';
import { getCustomer } from '../store/customer-store';
import * as eventStore from '../store/event-store';
import { dunningWorkflowId } from '../temporal/workflow-client';
import { startDunning } from './dunning-process';
import type { ProcessDeps } from './process-deps';
import { recalculateOn } from './profile-recalculation';

/** Records the invoice and starts its reminder sequence (or leaves it to manual handling). */
export async function recordInvoice(deps: ProcessDeps, ruleSet: RuleSet, invoice: eventStore.InvoiceInput) {
  const outcome = await deps.db.transaction(async (tx) => {
    await getCustomer(tx, invoice.customerId);
    const created = await eventStore.recordInvoice(tx, invoice);
    return { created, ...(created && (await recalculateOn(tx, ruleSet, invoice.customerId, 'invoice-created'))) };
  });
  // Also on a repeated request, in case the first one stored the invoice but failed to start the sequence.
  const scenario = await startDunning(deps, ruleSet, invoice);
  return {
    invoiceId: invoice.id,
    ...outcome,
    dunning: scenario ? { scenarioId: scenario, workflowId: dunningWorkflowId(invoice.id) } : { scenarioId: null, manualHandling: true },
  };
}
