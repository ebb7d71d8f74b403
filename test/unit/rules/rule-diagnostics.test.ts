/**
 * Validation that points at the cause, and rule tests that say why: "did you mean" for every kind of
 * name, the branch of a schema the author meant, one YAML problem per slip, facts checked against
 * attributes.yaml, and `rulebook test --filter / --reporter` with the trace of a failing case.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import { closest, didYouMean } from '../../../src/rules/did-you-mean';
import { loadRuleSet } from '../../../src/rules/load-rules';
import { RuleSetInvalidError } from '../../../src/rules/rule-problems';
import { relevantErrors } from '../../../src/rules/rule-schemas';
import { indentationSlip, parseYamlWithPositions } from '../../../src/rules/yaml-source';
import { captureConsole } from '../../support/console-output';
import { ruleDirWith } from '../../support/rule-dirs';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  vi.restoreAllMocks();
});

function withFiles(files: Record<string, string | null>): string {
  const { dir, remove } = ruleDirWith(files);
  cleanups.push(remove);
  return dir;
}

function errorOf(load: () => unknown): RuleSetInvalidError {
  try {
    load();
  } catch (error) {
    if (error instanceof RuleSetInvalidError) return error;
    throw error;
  }
  throw new Error('the rules loaded without problems');
}

describe('did you mean', () => {
  it.each([
    ['greaterThanOrEqual', 'greaterThanInclusive'],
    ['gte', 'greaterThanInclusive'],
    ['>=', 'greaterThanInclusive'],
    ['lessThanOrEqualTo', 'lessThanInclusive'],
    ['exists', 'isSet'],
    ['greaterthan', 'greaterThan'],
    ['contain', 'contains'],
  ])('suggests for the operator %s: %s', (written, meant) => {
    const numberAndText = [
      'equal',
      'greaterThan',
      'greaterThanInclusive',
      'lessThan',
      'lessThanInclusive',
      'contains',
      'isSet',
      'isNotSet',
    ];
    expect(closest(written, numberAndText, { operators: true })).toBe(meant);
  });

  it('suggests close names and nothing for far ones', () => {
    expect(closest('descripton', ['id', 'name', 'description', 'kind', 'when'])).toBe('description');
    expect(closest('account-type/standart', ['account-type/standard', 'account-type/export'])).toBe('account-type/standard');
    expect(closest('loyalty_teir', ['loyalty_tier', 'city'])).toBe('loyalty_tier');
    expect(closest('colour', ['id', 'name', 'description', 'kind', 'when'])).toBeUndefined();
    expect(didYouMean('zzz', ['premium-users'])).toBe('');
  });
});

describe('schema errors', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
  const validate = ajv.compile({
    type: 'object',
    oneOf: [
      { properties: { kind: { const: 'email' }, subject: { type: 'string' } }, required: ['kind', 'subject'] },
      { properties: { kind: { const: 'sms' }, text: { type: 'string' } }, required: ['kind', 'text'] },
    ],
  });

  it('under oneOf are those of the branch the author named', () => {
    const data = { kind: 'sms', subject: 'x' };
    expect(validate(data)).toBe(false);
    expect(relevantErrors(validate.errors!, data).map((error) => [error.keyword, error.params])).toEqual([
      ['required', { missingProperty: 'text' }],
    ]);
  });

  it('under oneOf are those of the closest branch when none is named', () => {
    const data = { kind: 'letter', text: 'x' };
    expect(validate(data)).toBe(false);
    const kept = relevantErrors(validate.errors!, data);
    expect(kept.length).toBeLessThan(validate.errors!.length);
    expect(kept.map((error) => error.keyword)).not.toContain('oneOf');
  });

  it('of a group whose kind is misspelt say so, and not "when is not allowed here"', () => {
    const text = readFileSync(path.join('rules', 'groups', 'seed-examples.yaml'), 'utf8').replace('kind: conditional', 'kind: Conditional');
    const error = errorOf(() => loadRuleSet(withFiles({ 'groups/seed-examples.yaml': text })));
    expect(error.problems.map((problem) => `${problem.pointer}: ${problem.message}. ${problem.fix}`)).toEqual([
      '/groups/0/kind: "Conditional" is not allowed. Use one of: "conditional", "static" — did you mean "conditional"?',
    ]);
    expect(error.notes).toHaveLength(1);
  });

  it('make rulebook validate print the one problem and one line about what it left out', async () => {
    const text = readFileSync(path.join('rules', 'groups', 'seed-examples.yaml'), 'utf8').replace('kind: conditional', 'kind: conditonal');
    const dir = withFiles({ 'groups/seed-examples.yaml': text });
    const lines = captureConsole();
    expect(await main(['validate', dir])).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /groups\/seed-examples\.yaml:9:11 \/groups\/0\/kind: "conditonal" is not allowed\. .*did you mean "conditional"\?$/,
      ),
      expect.stringMatching(
        /^\nNote: 29 more problems in .*tests\/groups\.yaml follow only from .*groups\/seed-examples\.yaml not loading/,
      ),
      expect.stringMatching(/^\n1 problem in /),
    ]);
  });

  it('of a group without kind ask for it, and not "when is not allowed here"', () => {
    const text = readFileSync(path.join('rules', 'groups', 'seed-examples.yaml'), 'utf8').replace('    kind: conditional\n', '');
    const error = errorOf(() => loadRuleSet(withFiles({ 'groups/seed-examples.yaml': text })));
    expect(error.problems.map((problem) => `${problem.pointer}: ${problem.message}. ${problem.fix}`)).toEqual([
      '/groups/0/kind: "kind" is required here. Add kind: conditional or static (see schemas/rules/groups.schema.json)',
    ]);
  });

  it('of a static group with a condition still say that when is not allowed', () => {
    const text = readFileSync(path.join('rules', 'groups', 'seed-examples.yaml'), 'utf8').replace('kind: conditional', 'kind: static');
    const error = errorOf(() => loadRuleSet(withFiles({ 'groups/seed-examples.yaml': text })));
    expect(error.problems.map((problem) => `${problem.message}. ${problem.fix}`)).toEqual([
      '"when" is not allowed here, as kind is static. Remove it, or make it kind: conditional (see schemas/rules/groups.schema.json)',
    ]);
  });
});

describe('YAML problems', () => {
  it('give one problem for one indentation slip, with the indentation meant', () => {
    const parsed = parseYamlWithPositions('groups:\n  - id: a\n    name: A\n   kind: static\n    description: d\n');
    expect(parsed.problems).toEqual([
      {
        line: 4,
        column: 4,
        message: 'YAML syntax: this line is indented 3 spaces, which matches none of the lines above it',
        fix: 'Indent "kind:" with 4 spaces, like "name:" on line 3 (the fields of one item start in the same column)',
      },
    ]);
  });

  it('say when a line goes deeper under a key whose value is given', () => {
    const parsed = parseYamlWithPositions('when:\n  fact: city\n    operator: equals\n  value: Pune\n');
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({
      line: 3,
      column: 5,
      message: expect.stringMatching(/indented more \(4 spaces\) than "fact"/),
    });
  });

  it('find no slip in consistent YAML with lists, block texts and flow mappings', () => {
    const text = 'a:\n  - id: x\n    body: |\n      text\n        deeper text\n    more: { b: 1,\n      c: 2 }\n  - y\nb: >-\n  folded\n';
    expect(indentationSlip(text)).toBeUndefined();
    expect(parseYamlWithPositions(text).problems).toEqual([]);
  });

  it.each([
    ['an unclosed quote', 'a:\n  name: "abc\n  b: 1\n', 2, 9, /a text opened with " is not closed/],
    ['an unclosed flow mapping', 'a: { fact: x, operator: y\nb: 1\n', 1, 4, /a \{ … \} mapping is not closed/],
    ['a value holding ": "', 'a:\n  name: Pay: now\n  b: 1\n', 2, 9, /holds ": "/],
    ['a value starting with @', 'a: @x\n', 1, 4, /cannot start with @ unless it is quoted/],
  ])('say what %s is, where it starts', (_name, text, line, column, message) => {
    const { problems } = parseYamlWithPositions(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line, column, message: expect.stringMatching(message) });
    expect(problems[0]!.fix).not.toMatch(/Correct the YAML at this position/);
  });

  it('keep every duplicate key', () => {
    const parsed = parseYamlWithPositions('a: 1\na: 2\nb: 1\nb: 2\n');
    expect(parsed.problems.map((problem) => problem.line)).toEqual([2, 4]);
  });
});

describe('rulebook test', () => {
  const failing = [
    'cases:',
    '  - name: a Pune customer is wrongly expected in the Mumbai group',
    '    at: "2026-12-01T10:00:00Z"',
    '    facts: { total_spent: 9000, city: Pune }',
    '    expect: { groups: { include: [high-value-mumbai] } }',
    '  - name: a Mumbai customer is in the Mumbai group',
    '    at: "2026-12-01T10:00:00Z"',
    '    facts: { total_spent: 9000, city: Mumbai }',
    '    expect: { groups: { include: [high-value-mumbai] } }',
  ].join('\n');

  it('shows the trace of the condition that decided a failing case', async () => {
    const dir = withFiles({ 'tests/wrong.yaml': failing });
    const lines = captureConsole();
    expect(await main(['test', dir, '--filter', 'mumbai group'])).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^✗ .*wrong\.yaml:2 a Pune customer/),
      '    expected to be in group high-value-mumbai, but is not',
      '      why: group high-value-mumbai does not match',
      '        ✗ all of:',
      '          ✓ total_spent greaterThan 5000 — saw 9000',
      '          ✗ city equals "Mumbai" — saw "Pune"',
      expect.stringMatching(/^✓ .*wrong\.yaml:6 a Mumbai customer/),
      expect.stringMatching(/^\n1 passed, 1 failed \(\d+ not selected by --filter\)$/),
    ]);
  });

  it('takes a regular expression as filter, and fails when it selects nothing', async () => {
    const dir = withFiles({ 'tests/wrong.yaml': failing });
    const lines = captureConsole();
    expect(await main(['test', dir, '--filter', '/^a mumbai customer is in the mumbai group$/i'])).toBe(0);
    expect(lines.at(-1)).toMatch(/^\n1 passed, 0 failed/);
    expect(await main(['test', dir, '--filter', 'no such case'])).toBe(1);
    expect(lines.at(-1)).toMatch(/no case of the \d+ in .* matches --filter no such case/);
  });

  it('writes JUnit XML and JSON reports', async () => {
    const dir = withFiles({ 'tests/wrong.yaml': failing });
    const lines = captureConsole();
    expect(await main(['test', dir, '--filter', 'mumbai group', '--reporter', 'junit'])).toBe(1);
    const xml = lines.join('\n');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="rulebook test" tests="2" failures="1" errors="0">/);
    expect(xml).toContain('<testcase classname=');
    expect(xml).toMatch(
      /<failure message="expected to be in group high-value-mumbai, but is not" type="expectation">[^<]*city equals &quot;Mumbai&quot; — saw &quot;Pune&quot;/,
    );
    const output = path.join(dir, 'report.json');
    lines.length = 0;
    expect(await main(['test', dir, '--filter', 'mumbai group', '--reporter', 'json', '--output', output])).toBe(1);
    const report = JSON.parse(readFileSync(output, 'utf8')) as { passed: number; failed: number; cases: Array<{ failures: unknown[] }> };
    expect(report).toMatchObject({ passed: 1, failed: 1 });
    expect(report.cases[0]!.failures).toEqual([
      expect.objectContaining({
        failure: 'expected to be in group high-value-mumbai, but is not',
        why: expect.objectContaining({ traces: [expect.anything()] }),
      }),
    ]);
    expect(lines.at(-1)).toMatch(/1 failed/);
  });
});

describe('facts', () => {
  it('of rule tests are checked against attributes.yaml', () => {
    const error = errorOf(() =>
      loadRuleSet(
        withFiles({
          'tests/facts.yaml': [
            'cases:',
            '  - name: misspelt and mistyped facts',
            '    at: "2026-12-01T10:00:00Z"',
            '    activateProfiles: [return-behaviour/serial-returnr]',
            '    facts: { loyalty_teir: gold, total_spent: "9000", birthdate: "1990-02-30", premium_member: "yes", profiles: { account-type: standart } }',
            '    expect: { profiles: { account-typ: null } }',
          ].join('\n'),
        }),
      ),
    );
    expect(error.problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}. ${problem.fix}`)).toEqual([
      expect.stringMatching(
        /^4:24 the test activates "return-behaviour\/serial-returnr", which is not a profile\..*did you mean "return-behaviour\/serial-returner"\?$/,
      ),
      '5:14 unknown attribute or fact "loyalty_teir". Use an id declared in attributes.yaml — did you mean "loyalty_tier"?',
      '5:47 "total_spent" is a number, not "9000". Write a number without quotes, e.g. 5000',
      '5:66 "birthdate" is a date, not "1990-02-30". Write the date as "YYYY-MM-DD", in quotes (e.g. "1990-01-02")',
      '5:96 "premium_member" is true or false, not "yes". Write true or false, without quotes',
      '5:129 profile set "account-type" has no profile "standart". Use one of: key-account, export, standard, to-assign — did you mean "standard"?',
      '6:27 the test expects profile set "account-typ", which does not exist. Use one of: account-type, return-behaviour — did you mean "account-type"?',
    ]);
  });

  it('given to rulebook explain are checked against attributes.yaml, with file:line:column', async () => {
    const dir = withFiles({});
    const facts = path.join(mkdtempSync(path.join(tmpdir(), 'rulebook-facts-')), 'facts.yaml');
    cleanups.push(() => rmSync(path.dirname(facts), { recursive: true, force: true }));
    writeFileSync(facts, 'city: Mumbai\nloyalty_tier: golden\ntotal_spend: 6000\n');
    const lines = captureConsole();
    expect(await main(['explain', '--facts', facts, '--dir', dir])).toBe(1);
    expect(lines.slice(0, 2)).toEqual([
      `${facts}:2:15 /loyalty_tier: "golden" is not an option of "loyalty_tier". Use one of: bronze, silver, gold, platinum — did you mean "gold"?`,
      `${facts}:3:1 /total_spend: unknown attribute or fact "total_spend". Use an id declared in attributes.yaml — did you mean "total_spent"?`,
    ]);
  });
});
