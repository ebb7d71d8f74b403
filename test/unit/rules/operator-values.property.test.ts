/**
 * Every operator with every kind of value that does not fit it: one clear problem at the
 * condition's value, never a throw. The cases come from the operator list in operators.ts, so a new
 * operator is covered as soon as it exists (and a new kind of value must be added to `fitting`).
 */
import fc from 'fast-check';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preview } from '../../../src/rules/check-conditions';
import { loadRuleSet } from '../../../src/rules/load-rules';
import { allOperators, type OperatorSpec, type ValueKind } from '../../../src/rules/operators';
import type { AttributeDefinition, AttributeType } from '../../../src/rules/rule-types';
import { shippedRules } from '../../support/rule-dirs';
import { expectClearProblems, loadProblems, minimalRulesWith } from '../../support/hostile-rule-files';

const catalog = [...loadRuleSet(shippedRules).attributes.values()];
const usable = (type: AttributeType) => catalog.find((attribute) => attribute.type === type && !attribute.encrypted)!;
const dropdown = usable('dropdown');
const [option, otherOption] = dropdown.options!;

/** One value of each shape a hand-written (or hostile) condition may hold; undefined leaves `value` out. */
const samples = {
  'a text': option,
  'a date-like text': '2026-01-01',
  'a month-day text': '12-25',
  'an empty text': '',
  'a number': 30,
  'a negative number': -5,
  'a fraction': 2.5,
  'a boolean': true,
  null: null,
  'an empty list': [],
  'a list of two numbers': [10, 20],
  'a list of texts': [option, otherOption],
  'a list of dates': ['2026-01-01', '2026-12-31'],
  'a nested list': [[10, 20]],
  'a mapping': { [option!]: 1 },
  'an empty mapping': {},
  nothing: undefined,
} satisfies Record<string, unknown>;
type Sample = keyof typeof samples;

/** The samples each kind of value accepts (for dropdowns, the texts are options of the attribute). */
const fitting: Record<ValueKind, Sample[]> = {
  none: ['nothing'],
  number: ['a number', 'a negative number', 'a fraction'],
  numberRange: ['a list of two numbers'],
  text: ['a text', 'a date-like text', 'a month-day text', 'an empty text'],
  textList: ['a list of texts', 'a list of dates'],
  option: ['a text'],
  optionList: ['a list of texts'],
  date: ['a date-like text'],
  dateRange: ['a list of dates'],
  dayCount: ['a number'],
};

interface Case {
  spec: OperatorSpec;
  attribute: AttributeDefinition;
  sample: Sample;
}

const cases = (fits: boolean): Case[] =>
  allOperators().flatMap((spec) =>
    (Object.keys(samples) as Sample[])
      .filter((sample) => fitting[spec.value].includes(sample) === fits)
      .map((sample) => ({ spec, attribute: usable(spec.type), sample })),
  );

/** A groups file with one group per condition; group i's condition stands on line 6 + 5i. */
function groupsFile(conditions: unknown[], prefix = 'case'): string {
  const groups = conditions.map(
    (when, index) =>
      `  - id: ${prefix}-${index}\n    name: Case ${index}\n    description: One operator and one value\n    kind: conditional\n    when: ${JSON.stringify(when)}\n`,
  );
  return `groups:\n${groups.join('')}`;
}

const leafOf = ({ spec, attribute, sample }: Case) => ({ fact: attribute.id, operator: spec.name, value: samples[sample] });

/** The cases written one file per operator (a file of every case would be over the value limit). */
function caseFiles(all: Case[]): {
  files: Record<string, string>;
  where: (found: Case) => { file: string; pointer: string; line: number };
} {
  const fileOf = (spec: OperatorSpec) => `groups/${spec.type}-${spec.name.toLowerCase()}.yaml`;
  const byFile = new Map<string, Case[]>();
  for (const found of all) byFile.set(fileOf(found.spec), [...(byFile.get(fileOf(found.spec)) ?? []), found]);
  const files = Object.fromEntries(
    [...byFile].map(([file, inFile]) => [file, groupsFile(inFile.map(leafOf), path.basename(file, '.yaml'))]),
  );
  const where = (found: Case) => {
    const index = byFile.get(fileOf(found.spec))!.indexOf(found);
    return { file: fileOf(found.spec), pointer: `/groups/${index}/when/value`, line: 6 + 5 * index };
  };
  return { files, where };
}

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder with the shipped settings and attributes and `files`. */
function rulesWithFiles(files: Record<string, string>): string {
  const { dir } = minimalRulesWith(files);
  folders.push(dir);
  return dir;
}

