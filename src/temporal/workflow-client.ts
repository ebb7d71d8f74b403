/**
 * The one way Rulebook reaches its workflows: their ids, the task queue they run on, and starting,
 * signalling, updating, querying, describing and ending them by definition reference. Temporal's
 * errors are told apart by class, as the SDK's own tests do, and an Update's refusal becomes one of
 * Rulebook's typed errors (src/errors.ts), which the API answers as problem+json.
 */
import {
  ApplicationFailure,
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type WorkflowExecutionDescription,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { QueryDefinition, SignalDefinition, UpdateDefinition, Workflow } from '@temporalio/common';
import proto from '@temporalio/proto';
import { ConflictError, NotFoundError, TryAgainLaterError } from '../errors';
import { workflowPresentation } from './workflow-presentation';

/** Temporal as the use cases reach it: the client, and the task queue every Rulebook workflow runs on. */
export interface WorkflowDeps {
  client: Client;
  taskQueue: string;
}

/** What calls on a running workflow need (no task queue: nothing is started). */
export type RunningWorkflowDeps = Pick<WorkflowDeps, 'client'>;

/** The workflow id of a customer's erasure. */
export const erasureWorkflowId = (customerId: string) => `erasure-${customerId}`;

/**
 * The workflow id of an invoice's `sequenceNo`th reminder sequence (a profile change starts the new
 * profile's scenario anew): the first keeps `dunning-{invoiceId}`, the id every sequence had before
 * an invoice could have several; later ones are `dunning-{invoiceId}~{n}`. `~` is no character of an
 * invoice id, so the ids of two invoices' sequences never meet. Migration 0025 derives the same id in
 * dunning_sequences.workflow_id, by which the activities find their sequence.
 */
export const dunningWorkflowId = (invoiceId: string, sequenceNo = 1) =>
  sequenceNo === 1 ? `dunning-${invoiceId}` : `dunning-${invoiceId}~${sequenceNo}`;

/** The workflow id of an order's own COD hold, for holds placed before holds had a due moment. */
export const codHoldWorkflowId = (orderId: string) => `cod-${orderId}`;

/**
 * The workflow id that releases the COD holds due at `dueAt` (a whole minute) of the deployment on
 * `taskQueue`, e.g. `cod-holds-due-rulebook-2026-12-30T11:46Z`: two deployments sharing a Temporal
 * namespace (each on its own task queue) each release their own holds.
 */
export const codHoldsDueWorkflowId = (dueAt: Date, taskQueue: string) => `cod-holds-due-${taskQueue}-${dueAt.toISOString().slice(0, 16)}Z`;

/** The workflow id of a customer's returns window. */
export const returnsWindowWorkflowId = (customerId: string) => `returns-window-${customerId}`;

/** The workflow id of an import job. */
export const importJobWorkflowId = (importId: string) => `import-${importId}`;

/** The workflow id of an export job. */
export const exportJobWorkflowId = (exportId: string) => `export-${exportId}`;

/**
 * What a start does when its id is taken. `once`: a running workflow is the one wanted, a closed one
 * means the business object already had its workflow, so nothing starts (a COD hold, a reminder
 * sequence). `again-after-close`: a running one is the one wanted, a closed one is followed by a
 * new run (an erasure requested again, a returns window). `fresh`: the id was just made (a job), so
 * any workflow under it is an error.
 */
export type StartPolicy = 'once' | 'again-after-close' | 'fresh';

const idPolicies = {
  once: { workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE' },
  'again-after-close': { workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'ALLOW_DUPLICATE' },
  fresh: {},
} as const;

/** A start of `T`: its id, arguments, how a taken id is treated, and a memo for whoever describes it. */
export interface StartRequest<T extends Workflow> {
  workflowId: string;
  args: Parameters<T>;
  policy: StartPolicy;
  memo?: Record<string, unknown>;
}

/** Starts `workflow` on the task queue under `request.policy`; a `once` workflow that closed already is left as it is. */
export async function startWorkflow<T extends Workflow>(deps: WorkflowDeps, workflow: T | string, request: StartRequest<T>): Promise<void> {
  // Typed as any Workflow: the SDK's conditional type of `args` cannot be resolved for a generic T; `request` ties them to T.
  const options: WorkflowStartOptions<Workflow> = {
    workflowId: request.workflowId,
    taskQueue: deps.taskQueue,
    args: request.args,
    ...(request.memo && { memo: request.memo }),
    // Summary and search attributes for operators in the Temporal Web UI (src/temporal/workflow-presentation.ts).
    ...workflowPresentation(typeof workflow === 'string' ? workflow : workflow.name, request.args),
    ...idPolicies[request.policy],
  };
  try {
    await deps.client.workflow.start<Workflow>(workflow, options);
  } catch (error) {
    if (!(request.policy === 'once' && error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * Signals the workflow, starting it first when none runs under the id (`once`: not when one closed
 * already — the signal then has nothing left to tell).
 */
export async function signalWithStart<T extends Workflow, SignalArgs extends unknown[]>(
  deps: WorkflowDeps,
  workflow: T | string,
  request: StartRequest<T> & { policy: Exclude<StartPolicy, 'fresh'> },
  signal: SignalDefinition<SignalArgs> | string,
  ...signalArgs: SignalArgs
): Promise<void> {
  try {
    await deps.client.workflow.signalWithStart<Workflow, unknown[]>(workflow, {
      workflowId: request.workflowId,
      taskQueue: deps.taskQueue,
      args: request.args,
      ...(request.memo && { memo: request.memo }),
      ...workflowPresentation(typeof workflow === 'string' ? workflow : workflow.name, request.args),
      workflowIdReusePolicy: idPolicies[request.policy].workflowIdReusePolicy,
      signal,
      signalArgs,
    });
  } catch (error) {
    if (!(request.policy === 'once' && error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** Signals the workflow; one that has closed or never started has nothing left to be told (false). */
export async function signalIfRunning<Args extends unknown[]>(
  deps: RunningWorkflowDeps,
  workflowId: string,
  signal: SignalDefinition<Args> | string,
  ...args: Args
): Promise<boolean> {
  try {
    await deps.client.workflow.getHandle(workflowId).signal(signal, ...args);
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/** The failure types by which Rulebook's workflows refuse a command; any other failure is not a refusal. */
const refusalTypes = new Set(['SequenceEnded', 'ErasureCancelRefused']);
/** How long a caller waits for the workflow's answer before being told to repeat (a step retrying, no worker running). */
const updateAnswerMs = 15_000;

/**
 * Runs an Update and returns what the workflow answers. A refusal (see refusalTypes) is a
 * ConflictError with the workflow's words; a workflow that is not running (closed, or never
 * started) is a NotFoundError; no answer within 15 s, or a worker that does not know the Update
 * yet (a deploy under way), is a TryAgainLaterError. An `updateId` makes a repeat of the same
 * command (after such an answer, or a lost response) join the first one and get its answer.
 */
export async function executeUpdate<Ret, Args extends unknown[]>(
  deps: RunningWorkflowDeps,
  workflowId: string,
  update: UpdateDefinition<Ret, Args>,
  command: { args: Args; updateId?: string },
): Promise<Ret> {
  // The SDK's overloads tell updates with arguments from those without, which a generic Args cannot be matched to.
  const definition = update as UpdateDefinition<Ret, unknown[]> as UpdateDefinition<Ret, [unknown]>;
  const options = { args: command.args as unknown[] as [unknown], ...(command.updateId && { updateId: command.updateId }) };
  try {
    return await deps.client.withDeadline(Date.now() + updateAnswerMs, () =>
      deps.client.workflow.getHandle(workflowId).executeUpdate(definition, options),
    );
  } catch (error) {
    if (
      error instanceof WorkflowUpdateFailedError &&
      error.cause instanceof ApplicationFailure &&
      refusalTypes.has(error.cause.type ?? '')
    ) {
      throw new ConflictError(error.cause.message);
    }
    if (error instanceof WorkflowNotFoundError)
      throw new NotFoundError(`No workflow ${workflowId} is running: it has ended, or never started.`);
    if (
      error instanceof WorkflowUpdateFailedError ||
      error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
      isDeadlineExceeded(error)
    ) {
      throw new TryAgainLaterError(
        `The workflow ${workflowId} has not answered the command yet (a step may be retrying, no worker may be running, or workers are being deployed). ` +
          'Repeat the request: the command is answered once the workflow takes it.',
      );
    }
    throw error;
  }
}

/** gRPC's DEADLINE_EXCEEDED status code. */
const grpcDeadlineExceeded = 4;

function isDeadlineExceeded(error: unknown): boolean {
  return isGrpcServiceError(error) && Number(error.code) === grpcDeadlineExceeded;
}

/** Asks the workflow a query; errors as the SDK throws them (a closed workflow still answers from its history). */
export async function queryWorkflow<Ret, Args extends unknown[]>(
  deps: RunningWorkflowDeps,
  workflowId: string,
  query: QueryDefinition<Ret, Args>,
  ...args: Args
): Promise<Ret> {
  return deps.client.workflow.getHandle(workflowId).query(query, ...args);
}

/** The latest run under the id — status, close time, memo — or undefined when there is none. */
export async function describeWorkflow(deps: RunningWorkflowDeps, workflowId: string): Promise<WorkflowExecutionDescription | undefined> {
  try {
    return await deps.client.workflow.getHandle(workflowId).describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}

/** Ends the workflow at once (no cleanup runs in it); false when none was running. */
export async function terminateIfRunning(deps: RunningWorkflowDeps, workflowId: string, reason: string): Promise<boolean> {
  try {
    await deps.client.workflow.getHandle(workflowId).terminate(reason);
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/** One workflow of a visibility list: its id, type, status, start and search attributes as Temporal indexed them. */
export interface ListedWorkflow {
  workflowId: string;
  workflowType: string;
  status: string;
  startTime?: Date;
  searchAttributes: Record<string, unknown>;
}

/**
 * One page of the workflows a visibility query selects (`WorkflowType='erasure' AND RulebookErasureState='blocked'`),
 * newest first; `next` continues the list (Temporal's page token: seal it before it leaves the API,
 * src/temporal/sealed-page-token.ts). Search attributes are indexed in clear (no codec).
 */
export async function listWorkflows(
  deps: RunningWorkflowDeps,
  query: string,
  page: { limit: number; after?: Uint8Array },
): Promise<{ workflows: ListedWorkflow[]; next?: Uint8Array }> {
  const answer = await deps.client.workflowService.listWorkflowExecutions({
    namespace: deps.client.options.namespace,
    query,
    pageSize: page.limit,
    ...(page.after && { nextPageToken: page.after }),
  });
  const workflows = (answer.executions ?? []).map((execution) => ({
    workflowId: execution.execution?.workflowId ?? '',
    workflowType: execution.type?.name ?? '',
    status:
      proto.temporal.api.enums.v1.WorkflowExecutionStatus[execution.status ?? 0]?.replace('WORKFLOW_EXECUTION_STATUS_', '') ?? 'UNKNOWN',
    ...(execution.startTime?.seconds != null && { startTime: new Date(Number(execution.startTime.seconds) * 1000) }),
    searchAttributes: Object.fromEntries(
      Object.entries(execution.searchAttributes?.indexedFields ?? {}).map(([name, payload]) => [
        name,
        single(JSON.parse(Buffer.from(payload.data ?? new Uint8Array()).toString('utf8')) as unknown),
      ]),
    ),
  }));
  const next = answer.nextPageToken && answer.nextPageToken.length > 0 ? answer.nextPageToken : undefined;
  return { workflows, ...(next && { next }) };
}

/** A search attribute set the legacy way holds a list of one value. */
function single(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
}
