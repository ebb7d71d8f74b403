import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import { loadRuleSet } from '../../../src/rules/load-rules';
import { problemsOf, ruleDirWith, shippedRules } from '../../support/rule-dirs';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  vi.restoreAllMocks();
});

function withFiles(files: Record<string, string | Buffer | null>): string {
  const { dir, remove } = ruleDirWith(files);
  cleanups.push(remove);
  return dir;
}

describe('shipped rules', () => {
  it('validate, with the seed profiles, groups and scenarios', () => {
    const ruleSet = loadRuleSet(shippedRules);
    expect(ruleSet.version).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(ruleSet.profileSets.map((set) => set.id).sort()).toEqual(['account-type', 'return-behaviour']);
    const returners = ruleSet.profileSets.find((set) => set.id === 'return-behaviour')!.profiles;
    expect(returners.map((profile) => [profile.id, profile.active])).toEqual([
      ['first-time-returner', false],
      ['normal-returner', false],
      ['regular-returner', false],
      ['serial-returner', false],
    ]);
    expect(ruleSet.groups.map((group) => group.id)).toEqual(['birthday-this-week', 'high-value-mumbai', 'premium-users', 'vip-import']);
    expect(ruleSet.scenarios.map((scenario) => scenario.profile.profileId).sort()).toEqual(['export', 'key-account', 'standard']);
  });

  it('have a version that changes with their content and only with it', () => {
    const same = withFiles({});
    expect(loadRuleSet(same).version).toBe(loadRuleSet(shippedRules).version);
    const edited = withFiles({ 'settings.yaml': loadText('settings.yaml').replace('50000', '60000') });
    expect(loadRuleSet(edited).version).not.toBe(loadRuleSet(shippedRules).version);
  });
});

describe('broken rule files', () => {
  const fixture = 'test/fixtures/broken-rules/several-mistakes';

  it('yield exactly one precise problem per mistake, each with line and column', () => {
    const problems = problemsOf(fixture).map((problem) => ({
      at: `${problem.file.replace(`${fixture}/`, '')}:${problem.line}:${problem.column}`,
      pointer: problem.pointer,
      message: problem.message,
    }));
    expect(problems).toEqual([
      {
        at: 'dunning/orphan.yaml:5:12',
        pointer: '/scenario/profile',
        message: expect.stringMatching(/names profile "account-type\/vip", which does not exist/),
      },
      { at: 'groups/conditions.yaml:8:13', pointer: '/groups/0/when/fact', message: 'unknown attribute or fact "total_spend"' },
      {
        at: 'groups/conditions.yaml:16:13',
        pointer: '/groups/1/when/fact',
        message: '"national_id" is encrypted and cannot be used in conditions',
      },
      {
        at: 'groups/conditions.yaml:26:35',
        pointer: '/groups/2/when/all/1/operator',
        message: 'operator "greaterThan" does not apply to text attribute "city"',
      },
      { at: 'groups/conditions.yaml:32:9', pointer: '/groups/4/id', message: expect.stringMatching(/^duplicate group id "premium-users"/) },
      { at: 'groups/syntax.yaml:6:4', pointer: '', message: expect.stringMatching(/^YAML syntax: this line is indented 3 spaces/) },
      { at: 'profiles/return-behaviour.yaml:11:17', pointer: '/profileSet/profiles/0/priority', message: '"high" is not of type integer' },
    ]);
  });

  it('say how to fix each problem', () => {
    const fixes = problemsOf(fixture).map((problem) => problem.fix);
    expect(fixes).toContain('Use an id declared in attributes.yaml — did you mean "total_spent"?');
    expect(fixes).toContain('Use one of: equals, contains, startsWith, endsWith, in, isSet, isNotSet');
    for (const fix of fixes) expect(fix.length).toBeGreaterThan(10);
  });

  it('make `rulebook validate` print file:line:column lines and exit 1', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    expect(await main(['validate', fixture])).toBe(1);
    expect(errors.filter((line) => /^test\/fixtures\/broken-rules\/several-mistakes\/\S+:\d+:\d+[: ]/.test(line))).toHaveLength(7);
  });
});