describe('condition values', () => {
  it('cover every operator, with an attribute of its type', () => {
    for (const spec of allOperators()) expect(usable(spec.type), `an attribute of type ${spec.type}`).toBeDefined();
    expect(cases(false).length).toBeGreaterThan(allOperators().length * 10);
  });

  it('that fit their operator load (the table of fitting values is right)', () => {
    expect(loadProblems(rulesWithFiles(caseFiles(cases(true)).files))).toEqual([]);
  });

  it('that do not fit their operator each give one clear problem at the value, naming the operator or attribute', () => {
    const wrong = cases(false);
    const { files, where } = caseFiles(wrong);
    const problems = loadProblems(rulesWithFiles(files));
    for (const problem of problems) expect(problem.pointer, problem.message).toMatch(/^\/groups\/\d+\/when\/value$/);
    const byPlace = new Map(problems.map((problem) => [`${path.basename(problem.file)}#${problem.pointer}`, problem]));
    const unexplained = wrong.flatMap((found) => {
      const { file, pointer, line } = where(found);
      const problem = byPlace.get(`${path.basename(file)}#${pointer}`);
      if (problem) expectClearProblems([problem], file);
      const named = problem && (problem.message.includes(`"${found.spec.name}"`) || problem.message.includes(`"${found.attribute.id}"`));
      const shown = problem?.message.includes(preview(samples[found.sample]));
      return problem && named && shown && problem.line === line
        ? []
        : [`${found.spec.type} ${found.spec.name} with ${found.sample}: ${problem?.message ?? 'no problem'}`];
    });
    expect(unexplained).toEqual([]);
    expect(problems).toHaveLength(wrong.length);
  });

  describe('at random', () => {
    const { dir } = minimalRulesWith({ 'groups/random.yaml': '' });
    folders.push(dir);
    const file = path.join(dir, 'groups', 'random.yaml');

    /** Loads one group with condition `when`: it loads, or every problem is clear and inside that condition. */
    function loadsOrExplains(when: unknown): void {
      writeFileSync(file, groupsFile([when]));
      const problems = loadProblems(dir);
      if (problems.length === 0) return;
      expectClearProblems(problems, 'groups/random.yaml');
      for (const problem of problems) expect(problem.pointer).toMatch(/^\/groups\/0\/when(\/|$)/);
    }

    const facts = fc.constantFrom(...catalog.map((attribute) => attribute.id), 'no_such_fact', 'Not-A-Fact');
    const operators = fc.constantFrom(...new Set(allOperators().map((spec) => spec.name)), 'like', '');
    const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...Object.values(samples)));
    const leaf = fc.record(
      { fact: facts, operator: operators, value: anyValue, recurring: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 })) },
      { requiredKeys: ['fact', 'operator'] },
    );
    const { condition } = fc.letrec<{ condition: unknown }>((tie) => ({
      condition: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.record({ all: fc.array(tie('condition'), { maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('condition'), { maxLength: 3 }) }),
        fc.record({ not: tie('condition') }),
        fc.dictionary(
          fc.constantFrom('all', 'any', 'not', 'fact', 'operator', 'value', 'recurring', 'colour'),
          fc.jsonValue({ maxDepth: 2 }),
          { maxKeys: 4 },
        ),
      ),
    }));

    it('never make the loader throw: any operator, attribute, value and recurring flag', () => {
      fc.assert(fc.property(leaf, loadsOrExplains), { numRuns: 200 });
    });

    it('never make the loader throw, nested in all, any and not', () => {
      fc.assert(fc.property(condition, loadsOrExplains), { numRuns: 150 });
    });
  });
});
