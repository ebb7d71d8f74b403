/** Starting and settling the COD hold workflow `cod-{orderId}`. */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { RuleSet } from '../rules/rule-set';
import { codHold, settledSignal } from '../../workflows/cod-hold';

/** The workflow id of an order's COD hold. */
export const codWorkflowId = (orderId: string) => `cod-${orderId}`;

const day = 86_400_000;

/** Starts the hold's workflow, or finds the one already running (the same order never holds twice). */
export async function startCodHold(deps: { client: Client; taskQueue: string }, ruleSet: RuleSet, orderId: string): Promise<void> {
  await deps.client.workflow.start(codHold, {
    workflowId: codWorkflowId(orderId),
    taskQueue: deps.taskQueue,
    args: [{ orderId, longestTransitMs: (ruleSet.settings.cod.longestTransitDays ?? 30) * day }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  }).catch((error: unknown) => {
    // A finished hold workflow for this order means it already held and settled: nothing to start.
    if ((error as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw error;
  });
}

/** Tells the hold's workflow that the order settled; a missing or finished workflow is fine. */
export async function settleCodHold(client: Client, orderId: string, reason: string): Promise<void> {
  try {
    await client.workflow.getHandle(codWorkflowId(orderId)).signal(settledSignal, { reason });
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}
