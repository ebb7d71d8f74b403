/** Side effects of dunning sequences, as a factory over the database and the rules in use. */
import { compileCondition } from '../src/rules/check-conditions';
import { toPredicate } from '../src/rules/compile-conditions';
import { operatorContext } from '../src/rules/evaluate';
import type { UnplacedProblem } from '../src/rules/rule-problems';
import type { RuleRegistry } from '../src/rules/rule-registry';
import type { Condition } from '../src/rules/rule-types';
import { loadCustomerFacts } from '../src/store/customer-facts-store';
import type { Database, Queryable } from '../src/store/database';
import { invoiceOutstanding, runStepAction, setSequenceState, type PinnedStep } from '../src/store/dunning-store';
import { failPermanentlyOnUserErrors } from './fail-permanently';

export interface DunningActivityDeps {
  db: Database;
  rules: Pick<RuleRegistry, 'current'>;
}

/** The dunning activities bound to their dependencies. */
export function createDunningActivities({ db, rules }: DunningActivityDeps) {
  return failPermanentlyOnUserErrors({
    /** Runs one step once: nothing when the invoice is paid, skipped when its condition fails. */
    async runDunningStep(run: { invoiceId: string; customerId: string; scenarioId: string; profileId: string; step: PinnedStep }): Promise<'done' | 'skipped' | 'paid'> {
      return db.transaction(async (tx) => {
        if ((await invoiceOutstanding(tx, run.invoiceId)) <= 0) return 'paid';
        const skipBecause = run.step.when ? await unmetCondition(tx, run.customerId, run.step.when) : undefined;
        const outcome = await runStepAction(tx, { ...run, ...(skipBecause && { skipBecause }) });
        return outcome === 'skipped' ? 'skipped' : 'done';
      });
    },
    /** Whether nothing is owed on the invoice any more. */
    async checkInvoicePaid({ invoiceId }: { invoiceId: string }): Promise<boolean> {
      return (await invoiceOutstanding(db, invoiceId)) <= 0;
    },
    async recordDunningState({ invoiceId, state, endReason }: { invoiceId: string; state: 'running' | 'paused' | 'ended'; endReason?: string }) {
      await setSequenceState(db, invoiceId, state, endReason);
    },
  });

  /** Why a step's condition does not hold on the customer's facts now, or undefined when it holds. */
  async function unmetCondition(tx: Queryable, customerId: string, when: unknown): Promise<string | undefined> {
    const ruleSet = rules.current;
    const problems: UnplacedProblem[] = [];
    const compiled = compileCondition(when as Condition, '/when', { file: 'pinned step', attributes: ruleSet.attributes, problems });
    if (!compiled) return `its condition no longer fits the attribute catalog (${problems.map((problem) => problem.message).join('; ')})`;
    const now = new Date();
    const facts = (await loadCustomerFacts(tx, ruleSet, now, [customerId])).get(customerId) ?? {};
    return toPredicate(compiled)(facts, operatorContext(ruleSet.settings, now)) ? undefined : 'its condition does not hold';
  }
}

export type DunningActivities = ReturnType<typeof createDunningActivities>;
