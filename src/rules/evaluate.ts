/**
 * The fast path: decide profiles, groups and the dunning scenario with compiled closures, without
 * a decision record. `explain` (explain.ts) decides the same through json-rules-engine, with one.
 */
import { dateInTimeZone, dayNumber } from './calendar';
import { deriveReturnFacts } from './derive-facts';
import type { FactValues } from './fact-values';
import type { OperatorContext } from './operators';
import type { CompiledProfileSet, RuleSet } from './rule-set';
import type { Settings } from './rule-types';

export interface Decision {
  /** Profile per set id; null when the customer holds none in that set. */
  profiles: Record<string, string | null>;
  /** Conditional groups the customer is in, in rule order. */
  groups: string[];
  /** The dunning scenario for the customer's profiles; null = left out of automatic reminders. */
  scenario: string | null;
}

/** Settings an evaluation may override (rule tests try other windows, zones, weeks). */
export type EvaluationSettings = Pick<Settings, 'returnsWindow' | 'timeZone' | 'firstDayOfWeek'>;

/**
 * The instant an evaluation runs at, and what follows from it: the settings in force and the
 * operator context (today in the account's time zone). Working out today costs more than
 * evaluating the rules, so a caller deciding for many customers at one instant makes one and
 * passes it to each evaluation; nothing is kept between calls otherwise.
 */
export interface EvaluationTime {
  now: Date;
  settings: EvaluationSettings;
  context: OperatorContext;
}

/** The evaluation time for `ruleSet` at `now`, with `overrides` of its settings. */
export function evaluationTime(ruleSet: RuleSet, now: Date, overrides?: Partial<EvaluationSettings>): EvaluationTime {
  const settings = overrides ? { ...ruleSet.settings, ...overrides } : ruleSet.settings;
  return { now, settings, context: operatorContext(settings, now) };
}

/** The operator context of an evaluation at `now`: today in the time zone, and the calendar's settings. */
export function operatorContext(settings: EvaluationSettings, now: Date): OperatorContext {
  return { today: dayNumber(dateInTimeZone(now, settings.timeZone)), timeZone: settings.timeZone, firstDayOfWeek: settings.firstDayOfWeek };
}

/** Facts ready for evaluation: raw return and order events turned into their derived facts. */
export function prepareFacts(facts: FactValues, settings: EvaluationSettings, now: Date): FactValues {
  return deriveReturnFacts(facts, settings.returnsWindow, now);
}

/** Decides for one customer at the evaluation time `at` (made for this rule set). */
export function evaluate(ruleSet: RuleSet, facts: FactValues, at: EvaluationTime): Decision;
/** Decides for one customer at `now`, working out the operator context for this evaluation alone. */
export function evaluate(ruleSet: RuleSet, facts: FactValues, now: Date, overrides?: Partial<EvaluationSettings>): Decision;
export function evaluate(
  ruleSet: RuleSet,
  facts: FactValues,
  at: EvaluationTime | Date,
  overrides?: Partial<EvaluationSettings>,
): Decision {
  const { now, settings, context } = at instanceof Date ? evaluationTime(ruleSet, at, overrides) : at;
  const prepared = prepareFacts(facts, settings, now);
  const profiles: Record<string, string | null> = {};
  for (const set of ruleSet.profileSets) {
    profiles[set.id] = set.assignment === 'manual' ? manualProfile(set, prepared) : automaticProfile(set, prepared, context);
  }
  const groups: string[] = [];
  for (const group of ruleSet.groups) if (group.predicate?.(prepared, context)) groups.push(group.id);
  return { profiles, groups, scenario: scenarioFor(ruleSet, profiles) };
}

/** The most suitable profile: candidates are sorted by priority, then file order. */
function automaticProfile(set: CompiledProfileSet, facts: FactValues, context: OperatorContext): string | null {
  for (const profile of set.candidates) if (profile.predicate!(facts, context)) return profile.id;
  return set.defaultProfile ?? null;
}

/** A manual set's profile comes from the facts (`profiles: { setId: profileId }`), else its default. */
export function manualProfile(set: CompiledProfileSet, facts: FactValues): string | null {
  const assigned = (facts.profiles as Record<string, unknown> | undefined)?.[set.id];
  if (typeof assigned === 'string') for (const profile of set.profiles) if (profile.id === assigned) return assigned;
  return set.defaultProfile ?? null;
}

/** The first scenario (in file order) tied to a profile the customer holds. */
export function scenarioFor(ruleSet: RuleSet, profiles: Record<string, string | null>): string | null {
  for (const scenario of ruleSet.scenarios) if (profiles[scenario.profile.setId] === scenario.profile.profileId) return scenario.id;
  return null;
}
