/**
 * When a COD hold is due, and the intents that start the workflow releasing the holds due at one
 * moment (`cod-holds-due-{taskQueue}-{moment}`) or settle the own workflow `cod-{orderId}` of a hold placed
 * before holds had a due moment; queued with the order's changes.
 */
import type { RuleSet } from '../rules/rule-set';
import type { WorkflowIntent } from '../store/workflow-intent-store';
import { codHoldsDueWorkflowId, codHoldWorkflowId } from '../temporal/workflow-client';
import { signalWithStartIntent, startIntent } from '../temporal/workflow-intents';
import { codHold, settledSignal, type CodHoldInput } from '../../workflows/cod-hold';
import { codHoldsDue } from '../../workflows/cod-holds-due';

const minute = 60_000;
const day = 86_400_000;

const longestTransitMs = (ruleSet: RuleSet) => (ruleSet.settings.cod.longestTransitDays ?? 30) * day;

/**
 * When a hold placed at `now` is due: the end of its minute plus the longest transit time, so the
 * holds of one minute share one workflow. A hold is released at most a minute later than its own
 * transit time would have it.
 */
export function codHoldDueAt(ruleSet: RuleSet, now: Date): Date {
  const endOfMinute = Math.floor(now.getTime() / minute) * minute + minute;
  return new Date(endOfMinute + longestTransitMs(ruleSet));
}

/** Start the workflow that releases the holds due at `dueAt` (one start per moment; a repeat finds it). */
export function startCodHoldsDue(dueAt: Date, taskQueue: string): WorkflowIntent {
  const workflowId = codHoldsDueWorkflowId(dueAt, taskQueue);
  return {
    ...startIntent(codHoldsDue, { workflowId, args: [{ dueAt: dueAt.toISOString() }], policy: 'once' }),
    // Starts of one moment not yet delivered are delivered once.
    coalesceKey: 'start',
  };
}

const holdInput = (ruleSet: RuleSet, orderId: string): CodHoldInput => ({ orderId, longestTransitMs: longestTransitMs(ruleSet) });

/**
 * Tell a hold's own workflow that the order settled. Intents of one workflow are delivered in
 * order, so the start comes first; should it have been given up (dead), the settle starts the
 * workflow with the signal, and it ends at once. A finished workflow is fine.
 */
export function settleCodHold(ruleSet: RuleSet, orderId: string, reason: string): WorkflowIntent {
  return signalWithStartIntent(
    codHold,
    { workflowId: codHoldWorkflowId(orderId), args: [holdInput(ruleSet, orderId)], policy: 'once' },
    settledSignal,
    [{ reason }],
  );
}
