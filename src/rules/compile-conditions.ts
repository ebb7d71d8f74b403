/**
 * Compiles checked condition trees into plain closures over the same operator implementations
 * that json-rules-engine runs, for the fast path of evaluation (no decision record).
 */
import type { CompiledCondition } from './check-conditions';
import { factValue, type FactValues } from './fact-values';
import { leafHolds, type OperatorContext } from './operators';

export type Predicate = (facts: FactValues, context: OperatorContext) => boolean;

/** A closure deciding `condition` for given facts. */
export function toPredicate(condition: CompiledCondition): Predicate {
  switch (condition.kind) {
    case 'all': {
      const children = condition.children.map(toPredicate);
      // Plain loops: array methods with a callback allocate a closure per evaluation.
      return (facts, context) => {
        for (const child of children) if (!child(facts, context)) return false;
        return true;
      };
    }
    case 'any': {
      const children = condition.children.map(toPredicate);
      return (facts, context) => {
        for (const child of children) if (child(facts, context)) return true;
        return false;
      };
    }
    case 'not': {
      const child = toPredicate(condition.child);
      return (facts, context) => !child(facts, context);
    }
    case 'leaf': {
      const { spec, operand, fact } = condition;
      return (facts, context) => leafHolds(spec, factValue(facts, fact), operand, context);
    }
  }
}

/** Fact ids a condition reads, in order of first use. */
export function factsUsed(condition: CompiledCondition, into = new Set<string>()): Set<string> {
  if (condition.kind === 'leaf') into.add(condition.fact);
  else if (condition.kind === 'not') factsUsed(condition.child, into);
  else for (const child of condition.children) factsUsed(child, into);
  return into;
}
