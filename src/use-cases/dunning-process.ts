/**
 * Starting a dunning sequence when an invoice comes in: the customer's profile selects the
 * scenario, whose steps are pinned in the workflow `dunning-{invoiceId}`. A customer whose profile
 * has no scenario gets no automatic reminder and a manual-handling task instead.
 */
import { dayNumber, fromDayNumber, parseCalendarDate, startOfDateInTimeZone } from '../rules/calendar';
import { evaluate } from '../rules/evaluate';
import type { RuleSet } from '../rules/rule-set';
import { loadCustomerFacts } from '../store/customer-facts-store';
import type { Queryable } from '../store/database';
import { hasPendingIntent, queueIntents } from '../store/workflow-intent-store';
import {
  createTask,
  getPinnedSequence,
  isLeftToManualHandling,
  manualHandlingTaskId,
  recordSequence,
  runningSequencesOf,
  type PinnedStep,
} from '../store/dunning-store';
import { dunningWorkflowId } from '../temporal/workflow-client';
import { signalIntent, startIntent } from '../temporal/workflow-intents';
import { dunningProfileSetId } from './dunning-profile-set';
import { dunning, paymentSignal, stopSignal } from '../../workflows/dunning';

/**
 * In the invoice's transaction: pins the sequence of the customer's profile and queues its
 * workflow's start; returns the scenario, or null when the invoice goes to manual handling. A
 * repeated request keeps what the first one decided, even if the profile or the rules changed since.
 */
export async function startDunning(
  tx: Queryable,
  ruleSet: RuleSet,
  invoice: { id: string; customerId: string; dueDate: string },
): Promise<string | null> {
  if (await isLeftToManualHandling(tx, invoice.id)) return null;
  const workflowId = dunningWorkflowId(invoice.id);
  const existing = await getPinnedSequence(tx, invoice.id);
  // A repeat queues the start again unless one is queued: a start given up (dead) is made good this way, and a delivered one is not repeated.
  if (existing && (await hasPendingIntent(tx, workflowId))) return existing.scenarioId;
  const pinned = existing ?? (await pinSequence(tx, ruleSet, invoice));
  if (!pinned) return null;
  // An invoice never gets two sequences, even after its first one ended (policy once).
  const start = startIntent(dunning, {
    workflowId,
    args: [{ invoiceId: invoice.id, customerId: invoice.customerId, dueDate: invoice.dueDate, ...pinned }],
    policy: 'once',
  });
  await queueIntents(tx, [start]);
  return pinned.scenarioId;
}

/**
 * Chooses the scenario of the customer's profile and records it with its steps; none: a
 * manual-handling task, which records the customer's profile of the reminders' set as it stands.
 */
async function pinSequence(db: Queryable, ruleSet: RuleSet, invoice: { id: string; customerId: string; dueDate: string }) {
  const now = new Date();
  const facts = (await loadCustomerFacts(db, ruleSet, now, [invoice.customerId])).get(invoice.customerId) ?? {};
  const decision = evaluate(ruleSet, facts, now);
  const scenario = ruleSet.scenarios.find((candidate) => candidate.id === decision.scenario);
  if (!scenario) {
    const profileSetId = dunningProfileSetId(ruleSet);
    await createTask(db, {
      id: manualHandlingTaskId(invoice.id),
      kind: 'manual-handling',
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      scenarioId: null,
      profileSetId,
      profileId: decision.profiles[profileSetId] ?? null,
    });
    return undefined;
  }
  const dueDate = parseCalendarDate(invoice.dueDate, ruleSet.settings.timeZone)!;
  const steps: PinnedStep[] = scenario.steps.map(({ id, offsetDays, action, template, when }) => ({
    id,
    offsetDays,
    action,
    template,
    ...(when && { when }),
    // The account's day, not UTC's: a reminder "on the due date" goes out at the start of that day where the shop is.
    at: startOfDateInTimeZone(fromDayNumber(dayNumber(dueDate) + offsetDays), ruleSet.settings.timeZone).toISOString(),
  }));
  const sequence = { scenarioId: scenario.id, profileId: scenario.profile.profileId, ruleSetVersion: ruleSet.version, steps };
  const recorded = { invoiceId: invoice.id, customerId: invoice.customerId, profileSetId: scenario.profile.setId, ...sequence };
  if (await recordSequence(db, recorded)) return sequence;
  // Two first requests at once: the one that recorded first decides.
  return getPinnedSequence(db, invoice.id);
}

/**
 * In the transaction of a profile change: ends the customer's running sequences that followed
 * another profile of `setId` than `profileId` (all of the set's when it is null: the rules gave
 * none) — their scenarios stop on profile-changed; returns
 * their invoices. The workflows hear of it through the outbox.
 */
export async function stopSequencesOfOtherProfiles(
  tx: Queryable,
  ruleSet: RuleSet,
  change: { customerId: string; setId: string; profileId: string | null },
): Promise<string[]> {
  const running = await runningSequencesOf(tx, change.customerId);
  const stale = running.filter((sequence) => {
    const scenario = ruleSet.scenarios.find((candidate) => candidate.id === sequence.scenarioId);
    return scenario?.profile.setId === change.setId && sequence.profileId !== change.profileId;
  });
  const stops = stale.map(({ invoiceId }) => signalIntent(dunningWorkflowId(invoiceId), stopSignal, { reason: 'profile-changed' }));
  await queueIntents(tx, stops);
  return stale.map((sequence) => sequence.invoiceId);
}

/** In the payment's transaction: tells the invoice's sequence that a payment came in; no sequence (manual handling, ended) is fine. */
export async function notifyPayment(tx: Queryable, invoiceId: string): Promise<void> {
  await queueIntents(tx, [signalIntent(dunningWorkflowId(invoiceId), paymentSignal)]);
}