describe('rule file checks', () => {
  const group = (when: string) =>
    `groups:\n  - id: test-group\n    name: Test\n    description: test\n    kind: conditional\n    when: ${when}\n`;

  it.each([
    ['a number operator given a text', '{ fact: total_spent, operator: greaterThan, value: "5000" }', /needs a number, not "5000"/],
    ['recurring on a number', '{ fact: total_spent, operator: greaterThan, value: 1, recurring: true }', /recurring does not apply/],
    [
      'recurring with before',
      '{ fact: birthdate, operator: before, value: "2000-01-01", recurring: true }',
      /recurring does not apply to "before"/,
    ],
    ['a date that does not exist', '{ fact: birthdate, operator: on, value: "2026-02-30" }', /needs dates as "YYYY-MM-DD"/],
    ['a reversed range', '{ fact: total_spent, operator: between, value: [5000, 1000] }', /min ≤ max/],
    [
      'a dropdown value that is not an option',
      '{ fact: loyalty_tier, operator: is, value: diamond }',
      /"diamond" is not an option of "loyalty_tier"/,
    ],
    ['a value where none is taken', '{ fact: premium_member, operator: isTrue, value: true }', /takes no value/],
    ['a leaf mixed with all', '{ all: [{ fact: premium_member, operator: isTrue }], fact: city }', /mixes all and fact/],
    ['a within-days count of zero', '{ fact: birthdate, operator: withinNextDays, value: 0 }', /whole number of days/],
  ])('report %s', (_name, when, message) => {
    const problems = problemsOf(withFiles({ 'groups/test.yaml': group(when) }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(message);
    expect(problems[0]!.line).toBe(6);
  });

  it('report an unknown field with the fields that are allowed', () => {
    const problems = problemsOf(
      withFiles({ 'groups/test.yaml': group('{ fact: city, operator: equals, value: Pune }').replace('kind:', 'colour: red\n    kind:') }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ pointer: '/groups/0/colour', line: 5, column: 5, message: '"colour" is not a known field here' });
    expect(problems[0]!.fix).toMatch(/the fields here are: id, name, description, kind, when/);
  });

  it('refuse duplicate keys instead of keeping the last one', () => {
    const problems = problemsOf(
      withFiles({
        'groups/test.yaml': group('{ fact: city, operator: equals, value: Pune }').replace('name: Test', 'name: Test\n    name: Again'),
      }),
    );
    expect(problems[0]!.message).toMatch(/YAML syntax: .*unique/i);
  });

  it('refuse tabs used for indentation', () => {
    const problems = problemsOf(withFiles({ 'groups/test.yaml': 'groups:\n\t- id: x\n' }));
    expect(problems[0]).toMatchObject({ line: 2, message: expect.stringMatching(/YAML syntax/) });
  });

  it('refuse an alias bomb without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(
        `${name}: &${name} [*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous}]`,
      );
    }
    const problems = problemsOf(withFiles({ 'groups/bomb.yaml': `${levels.join('\n')}\ngroups: *i\n` }));
    expect(problems[0]!.message).toMatch(/alias/i);
  });

  it('refuse a file that is not UTF-8', () => {
    const latin1 = Buffer.from('groups:\n  - id: caf\xe9\n', 'latin1');
    const problems = problemsOf(withFiles({ 'groups/latin1.yaml': latin1 }));
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, column: 12, message: expect.stringMatching(/^the file is not valid UTF-8: byte 0xE9 here/) }),
    ]);
  });

  it('refuse a huge file', () => {
    const problems = problemsOf(withFiles({ 'groups/huge.yaml': `# ${'x'.repeat(1024 * 1024)}\ngroups: []\n` }));
    expect(problems[0]!.message).toMatch(/more than the limit/);
  });

  it('refuse a YAML file in a place where rules are not read', () => {
    const problems = problemsOf(withFiles({ 'profile.yaml': 'profileSet: {}\n' }));
    expect(problems[0]!.message).toBe('this file is not in a place where rules are read');
  });

  it('refuse two scenarios for one profile, and a default profile outside the set', () => {
    const scenario = loadText('dunning/standard.yaml').replace(/id: standard\b/, 'id: standard-copy');
    const accountType = loadText('profiles/account-type.yaml').replace('defaultProfile: to-assign', 'defaultProfile: unknown');
    const problems = problemsOf(withFiles({ 'dunning/standard-copy.yaml': scenario, 'profiles/account-type.yaml': accountType }));
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/duplicate scenario for profile id "account-type\/standard"/),
      'the default profile "unknown" is not a profile of this set',
    ]);
  });

  it('refuse the removal of a profile that a scenario still references', () => {
    const accountType = loadText('profiles/account-type.yaml').replace(/ {4}- id: export\n( {6}.*\n)+?(?= {4}- id)/, '');
    const problems = problemsOf(withFiles({ 'profiles/account-type.yaml': accountType }));
    expect(problems.map((problem) => problem.message)).toContainEqual(
      expect.stringMatching(/names profile "account-type\/export", which does not exist/),
    );
  });
});

function loadText(relative: string): string {
  return readFileSync(path.join(shippedRules, relative), 'utf8');
}
