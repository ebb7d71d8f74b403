/**
 * What an automatic profile set decides with, reduced to what can change a decision — so that a
 * rule change can tell which sets now decide differently (issue 13: rule changes always take
 * effect). Kept in the database with the rules committed (rule_sync.automatic_sets, migration 0027),
 * so that a reload and a start after the files changed while the service was down compare alike.
 *
 * A set decides with its ACTIVE profiles in rank order (priority, then file order), each with its
 * conditions, its default profile, and the meaning of the facts those conditions read: their
 * catalog entries and the settings the facts and operators depend on. Names, descriptions,
 * inactive profiles and `recalculateOn` decide nothing; a profile removed from the set is followed
 * by its holders' recalculation (rule-change.ts), and removing a candidate changes the decision of
 * no one else, so a removal alone is no change here.
 */
import { createHash } from 'node:crypto';
import type { CompiledCondition } from './check-conditions';
import { factsUsed } from './compile-conditions';
import type { CompiledProfileSet, RuleSet } from './rule-set';

/** One automatic set's decision rules: a hash of what the candidates share, and each candidate (in rank order) with the hash of its conditions. */
export interface SetDecisionRules {
  base: string;
  candidates: Array<[profileId: string, conditions: string]>;
}

/** The decision rules of automatic sets, by set id. */
export type DecisionRulesBySet = Record<string, SetDecisionRules>;

/** Bump when what is hashed changes: every set then counts as changed once. */
const format = 'v1';

/** The decision rules of every automatic set of `ruleSet`. */
export function decisionRulesOf(ruleSet: RuleSet): DecisionRulesBySet {
  const rules: DecisionRulesBySet = {};
  for (const set of ruleSet.profileSets) if (set.assignment === 'automatic') rules[set.id] = setDecisionRules(ruleSet, set);
  return rules;
}

function setDecisionRules(ruleSet: RuleSet, set: CompiledProfileSet): SetDecisionRules {
  const facts = new Set<string>();
  for (const profile of set.candidates) if (profile.condition) factsUsed(profile.condition, facts);
  const { returnsWindow, timeZone, firstDayOfWeek, cod } = ruleSet.settings;
  const base = hash({
    format,
    defaultProfile: set.defaultProfile ?? null,
    // What the facts read (returns window, COD limit) and what the date operators need (today, the week).
    settings: { returnsWindow, timeZone, firstDayOfWeek, codLimit: cod.totalLimitPerUser },
    facts: [...facts].sort().map((id) => {
      const attribute = ruleSet.attributes.get(id);
      return attribute ? { id, type: attribute.type, options: attribute.options ?? null, source: attribute.source } : { id };
    }),
  });
  return { base, candidates: set.candidates.map((profile) => [profile.id, hash(profile.condition ? written(profile.condition) : null)]) };
}

/** A condition as written (leaves as the analyst wrote them), without its positions in the file. */
function written(condition: CompiledCondition): unknown {
  if (condition.kind === 'leaf') return condition.written;
  if (condition.kind === 'not') return { not: written(condition.child) };
  return { [condition.kind]: condition.children.map(written) };
}

function hash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted, so that equal values hash equally whatever order their keys were written in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Why a set is recalculated after a rule change. */
export type SetChange = 'set-added' | 'rules-changed';

/**
 * The automatic sets of `next` that decide differently from `known` (what the database recorded for
 * the rules last committed), with why: a set it does not know, or one whose decision rules differ
 * once the profiles `next` no longer lists are left out of the known ones (their holders are
 * recalculated as holders of a removed profile). Sets that ask not to be recalculated on a rule
 * change are left out.
 */
export function setsDecidingDifferently(known: DecisionRulesBySet, next: RuleSet): Array<{ setId: string; change: SetChange }> {
  const current = decisionRulesOf(next);
  const changed: Array<{ setId: string; change: SetChange }> = [];
  for (const set of next.profileSets) {
    if (set.assignment !== 'automatic' || !set.recalculateOnRuleChange) continue;
    const before = known[set.id];
    if (!before) {
      changed.push({ setId: set.id, change: 'set-added' });
      continue;
    }
    const listed = new Set(set.profiles.map((profile) => profile.id));
    const kept = before.candidates.filter(([profileId]) => listed.has(profileId));
    if (before.base !== current[set.id]!.base || stableJson(kept) !== stableJson(current[set.id]!.candidates))
      changed.push({ setId: set.id, change: 'rules-changed' });
  }
  return changed;
}

/**
 * What to record for `next`: each automatic set's decision rules — except a set that is not
 * recalculated on a rule change, which keeps what was recorded (the rules its customers were last
 * all recalculated with), so that switching the recalculation back on recalculates them.
 */
export function decisionRulesToRecord(known: DecisionRulesBySet | undefined, next: RuleSet): DecisionRulesBySet {
  const current = decisionRulesOf(next);
  if (!known) return current;
  const recorded: DecisionRulesBySet = {};
  for (const set of next.profileSets) {
    if (set.assignment !== 'automatic') continue;
    if (set.recalculateOnRuleChange) recorded[set.id] = current[set.id]!;
    else if (known[set.id]) recorded[set.id] = known[set.id]!;
  }
  return recorded;
}
