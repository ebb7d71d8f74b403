/**
 * Starting a dunning sequence when an invoice comes in: the customer's profile selects the
 * scenario, whose steps are pinned in the workflow `dunning-{invoiceId}`. A customer whose profile
 * has no scenario gets no automatic reminder and a manual-handling task instead.
 *
 * A profile change (by hand or by the rules) ends the sequences that followed the former profile
 * (profile-changed) and, in the same transaction, starts the scenario of the profile now held for
 * what is still owed: each unpaid invoice whose sequence it ended, or that had none because the
 * former profile had no scenario, gets a new sequence, numbered after the invoice's earlier ones
 * (workflow `dunning-{invoiceId}~{n}`; the invoice's first keeps `dunning-{invoiceId}`). The new
 * scenario applies from the change on: steps due before it are recorded as skipped, later ones run.
 */
import { dayNumber, fromDayNumber, parseCalendarDate, startOfDateInTimeZone } from '../rules/calendar';
import { evaluate, scenarioFor } from '../rules/evaluate';
import type { CompiledScenario, RuleSet } from '../rules/rule-set';
import { loadCustomerFacts } from '../store/customer-facts-store';
import { lockCustomer } from '../store/customer-store';
import type { Queryable } from '../store/database';
import { hasPendingIntent, queueIntents } from '../store/workflow-intent-store';
import {
  cancelManualHandlingTask,
  createTask,
  endSequences,
  getPinnedSequence,
  heldProfiles,
  invoicesAwaitingReminders,
  isLeftToManualHandling,
  manualHandlingTaskId,
  openManualHandlingTask,
  recordSequence,
  recordSkippedSteps,
  runningSequencesOf,
  type PinnedStep,
} from '../store/dunning-store';
import { dunningWorkflowId } from '../temporal/workflow-client';
import { signalIntent, startIntent } from '../temporal/workflow-intents';
import { dunningProfileSetId } from './dunning-profile-set';
import { customerMovedSignal, dunning, paymentSignal, stopSignal, type DunningInput } from '../../workflows/dunning';

/** The reason a profile change ends a sequence with (a `stopWhen` value). */
const profileChanged = 'profile-changed';

/**
 * In the invoice's transaction: pins the sequence of the customer's profile and queues its
 * workflow's start; returns the scenario and the workflow, or null when the invoice goes to manual
 * handling. A repeated request keeps what was decided — the first request, or a profile change
 * since, whose sequence is then the invoice's current one — even if the rules changed since.
 */
export async function startDunning(
  tx: Queryable,
  ruleSet: RuleSet,
  invoice: { id: string; customerId: string; dueDate: string },
): Promise<{ scenarioId: string; workflowId: string } | null> {
  const current = await getPinnedSequence(tx, invoice.id);
  if (current) {
    // A repeat queues the start again unless one is queued or the sequence has ended: a start given
    // up (dead) is made good this way, and a delivered one is not repeated (policy once).
    if (current.state !== 'ended' && !(await hasPendingIntent(tx, current.workflowId))) {
      await queueIntents(tx, [sequenceStart(invoice, current.workflowId, current)]);
    }
    return { scenarioId: current.scenarioId, workflowId: current.workflowId };
  }
  if (await isLeftToManualHandling(tx, invoice.id)) return null;
  const pinned = await pinSequence(tx, ruleSet, invoice);
  if (!pinned) return null;
  const workflowId = dunningWorkflowId(invoice.id);
  await queueIntents(tx, [sequenceStart(invoice, workflowId, pinned)]);
  return { scenarioId: pinned.scenarioId, workflowId };
}

/** The start of a sequence's workflow; an invoice's sequence number n never starts twice (policy once). */
function sequenceStart(
  invoice: { id: string; customerId: string; dueDate: string },
  workflowId: string,
  pinned: Pick<DunningInput, 'scenarioId' | 'profileId' | 'ruleSetVersion' | 'steps'>,
) {
  const { scenarioId, profileId, ruleSetVersion, steps } = pinned;
  return startIntent(dunning, {
    workflowId,
    args: [
      { invoiceId: invoice.id, customerId: invoice.customerId, dueDate: invoice.dueDate, scenarioId, profileId, ruleSetVersion, steps },
    ],
    policy: 'once',
  });
}

