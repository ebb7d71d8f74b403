/**
 * Requesting, inspecting and cancelling erasures. Used by the HTTP API and the CLI. The request is
 * committed to the database with the start of its workflow `erasure-{customerId}` queued in the
 * outbox (the customer is pending from that moment); the start is delivered at once when Temporal
 * answers, by the relay otherwise. A repeated request finds the stored one.
 */
import { ConflictError, NotFoundError, TryAgainLaterError } from '../errors';
import { personalAttributeIds } from '../rules/personal-attributes';
import type { RuleSet } from '../rules/rule-set';
import { getCustomer } from '../store/customer-store';
import type { Queryable } from '../store/database';
import {
  getErasureRequest,
  latestRequestOf,
  openErasureRequestIn,
  pendingRequestOf,
  previewErasure,
  restoreAfterCancelledErasure,
  type ErasureRequestRecord,
} from '../store/erasure-store';
import { hasPendingIntent, queueIntents, withdrawIntents, type WorkflowIntent } from '../store/workflow-intent-store';
import { tryDeliverNextIntentOf } from '../outbox/workflow-intent-relay';
import { describeWorkflow, erasureWorkflowId, executeUpdate, listWorkflows, queryWorkflow } from '../temporal/workflow-client';
import { startIntent } from '../temporal/workflow-intents';
import { openPageToken, sealPageToken } from '../temporal/sealed-page-token';
import type { PayloadCodec } from '@temporalio/common';
import type { ProcessDeps } from './process-deps';
import {
  cancelUpdate,
  erasure,
  onlyWaitingOrBlocked,
  statusQuery,
  type CancelErasure,
  type ErasureInput,
  type ErasureState,
  type ErasureStatus,
} from '../../workflows/erasure';
import { customerIdAttribute, eraseAtAttribute, erasureStateAttribute } from '../../workflows/search-attributes';

export interface ErasureProcessDeps extends ProcessDeps {
  /** The grace period in force now (settings can change while the service runs). */
  gracePeriodMs: () => number;
  now?: () => Date;
}

export interface ErasureRequest {
  reason: string;
  requestedBy: string;
}

export interface ErasureView extends ErasureStatus {
  daysLeft: number;
}

/** Which personal fields and attributes an erasure would remove, and how many related records it touches. */
export async function erasurePreview(db: Queryable, ruleSet: RuleSet, customerId: string) {
  return previewErasure(db, customerId, personalAttributeIds(ruleSet));
}

/** Starts an erasure, or returns the one already requested for this customer. */
export async function requestErasure(
  deps: ErasureProcessDeps,
  customerId: string,
  request: ErasureRequest,
): Promise<{ started: boolean; customerId: string; requestId: string; eraseAt: string; workflowId: string }> {
  const now = deps.now?.() ?? new Date();
  const eraseAt = new Date(now.getTime() + deps.gracePeriodMs());
  const workflowId = erasureWorkflowId(customerId);
  const { request: stored, created } = await deps.db.transaction(async (tx) => {
    const opened = await openErasureRequestIn(tx, customerId, { ...request, requestedAt: now, eraseAt });
    // A repeated request starts a workflow that never started (its start given up); a start that did is not repeated (see deliverIntent).
    if (opened.created || !(await hasPendingIntent(tx, workflowId))) await queueIntents(tx, [erasureStart(opened.request)]);
    return opened;
  });
  // The caller expects the erasure to run once answered: its start is delivered at once when Temporal answers; otherwise the relay does it.
  await tryDeliverNextIntentOf(deps.db, deps, workflowId).catch(() => false);
  if (!created && (await getErasure(deps, customerId)).state === 'cancelling') {
    throw new TryAgainLaterError(
      `The erasure of customer ${customerId} (request ${stored.requestId}) is being cancelled; repeat this request in a few seconds to start a new one.`,
    );
  }
  return { started: created, customerId, requestId: stored.requestId, eraseAt: stored.eraseAt, workflowId };
}

/** The start of a stored request's workflow; the memo names the request, so a run is told apart from an earlier one's. */
function erasureStart(request: ErasureRequestRecord): WorkflowIntent {
  const input: ErasureInput = {
    customerId: request.customerId,
    requestId: request.requestId,
    requestedBy: request.requestedBy,
    reason: request.reason,
    requestedAt: request.requestedAt,
    eraseAt: request.eraseAt,
  };
  return startIntent(erasure, {
    workflowId: erasureWorkflowId(request.customerId),
    args: [input],
    memo: { requestId: request.requestId, eraseAt: request.eraseAt },
    policy: 'again-after-close',
  });
}

/** The state of the customer's latest erasure, with days left in the grace period. */
export async function getErasure(deps: ErasureProcessDeps, customerId: string): Promise<ErasureView> {
  const status = await statusOf(deps, customerId);
  const now = deps.now?.() ?? new Date();
  const msLeft = Math.max(Date.parse(status.eraseAt) - now.getTime(), 0);
  return { ...status, daysLeft: status.state === 'waiting' ? Math.ceil(msLeft / 86_400_000) : 0 };
}

