/**
 * Operators steering an invoice's reminder sequence `dunning-{invoiceId}`: pause (e.g. a dispute),
 * resume, or stop for a reason the scenario lists in `stopWhen`. Each is an Update the workflow
 * answers at once: the plan in its new state, or a refusal saying why (the sequence has ended).
 */
import type { UpdateDefinition } from '@temporalio/common';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { RuleSet } from '../rules/rule-set';
import { dunningWorkflowId, executeUpdate } from '../temporal/workflow-client';
import { deliverQueuedIntentsOf } from '../outbox/workflow-intent-relay';
import { pauseUpdate, resumeUpdate, stopUpdate, type DunningPlan } from '../../workflows/dunning';
import { dunningPlan } from './dunning-views';
import type { ProcessDeps } from './process-deps';

/** Pauses the invoice's sequence; answers its plan, paused. NotFoundError when it has none, ConflictError once it has ended. */
export async function pauseDunning(deps: ProcessDeps, invoiceId: string, reason: string) {
  await dunningPlan(deps.db, invoiceId);
  return command(deps, invoiceId, 'paused', pauseUpdate, [{ reason }]);
}

/** Resumes the invoice's sequence; answers its plan, running. NotFoundError when it has none, ConflictError once it has ended. */
export async function resumeDunning(deps: ProcessDeps, invoiceId: string) {
  await dunningPlan(deps.db, invoiceId);
  return command(deps, invoiceId, 'resumed', resumeUpdate, []);
}

/**
 * Ends the sequence for a reason of its scenario (not paid, which payments decide) and answers its
 * plan once it has ended; a ValidationError names the allowed reasons, a ConflictError says it had ended already.
 */
export async function stopDunning(deps: ProcessDeps, ruleSet: RuleSet, invoiceId: string, reason: string) {
  const sequence = await dunningPlan(deps.db, invoiceId);
  const scenario = ruleSet.scenarios.find((candidate) => candidate.id === sequence.scenarioId);
  const allowed: string[] = (scenario?.stopWhen ?? []).filter((candidate) => candidate !== 'paid');
  if (!allowed.includes(reason)) {
    throw new ValidationError(`"${reason}" is not a stop reason of scenario ${sequence.scenarioId}; use one of: ${allowed.join(', ')}.`, [
      { pointer: '/reason', message: `must be one of: ${allowed.join(', ')}` },
    ]);
  }
  // One stop per sequence: a repeat (after a 503, or a lost answer) joins the first and gets its answer.
  return command(deps, invoiceId, 'stopped', stopUpdate, [{ reason }], 'stop');
}

/**
 * Sends the Update and answers the plan as GET /v1/invoices/{invoiceId}/dunning shows it, with the
 * state the workflow answered: the database follows the workflow a moment later.
 */
async function command<Args extends unknown[]>(
  deps: ProcessDeps,
  invoiceId: string,
  done: string,
  update: UpdateDefinition<DunningPlan, Args>,
  args: Args,
  updateId?: string,
) {
  let answer: DunningPlan;
  try {
    // A sequence just created may still have its start in the outbox: delivered first, so that the command finds it.
    await deliverQueuedIntentsOf(deps.db, deps, dunningWorkflowId(invoiceId));
    answer = await executeUpdate(deps, dunningWorkflowId(invoiceId), update, { args, ...(updateId && { updateId }) });
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictError(`Invoice ${invoiceId}: ${error.detail}.`);
    if (error instanceof NotFoundError) throw await notRunning(deps, invoiceId, done);
    throw error;
  }
  return { ...(await dunningPlan(deps.db, invoiceId)), state: answer.state, endReason: answer.endReason ?? null };
}

/** Why a sequence whose workflow has closed (or never started) refuses a command; the workflow records its end before it closes. */
async function notRunning(deps: ProcessDeps, invoiceId: string, done: string): Promise<ConflictError> {
  const sequence = await dunningPlan(deps.db, invoiceId);
  if (sequence.state === 'ended') {
    return new ConflictError(
      `Invoice ${invoiceId}: the reminder sequence has ended (${sequence.endReason ?? 'ended'}): it cannot be ${done}.`,
    );
  }
  return new ConflictError(
    `Invoice ${invoiceId}: the reminder sequence is recorded as ${sequence.state}, but its workflow ${dunningWorkflowId(invoiceId)} is not running: ` +
      'it was never started (repeat POST /v1/invoices with the same invoice to start it) or was ended in Temporal.',
  );
}
