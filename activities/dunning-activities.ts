/** Side effects of dunning sequences, as a factory over the database and the rules in use. */
import { isInvoicePaid, performDunningStep } from '../src/use-cases/run-dunning-step';
import type { RuleRegistry } from '../src/rules/rule-registry';
import type { Database } from '../src/store/database';
import { setSequenceState, type PinnedStep } from '../src/store/dunning-store';
import { failPermanentlyOnUserErrors } from './fail-permanently';

export interface DunningActivityDeps {
  db: Database;
  rules: Pick<RuleRegistry, 'current'>;
}

/** The dunning activities bound to their dependencies. */
export function createDunningActivities({ db, rules }: DunningActivityDeps) {
  return failPermanentlyOnUserErrors({
    /** Runs one step once: nothing when the invoice is paid, skipped when its condition fails. */
    async runDunningStep(run: {
      invoiceId: string;
      customerId: string;
      scenarioId: string;
      profileId: string;
      step: PinnedStep;
    }): Promise<'done' | 'skipped' | 'paid'> {
      return performDunningStep(db, rules.current, run);
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
      await setSequenceState(db, invoiceId, state, endReason);
    },
  });
}

export type DunningActivities = ReturnType<typeof createDunningActivities>;