/**
 * Cancels a waiting or blocked erasure. The workflow answers at once: accepted means the erasure
 * will not happen; a refusal (erasing, erased, already cancelled) is a ConflictError saying why. A
 * failed erasure has no workflow left to ask: its customer is restored here.
 */
export async function cancelErasure(deps: ErasureProcessDeps, customerId: string, cancel: CancelErasure): Promise<ErasureView> {
  const status = await getErasure(deps, customerId);
  if (status.state === 'failed') return cancelInDatabase(deps, customerId, status, cancel);
  try {
    // One cancel per erasure: a repeat (after a 503, or a lost answer) joins the first and gets its answer.
    await executeUpdate(deps, erasureWorkflowId(customerId), cancelUpdate, { args: [cancel], updateId: 'cancel' });
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictError(error.detail, { state: (await getErasure(deps, customerId)).state });
    if (!(error instanceof NotFoundError)) throw error;
    // A request whose workflow has not started yet is cancelled here, its start withdrawn.
    if (status.state === 'waiting' && (await withdrawIntents(deps.db, erasureWorkflowId(customerId))) > 0) {
      return cancelInDatabase(deps, customerId, status, cancel);
    }
    // The workflow closed (erased, cancelled) between the status and the cancel, or before it.
    const closed = await getErasure(deps, customerId);
    throw new ConflictError(
      `Cannot cancel the erasure of customer ${customerId}: the erasure is already ${closed.state}. ${onlyWaitingOrBlocked}`,
      { state: closed.state },
    );
  }
  return getErasure(deps, customerId);
}

/** Cancels a request that has no workflow to ask (failed, or not started yet): the customer is restored here. */
async function cancelInDatabase(
  deps: ErasureProcessDeps,
  customerId: string,
  status: ErasureView,
  cancel: CancelErasure,
): Promise<ErasureView> {
  await restoreAfterCancelledErasure(deps.db, { customerId, requestId: status.requestId, ...cancel });
  const at = new Date().toISOString();
  return {
    ...status,
    state: 'cancelled',
    daysLeft: 0,
    timeline: [...status.timeline, { at, event: 'cancelled', detail: { by: cancel.cancelledBy, reason: cancel.reason } }],
  };
}

/**
 * The status of the customer's erasure: the workflow's own, corrected with the database where the
 * workflow cannot know better — a request stored but not started (or started again after a cancel)
 * has no workflow of its own yet; a workflow ended by an operator is failed, unless its request was
 * cancelled or erased since; a workflow of a customer since deleted and created again under this id
 * is not this customer's.
 */
async function statusOf(deps: ErasureProcessDeps, customerId: string): Promise<ErasureStatus> {
  const customer = await getCustomer(deps.db, customerId);
  const pending = await pendingRequestOf(deps.db, customerId);
  const workflowId = erasureWorkflowId(customerId);
  const described = await describeWorkflow(deps, workflowId);
  if (!described) {
    if (pending) return notRunning(deps.db, pending);
    // A request cancelled while it had no workflow is still the customer's latest.
    const latest = await latestRequestOf(deps.db, customerId);
    if (latest?.outcome === 'cancelled' && Date.parse(customer.createdAt) <= Date.parse(latest.requestedAt)) {
      return fromRequest(latest, 'cancelled');
    }
    throw noErasure(customerId);
  }
  const execution = described.status.name;
  const memoRequestId = (described.memo as { requestId?: string } | undefined)?.requestId;
  if (pending && memoRequestId && memoRequestId !== pending.requestId) return notRunning(deps.db, pending);
  const endedEarly = ['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED'].includes(execution);
  // The memo names the request the workflow runs (every release set it).
  const request = memoRequestId ? await getErasureRequest(deps.db, memoRequestId) : undefined;
  // A workflow ended before its first step answers no query: its request in the database tells the rest.
  const status = await queryWorkflow(deps, workflowId, statusQuery).catch((error: unknown) => {
    if (!endedEarly || !request) throw error;
    return fromRequest(request, 'failed');
  });
  if (request && Date.parse(customer.createdAt) > Date.parse(request.requestedAt)) throw noErasure(customerId);
  if (!endedEarly || ['cancelled', 'erased'].includes(status.state)) return status;
  if (request?.outcome) return { ...status, state: request.outcome };
  const ended = {
    at: (described.closeTime ?? new Date()).toISOString(),
    event: 'failed',
    detail: { reason: `the workflow was ${execution.toLowerCase().replace('_', ' ')}` },
  };
  return {
    ...status,
    state: 'failed',
    timeline: status.timeline.at(-1)?.event === 'failed' ? status.timeline : [...status.timeline, ended],
  };
}

/**
 * A stored request without a workflow of its own: waiting while its start is queued (the relay
 * delivers it once Temporal answers), failed when no start is queued any more (given up).
 */
