/**
 * The explained path: the same decision as `evaluate`, made by json-rules-engine, with a decision
 * record — rule-set version, the facts used, and every condition's result with the value it saw.
 *
 * Each run gets its own Engine, given fact values loaded beforehand: json-rules-engine keeps its
 * running state per engine, and one engine shared by concurrent runs whose facts resolve
 * asynchronously was measured here giving wrong results (1,118 of 2,000). Concurrent runs may
 * share one evaluation time: operators only read its context, apart from a memo of values that
 * depend on nothing but their key.
 */
import { Engine, type RuleResult, type TopLevelCondition } from 'json-rules-engine';
import type { CompiledCondition } from './check-conditions';
import { factsUsed } from './compile-conditions';
import { formatDayNumber } from './calendar';
import {
  evaluationTime,
  manualProfile,
  prepareFacts,
  scenarioFor,
  type Decision,
  type EvaluationSettings,
  type EvaluationTime,
} from './evaluate';
import { factValue, type FactValues } from './fact-values';
import { allOperators, engineOperatorName, leafHolds, type OperatorContext } from './operators';
import type { RuleSet } from './rule-set';

export type ConditionResult = boolean | 'not-evaluated';

export type ConditionTrace =
  | { all: ConditionTrace[]; result: ConditionResult }
  | { any: ConditionTrace[]; result: ConditionResult }
  | { not: ConditionTrace; result: ConditionResult }
  | { fact: string; operator: string; value?: unknown; recurring?: boolean; factValue: unknown; result: ConditionResult };

export interface ProfileCandidate {
  profileId: string;
  priority: number;
  active: boolean;
  matched: ConditionResult;
  conditions?: ConditionTrace;
}

export interface DecisionRecord {
  ruleSetVersion: string;
  evaluatedAt: string;
  /** Today in the account's time zone, as the date operators saw it. */
  today: string;
  timeZone: string;
  /** The facts the rules read, as they saw them (missing facts are absent). */
  facts: Record<string, unknown>;
  profiles: Array<{
    setId: string;
    assignment: 'automatic' | 'manual';
    profileId: string | null;
    reason: string;
    candidates: ProfileCandidate[];
  }>;
  groups: Array<{ groupId: string; kind: 'conditional' | 'static'; matched: ConditionResult; conditions?: ConditionTrace }>;
  scenario: { scenarioId: string | null; reason: string };
}

/** Decides like `evaluate` through json-rules-engine, at the evaluation time `at` (made for this rule set), and records why. */
export async function explain(
  ruleSet: RuleSet,
  facts: FactValues,
  at: EvaluationTime,
): Promise<{ decision: Decision; record: DecisionRecord }>;
/** Decides like `evaluate` through json-rules-engine, at `now`, and records why. */
export async function explain(
  ruleSet: RuleSet,
  facts: FactValues,
  now: Date,
  overrides?: Partial<EvaluationSettings>,
): Promise<{ decision: Decision; record: DecisionRecord }>;
export async function explain(
  ruleSet: RuleSet,
  facts: FactValues,
  at: EvaluationTime | Date,
  overrides?: Partial<EvaluationSettings>,
): Promise<{ decision: Decision; record: DecisionRecord }> {
  const { now, settings, context } = at instanceof Date ? evaluationTime(ruleSet, at, overrides) : at;
  const prepared = prepareFacts(facts, settings, now);
  const seen = usedFacts(ruleSet, prepared);
  const results = await runEngine(ruleSet, seen, context);

  const profiles: Record<string, string | null> = {};
  const profileRecords = ruleSet.profileSets.map((set) => {
    const candidates: ProfileCandidate[] = set.profiles.map((profile) => {
      const result = results.get(`profile:${set.id}/${profile.id}`);
      return {
        profileId: profile.id,
        priority: profile.priority,
        active: profile.active,
        matched: result ? result.result === true : 'not-evaluated',
        ...(profile.condition && { conditions: result ? trace(profile.condition, result) : untraced(profile.condition, prepared) }),
      };
    });
    if (set.assignment === 'manual') {
      const profileId = manualProfile(set, prepared);
      profiles[set.id] = profileId;
      const assigned = profileId !== null && profileId !== set.defaultProfile;
      return {
        setId: set.id,
        assignment: set.assignment,
        profileId,
        reason: assigned ? 'assigned manually' : describeDefault(profileId),
        candidates,
      };
    }
    const winner = set.candidates.find((profile) => results.get(`profile:${set.id}/${profile.id}`)?.result === true);
    const profileId = winner?.id ?? set.defaultProfile ?? null;
    profiles[set.id] = profileId;
    const reason = winner
      ? `highest-priority matching active profile (priority ${winner.priority}; ties go to the profile listed first)`
      : profileId
        ? "no active profile matched; the set's default profile applies"
        : 'no active profile matched';
    return { setId: set.id, assignment: set.assignment, profileId, reason, candidates };
  });

  const groupRecords = ruleSet.groups.map((group) => {
    const result = results.get(`group:${group.id}`);
    return {
      groupId: group.id,
      kind: group.kind,
      matched: group.kind === 'static' ? ('not-evaluated' as const) : result?.result === true,
      ...(group.condition && result && { conditions: trace(group.condition, result) }),
    };
  });
  const groups = groupRecords.filter((group) => group.matched === true).map((group) => group.groupId);

  const scenarioId = scenarioFor(ruleSet, profiles);
  const scenario = ruleSet.scenarios.find((candidate) => candidate.id === scenarioId);
  const record: DecisionRecord = {
    ruleSetVersion: ruleSet.version,
    evaluatedAt: now.toISOString(),
    today: formatDayNumber(context.today),
    timeZone: context.timeZone,
    facts: seen,
    profiles: profileRecords,
    groups: groupRecords,
    scenario: {
      scenarioId,
      reason: scenario
        ? `tied to profile ${scenario.profile.setId}/${scenario.profile.profileId}`
        : "no dunning scenario is tied to the customer's profiles: left out of automatic reminders",
    },
  };
  return { decision: { profiles, groups, scenario: scenarioId }, record };
}

