/**
 * The explained path: the same decision as `evaluate`, made by json-rules-engine, with a decision
 * record — rule-set version, the facts used, and every condition's result with the value it saw.
 * It is the reference behind `POST /v1/rules/explain`, `rulebook explain` and the rule tests; the
 * event path records with the tracing closures instead (trace-decision.ts), held to the same
 * record by a property test.
 *
 * Each run gets its own Engine, given fact values loaded beforehand: json-rules-engine keeps its
 * running state per engine, and one engine shared by concurrent runs whose facts resolve
 * asynchronously was measured here giving wrong results (1,118 of 2,000). Concurrent runs may
 * share one evaluation time: operators only read its context, apart from a memo of values that
 * depend on nothing but their key.
 */
import { Engine, type RuleResult, type TopLevelCondition } from 'json-rules-engine';
import type { CompiledCondition } from './check-conditions';
import { assembleRecord, factsSeen, wholeRuleSet, type ConditionResult, type ConditionTrace, type DecisionRecord } from './decision-record';
import { evaluationTime, prepareFacts, type Decision, type EvaluationSettings, type EvaluationTime } from './evaluate';
import type { FactValues } from './fact-values';
import { allOperators, engineOperatorName, leafHolds, type OperatorContext } from './operators';
import type { RuleSet } from './rule-set';

export type { ConditionResult, ConditionTrace, DecisionRecord, ProfileCandidate } from './decision-record';

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
  const time = at instanceof Date ? evaluationTime(ruleSet, at, overrides) : at;
  const prepared = prepareFacts(facts, time.settings, time.now);
  const scope = wholeRuleSet(ruleSet);
  const results = await runEngine(ruleSet, factsSeen(scope, prepared), time.context);
  return assembleRecord(ruleSet, scope, prepared, time, {
    profile: (set, profile) => {
      const result = results.get(`profile:${set.id}/${profile.id}`);
      return result && trace(profile.condition!, result);
    },
    group: (group) => {
      const result = results.get(`group:${group.id}`);
      return result && trace(group.condition!, result);
    },
  });
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
