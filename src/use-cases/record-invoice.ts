/**
 * A new invoice (POST /v1/invoices), idempotent by its id: recorded with the profile recalculation
 * it triggers, and the reminder sequence of the customer's profile started — or, when the profile
 * has no scenario, a manual-handling task — in one transaction; the workflow starts through the outbox.
 */
import type { RuleSet } from '../rules/rule-set';
import { lockCustomer, refuseMerged } from '../store/customer-store';
import * as eventStore from '../store/event-store';
import { startDunning } from './dunning-process';
import type { ProcessDeps } from './process-deps';
import { recalculateOn } from './profile-recalculation';

/** Records the invoice and starts its reminder sequence (or leaves it to manual handling). */
export async function recordInvoice(deps: Pick<ProcessDeps, 'db'>, ruleSet: RuleSet, invoice: eventStore.InvoiceInput) {
  const outcome = await deps.db.transaction(async (tx) => {
    // Under the customer's lock: a merge waits, and an invoice never lands on a duplicate merged away.
    refuseMerged(await lockCustomer(tx, invoice.customerId), 'record invoices of');
    const created = await eventStore.recordInvoice(tx, invoice);
    const recalculated = created ? await recalculateOn(tx, ruleSet, invoice.customerId, 'invoice-created') : {};
    // After the recalculation: the scenario follows the profile the invoice itself may have changed.
    return { created, ...recalculated, scenario: await startDunning(tx, ruleSet, invoice) };
  });
  const { scenario, ...recorded } = outcome;
  return {
    invoiceId: invoice.id,
    ...recorded,
    // The invoice's current sequence: its first, or, on a repeat after a profile change, the one that change started.
    dunning: scenario ? { scenarioId: scenario.scenarioId, workflowId: scenario.workflowId } : { scenarioId: null, manualHandling: true },
  };
}
