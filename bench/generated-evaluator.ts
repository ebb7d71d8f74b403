/**
 * The JavaScript limit for evaluating a rule set: the whole rule set turned into the source of one
 * function (`new Function`), each fact read once, the common operators inlined as comparisons, the
 * rest calling the shared operator implementations. What a code generator could reach; the
 * benchmark checks it decides exactly as `evaluate` before timing it.
 */
import type { CompiledCondition, CompiledLeaf } from '../src/rules/check-conditions';
import { manualProfile, prepareFacts, type Decision, type EvaluationTime } from '../src/rules/evaluate';
import type { FactValues } from '../src/rules/fact-values';
import { foldCase, leafHolds } from '../src/rules/operators';
import type { RuleSet } from '../src/rules/rule-set';

/** A generated evaluator of `ruleSet`, deciding like `evaluate`. */
export function generateEvaluator(ruleSet: RuleSet): (facts: FactValues, at: EvaluationTime) => Decision {
  const leaves: CompiledLeaf[] = [];
  const facts = new Map<string, string>();
  const variable = (fact: string) => {
    if (!facts.has(fact)) facts.set(fact, `f${facts.size}`);
    return facts.get(fact)!;
  };
  const literal = (value: unknown) => JSON.stringify(value);

  /** An expression deciding a leaf; `v` is the variable holding the fact. */
  function leafCode(leaf: CompiledLeaf): string {
    const v = variable(leaf.fact);
    const operand = leaf.operand.value;
    const number = `typeof ${v} === 'number' && Number.isFinite(${v})`;
    const comparisons: Record<string, string> = { greaterThan: '>', greaterThanInclusive: '>=', lessThan: '<', lessThanInclusive: '<=' };
    if (leaf.spec.name === 'isSet') return `(${v} !== undefined && ${v} !== null)`;
    if (leaf.spec.name === 'isNotSet') return `(${v} === undefined || ${v} === null)`;
    if (leaf.type === 'number' && comparisons[leaf.spec.name])
      return `(${number} && ${v} ${comparisons[leaf.spec.name]} ${literal(operand)})`;
    if (leaf.type === 'number' && leaf.spec.name === 'equal') return `(${v} === ${literal(operand)})`;
    if (leaf.type === 'boolean') return `(${v} === ${leaf.spec.name === 'isTrue'})`;
    if (leaf.type === 'dropdown' && leaf.spec.name === 'is') return `(${v} === ${literal(operand)})`;
    if (leaf.type === 'text' && leaf.spec.name === 'equals') {
      return `(typeof ${v} === 'string' && foldCase(${v}) === ${literal(foldCase(operand as string))})`;
    }
    leaves.push(leaf);
    const index = leaves.length - 1;
    return `leafHolds(leaves[${index}].spec, ${v}, leaves[${index}].operand, context)`;
  }

  function code(condition: CompiledCondition): string {
    switch (condition.kind) {
      case 'all':
        return `(${condition.children.map(code).join(' && ')})`;
      case 'any':
        return `(${condition.children.map(code).join(' || ')})`;
      case 'not':
        return `!${code(condition.child)}`;
      case 'leaf':
        return leafCode(condition);
    }
  }

  const body: string[] = ['const profiles = {};'];
  ruleSet.profileSets.forEach((set, index) => {
    if (set.assignment === 'manual') {
      body.push(`profiles[${literal(set.id)}] = manualProfile(sets[${index}], facts);`);
      return;
    }
    const chain = set.candidates.map((profile) => `${code(profile.condition!)} ? ${literal(profile.id)} : `).join('');
    body.push(`profiles[${literal(set.id)}] = ${chain}${literal(set.defaultProfile ?? null)};`);
  });
  body.push('const groups = [];');
  for (const group of ruleSet.groups) if (group.condition) body.push(`if (${code(group.condition)}) groups.push(${literal(group.id)});`);
  const scenario = ruleSet.scenarios
    .map(
      (candidate) =>
        `profiles[${literal(candidate.profile.setId)}] === ${literal(candidate.profile.profileId)} ? ${literal(candidate.id)} : `,
    )
    .join('');
  body.push(`return { profiles, groups, scenario: ${scenario}null };`);
  const reads = [...facts].map(([fact, name]) => `const ${name} = hasOwn(facts, ${literal(fact)}) ? facts[${literal(fact)}] : undefined;`);

  const source = `return function generated(facts, context) {\n${[...reads, ...body].join('\n')}\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generating code is the point of this baseline
  const make = new Function('leaves', 'leafHolds', 'foldCase', 'manualProfile', 'sets', 'hasOwn', source) as (
    ...args: unknown[]
  ) => (facts: FactValues, context: EvaluationTime['context']) => Decision;
  const generated = make(leaves, leafHolds, foldCase, manualProfile, ruleSet.profileSets, Object.hasOwn);
  return (facts, at) => generated(prepareFacts(facts, at.settings, at.now), at.context);
}
