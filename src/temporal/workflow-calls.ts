/**
 * The two ways Rulebook talks to per-business-object workflows: start one at most once per id, and
 * signal one that may already have finished.
 */
import { WorkflowNotFoundError, type Client, type WorkflowStartOptions } from '@temporalio/client';
import type { SignalDefinition, Workflow } from '@temporalio/common';

/**
 * Starts the workflow, or finds the one running under the same id; a finished one under that id
 * means the business object already had its workflow, so nothing is started again.
 */
export async function startOnce<T extends Workflow>(client: Client, workflow: T, options: WorkflowStartOptions<T>): Promise<void> {
  try {
    await client.workflow.start(workflow, { ...options, workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE' });
  } catch (error) {
    if ((error as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw error;
  }
}

/** Signals the workflow; one that does not exist or has finished has nothing left to be told. */
export async function signalIfRunning<Args extends unknown[]>(client: Client, workflowId: string, signal: SignalDefinition<Args>, ...args: Args): Promise<void> {
  try {
    await client.workflow.getHandle(workflowId).signal(signal, ...args);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}
