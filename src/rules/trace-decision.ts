/**
 * The decision record of the event path: decided by the tracing closures (trace-conditions.ts)
 * rather than json-rules-engine, over the rules the event concerns. Gives the record `explain`
 * gives for the same rules — a property test holds the two to it — at a fraction of its cost;
 * `explain` stays the reference behind `POST /v1/rules/explain` and `rulebook explain`.
 */
import { assembleRecord, wholeRuleSet, type DecisionRecord, type DecisionScope } from './decision-record';
import { evaluationTime, prepareFacts, type Decision, type EvaluationTime } from './evaluate';
import type { FactValues } from './fact-values';
import type { RuleSet } from './rule-set';
import { tracerOf } from './trace-conditions';

/**
 * Decides the rules in `scope` (default: all) at the evaluation time `at` and records why. Sets
 * outside the scope keep the profile the facts say the customer holds.
 */
export function traceDecision(
  ruleSet: RuleSet,
  facts: FactValues,
  at: EvaluationTime | Date,
  scope: DecisionScope = wholeRuleSet(ruleSet),
): { decision: Decision; record: DecisionRecord } {
  const time = at instanceof Date ? evaluationTime(ruleSet, at) : at;
  const prepared = prepareFacts(facts, time.settings, time.now);
  const { context } = time;
  return assembleRecord(ruleSet, scope, prepared, time, {
    profile: (_set, profile) => tracerOf(profile.condition!)(prepared, context),
    group: (group) => tracerOf(group.condition!)(prepared, context),
  });
}
