/**
 * Personal-data erasure (seed 002): a request waits out a grace period during which an operator
 * can cancel it with a reason; then the customer's personal data is erased for good.
 *
 * The workflow holds ids, dates and the operator's words only, never the customer's personal data.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { databaseStep, tableRewriteStep } from './activity-options';
import { customerIdAttribute, eraseAtAttribute, erasureStateAttribute } from './search-attributes';
import type { ErasureActivities } from '../activities/erasure-activities';

export interface ErasureInput {
  customerId: string;
  requestId: string;
  requestedBy: string;
  reason: string;
  requestedAt: string;
  /** End of the grace period (ISO 8601), fixed by whoever starts the workflow. */
  eraseAt: string;
}

export interface CancelErasure {
  reason: string;
  cancelledBy: string;
}

/**
 * waiting: in the grace period; blocked: past it, but orders or invoices still need the data;
 * cancelling: a cancel was accepted and the customer is being restored; failed: a step failed for
 * good (the reason is on the timeline) and nothing more happens.
 */
export type ErasureState = 'waiting' | 'blocked' | 'cancelling' | 'cancelled' | 'erasing' | 'erased' | 'failed';

export interface ErasureTimelineEntry {
  at: string;
  event: string;
  detail?: Record<string, string>;
}

export interface ErasureStatus {
  customerId: string;
  requestId: string;
  state: ErasureState;
  requestedAt: string;
  eraseAt: string;
  /** Whole days left in the grace period, as of the workflow's last step (the API recomputes it from the clock). */
  daysLeft: number;
  timeline: ErasureTimelineEntry[];
}

export type ErasureOutcome =
  { state: 'cancelled'; reason: string; cancelledBy: string } | { state: 'erased'; erasedAt: string; erasedFields: string[] };

/** Operators: `temporal workflow signal --workflow-id erasure-<customerId> --name cancel --input '{"reason":"…","cancelledBy":"…"}'`. */
export const cancelSignal = defineSignal<[CancelErasure]>('cancel');
/**
 * The same cancel, answered at once: the status when accepted, an error saying why when refused
 * (`temporal workflow update start --wait-for-stage accepted --workflow-id erasure-<customerId> --name cancel --input '{…}'`).
 * The HTTP API uses this one, so that a 200 always means the erasure will not happen.
 */
export const cancelUpdate = defineUpdate<ErasureStatus, [CancelErasure]>('cancel');
/** Operators: `temporal workflow query --workflow-id erasure-<customerId> --type status` (readable with the API as codec server, README). */
export const statusQuery = defineQuery<ErasureStatus>('status');

/**
 * Policy when the grace period ends while undelivered COD orders, unpaid invoices or orders not in
 * a final state remain: wait, re-check this often, and erase as soon as nothing blocks; the reasons
 * are on the timeline and in the status, and operators can still cancel. It never gives up alone.
 */
export const blockedRecheckInterval = '1 day';

/**
 * Who cancelled, when the cancel came as a workflow cancellation (Temporal Web UI "Request Cancellation",
 * `temporal workflow cancel`), in workflows started before search attributes (see readableInTemporal).
 */
export const temporalCancellation: CancelErasure = { reason: 'workflow cancellation requested in Temporal', cancelledBy: 'temporal' };

/**
 * Why a workflow cancellation (Temporal Web UI "Request Cancellation", `temporal workflow cancel`) is
 * refused: a cancel needs a reason and the operator's name (seed 002), and a workflow cancellation
 * carries neither to the workflow. The erasure keeps running, and the refusal is on both timelines.
 */
export function temporalCancelRefusal(customerId: string): string {
  return (
    'a workflow cancellation requested in Temporal carries no reason: a cancel needs a reason and the name of whoever cancels. ' +
    `The erasure goes on; cancel it with POST /v1/customers/${customerId}/erasure/cancel, ` +
    `\`rulebook erasure cancel --customer ${customerId} --reason …\`, or the update or signal "cancel" with {"reason", "cancelledBy"}`
  );
}

/**
 * Releases before 2026-11-30 checked for a cancel only while waiting, so a cancel accepted during an
 * activity could be followed by the erasure; their running workflows replay on that old path.
 */
const cancelCheckedAfterEveryStep = 'cancel-checked-after-every-step';

/**
 * Releases before 2026-12 set no search attributes and took a workflow cancellation as a cancel by
 * "temporal" with a made-up reason; their running workflows replay on that path.
 */
const readableInTemporal = 'search-attributes-and-temporal-cancel-refused';

const {
  markErasurePending,
  restoreAfterCancelledErasure,
  eraseCustomer,
  erasureBlockers,
  recordErasureBlocked,
  recordErasureCancelRefused,
  stopCustomerWorkflows,
} = proxyActivities<ErasureActivities>(databaseStep);

