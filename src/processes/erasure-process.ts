/**
 * Starting, inspecting and cancelling erasure workflows. Used by the HTTP API and the CLI; the
 * workflow id `erasure-{customerId}` makes a repeated request find the running one.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../errors';
import type { Queryable } from '../store/database';
import { getCustomer } from '../store/customer-store';
import { cancelSignal, statusQuery, type ErasureInput, type ErasureStatus } from '../../workflows/erasure';

export interface ErasureProcessDeps {
  client: Client;
  db: Queryable;
  taskQueue: string;
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

/** The workflow id of a customer's erasure. */
export const erasureWorkflowId = (customerId: string) => `erasure-${customerId}`;

/** Starts an erasure, or returns the one already running for this customer. */
export async function requestErasure(
  deps: ErasureProcessDeps,
  customerId: string,
  request: ErasureRequest,
): Promise<{ started: boolean; requestId: string; eraseAt: string }> {
  const customer = await getCustomer(deps.db, customerId);
  if (customer.erasureState === 'erased') {
    throw new ConflictError(`Customer ${customerId}'s personal data is already erased; there is nothing left to erase.`);
  }
  const now = deps.now?.() ?? new Date();
  const input: ErasureInput = {
    customerId,
    requestId: randomUUID(),
    requestedBy: request.requestedBy,
    reason: request.reason,
    requestedAt: now.toISOString(),
    eraseAt: new Date(now.getTime() + deps.gracePeriodMs()).toISOString(),
  };
  const handle = await deps.client.workflow.start('erasure', {
    workflowId: erasureWorkflowId(customerId),
    taskQueue: deps.taskQueue,
    args: [input],
    memo: { requestId: input.requestId, eraseAt: input.eraseAt },
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
  });
  const memo = (await handle.describe()).memo as { requestId: string; eraseAt: string };
  return { started: memo.requestId === input.requestId, requestId: memo.requestId, eraseAt: memo.eraseAt };
}

/** The state of the customer's latest erasure, with days left in the grace period. */
export async function getErasure(deps: ErasureProcessDeps, customerId: string): Promise<ErasureView> {
  const handle = deps.client.workflow.getHandle(erasureWorkflowId(customerId));
  const status = await queryStatus(handle, customerId);
  const now = deps.now?.() ?? new Date();
  const msLeft = Math.max(Date.parse(status.eraseAt) - now.getTime(), 0);
  return { ...status, daysLeft: status.state === 'waiting' ? Math.ceil(msLeft / 86_400_000) : 0 };
}

/** Cancels a waiting erasure; refused once the erasure has been carried out or cancelled. */
export async function cancelErasure(
  deps: ErasureProcessDeps,
  customerId: string,
  cancel: { reason: string; cancelledBy: string },
): Promise<void> {
  const status = await getErasure(deps, customerId);
  if (status.state !== 'waiting' && status.state !== 'blocked') {
    throw new ConflictError(
      `The erasure of customer ${customerId} is ${status.state}; only a waiting or blocked erasure can be cancelled.`,
      { state: status.state },
    );
  }
  await deps.client.workflow.getHandle(erasureWorkflowId(customerId)).signal(cancelSignal, cancel);
}

async function queryStatus(handle: ReturnType<Client['workflow']['getHandle']>, customerId: string): Promise<ErasureStatus> {
  try {
    return await handle.query(statusQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new NotFoundError(
        `Customer ${customerId} has no erasure request. Request one with POST /v1/customers/${customerId}/erasure.`,
      );
    }
    throw error;
  }
}
