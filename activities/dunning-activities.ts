/** Side effects of dunning sequences, as a factory over the database and the rules in use. */
import { Context } from '@temporalio/activity';
import { isInvoicePaid, performDunningStep } from '../src/use-cases/run-dunning-step';
import type { RuleRegistry } from '../src/rules/rule-registry';
import type { Database } from '../src/store/database';
import { setSequenceState, type PinnedStep } from '../src/store/dunning-store';
import { dunningWorkflowId } from '../src/temporal/workflow-client';
import { failPermanentlyOnUserErrors } from './fail-permanently';

export interface DunningActivityDeps {
  db: Database;
  rules: Pick<RuleRegistry, 'current'>;
}

/**
 * The workflow id of the sequence calling: an invoice may have had several sequences (a profile
 * change starts the new profile's scenario under `dunning-{invoiceId}~{n}`), and the workflow's input,
 * pinned in its history, names the invoice only. Outside an activity (a direct call): the invoice's first.
 */
function callingWorkflowId(invoiceId: string): string {
  let workflowId: string | undefined;
  try {
    workflowId = Context.current().info.workflowExecution?.workflowId;
  } catch {
    // Not called as an activity.
  }
  return workflowId ?? dunningWorkflowId(invoiceId);
}

/** The dunning activities bound to their dependencies. */
export function createDunningActivities({ db, rules }: DunningActivityDeps) {
  return failPermanentlyOnUserErrors({
    /** Runs one step once: nothing when the invoice is paid, skipped when its condition fails or its sequence has ended. */
    async runDunningStep(run: {
      invoiceId: string;
      customerId: string;
      scenarioId: string;
      profileId: string;
      step: PinnedStep;
    }): Promise<'done' | 'skipped' | 'paid'> {
      return performDunningStep(db, rules.current, { ...run, workflowId: callingWorkflowId(run.invoiceId) });
    },
    /** Whether nothing is owed on the invoice any more. */
    async checkInvoicePaid({ invoiceId }: { invoiceId: string }): Promise<boolean> {
      return isInvoicePaid(db, invoiceId);
    },
    /** Records that the sequence runs, is paused, or ended (with the reason). */
    async recordDunningState({
      invoiceId,
      state,
      endReason,
    }: {
      invoiceId: string;
      state: 'running' | 'paused' | 'ended';
      endReason?: string;
    }) {
      await setSequenceState(db, callingWorkflowId(invoiceId), state, endReason);
    },
  });
}

export type DunningActivities = ReturnType<typeof createDunningActivities>;
