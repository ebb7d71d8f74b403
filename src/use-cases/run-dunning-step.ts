/**
 * A step of an invoice's reminder sequence, as its workflow (`dunning-{invoiceId}`, or
 * `dunning-{invoiceId}~{n}` for a sequence a profile change started) runs it when it falls due:
 * nothing when the invoice is paid; skipped when the sequence has ended meanwhile (a profile change
 * ends it in its own transaction, before the workflow hears of it) or when the step's condition does
 * not hold on the customer's facts now; otherwise its action, at most once. The worker's activities call it, so
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
import { invoiceOutstanding, invoiceOwing, runStepAction, sequenceOfWorkflow, type PinnedStep } from '../store/dunning-store';
import { dunningWorkflowId } from '../temporal/workflow-client';

/**
 * Runs one step once, in one transaction: 'paid' when nothing is owed, 'skipped' when its sequence
 * has ended or its condition fails (or it was recorded skipped before: a step due before a sequence
 * started by a profile change), else 'done'. `workflowId` names the sequence (the invoice's first
 * when not given).
 */
export async function performDunningStep(
  db: Database,
  ruleSet: RuleSet,
  run: { invoiceId: string; customerId: string; scenarioId: string; profileId: string; step: PinnedStep; workflowId?: string },
): Promise<'done' | 'skipped' | 'paid'> {
  const { workflowId = dunningWorkflowId(run.invoiceId), ...stepRun } = run;
  return db.transaction(async (tx) => {
    // The customer is the invoice's now, not the one the workflow started with (its input is pinned
    // in its history): after a merge, the survivor's facts decide, and its tasks and outbox get the step.
    // Its key-share lock also makes the step wait for a profile change of that customer in progress.
    const { customerId, outstanding } = await invoiceOwing(tx, stepRun.invoiceId);
    if (outstanding <= 0) return 'paid';
    // A workflow started without a recorded sequence (tests) runs as the invoice's first.
    const sequence = await sequenceOfWorkflow(tx, workflowId);
    const sequenceNo = sequence?.sequenceNo ?? 1;
    const skipBecause =
      sequence?.state === 'ended'
        ? `its sequence had ended (${sequence.endReason ?? 'ended'}) when the step fell due`
        : stepRun.step.when
          ? await unmetCondition(tx, ruleSet, customerId, stepRun.step.when)
          : undefined;
    const outcome = await runStepAction(tx, { ...stepRun, sequenceNo, customerId, ...(skipBecause && { skipBecause }) });
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