function describeDefault(profileId: string | null): string {
  return profileId ? "no profile assigned; the set's default profile applies" : 'no profile assigned';
}

/** Runs every active automatic profile and conditional group as a json-rules-engine rule, on facts loaded beforehand. */
async function runEngine(ruleSet: RuleSet, facts: Record<string, unknown>, context: OperatorContext): Promise<Map<string, RuleResult>> {
  const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false });
  for (const spec of allOperators()) {
    engine.addOperator(engineOperatorName(spec), (fact: unknown, operand: never) => leafHolds(spec, fact, operand, context));
  }
  const addRule = (name: string, condition: CompiledCondition) =>
    engine.addRule({ name, conditions: topLevel(condition), event: { type: name } });
  for (const set of ruleSet.profileSets) {
    for (const profile of set.candidates) addRule(`profile:${set.id}/${profile.id}`, profile.condition!);
  }
  for (const group of ruleSet.groups) if (group.condition) addRule(`group:${group.id}`, group.condition);
  const { results, failureResults } = await engine.run(facts);
  return new Map([...results, ...failureResults].map((result) => [result.name, result]));
}

/** json-rules-engine wants all / any / not at the top: a single leaf is wrapped in `all`. */
function topLevel(condition: CompiledCondition): TopLevelCondition {
  const converted = toEngineCondition(condition);
  return (condition.kind === 'leaf' ? { all: [converted] } : converted) as TopLevelCondition;
}

function toEngineCondition(condition: CompiledCondition): Record<string, unknown> {
  switch (condition.kind) {
    case 'all':
      return { all: condition.children.map(toEngineCondition) };
    case 'any':
      return { any: condition.children.map(toEngineCondition) };
    case 'not':
      return { not: toEngineCondition(condition.child) };
    case 'leaf':
      return { fact: condition.fact, operator: engineOperatorName(condition.spec), value: condition.operand };
  }
}

interface EngineNode {
  all?: EngineNode[];
  any?: EngineNode[];
  not?: EngineNode;
  result?: boolean;
  factResult?: unknown;
}

/**
 * Our condition tree annotated with json-rules-engine's results (the trees have the same shape).
 * The engine records the top-level outcome on the rule result, not on the top condition.
 */
function trace(condition: CompiledCondition, result: RuleResult): ConditionTrace {
  const top = { ...(result.conditions as EngineNode), result: result.result === true };
  return condition.kind === 'leaf' ? traceNode(condition, top.all![0]!) : traceNode(condition, top);
}

function traceNode(condition: CompiledCondition, node: EngineNode): ConditionTrace {
  const result: ConditionResult = node.result === undefined ? 'not-evaluated' : node.result;
  switch (condition.kind) {
    case 'all':
      return { all: condition.children.map((child, index) => traceNode(child, node.all![index]!)), result };
    case 'any':
      return { any: condition.children.map((child, index) => traceNode(child, node.any![index]!)), result };
    case 'not':
      return { not: traceNode(condition.child, node.not!), result };
    case 'leaf':
      return { ...condition.written, factValue: node.factResult, result };
  }
}

/** The tree of a profile that was not run (inactive), with the values it would have seen. */
function untraced(condition: CompiledCondition, facts: FactValues): ConditionTrace {
  switch (condition.kind) {
    case 'all':
      return { all: condition.children.map((child) => untraced(child, facts)), result: 'not-evaluated' };
    case 'any':
      return { any: condition.children.map((child) => untraced(child, facts)), result: 'not-evaluated' };
    case 'not':
      return { not: untraced(condition.child, facts), result: 'not-evaluated' };
    case 'leaf':
      return { ...condition.written, factValue: factValue(facts, condition.fact), result: 'not-evaluated' };
  }
}

/** Fact ids any profile or group condition of the set reads (a walk over a few small trees). */
function factIdsOf(ruleSet: RuleSet): Set<string> {
  const ids = new Set<string>();
  for (const set of ruleSet.profileSets) for (const profile of set.profiles) if (profile.condition) factsUsed(profile.condition, ids);
  for (const group of ruleSet.groups) if (group.condition) factsUsed(group.condition, ids);
  return ids;
}

/** The facts any rule of the set reads, with their values (missing ones left out). */
function usedFacts(ruleSet: RuleSet, facts: FactValues): Record<string, unknown> {
  const ids = factIdsOf(ruleSet);
  const used: Record<string, unknown> = {};
  for (const id of ids) {
    const value = factValue(facts, id);
    if (value !== undefined) used[id] = value;
  }
  return used;
}
