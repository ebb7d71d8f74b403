/**
 * Recalculates a customer's automatic profile sets from the facts in the database, keeps the
 * decision record, and records every profile change on the timeline with that record's id.
 */
import { NotFoundError } from '../errors';
import type { FactValues } from '../rules/fact-values';
import { scopeOf } from '../rules/decision-record';
import type { CompiledProfileSet, RuleSet } from '../rules/rule-set';
import { traceDecision } from '../rules/trace-decision';
import { triggerScope, type RecalculationTrigger } from '../rules/trigger-scope';
import { loadCustomerFacts } from '../store/customer-facts-store';
import type { Queryable } from '../store/database';
import { getDecisionRecord, saveDecision } from '../store/profile-store';
import { followProfileChange } from './dunning-process';

export type { RecalculationTrigger } from '../rules/trigger-scope';

export interface Recalculation {
  /** The customer's profile per set after the recalculation (manual sets and sets not recalculated as held). */
  profiles: Record<string, string | null>;
  decisionRecordId: string;
  /** Automatic sets whose profile changed. */
  changed: Array<{ setId: string; to: string | null }>;
}

/** Whether any profile set is recalculated on this trigger. */
export function isRecalculationTrigger(ruleSet: RuleSet, trigger: RecalculationTrigger): boolean {
  return triggerScope(ruleSet, trigger).profileSets.length > 0;
}

/**
 * Runs inside the caller's transaction, after the triggering event was written. The decision
 * record covers what the trigger concerns (trigger-scope.ts): the sets it recalculates and the
 * groups whose facts it changes; it is kept with the profile changes in one statement, under
 * `decisionRecordId` when the caller has already stored that id with its event.
 */
export async function recalculateProfiles(
  db: Queryable,
  ruleSet: RuleSet,
  customerId: string,
  now: Date,
  trigger: RecalculationTrigger,
  decisionRecordId?: string,
  loadedFacts?: Promise<FactValues>,
): Promise<Recalculation> {
  const scope = triggerScope(ruleSet, trigger);
  const facts = await (loadedFacts ?? loadRecalculationFacts(db, ruleSet, customerId, now, trigger));
  const { decision, record } = traceDecision(ruleSet, facts, now, scope);
  const saved = await saveDecision(db, {
    ...(decisionRecordId && { id: decisionRecordId }),
    customerId,
    trigger,
    record,
    profiles: scope.profileSets.map((set) => ({ setId: set.id, profileId: decision.profiles[set.id] ?? null })),
    assignedBy: `rules:${trigger}`,
  });
  await endSequencesOfFormerProfiles(db, ruleSet, customerId, saved.changed);
  return { profiles: decision.profiles, decisionRecordId: saved.decisionRecordId, changed: saved.changed };
}

/**
 * Recalculates the customer's automatic `sets` for a change that is no event (a merge, a rule
 * change), under the lock the caller holds: keeps the decision record with `cause` and follows each
 * changed set's scenario, as an event's recalculation does. The sets that changed.
 */
export async function recalculateSetsIn(
  tx: Queryable,
  ruleSet: RuleSet,
  customerId: string,
  sets: readonly CompiledProfileSet[],
  cause: { trigger: string; assignedBy: string },
  now = new Date(),
): Promise<Recalculation['changed']> {
  if (sets.length === 0) return [];
  const scope = scopeOf(sets, []);
  const facts = (await loadCustomerFacts(tx, ruleSet, now, [customerId], {}, scope.factIds)).get(customerId) ?? {};
  const { decision, record } = traceDecision(ruleSet, facts, now, scope);
  const saved = await saveDecision(tx, {
    customerId,
    ...cause,
    record,
    profiles: sets.map((set) => ({ setId: set.id, profileId: decision.profiles[set.id] ?? null })),
  });
  await endSequencesOfFormerProfiles(tx, ruleSet, customerId, saved.changed);
  return saved.changed;
}

/**
 * The facts a recalculation on `trigger` reads, for `recalculateProfiles`. Only those the concerned
 * rules read: on a return, the returns counted rather than all nine derived facts.
 */
export async function loadRecalculationFacts(
  db: Queryable,
  ruleSet: RuleSet,
  customerId: string,
  now: Date,
  trigger: RecalculationTrigger,
): Promise<FactValues> {
  const { factIds } = triggerScope(ruleSet, trigger);
  return (await loadCustomerFacts(db, ruleSet, now, [customerId], {}, factIds)).get(customerId) ?? {};
}

/**
 * A profile changed by the rules ends the reminder sequences of the customer's former profile and
 * starts the new profile's scenario for what is still owed, as a change by hand does (stopWhen:
 * profile-changed). Only sets that scenarios follow are looked at, so a return, whose sets no
 * scenario follows in the shipped rules, costs no statement more.
 */
async function endSequencesOfFormerProfiles(db: Queryable, ruleSet: RuleSet, customerId: string, changed: Recalculation['changed']) {
  for (const { setId, to } of changed) {
    if (!ruleSet.scenarios.some((scenario) => scenario.profile.setId === setId)) continue;
    await followProfileChange(db, ruleSet, { customerId, setId, profileId: to });
  }
}

/**
 * Recalculates inside the caller's transaction when a profile set listens to `trigger`; the
 * decision record id and the changed sets, or nothing when no set listens.
 */
export async function recalculateOn(
  tx: Queryable,
  ruleSet: RuleSet,
  customerId: string,
  trigger: RecalculationTrigger,
  now = new Date(),
): Promise<{ decisionRecordId?: string; changed?: Recalculation['changed'] }> {
  if (!isRecalculationTrigger(ruleSet, trigger)) return {};
  const { decisionRecordId, changed } = await recalculateProfiles(tx, ruleSet, customerId, now, trigger);
  return { decisionRecordId, changed };
}

/** A decision record (GET /v1/decisions/{decisionId}); NotFoundError when there is none. */
export async function decisionRecord(db: Queryable, decisionId: string) {
  const decision = await getDecisionRecord(db, decisionId);
  if (!decision) throw new NotFoundError(`No decision record has the id "${decisionId}".`);
  return decision;
}
