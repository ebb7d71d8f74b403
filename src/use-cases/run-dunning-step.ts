/**
 * A step of an invoice's reminder sequence, as the workflow `dunning-{invoiceId}` runs it when it
 * falls due: nothing when the invoice is paid; skipped when the step's condition does not hold on
 * the customer's facts now; otherwise its action, at most once. The worker's activities call it, so
 * this module imports no workflow code.
 */
import { compileCondition } from '../rules/check-conditions';
import { toPredicate } from '../rules/compile-conditions';
import { operatorContext } from '../rules/evaluate';
import type { UnplacedProblem } from '../rules/rule-problems';
import type { RuleSet } from '../rules/rule-set';
import type { Condition } from '../rules/rule-types';
import { loadCustomerFacts } from '../store/customer-facts-store';
import type { Database, Queryable } from '../store/database';
import { invoiceOutstanding, invoiceOwing, runStepAction, type PinnedStep } from '../store/dunning-store';

/** Runs one step once, in one transaction: 'paid' when nothing is owed, 'skipped' when its condition fails, else 'done'. */
export async function performDunningStep(
  db: Database,
  ruleSet: RuleSet,
  run: { invoiceId: string; customerId: string; scenarioId: string; profileId: string; step: PinnedStep },
): Promise<'done' | 'skipped' | 'paid'> {
  return db.transaction(async (tx) => {
    // The customer is the invoice's now, not the one the workflow started with (its input is pinned
    // in its history): after a merge, the survivor's facts decide, and its tasks and outbox get the step.
    const { customerId, outstanding } = await invoiceOwing(tx, run.invoiceId);
    if (outstanding <= 0) return 'paid';
    const skipBecause = run.step.when ? await unmetCondition(tx, ruleSet, customerId, run.step.when) : undefined;
    const outcome = await runStepAction(tx, { ...run, customerId, ...(skipBecause && { skipBecause }) });
    return outcome === 'skipped' ? 'skipped' : 'done';
  });
}

/** Whether nothing is owed on the invoice any more. */
export async function isInvoicePaid(db: Queryable, invoiceId: string): Promise<boolean> {
  return (await invoiceOutstanding(db, invoiceId)) <= 0;
}

/**
 * Why a step's condition does not hold on the customer's facts now, or undefined when it holds. The
 * condition was pinned as written when the sequence started: it is compiled against today's catalog.
 */
async function unmetCondition(tx: Queryable, ruleSet: RuleSet, customerId: string, when: unknown): Promise<string | undefined> {
  const problems: UnplacedProblem[] = [];
  const compiled = compileCondition(when as Condition, '/when', { file: 'pinned step', attributes: ruleSet.attributes, problems });
  if (!compiled) return `its condition no longer fits the attribute catalog (${problems.map((problem) => problem.message).join('; ')})`;
  const now = new Date();
  const facts = (await loadCustomerFacts(tx, ruleSet, now, [customerId])).get(customerId) ?? {};
  return toPredicate(compiled)(facts, operatorContext(ruleSet.settings, now)) ? undefined : 'its condition does not hold';
}
