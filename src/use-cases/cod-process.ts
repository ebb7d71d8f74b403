/** Starting and settling the COD hold workflow `cod-{orderId}`. */
import type { Client } from '@temporalio/client';
import type { RuleSet } from '../rules/rule-set';
import { startOnce } from '../temporal/workflow-calls';
import { codHold, settledSignal, type CodHoldInput } from '../../workflows/cod-hold';

/** The workflow id of an order's COD hold. */
export const codWorkflowId = (orderId: string) => `cod-${orderId}`;

const day = 86_400_000;

type CodDeps = { client: Client; taskQueue: string };

const holdInput = (ruleSet: RuleSet, orderId: string): CodHoldInput => ({ orderId, longestTransitMs: (ruleSet.settings.cod.longestTransitDays ?? 30) * day });

/** Starts the hold's workflow, or finds the one already running (the same order never holds twice). */
export async function startCodHold(deps: CodDeps, ruleSet: RuleSet, orderId: string): Promise<void> {
  await startOnce(deps.client, codHold, { workflowId: codWorkflowId(orderId), taskQueue: deps.taskQueue, args: [holdInput(ruleSet, orderId)] });
}

/**
 * Tells the hold's workflow that the order settled. The order's request starts the workflow only
 * after its transaction commits, so a release can come first: then the workflow is started here
 * with the signal and ends at once, and the order's late start finds it finished instead of
 * starting a hold that would wait out the longest transit time. A finished workflow is fine.
 */
export async function settleCodHold(deps: CodDeps, ruleSet: RuleSet, orderId: string, reason: string): Promise<void> {
  try {
    await deps.client.workflow.signalWithStart(codHold, {
      workflowId: codWorkflowId(orderId),
      taskQueue: deps.taskQueue,
      args: [holdInput(ruleSet, orderId)],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      signal: settledSignal,
      signalArgs: [{ reason }],
    });
  } catch (error) {
    if ((error as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw error;
  }
}
