/**
 * The rule set in use by the service, as the API serves it: what it defines, reloading it from disk,
 * a decision explained with it, the impact of a rule change on the real customers, and whether a
 * reload of given rules would be refused.
 */
import { ValidationError } from '../errors';
import { factProblems } from '../rules/check-facts';
import { explain } from '../rules/explain';
import { RuleSetInvalidError } from '../rules/rule-problems';
import type { RuleRegistry } from '../rules/rule-registry';
import { readRuleFolder } from '../rules/read-rule-files';
import { ruleFolderVersion } from '../rules/rule-folder-version';
import type { RuleSet } from '../rules/rule-set';
import type { Database, Queryable } from '../store/database';
import { ruleImpact, ruleSetFromFiles, type RuleFiles } from './rule-impact';
import { checkRuleChange, recalculationJobs, type RuleChangeCheck } from './rule-change';

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
  // A misspelt or mistyped fact would be explained as a missing one: refused as `rulebook explain` refuses it.
  const sets = new Map(ruleSet.profileSets.map((set) => [set.id, set.profiles.map((profile) => profile.id)]));
  const problems = factProblems(facts, '/facts', ruleSet.attributes, { sets });
  if (problems.length > 0) {
    const errors = problems.map((problem) => ({ pointer: problem.pointer, message: `${problem.message}. ${problem.fix}` }));
    throw new ValidationError(
      `The facts do not fit the attributes of the rules in use: ${errors.map((error) => `${error.pointer}: ${error.message}`).join('; ')}`,
      errors,
    );
  }
  return explain(ruleSet, facts, at ? new Date(at) : new Date());
}

/** Who would change profile or group if the candidate rules replaced the base rules (by default the rules in use). */
export async function previewRuleChange(
  db: Queryable,
  inUse: RuleSet,
  change: { base?: RuleFiles; candidate: RuleFiles; listCustomers?: boolean },
) {
  const base = change.base ? ruleSetFromFiles(change.base, 'base') : inUse;
  return ruleImpact(db, base, ruleSetFromFiles(change.candidate, 'candidate'), new Date(), {
    listCustomers: change.listCustomers ?? false,
  });
}

/**
 * Whether a reload of the rule files `rules` would be refused, and what it would do to customers,
 * without changing anything (`rulebook validate --against`): invalid files are refused with their
 * problems, then the profiles they remove are planned as a reload plans them. Problems name each
 * file by its path relative to the rules folder, e.g. profiles/account-type.yaml.
 */
export async function checkRules(db: Database, rules: RuleFiles, inUse?: RuleSet): Promise<RuleChangeCheck> {
  let ruleSet: RuleSet;
  try {
    ruleSet = ruleSetFromFiles(rules, 'rules', (file) => file);
  } catch (error) {
    if (!(error instanceof RuleSetInvalidError)) throw error;
    return { ok: false, problems: error.problems, warnings: [], wouldApply: { moved: [], disconnected: [] } };
  }
  return checkRuleChange(db, ruleSet, inUse);
}

/**
 * The rule files in the rules folder now, by path relative to it, with the version they make: what
 * an analyst edits to preview a change (POST /v1/rules/impact takes them back as the candidate).
 * Files that cannot be read (too large, not a file) are left out.
 */
export function ruleFilesOnDisk(rules: Pick<RuleRegistry, 'dir'>) {
  const files: Record<string, string> = {};
  for (const source of readRuleFolder(rules.dir).files) {
    if (!('content' in source)) continue;
    files[source.path] = typeof source.content === 'string' ? source.content : new TextDecoder().decode(source.content);
  }
  return { version: ruleFolderVersion(rules.dir), files };
}