/** The scenario's steps pinned for an invoice due on `dueDate`, each at the start of its day in the account's time zone. */
function pinSteps(ruleSet: RuleSet, scenario: CompiledScenario, dueDate: string): PinnedStep[] {
  const due = parseCalendarDate(dueDate, ruleSet.settings.timeZone)!;
  return scenario.steps.map(({ id, offsetDays, action, template, when }) => ({
    id,
    offsetDays,
    action,
    template,
    ...(when && { when }),
    // The account's day, not UTC's: a reminder "on the due date" goes out at the start of that day where the shop is.
    at: startOfDateInTimeZone(fromDayNumber(dayNumber(due) + offsetDays), ruleSet.settings.timeZone).toISOString(),
  }));
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
  const steps = pinSteps(ruleSet, scenario, invoice.dueDate);
  const sequence = { scenarioId: scenario.id, profileId: scenario.profile.profileId, ruleSetVersion: ruleSet.version, steps };
  const recorded = { invoiceId: invoice.id, customerId: invoice.customerId, profileSetId: scenario.profile.setId, ...sequence };
  if (await recordSequence(db, recorded)) return sequence;
  // Two first requests at once: the one that recorded first decides.
  return getPinnedSequence(db, invoice.id);
}

/**
 * In the transaction of a profile change of `setId` (to `profileId`, null: the rules gave none), under
 * the customer's lock: ends the customer's sequences that followed another profile of the set
 * (profile-changed), then starts the scenario of the profile the customer now holds for each unpaid
 * invoice whose sequence ended on a profile change or that was left to manual handling. The workflows
 * hear of both through the outbox, in the order queued per workflow: a sequence started by a change
 * and ended by the next one quickly after (A → B → C) is started, then stopped. Returns the workflow
 * ids ended and started. A set no scenario follows costs nothing.
 *
 * `stopRules` tells which running sequences followed a profile of the set — by default `ruleSet`'s
 * scenarios; a rule change passes the scenarios of the rules it replaces as well, whose sequences
 * end although the new rules no longer know them. What starts is always chosen among `ruleSet`'s.
 */
export async function followProfileChange(
  tx: Queryable,
  ruleSet: RuleSet,
  change: { customerId: string; setId: string; profileId: string | null },
  stopRules: RuleSet = ruleSet,
): Promise<{ ended: string[]; started: string[] }> {
  const followsSet = (rules: RuleSet) => rules.scenarios.some((scenario) => scenario.profile.setId === change.setId);
  if (!followsSet(ruleSet) && !followsSet(stopRules)) return { ended: [], started: [] };
  // The callers hold it already (a change by hand, an event): taken again it costs nothing, and a
  // change whose caller did not take it (a payment's recalculation) waits for one in progress.
  const customer = await lockCustomer(tx, change.customerId);
  const ended = await endSequencesOfOtherProfiles(tx, stopRules, change);
  // A customer merged away holds no invoice any more; an erased one owes nothing (an erasure waits for every invoice to be paid).
  if (customer.mergedInto || customer.erasureState === 'erased') return { ended, started: [] };
  const started = await startScenarioForWhatIsOwed(tx, ruleSet, change.customerId);
  return { ended, started };
}

/**
 * After a merge: every running sequence of the customer is told whose it is, so that Temporal lists
 * the moved ones under it (RulebookCustomerId); for its own sequences this changes nothing.
 */
export async function relistSequencesUnder(tx: Queryable, customerId: string): Promise<void> {
  const running = await runningSequencesOf(tx, customerId);
  await queueIntents(
    tx,
    running.map((sequence) => signalIntent(sequence.workflowId, customerMovedSignal, { customerId })),
  );
}

/**
 * After a merge moved a duplicate's invoices and sequences to the customer: each set a scenario
 * follows is followed as if it had just changed to the profile the customer holds, so that the
 * moved sequences of the duplicate's profiles end (profile-changed) and the customer's own scenario
 * starts for what is owed — the moved manual-handling invoices included.
 */
export async function followHeldProfiles(tx: Queryable, ruleSet: RuleSet, customerId: string): Promise<void> {
  const held = await heldProfiles(tx, customerId);
  const followed = new Set(ruleSet.scenarios.map((scenario) => scenario.profile.setId));
  for (const setId of followed) await followProfileChange(tx, ruleSet, { customerId, setId, profileId: held[setId] ?? null });
}

/**
 * Ends the customer's running sequences that followed another profile of `setId` than `profileId`
 * (all of the set's when it is null: the rules gave none) — their scenarios stop on profile-changed —
 * and returns their workflow ids. Each is recorded as ended at once (a step falling due before its
 * workflow hears of the stop is skipped), and its workflow is told through the outbox.
 */
