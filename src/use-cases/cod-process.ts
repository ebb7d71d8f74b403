/** The intents that start and settle the COD hold workflow `cod-{orderId}`, queued with the order's changes. */
import type { RuleSet } from '../rules/rule-set';
import type { WorkflowIntent } from '../store/workflow-intent-store';
import { codHoldWorkflowId } from '../temporal/workflow-client';
import { signalWithStartIntent, startIntent } from '../temporal/workflow-intents';
import { codHold, settledSignal, type CodHoldInput } from '../../workflows/cod-hold';

const day = 86_400_000;

const holdInput = (ruleSet: RuleSet, orderId: string): CodHoldInput => ({
  orderId,
  longestTransitMs: (ruleSet.settings.cod.longestTransitDays ?? 30) * day,
});

/** Start the hold's workflow (the same order never holds twice: a closed one is left closed). */
export function startCodHold(ruleSet: RuleSet, orderId: string): WorkflowIntent {
  return startIntent(codHold, { workflowId: codHoldWorkflowId(orderId), args: [holdInput(ruleSet, orderId)], policy: 'once' });
}

/**
 * Tell the hold's workflow that the order settled. Intents of one workflow are delivered in
 * order, so the start comes first; should it have been given up (dead), the settle starts the
 * workflow with the signal, and it ends at once. A finished workflow is fine.
 */
export function settleCodHold(ruleSet: RuleSet, orderId: string, reason: string): WorkflowIntent {
  return signalWithStartIntent(
    codHold,
    { workflowId: codHoldWorkflowId(orderId), args: [holdInput(ruleSet, orderId)], policy: 'once' },
    settledSignal,
    [{ reason }],
  );
}
