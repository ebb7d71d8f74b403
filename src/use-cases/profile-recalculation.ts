/**
 * Recalculates a customer's automatic profile sets from the facts in the database, keeps the
 * decision record, and records every profile change on the timeline with that record's id.
 */
import { NotFoundError } from '../errors';
import { explain } from '../rules/explain';
import type { CompiledProfileSet, RuleSet } from '../rules/rule-set';
import type { RecalculationEvent } from '../rules/rule-types';
import { loadCustomerFacts } from '../store/customer-facts-store';
import type { Queryable } from '../store/database';
import { getDecisionRecord, saveDecisionRecord, setProfile } from '../store/profile-store';

export interface Recalculation {
  /** The customer's profile per set after the recalculation (manual sets included). */
  profiles: Record<string, string | null>;
  /** Groups the customer is in by the conditional rules. */
  groups: string[];
  decisionRecordId: string;
  /** Automatic sets whose profile changed. */
  changed: Array<{ setId: string; to: string | null }>;
}

/**
 * What starts a recalculation: an event that profile sets list in `recalculateOn`, or a counted
 * return leaving the returns window (which concerns the sets recalculated on returns).
 */
export type RecalculationTrigger = RecalculationEvent | 'return-left-window';

/** Whether a set is recalculated on this trigger. */
function concerns(set: CompiledProfileSet, trigger: RecalculationTrigger): boolean {
  const event = trigger === 'return-left-window' ? 'return-created' : trigger;
  return set.assignment === 'automatic' && set.recalculateOn.includes(event);
}

/** Whether any profile set is recalculated on this trigger. */
export function isRecalculationTrigger(ruleSet: RuleSet, trigger: RecalculationTrigger): boolean {
  return ruleSet.profileSets.some((set) => concerns(set, trigger));
}

/** Runs inside the caller's transaction, after the triggering event was written. */
export async function recalculateProfiles(
  db: Queryable,
  ruleSet: RuleSet,
  customerId: string,
  now: Date,
  trigger: RecalculationTrigger,
): Promise<Recalculation> {
  const facts = (await loadCustomerFacts(db, ruleSet, now, [customerId])).get(customerId) ?? {};
  const { decision, record } = await explain(ruleSet, facts, now);
  const decisionRecordId = await saveDecisionRecord(db, customerId, trigger, record);
  const changed: Recalculation['changed'] = [];
  for (const set of ruleSet.profileSets) {
    if (!concerns(set, trigger)) continue;
    const to = decision.profiles[set.id] ?? null;
    if (await setProfile(db, { customerId, setId: set.id, profileId: to, assignedBy: `rules:${trigger}`, decisionId: decisionRecordId })) {
      changed.push({ setId: set.id, to });
    }
  }
  return { profiles: decision.profiles, groups: decision.groups, decisionRecordId, changed };
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
