/**
 * Workflow intents: what a use case wants done to a workflow, built here from the workflow's own
 * definitions (so arguments are type-checked) and queued in its transaction
 * (src/store/workflow-intent-store.ts); `deliverIntent` carries one out through
 * src/temporal/workflow-client.ts once the relay has claimed it. Delivery may repeat (at least
 * once): every action is idempotent because the workflow id is the business id.
 */
import type { SignalDefinition, Workflow } from '@temporalio/common';
import { TryAgainLaterError } from '../errors';
import type { WorkflowIntent } from '../store/workflow-intent-store';
import { describeWorkflow, signalIfRunning, signalWithStart, startWorkflow, type StartRequest, type WorkflowDeps } from './workflow-client';

/** Policies a delivered start may have: a repeated delivery finds its workflow instead of failing. */
type RepeatablePolicy = Exclude<StartRequest<Workflow>['policy'], 'fresh'>;

/** Start `workflow` (a repeated delivery finds it running or, under `once`, closed). */
export function startIntent<T extends Workflow>(workflow: T, request: StartRequest<T> & { policy: RepeatablePolicy }): WorkflowIntent {
  return {
    workflowId: request.workflowId,
    workflowType: workflow.name,
    action: 'start',
    policy: request.policy,
    args: request.args,
    ...(request.memo && { memo: request.memo }),
  };
}

/**
 * Signal `workflow`, starting it first when none runs. With `coalesceKey`, intents of the same
 * workflow and key not yet delivered are delivered once, with the newest arguments; with
 * `deferMs` (for a signal whose effect is not due sooner), the intent waits that long before
 * delivery so that more of them join it.
 */
export function signalWithStartIntent<T extends Workflow, SignalArgs extends unknown[]>(
  workflow: T,
  request: StartRequest<T> & { policy: RepeatablePolicy },
  signal: SignalDefinition<SignalArgs>,
  signalArgs: SignalArgs,
  options: { coalesceKey?: string; deferMs?: number } = {},
): WorkflowIntent {
  return {
    ...startIntent(workflow, request),
    action: 'signal-with-start',
    signalName: signal.name,
    signalArgs,
    ...(options.coalesceKey && { coalesceKey: options.coalesceKey }),
    ...(options.deferMs && { deferMs: options.deferMs }),
  };
}

/** Signal the workflow if it runs; one that closed or never started has nothing left to be told. */
export function signalIntent<SignalArgs extends unknown[]>(
  workflowId: string,
  signal: SignalDefinition<SignalArgs>,
  ...signalArgs: SignalArgs
): WorkflowIntent {
  return { workflowId, workflowType: '', action: 'signal', args: [], signalName: signal.name, signalArgs };
}

/**
 * Carries out one intent. A start with a memo is delivered only once the latest run under the id
 * carries that memo: another run still finishing under the id (an earlier erasure being
 * cancelled) makes the delivery fail, to be retried after it closed.
 */
export async function deliverIntent(deps: WorkflowDeps, intent: WorkflowIntent): Promise<void> {
  const request = {
    workflowId: intent.workflowId,
    args: intent.args,
    policy: intent.policy ?? 'once',
    ...(intent.memo && { memo: intent.memo }),
  } as StartRequest<Workflow> & { policy: RepeatablePolicy };
  switch (intent.action) {
    case 'start':
      // A repeated delivery of a start that carries a memo finds its run, even closed, and starts no second one.
      if (intent.memo && (await latestRunCarries(deps, intent.workflowId, intent.memo))) return;
      await startWorkflow(deps, intent.workflowType, request);
      if (intent.memo && !(await latestRunCarries(deps, intent.workflowId, intent.memo)))
        throw new TryAgainLaterError(`An earlier run of ${intent.workflowId} is still finishing; the start is retried once it has closed.`);
      return;
    case 'signal-with-start':
      await signalWithStart(deps, intent.workflowType, request, intent.signalName!, ...(intent.signalArgs ?? []));
      return;
    case 'signal':
      await signalIfRunning(deps, intent.workflowId, intent.signalName!, ...(intent.signalArgs ?? []));
      return;
  }
}

/** Whether the latest run under the id (running or closed) carries every value of `memo`. */
async function latestRunCarries(deps: WorkflowDeps, workflowId: string, memo: Record<string, unknown>): Promise<boolean> {
  const described = await describeWorkflow(deps, workflowId);
  if (!described) return false;
  const carried = described.memo ?? {};
  return Object.entries(memo).every(([key, value]) => JSON.stringify(carried[key]) === JSON.stringify(value));
}