export async function endSequencesOfOtherProfiles(
  tx: Queryable,
  ruleSet: RuleSet,
  change: { customerId: string; setId: string; profileId: string | null },
): Promise<string[]> {
  const running = await runningSequencesOf(tx, change.customerId);
  const stale = running.filter((sequence) => {
    const scenario = ruleSet.scenarios.find((candidate) => candidate.id === sequence.scenarioId);
    // A scenario since removed from the rules: the set recorded with its sequence.
    const setId = scenario?.profile.setId ?? sequence.profileSetId;
    return setId === change.setId && sequence.profileId !== change.profileId;
  });
  const workflowIds = stale.map((sequence) => sequence.workflowId);
  await endSequences(tx, workflowIds, profileChanged);
  await queueIntents(
    tx,
    workflowIds.map((workflowId) => signalIntent(workflowId, stopSignal, { reason: profileChanged })),
  );
  return workflowIds;
}

/**
 * A profile without a scenario exists to handle its customers case by case (seed 001): each unpaid
 * invoice whose reminders the change ended becomes a manual-handling task, as a new invoice of such
 * a customer does, recording the profile now held. An invoice whose task is open keeps it; one
 * closed since (reminders started, or a person marked it done) is opened again.
 */
async function leaveToManualHandling(
  tx: Queryable,
  ruleSet: RuleSet,
  customerId: string,
  held: Record<string, string>,
  invoices: Array<{ invoiceId: string }>,
): Promise<void> {
  const profileSetId = dunningProfileSetId(ruleSet);
  for (const { invoiceId } of invoices) {
    await openManualHandlingTask(tx, {
      id: manualHandlingTaskId(invoiceId),
      kind: 'manual-handling',
      customerId,
      invoiceId,
      scenarioId: null,
      profileSetId,
      profileId: held[profileSetId] ?? null,
    });
  }
}

/**
 * Starts the scenario of the profiles the customer holds now (the first scenario, in file order,
 * tied to one of them — as for a new invoice) for each unpaid invoice awaiting reminders; none when
 * no held profile has a scenario. Steps due before now are recorded as skipped: the new scenario
 * applies from the change on, and a merchant does not want a burst of overdue reminders at once.
 */
async function startScenarioForWhatIsOwed(tx: Queryable, ruleSet: RuleSet, customerId: string): Promise<string[]> {
  const held = await heldProfiles(tx, customerId);
  const scenarioId = scenarioFor(ruleSet, held);
  const scenario = ruleSet.scenarios.find((candidate) => candidate.id === scenarioId);
  const invoices = await invoicesAwaitingReminders(tx, customerId, profileChanged);
  if (!scenario) {
    await leaveToManualHandling(tx, ruleSet, customerId, held, invoices);
    return [];
  }
  const now = Date.now();
  const starts = [];
  for (const { invoiceId, dueDate, lastSequenceNo } of invoices) {
    const sequenceNo = lastSequenceNo + 1;
    const steps = pinSteps(ruleSet, scenario, dueDate);
    const pinned = { scenarioId: scenario.id, profileId: scenario.profile.profileId, ruleSetVersion: ruleSet.version, steps };
    const recorded = await recordSequence(tx, {
      invoiceId,
      customerId,
      profileSetId: scenario.profile.setId,
      ...pinned,
      sequenceNo,
      startedOn: profileChanged,
    });
    if (!recorded) continue;
    await cancelManualHandlingTask(tx, invoiceId);
    const past = steps.filter((step) => Date.parse(step.at!) < now).map((step) => step.id);
    await recordSkippedSteps(
      tx,
      { invoiceId, sequenceNo },
      past,
      `due before the profile change that started this sequence (${new Date(now).toISOString()}): the new scenario applies from then on`,
    );
    starts.push(sequenceStart({ id: invoiceId, customerId, dueDate }, dunningWorkflowId(invoiceId, sequenceNo), pinned));
  }
  await queueIntents(tx, starts);
  return starts.map((start) => start.workflowId);
}

/**
 * In the payment's transaction, after the payment is written: tells the invoice's current sequence
 * that a payment came in; no sequence (manual handling, ended) is fine. The payment's trigger took
 * the customer's lock, so a profile change in progress has committed, and its sequence is found here.
 */
export async function notifyPayment(tx: Queryable, invoiceId: string): Promise<void> {
  const workflowId = (await getPinnedSequence(tx, invoiceId))?.workflowId ?? dunningWorkflowId(invoiceId);
  await queueIntents(tx, [signalIntent(workflowId, paymentSignal)]);
}
