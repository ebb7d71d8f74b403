/**
 * Personal-data erasure (seed 002): a request waits out a grace period during which an operator
 * can cancel it with a reason; then the customer's personal data is erased for good.
 *
 * The workflow holds ids, dates and the operator's words only, never the customer's personal data.
 */
import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
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

/** waiting: in the grace period; blocked: past it, but orders or invoices still need the data. */
export type ErasureState = 'waiting' | 'blocked' | 'cancelled' | 'erasing' | 'erased';

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
  | { state: 'cancelled'; reason: string; cancelledBy: string }
  | { state: 'erased'; erasedAt: string; erasedFields: string[] };

/** Operators: `temporal workflow signal --workflow-id erasure-<customerId> --name cancel --input '{"reason":"…","cancelledBy":"…"}'`. */
export const cancelSignal = defineSignal<[CancelErasure]>('cancel');
/** Operators: `temporal workflow query --workflow-id erasure-<customerId> --type status`. */
export const statusQuery = defineQuery<ErasureStatus>('status');

/**
 * Policy when the grace period ends while undelivered COD orders, unpaid invoices or orders not in
 * a final state remain: wait, re-check this often, and erase as soon as nothing blocks; the reasons
 * are on the timeline and in the status, and operators can still cancel. It never gives up alone.
 */
export const blockedRecheckInterval = '1 day';

const { markErasurePending, restoreAfterCancelledErasure, eraseCustomer, erasureBlockers, recordErasureBlocked, stopCustomerWorkflows } = proxyActivities<ErasureActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/** Runs one erasure request from its confirmation to the erasure or its cancellation. */
export async function erasure(input: ErasureInput): Promise<ErasureOutcome> {
  let state: ErasureState = 'waiting';
  let cancellation: CancelErasure | undefined;
  const timeline: ErasureTimelineEntry[] = [{ at: input.requestedAt, event: 'requested', detail: { by: input.requestedBy } }];
  const note = (event: string, detail?: Record<string, string>): void => {
    timeline.push({ at: new Date().toISOString(), event, ...(detail && { detail }) });
  };

  setHandler(statusQuery, () => ({
    ...input,
    state,
    daysLeft: state === 'waiting' ? Math.max(Math.ceil((Date.parse(input.eraseAt) - Date.now()) / 86_400_000), 0) : 0,
    timeline,
  }));
  setHandler(cancelSignal, (request) => {
    if (state !== 'waiting' && state !== 'blocked') return note('cancel-refused', { because: `the erasure is already ${state}` });
    if (cancellation) return note('cancel-refused', { because: 'the erasure is already being cancelled' });
    const problem = cancelProblem(request);
    if (problem) return note('cancel-refused', { because: problem });
    cancellation = { reason: request.reason.trim(), cancelledBy: request.cancelledBy.trim() };
  });

  await markErasurePending({ customerId: input.customerId, requestId: input.requestId, eraseAt: input.eraseAt, requestedBy: input.requestedBy });

  const gracePeriod = Math.max(Date.parse(input.eraseAt) - Date.now(), 1);
  let cancelled = await condition(() => cancellation !== undefined, gracePeriod);
  if (!cancelled) note('grace-period-ended');

  while (!cancelled) {
    const blockers = await erasureBlockers({ customerId: input.customerId });
    if (blockers.length === 0) break;
    if (state !== 'blocked' || timeline.at(-1)?.detail?.reasons !== blockers.join('; ')) {
      note('blocked', { reasons: blockers.join('; '), recheck: `every ${blockedRecheckInterval}` });
      await recordErasureBlocked({ customerId: input.customerId, requestId: input.requestId, reasons: blockers });
    }
    state = 'blocked';
    cancelled = await condition(() => cancellation !== undefined, blockedRecheckInterval);
  }

  if (cancelled && cancellation) {
    // "cancelled" only once the customer is restored, so that whoever sees the state sees the customer back.
    await restoreAfterCancelledErasure({ customerId: input.customerId, requestId: input.requestId, ...cancellation });
    state = 'cancelled';
    note('cancelled', { by: cancellation.cancelledBy, reason: cancellation.reason });
    return { state, ...cancellation };
  }

  state = 'erasing';
  await stopCustomerWorkflows({ customerId: input.customerId });
  const certificate = await eraseCustomer({
    customerId: input.customerId,
    requestId: input.requestId,
    requestedAt: input.requestedAt,
    requestedBy: input.requestedBy,
  });
  state = 'erased';
  note('erased', { fields: certificate.erasedFields.join(', ') });
  return { state, erasedAt: certificate.erasedAt, erasedFields: certificate.erasedFields };
}

/** Why a cancel signal cannot be accepted, or undefined when it can. */
function cancelProblem(request: Partial<CancelErasure> | undefined): string | undefined {
  if (typeof request?.reason !== 'string' || request.reason.trim() === '') return 'a cancel needs a non-empty "reason"';
  if (typeof request.cancelledBy !== 'string' || request.cancelledBy.trim() === '') {
    return 'a cancel needs a non-empty "cancelledBy" naming the operator';
  }
  return undefined;
}
