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

export type ErasureState = 'waiting' | 'cancelled' | 'erasing' | 'erased';

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
  timeline: ErasureTimelineEntry[];
}

export type ErasureOutcome =
  | { state: 'cancelled'; reason: string; cancelledBy: string }
  | { state: 'erased'; erasedAt: string; erasedFields: string[] };

/** Operators: `temporal workflow signal --workflow-id erasure-<customerId> --name cancel --input '{"reason":"…","cancelledBy":"…"}'`. */
export const cancelSignal = defineSignal<[CancelErasure]>('cancel');
/** Operators: `temporal workflow query --workflow-id erasure-<customerId> --type status`. */
export const statusQuery = defineQuery<ErasureStatus>('status');

const { markErasurePending, restoreAfterCancelledErasure, eraseCustomer } = proxyActivities<ErasureActivities>({
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

  setHandler(statusQuery, () => ({ ...input, state, timeline }));
  setHandler(cancelSignal, (request) => {
    if (state !== 'waiting') return note('cancel-refused', { because: `the erasure is already ${state}` });
    const problem = cancelProblem(request);
    if (problem) return note('cancel-refused', { because: problem });
    cancellation = { reason: request.reason.trim(), cancelledBy: request.cancelledBy.trim() };
  });

  await markErasurePending({ customerId: input.customerId, requestId: input.requestId, eraseAt: input.eraseAt, requestedBy: input.requestedBy });

  const gracePeriod = Math.max(Date.parse(input.eraseAt) - Date.now(), 1);
  const cancelledInTime = await condition(() => cancellation !== undefined, gracePeriod);

  if (cancelledInTime && cancellation) {
    state = 'cancelled';
    note('cancelled', { by: cancellation.cancelledBy, reason: cancellation.reason });
    await restoreAfterCancelledErasure({ customerId: input.customerId, requestId: input.requestId, ...cancellation });
    return { state, ...cancellation };
  }

  state = 'erasing';
  note('grace-period-ended');
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
