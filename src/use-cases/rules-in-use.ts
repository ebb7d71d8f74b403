/**
 * The rule set in use by the service, as the API serves it: what it defines, reloading it from disk,
 * a decision explained with it, and the impact of a rule change on the real customers.
 */
import { explain } from '../rules/explain';
import { RuleSetInvalidError } from '../rules/rule-problems';
import type { RuleRegistry } from '../rules/rule-registry';
import type { RuleSet } from '../rules/rule-set';
import type { Queryable } from '../store/database';
import { ruleImpact, ruleSetFromFiles, type RuleFiles } from './rule-impact';
import { recalculationJobs } from './rule-change';

/**
 * Version, load time and last reload of the rule set in use, the profile sets, groups and scenarios
 * it defines, and the profile recalculation jobs that removals of automatic profiles started.
 */
export async function describeRules(db: Queryable, rules: Pick<RuleRegistry, 'current' | 'status'>) {
  const ruleSet = rules.current;
  return {
    ...rules.status(),
    recalculations: await recalculationJobs(db),
    profileSets: ruleSet.profileSets.map((set) => ({
      id: set.id,
      assignment: set.assignment,
      profiles: set.profiles.map((profile) => profile.id),
    })),
    groups: ruleSet.groups.map((group) => ({ id: group.id, kind: group.kind })),
    scenarios: ruleSet.scenarios.map((scenario) => ({
      id: scenario.id,
      profile: `${scenario.profile.setId}/${scenario.profile.profileId}`,
    })),
  };
}

/**
 * Reloads the rules from disk and returns the new status; RuleSetInvalidError (the previous set
 * stays in use) when they are invalid or their commit refuses them (a profile removed from a manual
 * set while customers hold it, src/use-cases/rule-change.ts).
 */
export async function reloadRules(db: Queryable, rules: Pick<RuleRegistry, 'reload' | 'current' | 'status'>) {
  const outcome = await rules.reload();
  if (!outcome.ok) throw new RuleSetInvalidError(outcome.problems ?? []);
  return describeRules(db, rules);
}

/** The decision and its decision record for one customer's facts at `at` (ISO 8601; default now). */
export async function explainDecision(ruleSet: RuleSet, facts: Record<string, unknown>, at?: string) {
  return explain(ruleSet, facts, at ? new Date(at) : new Date());
}

/** Who would change profile or group if the candidate rules replaced the base rules (by default the rules in use). */
export async function previewRuleChange(db: Queryable, inUse: RuleSet, change: { base?: RuleFiles; candidate: RuleFiles }) {
  const base = change.base ? ruleSetFromFiles(change.base, 'base') : inUse;
  return ruleImpact(db, base, ruleSetFromFiles(change.candidate, 'candidate'));
}
