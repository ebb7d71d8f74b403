/** Starting and settling the COD hold workflow `cod-{orderId}`. */
import type { RuleSet } from '../rules/rule-set';
import { codHoldWorkflowId, signalWithStart, startWorkflow, type WorkflowDeps } from '../temporal/workflow-client';
import { codHold, settledSignal, type CodHoldInput } from '../../workflows/cod-hold';

const day = 86_400_000;

const holdInput = (ruleSet: RuleSet, orderId: string): CodHoldInput => ({
  orderId,
  longestTransitMs: (ruleSet.settings.cod.longestTransitDays ?? 30) * day,
});

/** Starts the hold's workflow, or finds the one already running (the same order never holds twice). */
export async function startCodHold(deps: WorkflowDeps, ruleSet: RuleSet, orderId: string): Promise<void> {
  await startWorkflow(deps, codHold, { workflowId: codHoldWorkflowId(orderId), args: [holdInput(ruleSet, orderId)], policy: 'once' });
}

/**
 * Tells the hold's workflow that the order settled. The order's request starts the workflow only
 * after its transaction commits, so a release can come first: then the workflow is started here
 * with the signal and ends at once, and the order's late start finds it finished instead of
 * starting a hold that would wait out the longest transit time. A finished workflow is fine.
 */
export async function settleCodHold(deps: WorkflowDeps, ruleSet: RuleSet, orderId: string, reason: string): Promise<void> {
  await signalWithStart(
    deps,
    codHold,
    { workflowId: codHoldWorkflowId(orderId), args: [holdInput(ruleSet, orderId)], policy: 'once' },
    settledSignal,
    { reason },
  );
}
