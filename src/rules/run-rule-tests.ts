/** Runs the rule test cases written next to the rules (rules/tests/*.yaml). */
import { rankCandidates } from './build-rule-set';
import { evaluate, evaluationTime, type Decision } from './evaluate';
import { explain, type ConditionTrace, type DecisionRecord } from './explain';
import type { CompiledProfileSet, LocatedTestCase, RuleSet } from './rule-set';

export interface RuleTestResult {
  testCase: LocatedTestCase;
  passed: boolean;
  /** What differed from the expectation, one line each. */
  failures: string[];
  /** For each failure, in the same order, the part of the decision record that decided it. */
  explanations: Explanation[];
  decision: Decision;
  record: DecisionRecord;
}

/**
 * Why the rules decided what a failed expectation did not expect: the conditions of the group or
 * profiles concerned, as `rulebook explain` traces them, or the reason given for a choice without
 * conditions (a manual set, a scenario).
 */
export interface Explanation {
  /** What is explained, e.g. `group high-value-mumbai: does not match`. */
  title: string;
  reason?: string;
  traces: Array<{ title: string; trace?: ConditionTrace }>;
}

/** The cases whose name (or `file:line`) matches `filter`: a text, found in any case, or a regular expression. */
export function selectTests(ruleSet: RuleSet, filter: string | RegExp | undefined): RuleSet {
  if (filter === undefined) return ruleSet;
  const matches = (text: string) => (typeof filter === 'string' ? text.toLowerCase().includes(filter.toLowerCase()) : filter.test(text));
  return { ...ruleSet, tests: ruleSet.tests.filter((test) => matches(test.name) || matches(`${test.file}:${test.line}`)) };
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
  const { decision, record } = await explain(rules, testCase.facts, at);
  const { failures, explanations } = compare(testCase, decision, record);
  const fast = evaluate(rules, testCase.facts, at);
  if (JSON.stringify(fast) !== JSON.stringify(decision)) {
    failures.push(
      `the fast path decided ${JSON.stringify(fast)} but the explained path ${JSON.stringify(decision)} (a Rulebook bug: please report it)`,
    );
    explanations.push({ title: 'the two paths disagree', traces: [] });
  }
  return { testCase, passed: failures.length === 0, failures, explanations, decision, record };
}

function compare(
  testCase: LocatedTestCase,
  decision: Decision,
  record: DecisionRecord,
): { failures: string[]; explanations: Explanation[] } {
  const failures: string[] = [];
  const explanations: Explanation[] = [];
  const fail = (failure: string, explanation: Explanation) => {
    failures.push(failure);
    explanations.push(explanation);
  };
  const { profiles, groups, scenario } = testCase.expect;
  for (const [setId, expected] of Object.entries(profiles ?? {})) {
    const actual = decision.profiles[setId] ?? null;
    if (actual !== expected)
      fail(`profile in ${setId}: expected ${show(expected)}, got ${show(actual)}`, profileWhy(record, setId, expected, actual));
  }
  for (const id of groups?.include ?? [])
    if (!decision.groups.includes(id)) fail(`expected to be in group ${id}, but is not`, groupWhy(record, id));
  for (const id of groups?.exclude ?? [])
    if (decision.groups.includes(id)) fail(`expected not to be in group ${id}, but is`, groupWhy(record, id));
  if (scenario !== undefined && decision.scenario !== scenario) {
    fail(`dunning scenario: expected ${show(scenario)}, got ${show(decision.scenario)}`, {
      title: `dunning scenario ${show(decision.scenario)}`,
      reason: record.scenario.reason,
      traces: [],
    });
  }
  return { failures, explanations };
}

function groupWhy(record: DecisionRecord, groupId: string): Explanation {
  const group = record.groups.find((candidate) => candidate.groupId === groupId);
  if (!group) return { title: `group ${groupId}`, reason: 'not decided', traces: [] };
  if (group.kind === 'static') {
    return { title: `group ${groupId}`, reason: 'a static group: its members are imported, never decided by conditions', traces: [] };
  }
  const verdict = group.matched === true ? 'matches' : group.matched === false ? 'does not match' : 'not evaluated';
  return { title: `group ${groupId} ${verdict}`, traces: group.conditions ? [{ title: '', trace: group.conditions }] : [] };
}

/** The conditions of the profile expected and of the profile given, and the set's reason. */
function profileWhy(record: DecisionRecord, setId: string, expected: string | null, actual: string | null): Explanation {
  const set = record.profiles.find((candidate) => candidate.setId === setId);
  if (!set) return { title: `profile set ${setId}`, reason: 'not decided', traces: [] };
  const traces: Explanation['traces'] = [];
  for (const [profileId, role] of [
    [expected, 'expected'],
    [actual, 'given'],
  ] as const) {
    const candidate = profileId === null ? undefined : set.candidates.find((profile) => profile.profileId === profileId);
    if (!candidate) continue;
    const state = !candidate.active
      ? 'inactive, so never given by the rules (activateProfiles tests it)'
      : candidate.matched === true
        ? `matches, priority ${candidate.priority}`
        : `does not match, priority ${candidate.priority}`;
    traces.push({ title: `${profileId} (${role}): ${state}`, ...(candidate.conditions && { trace: candidate.conditions }) });
  }
  return { title: `profile set ${setId} (${set.assignment}) gave ${show(set.profileId)}`, reason: set.reason, traces };
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
