/** Starting and settling the COD hold workflow `cod-{orderId}`. */
import type { Client } from '@temporalio/client';
import type { RuleSet } from '../rules/rule-set';
import { signalIfRunning, startOnce } from '../temporal/workflow-calls';
import { codHold, settledSignal } from '../../workflows/cod-hold';

/** The workflow id of an order's COD hold. */
export const codWorkflowId = (orderId: string) => `cod-${orderId}`;

const day = 86_400_000;

/** Starts the hold's workflow, or finds the one already running (the same order never holds twice). */
export async function startCodHold(deps: { client: Client; taskQueue: string }, ruleSet: RuleSet, orderId: string): Promise<void> {
  await startOnce(deps.client, codHold, {
    workflowId: codWorkflowId(orderId),
    taskQueue: deps.taskQueue,
    args: [{ orderId, longestTransitMs: (ruleSet.settings.cod.longestTransitDays ?? 30) * day }],
  });
}

/** Tells the hold's workflow that the order settled; a missing or finished workflow is fine. */
export async function settleCodHold(client: Client, orderId: string, reason: string): Promise<void> {
  await signalIfRunning(client, codWorkflowId(orderId), settledSignal, { reason });
}
