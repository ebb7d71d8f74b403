/**
 * Starting a dunning sequence when an invoice comes in: the customer's profile selects the
 * scenario, whose steps are pinned in the workflow `dunning-{invoiceId}`. A customer whose profile
 * has no scenario gets no automatic reminder and a manual-handling task instead.
 */
import { evaluate } from '../rules/evaluate';
import type { RuleSet } from '../rules/rule-set';
import { loadCustomerFacts } from '../store/customer-facts-store';
import type { Database } from '../store/database';
import {
  createTask,
  getPinnedSequence,
  isLeftToManualHandling,
  manualHandlingTaskId,
  recordSequence,
  runningSequencesOf,
  type PinnedStep,
} from '../store/dunning-store';
import {
  dunningWorkflowId,
  signalIfRunning,
  startWorkflow,
  type RunningWorkflowDeps,
  type WorkflowDeps,
} from '../temporal/workflow-client';
import { dunning, paymentSignal, stopSignal } from '../../workflows/dunning';

/** Starts (or finds) the invoice's sequence; returns the scenario, or null when it goes to manual handling. */
export async function startDunning(
  deps: WorkflowDeps & { db: Database },
  ruleSet: RuleSet,
  invoice: { id: string; customerId: string; dueDate: string },
): Promise<string | null> {
  // A repeated request keeps what the first one decided, even if the profile or the rules changed since:
  // the first attempt may have pinned the sequence and then failed to start its workflow.
  if (await isLeftToManualHandling(deps.db, invoice.id)) return null;
  const pinned = (await getPinnedSequence(deps.db, invoice.id)) ?? (await pinSequence(deps.db, ruleSet, invoice));
  if (!pinned) return null;
  // An invoice never gets two sequences, even after its first one ended.
  await startWorkflow(deps, dunning, {
    workflowId: dunningWorkflowId(invoice.id),
    args: [{ invoiceId: invoice.id, customerId: invoice.customerId, dueDate: invoice.dueDate, ...pinned }],
    policy: 'once',
  });
  return pinned.scenarioId;
}

/** Chooses the scenario of the customer's profile and records it with its steps; none: a manual-handling task. */
async function pinSequence(db: Database, ruleSet: RuleSet, invoice: { id: string; customerId: string }) {
  const now = new Date();
  const facts = (await loadCustomerFacts(db, ruleSet, now, [invoice.customerId])).get(invoice.customerId) ?? {};
  const scenarioId = evaluate(ruleSet, facts, now).scenario;
  const scenario = ruleSet.scenarios.find((candidate) => candidate.id === scenarioId);
  if (!scenario) {
    await createTask(db, {
      id: manualHandlingTaskId(invoice.id),
      kind: 'manual-handling',
      customerId: invoice.customerId,
      invoiceId: invoice.id,
    });
    return undefined;
  }
  const steps: PinnedStep[] = scenario.steps.map(({ id, offsetDays, action, template, when }) => ({
    id,
    offsetDays,
    action,
    template,
    ...(when && { when }),
  }));
  const sequence = { scenarioId: scenario.id, profileId: scenario.profile.profileId, ruleSetVersion: ruleSet.version, steps };
  if (await recordSequence(db, { invoiceId: invoice.id, customerId: invoice.customerId, ...sequence })) return sequence;
  // Two first requests at once: the one that recorded first decides.
  return getPinnedSequence(db, invoice.id);
}

/**
 * Ends the customer's running sequences that followed another profile of `setId` than `profileId`
 * (their scenarios stop on profile-changed). Safe to repeat: a repeated request whose first attempt
 * stored the profile but could not reach Temporal stops the sequences then.
 */
export async function stopSequencesOfOtherProfiles(
  deps: RunningWorkflowDeps & { db: Database },
  ruleSet: RuleSet,
  change: { customerId: string; setId: string; profileId: string },
): Promise<string[]> {
  const running = await runningSequencesOf(deps.db, change.customerId);
  const stale = running.filter((sequence) => {
    const scenario = ruleSet.scenarios.find((candidate) => candidate.id === sequence.scenarioId);
    return scenario?.profile.setId === change.setId && sequence.profileId !== change.profileId;
  });
  for (const { invoiceId } of stale) await signalIfRunning(deps, dunningWorkflowId(invoiceId), stopSignal, { reason: 'profile-changed' });
  return stale.map((sequence) => sequence.invoiceId);
}

/** Tells the invoice's sequence that a payment came in; no sequence (manual handling, ended) is fine. */
export async function notifyPayment(deps: RunningWorkflowDeps, invoiceId: string): Promise<void> {
  await signalIfRunning(deps, dunningWorkflowId(invoiceId), paymentSignal);
}
