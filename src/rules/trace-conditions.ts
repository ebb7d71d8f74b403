/**
 * The tracing variant of the compiled closures (compile-conditions.ts): each condition decides
 * with the same operator implementations and also returns its trace for the decision record —
 * every node's result, every leaf as written with the value it saw.
 *
 * The trace is the one json-rules-engine gives (explain.ts): that engine evaluates every child of
 * an all / any (it short-circuits only between priority levels, and our conditions have one), so
 * these closures evaluate every child too, and every node carries a result.
 */
import type { CompiledCondition, CompiledLeaf } from './check-conditions';
import type { ConditionTrace } from './decision-record';
import { factValue, type FactValues } from './fact-values';
import { leafHolds, type OperatorContext } from './operators';

/** A closure deciding a condition and tracing how it came out; `result` is always a boolean. */
export type Tracer = (facts: FactValues, context: OperatorContext) => ConditionTrace & { result: boolean };

// Compiled conditions are not changed once built: one tracer each, made on first use.
const tracers = new WeakMap<CompiledCondition, Tracer>();

/** The tracing closure of `condition`. */
export function tracerOf(condition: CompiledCondition): Tracer {
  let tracer = tracers.get(condition);
  if (!tracer) {
    tracer = toTracer(condition);
    tracers.set(condition, tracer);
  }
  return tracer;
}

function toTracer(condition: CompiledCondition): Tracer {
  switch (condition.kind) {
    case 'all':
    case 'any': {
      const children = condition.children.map(tracerOf);
      // `all` holds unless a child fails, `any` fails unless a child holds. Plain loops, as in
      // compile-conditions.ts: no closure allocated per evaluation.
      const all = condition.kind === 'all';
      return (facts, context) => {
        const traces = new Array<ConditionTrace>(children.length);
        let result = all;
        for (let index = 0; index < children.length; index++) {
          const child = children[index]!(facts, context);
          traces[index] = child;
          if (child.result !== all) result = !all;
        }
        return all ? { all: traces, result } : { any: traces, result };
      };
    }
    case 'not': {
      const child = tracerOf(condition.child);
      return (facts, context) => {
        const not = child(facts, context);
        return { not, result: !not.result };
      };
    }
    case 'leaf':
      return leafTracer(condition);
  }
}

/**
 * A leaf's trace is the leaf as written, then the value seen and the result. The four shapes of
 * `written` get a literal each: the keys keep the record's order, and no spread runs per evaluation.
 */
function leafTracer(leaf: CompiledLeaf): Tracer {
  const { spec, operand, fact, written } = leaf;
  const { operator, value, recurring } = written;
  const hasValue = Object.hasOwn(written, 'value');
  const hasRecurring = Object.hasOwn(written, 'recurring');
  if (hasValue && hasRecurring) {
    return (facts, context) => {
      const seen = factValue(facts, fact);
      return { fact, operator, value, recurring, factValue: seen, result: leafHolds(spec, seen, operand, context) };
    };
  }
  if (hasValue) {
    return (facts, context) => {
      const seen = factValue(facts, fact);
      return { fact, operator, value, factValue: seen, result: leafHolds(spec, seen, operand, context) };
    };
  }
  if (hasRecurring) {
    return (facts, context) => {
      const seen = factValue(facts, fact);
      return { fact, operator, recurring, factValue: seen, result: leafHolds(spec, seen, operand, context) };
    };
  }
  return (facts, context) => {
    const seen = factValue(facts, fact);
    return { fact, operator, factValue: seen, result: leafHolds(spec, seen, operand, context) };
  };
}
