/**
 * The decision record — rule-set version, the facts the rules read, every condition with the value
 * it saw — and its assembly, shared by both paths that make one: json-rules-engine (`explain`,
 * the reference) and the tracing closures (`traceDecision`, the event path). Each path only says
 * how each rule's conditions came out; the record is put together here, so both give one format.
 */
import type { CompiledCondition } from './check-conditions';
import { formatDayNumber } from './calendar';
import { factsUsed } from './compile-conditions';
import { manualProfile, scenarioFor, type Decision, type EvaluationTime } from './evaluate';
import { factValue, type FactValues } from './fact-values';
import type { CompiledGroup, CompiledProfile, CompiledProfileSet, RuleSet } from './rule-set';

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

export interface ProfileSetRecord {
  setId: string;
  assignment: 'automatic' | 'manual';
  profileId: string | null;
  reason: string;
  candidates: ProfileCandidate[];
}

export interface GroupRecord {
  groupId: string;
  kind: 'conditional' | 'static';
  matched: ConditionResult;
  conditions?: ConditionTrace;
}

export interface DecisionRecord {
  ruleSetVersion: string;
  evaluatedAt: string;
  /** Today in the account's time zone, as the date operators saw it. */
  today: string;
  timeZone: string;
  /** The facts the recorded rules read, as they saw them (missing facts are absent). */
  facts: Record<string, unknown>;
  /** The profile sets decided, in rule order: every set, or on an event the sets it recalculates. */
  profiles: ProfileSetRecord[];
  /** The groups decided, in rule order: every group, or on an event the groups whose facts it changes. */
  groups: GroupRecord[];
  scenario: { scenarioId: string | null; reason: string };
}

/**
 * The rules a record covers: every set and group (`wholeRuleSet`), or on an event the ones it
 * concerns (trigger-scope.ts). Rule sets are not changed once built, so scopes are kept per rule set.
 */
export interface DecisionScope {
  profileSets: readonly CompiledProfileSet[];
  groups: readonly CompiledGroup[];
  /** Fact ids the covered conditions read, in order of first use: the record's `facts`. */
  factIds: readonly string[];
}

/** How one path's rules came out: the trace of an active automatic profile or conditional group, undefined when it was not run. */
export interface RuleOutcomes {
  profile(set: CompiledProfileSet, profile: CompiledProfile): ConditionTrace | undefined;
  group(group: CompiledGroup): ConditionTrace | undefined;
}

const wholeScopes = new WeakMap<RuleSet, DecisionScope>();

/** The scope of every profile set and group of the rule set. */
export function wholeRuleSet(ruleSet: RuleSet): DecisionScope {
  let scope = wholeScopes.get(ruleSet);
  if (!scope) {
    scope = scopeOf(ruleSet.profileSets, ruleSet.groups);
    wholeScopes.set(ruleSet, scope);
  }
  return scope;
}

/** A scope of the given sets and groups, with the facts their conditions read (inactive profiles' included: their values are shown). */
export function scopeOf(profileSets: readonly CompiledProfileSet[], groups: readonly CompiledGroup[]): DecisionScope {
  const ids = new Set<string>();
  for (const set of profileSets) for (const profile of set.profiles) if (profile.condition) factsUsed(profile.condition, ids);
  for (const group of groups) if (group.condition) factsUsed(group.condition, ids);
  return { profileSets, groups, factIds: [...ids] };
}

/** The scope's facts with their values, missing ones left out. */
export function factsSeen(scope: DecisionScope, facts: FactValues): Record<string, unknown> {
  const seen: Record<string, unknown> = {};
  for (const id of scope.factIds) {
    const value = factValue(facts, id);
    if (value !== undefined) seen[id] = value;
  }
  return seen;
}

/**
 * The decision and its record from how the rules in `scope` came out, on prepared facts. A set
 * outside the scope keeps what the customer holds: a manual set its assignment, an automatic set
 * the profile it holds (it was not recalculated).
 */
export function assembleRecord(
  ruleSet: RuleSet,
  scope: DecisionScope,
  facts: FactValues,
  time: EvaluationTime,
  outcomes: RuleOutcomes,
): { decision: Decision; record: DecisionRecord } {
  const profiles: Record<string, string | null> = {};
  const profileRecords: ProfileSetRecord[] = [];
  for (const set of scope.profileSets) {
    const entry = profileSetRecord(set, facts, outcomes);
    profiles[set.id] = entry.profileId;
    profileRecords.push(entry);
  }
  if (scope.profileSets.length !== ruleSet.profileSets.length) {
    for (const set of ruleSet.profileSets) if (!Object.hasOwn(profiles, set.id)) profiles[set.id] = heldProfile(set, facts);
  }

  const groups: string[] = [];
  const groupRecords: GroupRecord[] = [];
  for (const group of scope.groups) {
    const trace = group.condition && outcomes.group(group);
    const matched = group.kind === 'static' ? 'not-evaluated' : trace?.result === true;
    if (matched === true) groups.push(group.id);
    groupRecords.push(
      trace ? { groupId: group.id, kind: group.kind, matched, conditions: trace } : { groupId: group.id, kind: group.kind, matched },
    );
  }

  const scenarioId = scenarioFor(ruleSet, profiles);
  const scenario = ruleSet.scenarios.find((candidate) => candidate.id === scenarioId);
  const record: DecisionRecord = {
    ruleSetVersion: ruleSet.version,
    evaluatedAt: time.now.toISOString(),
    today: formatDayNumber(time.context.today),
    timeZone: time.context.timeZone,
    facts: factsSeen(scope, facts),
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

/** One set's entry: every profile with how its conditions came out, the profile chosen and why. */
function profileSetRecord(set: CompiledProfileSet, facts: FactValues, outcomes: RuleOutcomes): ProfileSetRecord {
  const traces = new Map<CompiledProfile, ConditionTrace>();
  for (const profile of set.candidates) {
    const trace = outcomes.profile(set, profile);
    if (trace) traces.set(profile, trace);
  }
  const candidates = set.profiles.map((profile): ProfileCandidate => {
    const trace = traces.get(profile);
    const candidate: ProfileCandidate = {
      profileId: profile.id,
      priority: profile.priority,
      active: profile.active,
      matched: trace ? trace.result === true : 'not-evaluated',
    };
    if (profile.condition) candidate.conditions = trace ?? untraced(profile.condition, facts);
    return candidate;
  });
  if (set.assignment === 'manual') {
    const profileId = manualProfile(set, facts);
    const assigned = profileId !== null && profileId !== set.defaultProfile;
    const reason = assigned
      ? 'assigned manually'
      : profileId
        ? "no profile assigned; the set's default profile applies"
        : 'no profile assigned';
    return { setId: set.id, assignment: set.assignment, profileId, reason, candidates };
  }
  const winner = set.candidates.find((profile) => traces.get(profile)?.result === true);
  const profileId = winner?.id ?? set.defaultProfile ?? null;
  const reason = winner
    ? `highest-priority matching active profile (priority ${winner.priority}; ties go to the profile listed first)`
    : profileId
      ? "no active profile matched; the set's default profile applies"
      : 'no active profile matched';
  return { setId: set.id, assignment: set.assignment, profileId, reason, candidates };
}

/** The profile the customer holds in a set that was not decided (facts carry `profiles: { setId: profileId }`). */
function heldProfile(set: CompiledProfileSet, facts: FactValues): string | null {
  if (set.assignment === 'manual') return manualProfile(set, facts);
  const held = (facts.profiles as Record<string, unknown> | undefined)?.[set.id];
  return typeof held === 'string' ? held : null;
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