/**
 * Rewriting the tables after an erasure waits for their locks and can take minutes on large tables;
 * it is retried a few times, and a compaction that still fails is noted, not the erasure undone.
 */
const { compactErasedData } = proxyActivities<ErasureActivities>(tableRewriteStep);

/** Marks the customer pending this request (both paths start with it). */
function markPending(input: ErasureInput): Promise<void> {
  return markErasurePending({
    customerId: input.customerId,
    requestId: input.requestId,
    eraseAt: input.eraseAt,
    requestedBy: input.requestedBy,
  });
}

/** Runs one erasure request from its confirmation to the erasure or its cancellation. */
export async function erasure(input: ErasureInput): Promise<ErasureOutcome> {
  const checksEveryStep = patched(cancelCheckedAfterEveryStep);
  const readable = checksEveryStep && patched(readableInTemporal);
  let state: ErasureState = 'waiting';
  let cancellation: CancelErasure | undefined;
  /** The state operators filter by in Temporal (RulebookErasureState), kept as the status query reports it. */
  const showState = (shown: ErasureState): void => {
    if (readable) upsertSearchAttributes([{ key: erasureStateAttribute, value: shown }]);
  };
  const enter = (next: ErasureState): void => {
    if (next !== state) showState(next);
    state = next;
  };
  if (readable) {
    upsertSearchAttributes([
      { key: customerIdAttribute, value: input.customerId },
      { key: eraseAtAttribute, value: new Date(input.eraseAt) },
      { key: erasureStateAttribute, value: state },
    ]);
  }
  const timeline: ErasureTimelineEntry[] = [{ at: input.requestedAt, event: 'requested', detail: { by: input.requestedBy } }];
  const note = (event: string, detail?: Record<string, string>): void => {
    timeline.push({ at: new Date().toISOString(), event, ...(detail && { detail }) });
  };
  const status = (): ErasureStatus => ({
    ...input,
    state: cancellation && (state === 'waiting' || state === 'blocked') ? 'cancelling' : state,
    daysLeft: state === 'waiting' && !cancellation ? Math.max(Math.ceil((Date.parse(input.eraseAt) - Date.now()) / 86_400_000), 0) : 0,
    timeline,
  });
  /** Old-path workflows (see cancelCheckedAfterEveryStep) would ignore a cancel accepted while a step runs. */
  let oldPathStepRunning = false;
  const refusal = (request: Partial<CancelErasure> | undefined): string | undefined => {
    if (state !== 'waiting' && state !== 'blocked') return `the erasure is already ${state}`;
    if (oldPathStepRunning)
      return 'this erasure was started by an earlier release and is checking whether it may erase; try again in a minute';
    if (cancellation) return 'the erasure is already being cancelled';
    return cancelProblem(request);
  };
  const accept = (request: CancelErasure): void => {
    cancellation = { reason: request.reason.trim(), cancelledBy: request.cancelledBy.trim() };
    showState('cancelling');
  };

  setHandler(statusQuery, status);
  setHandler(cancelSignal, (request) => {
    const because = refusal(request);
    if (because) return note('cancel-refused', { because });
    accept(request);
  });
  setHandler(
    cancelUpdate,
    (request) => {
      accept(request);
      return status();
    },
    {
      validator: (request: CancelErasure) => {
        const because = refusal(request);
        if (because)
          throw ApplicationFailure.nonRetryable(
            `Cannot cancel the erasure of customer ${input.customerId}: ${because}. ${onlyWaitingOrBlocked}`,
            'ErasureCancelRefused',
          );
      },
    },
  );

  if (!checksEveryStep) return erasureBefore20261130();

  // A workflow cancellation never ends the erasure: everything below runs in a non-cancellable scope,
  // so the steps never stop half-way. It is refused, and the refusal recorded on both timelines, so
  // that the API and Temporal keep telling the same state (before readableInTemporal it counted as a
  // cancel by "temporal" while one was possible).
  CancellationScope.current().cancelRequested.catch(() => {
    if (!readable) {
      const because = refusal(temporalCancellation);
      if (because) return note('cancel-refused', { because });
      return accept(temporalCancellation);
    }
    const because =
      state === 'waiting' || state === 'blocked' ? temporalCancelRefusal(input.customerId) : `the erasure is already ${state}`;
    note('cancel-refused', { by: 'temporal', because });
    const record = { customerId: input.customerId, requestId: input.requestId, via: 'temporal-cancellation' as const, because };
    void CancellationScope.nonCancellable(() => recordErasureCancelRefused(record)).catch((error: unknown) =>
      note('cancel-refusal-not-recorded', { reason: failureReason(error) }),
    );
  });
  return CancellationScope.nonCancellable(async () => {
    try {
      await markPending(input);
      const gracePeriod = Math.max(Date.parse(input.eraseAt) - Date.now(), 1);
      if (!(await condition(() => cancellation !== undefined, gracePeriod))) note('grace-period-ended');

      while (!cancellation) {
        const blockers = await erasureBlockers({ customerId: input.customerId });
        if (cancellation || blockers.length === 0) break;
        if (state !== 'blocked' || timeline.at(-1)?.detail?.reasons !== blockers.join('; ')) {
          note('blocked', { reasons: blockers.join('; '), recheck: `every ${blockedRecheckInterval}` });
          await recordErasureBlocked({ customerId: input.customerId, requestId: input.requestId, reasons: blockers });
        }
        enter('blocked');
        await condition(() => cancellation !== undefined, blockedRecheckInterval);
      }

      if (cancellation) return await restore(cancellation);
      // Nothing can run between the last look at `cancellation` and this line: from here on a cancel is refused.
      enter('erasing');
      const outcome = await erase();
      await compactErasedData({ customerId: input.customerId, requestId: input.requestId }).then(
        (report) =>
          note('compacted', { walCleared: String(report.walCleared), ...(report.notes.length > 0 && { notes: report.notes.join('; ') }) }),
        (error: unknown) => note('compaction-failed', { reason: failureReason(error) }),
      );
      return outcome;
    } catch (error) {
      enter('failed');
      note('failed', { reason: failureReason(error) });
      throw error;
    }
  });

  async function restore(cancel: CancelErasure): Promise<ErasureOutcome> {
    // "cancelled" only once the customer is restored, so that whoever sees the state sees the customer back.
    await restoreAfterCancelledErasure({ customerId: input.customerId, requestId: input.requestId, ...cancel });
    enter('cancelled');
    note('cancelled', { by: cancel.cancelledBy, reason: cancel.reason });
    return { state: 'cancelled', ...cancel };
  }

  async function erase(): Promise<ErasureOutcome> {
    await stopCustomerWorkflows({ customerId: input.customerId });
    const certificate = await eraseCustomer({
      customerId: input.customerId,
      requestId: input.requestId,
      requestedAt: input.requestedAt,
      requestedBy: input.requestedBy,
    });
    enter('erased');
    note('erased', { fields: certificate.erasedFields.join(', ') });
    return { state: 'erased', erasedAt: certificate.erasedAt, erasedFields: certificate.erasedFields };
  }

  /** The steps as releases before 2026-11-30 ran them (see cancelCheckedAfterEveryStep). */
  async function erasureBefore20261130(): Promise<ErasureOutcome> {
    // A cancel during the blockers check was ignored on this path: refuse it while the check runs.
    const step = async <T>(activity: Promise<T>): Promise<T> => {
      oldPathStepRunning = true;
      try {
        return await activity;
      } finally {
        oldPathStepRunning = false;
      }
    };
    await markPending(input);
    const gracePeriod = Math.max(Date.parse(input.eraseAt) - Date.now(), 1);
    let cancelled = await condition(() => cancellation !== undefined, gracePeriod);
    if (!cancelled) note('grace-period-ended');
    while (!cancelled) {
      const blockers = await step(erasureBlockers({ customerId: input.customerId }));
      if (blockers.length === 0) break;
      if (state !== 'blocked' || timeline.at(-1)?.detail?.reasons !== blockers.join('; ')) {
        note('blocked', { reasons: blockers.join('; '), recheck: `every ${blockedRecheckInterval}` });
        await recordErasureBlocked({ customerId: input.customerId, requestId: input.requestId, reasons: blockers });
      }
      state = 'blocked';
      cancelled = await condition(() => cancellation !== undefined, blockedRecheckInterval);
    }
    if (cancelled && cancellation) return restore(cancellation);
    state = 'erasing';
    return erase();
  }
}

/** How a refused cancel ends its message. */
export const onlyWaitingOrBlocked = 'Only a waiting or blocked erasure can be cancelled.';

/** The message of the failure that ended the erasure (the activity's own, not Temporal's wrapper). */
function failureReason(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Why a cancel signal cannot be accepted, or undefined when it can. */
function cancelProblem(request: Partial<CancelErasure> | undefined): string | undefined {
  if (typeof request?.reason !== 'string' || request.reason.trim() === '') return 'a cancel needs a non-empty "reason"';
  if (typeof request.cancelledBy !== 'string' || request.cancelledBy.trim() === '') {
    return 'a cancel needs a non-empty "cancelledBy" naming the operator';
  }
  return undefined;
}
