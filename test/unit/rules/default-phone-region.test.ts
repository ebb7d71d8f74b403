/** settings.defaultPhoneRegion of rules/settings.yaml: where phone numbers without country code are read (issue 12, point 6). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/rules/load-rules';
import { RuleSetInvalidError, type RuleProblem } from '../../../src/rules/rule-problems';
import { ruleDirWith, shippedRules } from '../../support/rule-dirs';

const shippedSettings = readFileSync(path.join(shippedRules, 'settings.yaml'), 'utf8');

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A rules folder whose settings.yaml has `line` as its defaultPhoneRegion line (or none), at the end of `settings:`. */
function rulesWithRegion(line: string | undefined): string {
  const withoutRegion = shippedSettings.replace(/^ {2}defaultPhoneRegion: .*\n?/m, '');
  const settings = line === undefined ? withoutRegion : `${withoutRegion.trimEnd()}\n  ${line}\n`;
  const { dir, remove } = ruleDirWith({ 'settings.yaml': settings });
  cleanups.push(remove);
  return dir;
}

function problemsOf(dir: string): RuleProblem[] {
  try {
    loadRuleSet(dir);
  } catch (error) {
    if (error instanceof RuleSetInvalidError) return error.problems;
    throw error;
  }
  return [];
}

describe('the default phone region', () => {
  it('ships as IN', () => {
    expect(loadRuleSet(shippedRules).settings.defaultPhoneRegion).toBe('IN');
  });

  it('may be left out: numbers then need their country code', () => {
    const dir = rulesWithRegion(undefined);
    expect(readFileSync(path.join(dir, 'settings.yaml'), 'utf8')).not.toContain('defaultPhoneRegion');
    expect(loadRuleSet(dir).settings.defaultPhoneRegion).toBeUndefined();
  });

  it('takes another region in ISO 3166-1 alpha-2', () => {
    expect(loadRuleSet(rulesWithRegion('defaultPhoneRegion: GB')).settings.defaultPhoneRegion).toBe('GB');
  });

  it('refuses a code that is not two capital letters, naming the line', () => {
    const problems = problemsOf(rulesWithRegion('defaultPhoneRegion: India'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      pointer: '/settings/defaultPhoneRegion',
      file: expect.stringMatching(/settings\.yaml$/),
      message: '"India" is not a valid value here',
      fix: expect.stringContaining('^[A-Z]{2}$'),
    });
  });

  it('refuses two letters that are no region with phone numbers, saying which code to use', () => {
    const problems = problemsOf(rulesWithRegion('defaultPhoneRegion: UK'));
    expect(problems).toEqual([
      expect.objectContaining({
        pointer: '/settings/defaultPhoneRegion',
        message: '"UK" is not a region whose phone numbers Rulebook can read',
        fix: expect.stringMatching(/ISO 3166-1 alpha-2 code such as IN, GB \(not UK\)/),
      }),
    ]);
    expect(problems[0]!.line).toBeGreaterThan(1);
  });
});
