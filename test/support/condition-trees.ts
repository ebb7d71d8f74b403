/** Random rule conditions for property tests: any tree of all / any / not over the leaves given. */
import fc from 'fast-check';
import type { Condition } from '../../src/rules/rule-types';

/** Condition trees with `leaf` at the ends, all / any of one to three branches, and not. */
export function conditionTrees(leaf: fc.Arbitrary<Condition>): fc.Arbitrary<Condition> {
  return fc.letrec<{ node: Condition }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
      tie('node').map((not) => ({ not })),
    ),
  })).node;
}