async function notRunning(db: Queryable, request: ErasureRequestRecord): Promise<ErasureStatus> {
  if (await hasPendingIntent(db, erasureWorkflowId(request.customerId))) return fromRequest(request, 'waiting');
  const reason = `its workflow is not running (Temporal was unreachable, or a previous erasure was still finishing); repeat POST /v1/customers/${request.customerId}/erasure to start it, or cancel it`;
  return fromRequest(request, 'failed', [{ at: request.requestedAt, event: 'failed', detail: { reason } }]);
}

/** The status of a request told from the database alone, its timeline starting with the request. */
function fromRequest(request: ErasureRequestRecord, state: ErasureStatus['state'], after: ErasureStatus['timeline'] = []): ErasureStatus {
  return {
    ...request,
    state,
    daysLeft: 0,
    timeline: [{ at: request.requestedAt, event: 'requested', detail: { by: request.requestedBy } }, ...after],
  };
}

function noErasure(customerId: string): NotFoundError {
  return new NotFoundError(`Customer ${customerId} has no erasure request. Request one with POST /v1/customers/${customerId}/erasure.`);
}

/** Every state an erasure can be in, as its status and the search attribute RulebookErasureState tell it. */
export const erasureStates: readonly ErasureState[] = ['waiting', 'blocked', 'cancelling', 'cancelled', 'erasing', 'erased', 'failed'];

/** One erasure in a list: whose, in which state, when it erases, and its workflow. */
export interface ListedErasure {
  customerId: string;
  state: string;
  eraseAt?: string;
  workflowId: string;
  /** The workflow's execution status in Temporal (RUNNING, COMPLETED, FAILED, TERMINATED …). */
  workflowStatus: string;
  startedAt?: string;
}

/**
 * The erasures in `state` (all when unset), newest first, as Temporal's visibility lists them by the
 * search attributes the erasure workflow keeps current (RulebookErasureState): the same state its
 * status query and GET /v1/customers/{id}/erasure report. Erasures started before search attributes
 * existed carry none and are not listed.
 */
export async function listErasures(
  deps: Pick<ErasureProcessDeps, 'client' | 'taskQueue'> & { pageTokens: PayloadCodec },
  filter: { state?: ErasureState; limit: number; after?: string },
): Promise<{ erasures: ListedErasure[]; next?: string }> {
  // This deployment's erasures only: another one may share the namespace on its own task queue.
  const query = [
    `WorkflowType = '${erasure.name}'`,
    `TaskQueue = '${deps.taskQueue.replace(/['\\]/g, '\\$&')}'`,
    `${erasureStateAttribute.name} IS NOT NULL`,
  ];
  if (filter.state) query.push(stateQuery(filter.state));
  const after = filter.after === undefined ? undefined : await openPageToken(deps.pageTokens, filter.after);
  const page = await listWorkflows(deps, query.join(' AND '), { limit: filter.limit, ...(after && { after }) });
  const erasures = page.workflows.map((listed) => {
    const eraseAt = listed.searchAttributes[eraseAtAttribute.name];
    return {
      customerId: textOf(listed.searchAttributes[customerIdAttribute.name]) ?? listed.workflowId.replace(/^erasure-/, ''),
      state: listedState(textOf(listed.searchAttributes[erasureStateAttribute.name]), listed.status),
      ...(typeof eraseAt === 'string' && { eraseAt: new Date(eraseAt).toISOString() }),
      workflowId: listed.workflowId,
      workflowStatus: listed.status,
      ...(listed.startTime && { startedAt: listed.startTime.toISOString() }),
    };
  });
  return { erasures, ...(page.next && { next: await sealPageToken(deps.pageTokens, page.next) }) };
}

/** Execution statuses of a workflow ended from outside (an operator's terminate, a timeout) or by a failure. */
const endedEarlyStatuses = ['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELED', 'CANCELLED'];
/** States only a running erasure workflow is in. */
const runningStates: readonly string[] = ['waiting', 'blocked', 'cancelling', 'erasing'];

/**
 * The state of a listed erasure as GET /v1/customers/{id}/erasure reports it: the search attribute,
 * unless the workflow was ended from outside before it could set its last one — then `failed`.
 */
function listedState(attribute: string | undefined, workflowStatus: string): string {
  if (endedEarlyStatuses.includes(workflowStatus) && !['cancelled', 'erased'].includes(attribute ?? '')) return 'failed';
  return attribute ?? 'unknown';
}

/** The visibility query of one state, as listedState decides it. */
function stateQuery(state: ErasureState): string {
  const attribute = `${erasureStateAttribute.name} = '${state}'`;
  if (runningStates.includes(state)) return `${attribute} AND ExecutionStatus = 'Running'`;
  if (state === 'failed') {
    return `(${attribute} OR (ExecutionStatus IN ('Failed', 'Terminated', 'TimedOut', 'Canceled') AND ${erasureStateAttribute.name} NOT IN ('cancelled', 'erased')))`;
  }
  return attribute;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
