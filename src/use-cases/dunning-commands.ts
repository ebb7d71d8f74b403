/**
 * Operators steering an invoice's current reminder sequence (`dunning-{invoiceId}`, or
 * `dunning-{invoiceId}~{n}` once a profile change started another): pause (e.g. a dispute), resume,
 * or stop for a reason the scenario lists in `stopWhen`. Each is an Update the workflow answers at
 * once: the plan in its new state, or a refusal saying why (the sequence has ended).
 */
import type { UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { appendTimeline } from '../store/timeline-store';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { RuleSet } from '../rules/rule-set';
import { executeUpdate } from '../temporal/workflow-client';
import { deliverQueuedIntentsOf } from '../outbox/workflow-intent-relay';
import { pauseUpdate, resumeUpdate, stopUpdate, type DunningPlan } from '../../workflows/dunning';
import { dunningPlan } from './dunning-views';
import type { ProcessDeps } from './process-deps';

/**
 * Pauses the invoice's current sequence for `by`; answers its plan, paused. NotFoundError when it has
 * none, ConflictError once it has ended. The pause goes on the customer's timeline with its reason.
 */
export async function pauseDunning(deps: ProcessDeps, invoiceId: string, reason: string, by: string) {
  const sequence = await dunningPlan(deps.db, invoiceId);
  const plan = await command(deps, sequence, 'paused', pauseUpdate, [{ reason }]);
  await recordOnTimeline(deps, sequence, 'reminders-paused', { reason, pausedBy: by });
  return plan;
}

/** Resumes the invoice's current sequence for `by`; answers its plan, running. NotFoundError when it has none, ConflictError once it has ended. */
export async function resumeDunning(deps: ProcessDeps, invoiceId: string, by: string) {
  const sequence = await dunningPlan(deps.db, invoiceId);
  const plan = await command(deps, sequence, 'resumed', resumeUpdate, []);
  await recordOnTimeline(deps, sequence, 'reminders-resumed', { resumedBy: by });
  return plan;
}

/**
 * A pause or resume on the customer's timeline, next to the invoice's other entries, so that the
 * invoice's reminder timeline can show when it was held and by whom. Done after the workflow
 * answered: a pause sent with Temporal's own tools is in Temporal's history only.
 */
async function recordOnTimeline(
  deps: ProcessDeps,
  sequence: { customerId: string; invoiceId: string; workflowId: string },
  kind: string,
  detail: Record<string, string>,
): Promise<void> {
  await appendTimeline(deps.db, {
    customerId: sequence.customerId,
    eventKey: `${kind}:${sequence.workflowId}:${randomUUID()}`,
    kind,
    detail: { invoiceId: sequence.invoiceId, workflowId: sequence.workflowId, ...detail },
  });
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
  return command(deps, sequence, 'stopped', stopUpdate, [{ reason }], 'stop');
}

/** The invoice's current sequence, as the commands address it. */
type CurrentSequence = Pick<Awaited<ReturnType<typeof dunningPlan>>, 'invoiceId' | 'workflowId'>;

/**
 * Sends the Update to the invoice's current sequence and answers the plan as
 * GET /v1/invoices/{invoiceId}/dunning shows it, with the state the workflow answered: the database
 * follows the workflow a moment later.
 */
async function command<Args extends unknown[]>(
  deps: ProcessDeps,
  { invoiceId, workflowId }: CurrentSequence,
  done: string,
  update: UpdateDefinition<DunningPlan, Args>,
  args: Args,
  updateId?: string,
) {
  let answer: DunningPlan;
  try {
    // A sequence just created may still have its start in the outbox: delivered first, so that the command finds it.
    await deliverQueuedIntentsOf(deps.db, deps, workflowId);
    answer = await executeUpdate(deps, workflowId, update, { args, ...(updateId && { updateId }) });
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictError(`Invoice ${invoiceId}: ${error.detail}.`);
    if (error instanceof NotFoundError) throw await notRunning(deps, invoiceId, workflowId, done);
    throw error;
  }
  const plan = await dunningPlan(deps.db, invoiceId);
  // A profile change started another sequence meanwhile: the answer is the one commanded, as the workflow answered it.
  if (plan.workflowId !== workflowId) {
    throw startedMeanwhile(
      invoiceId,
      workflowId,
      answer.state === 'ended' ? `ended (${answer.endReason ?? 'ended'})` : answer.state,
      plan.workflowId,
    );
  }
  return { ...plan, state: answer.state, endReason: answer.endReason ?? null };
}

/** A command reached a sequence that a profile change replaced meanwhile. */
function startedMeanwhile(invoiceId: string, workflowId: string, state: string, current: string): ConflictError {
  return new ConflictError(
    `Invoice ${invoiceId}: the reminder sequence ${workflowId} was ${state} and a profile change has since started ${current}; ` +
      'repeat the command to reach the new one.',
  );
}

/** Why a sequence whose workflow has closed (or never started) refuses a command; the workflow records its end before it closes. */
async function notRunning(deps: ProcessDeps, invoiceId: string, workflowId: string, done: string): Promise<ConflictError> {
  const sequence = await dunningPlan(deps.db, invoiceId);
  if (sequence.workflowId !== workflowId) return startedMeanwhile(invoiceId, workflowId, 'ended', sequence.workflowId);
  if (sequence.state === 'ended') {
    return new ConflictError(
      `Invoice ${invoiceId}: the reminder sequence has ended (${sequence.endReason ?? 'ended'}): it cannot be ${done}.`,
    );
  }
  return new ConflictError(
    `Invoice ${invoiceId}: the reminder sequence is recorded as ${sequence.state}, but its workflow ${workflowId} is not running: ` +
      'it was never started (repeat POST /v1/invoices with the same invoice to start it) or was ended in Temporal.',
  );
}
