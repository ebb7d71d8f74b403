/**
 * Operators steering an invoice's reminder sequence `dunning-{invoiceId}`: pause (e.g. a dispute),
 * resume, or stop for a reason the scenario lists in `stopWhen`.
 */
import { ValidationError } from '../errors';
import type { RuleSet } from '../rules/rule-set';
import { pauseSignal, resumeSignal, stopSignal } from '../../workflows/dunning';
import { dunningWorkflowId } from './dunning-process';
import { dunningPlan } from './dunning-views';
import type { ProcessDeps } from './process-deps';

/** Sends `pause` to the invoice's sequence; NotFoundError when it has none. */
export async function pauseDunning(deps: ProcessDeps, invoiceId: string, reason: string) {
  await dunningPlan(deps.db, invoiceId);
  await deps.client.workflow.getHandle(dunningWorkflowId(invoiceId)).signal(pauseSignal, { reason });
  return { invoiceId, signal: 'pause' };
}

/** Sends `resume` to the invoice's sequence; NotFoundError when it has none. */
export async function resumeDunning(deps: ProcessDeps, invoiceId: string) {
  await dunningPlan(deps.db, invoiceId);
  await deps.client.workflow.getHandle(dunningWorkflowId(invoiceId)).signal(resumeSignal);
  return { invoiceId, signal: 'resume' };
}

/** Sends `stop` for a reason of the sequence's scenario (not paid, which payments decide); a ValidationError names the allowed ones. */
export async function stopDunning(deps: ProcessDeps, ruleSet: RuleSet, invoiceId: string, reason: string) {
  const sequence = await dunningPlan(deps.db, invoiceId);
  const scenario = ruleSet.scenarios.find((candidate) => candidate.id === sequence.scenarioId);
  const allowed: string[] = (scenario?.stopWhen ?? []).filter((candidate) => candidate !== 'paid');
  if (!allowed.includes(reason)) {
    throw new ValidationError(`"${reason}" is not a stop reason of scenario ${sequence.scenarioId}; use one of: ${allowed.join(', ')}.`, [
      { pointer: '/reason', message: `must be one of: ${allowed.join(', ')}` },
    ]);
  }
  await deps.client.workflow.getHandle(dunningWorkflowId(invoiceId)).signal(stopSignal, { reason });
  return { invoiceId, signal: 'stop', reason };
}
