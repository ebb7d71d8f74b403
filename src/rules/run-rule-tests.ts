/** Runs the rule test cases written next to the rules (rules/tests/*.yaml). */
import { rankCandidates } from './build-rule-set';
import { evaluate, evaluationTime, type Decision } from './evaluate';
import { explain } from './explain';
import type { CompiledProfileSet, LocatedTestCase, RuleSet } from './rule-set';

export interface RuleTestResult {
  testCase: LocatedTestCase;
  passed: boolean;
  /** What differed from the expectation, one line each. */
  failures: string[];
  decision: Decision;
}

/** Runs every test case of the rule set, through the explained path, checking the fast path agrees. */
export async function runRuleTests(ruleSet: RuleSet): Promise<RuleTestResult[]> {
  const results: RuleTestResult[] = [];
  for (const testCase of ruleSet.tests) results.push(await runOne(ruleSet, testCase));
  return results;
}

async function runOne(ruleSet: RuleSet, testCase: LocatedTestCase): Promise<RuleTestResult> {
  const rules = testCase.activateProfiles ? withActiveProfiles(ruleSet, testCase.activateProfiles) : ruleSet;
  // Both paths decide at one evaluation time: the same today, zone and week.
  const at = evaluationTime(rules, new Date(testCase.at), testCase.settings);
  const { decision } = await explain(rules, testCase.facts, at);
  const failures = compare(testCase, decision);
  const fast = evaluate(rules, testCase.facts, at);
  if (JSON.stringify(fast) !== JSON.stringify(decision)) {
    failures.push(
      `the fast path decided ${JSON.stringify(fast)} but the explained path ${JSON.stringify(decision)} (a Rulebook bug: please report it)`,
    );
  }
  return { testCase, passed: failures.length === 0, failures, decision };
}

function compare(testCase: LocatedTestCase, decision: Decision): string[] {
  const failures: string[] = [];
  const { profiles, groups, scenario } = testCase.expect;
  for (const [setId, expected] of Object.entries(profiles ?? {})) {
    const actual = decision.profiles[setId] ?? null;
    if (actual !== expected) failures.push(`profile in ${setId}: expected ${show(expected)}, got ${show(actual)}`);
  }
  for (const id of groups?.include ?? []) if (!decision.groups.includes(id)) failures.push(`expected to be in group ${id}, but is not`);
  for (const id of groups?.exclude ?? []) if (decision.groups.includes(id)) failures.push(`expected not to be in group ${id}, but is`);
  if (scenario !== undefined && decision.scenario !== scenario) {
    failures.push(`dunning scenario: expected ${show(scenario)}, got ${show(decision.scenario)}`);
  }
  return failures;
}

function show(value: string | null): string {
  return value === null ? 'none' : value;
}

/** A copy of the rule set in which the named profiles ("setId/profileId" or "setId/*") are active. */
export function withActiveProfiles(ruleSet: RuleSet, names: string[]): RuleSet {
  const wanted = (setId: string, profileId: string) => names.includes(`${setId}/${profileId}`) || names.includes(`${setId}/*`);
  const profileSets = ruleSet.profileSets.map((set): CompiledProfileSet => {
    const profiles = set.profiles.map((profile) => (wanted(set.id, profile.id) ? { ...profile, active: true } : profile));
    return { ...set, profiles, candidates: rankCandidates(profiles) };
  });
  return { ...ruleSet, profileSets };
}
