/**
 * What a recalculation trigger concerns: the automatic profile sets that list it in
 * `recalculateOn`, and the conditional groups whose conditions read a fact the triggering event
 * can change (a return changes the returns counted, an invoice the outstanding amount). Those are
 * the rules the event's decision record covers; groups are computed when read, never stored, so
 * the record lists them to show which memberships the event may have moved.
 */
import { scopeOf, type DecisionScope } from './decision-record';
import type { CompiledCondition } from './check-conditions';
import { factsUsed } from './compile-conditions';
import type { CompiledProfileSet, RuleSet } from './rule-set';
import type { RecalculationEvent } from './rule-types';

/**
 * What starts a recalculation: an event that profile sets list in `recalculateOn`, or a counted
 * return leaving the returns window (which concerns the sets recalculated on returns).
 */
export type RecalculationTrigger = RecalculationEvent | 'return-left-window';

/**
 * The derived facts (rules/attributes.yaml, computed in src/store/customer-facts-sql.ts) each
 * trigger's event can change. Attributes change only with `attributes-changed`. A derived fact
 * named by no trigger here is taken to change with every trigger, so that a new fact shows in
 * records until someone says which events move it.
 */
export const derivedFactsChangedBy: Readonly<Record<RecalculationTrigger, readonly string[]>> = {
  'return-created': ['returns_in_window', 'returned_percentage'],
  'return-left-window': ['returns_in_window', 'returned_percentage'],
  // A new order counts as a transaction, adds items to the returned percentage's base, and a COD order holds part of the limit.
  'order-created': [
    'returned_percentage',
    'total_spent',
    'transaction_count',
    'average_transaction_value',
    'last_transaction_value',
    'last_transaction_date',
    'cod_available_limit',
  ],
  // A delivered order was already a transaction (placed → delivered); delivery releases its COD hold.
  'order-delivered': ['cod_available_limit'],
  'invoice-created': ['outstanding_amount'],
  'payment-received': ['outstanding_amount'],
  'attributes-changed': [],
};

const knownDerivedFacts = new Set(Object.values(derivedFactsChangedBy).flat());

/** Whether a set is recalculated on this trigger. */
export function concerns(set: CompiledProfileSet, trigger: RecalculationTrigger): boolean {
  const event = trigger === 'return-left-window' ? 'return-created' : trigger;
  return set.assignment === 'automatic' && set.recalculateOn.includes(event);
}

/** Whether the triggering event can change fact `id` of the rule set. */
export function changesFact(ruleSet: RuleSet, trigger: RecalculationTrigger, id: string): boolean {
  const attribute = ruleSet.attributes.get(id);
  if (attribute?.source === 'attribute') return trigger === 'attributes-changed';
  return derivedFactsChangedBy[trigger].includes(id) || !knownDerivedFacts.has(id);
}

const scopes = new WeakMap<RuleSet, Map<RecalculationTrigger, DecisionScope>>();

/** The sets and groups the trigger concerns (kept per rule set: rule sets are not changed once built). */
export function triggerScope(ruleSet: RuleSet, trigger: RecalculationTrigger): DecisionScope {
  let byTrigger = scopes.get(ruleSet);
  if (!byTrigger) {
    byTrigger = new Map();
    scopes.set(ruleSet, byTrigger);
  }
  let scope = byTrigger.get(trigger);
  if (!scope) {
    const reads = (condition: CompiledCondition) => [...factsUsed(condition)].some((id) => changesFact(ruleSet, trigger, id));
    scope = scopeOf(
      ruleSet.profileSets.filter((set) => concerns(set, trigger)),
      ruleSet.groups.filter((group) => group.kind === 'conditional' && group.condition && reads(group.condition)),
    );
    byTrigger.set(trigger, scope);
  }
  return scope;
}
