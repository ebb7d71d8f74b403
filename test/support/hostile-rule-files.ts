/**
 * Hostile rule files, and what each must get: problems that say where, what and how to fix it —
 * never a crash.
 */
import { expect } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules';
import { RuleSetInvalidError, type RuleProblem } from '../../src/rules/rule-problems';
import { ruleDirWith } from './rule-dirs';

/** The problems of loading `dir`, [] when it loads; any other error escapes and fails the test. */
export function loadProblems(dir: string): RuleProblem[] {
  try {
    loadRuleSet(dir);
    return [];
  } catch (error) {
    if (error instanceof RuleSetInvalidError) return error.problems;
    throw error;
  }
}

/** At least one problem, each in `file` (a path ending), at a line and column, with a short message and a fix. */
export function expectClearProblems(problems: RuleProblem[], file: string): void {
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) {
    expect(problem.file.endsWith(file), `${problem.file} is not ${file}`).toBe(true);
    expect(Number.isInteger(problem.line) && problem.line >= 1, `line ${problem.line}`).toBe(true);
    expect(Number.isInteger(problem.column) && problem.column >= 1, `column ${problem.column}`).toBe(true);
    expect(problem.message.trim(), 'message').not.toBe('');
    expect(problem.fix.trim(), 'fix').not.toBe('');
    // Values are shown shortened; a fix may list every allowed value (26 operators).
    expect(problem.message.length, problem.message).toBeLessThan(250);
    expect(problem.fix.length, problem.fix).toBeLessThan(600);
  }
}

/** The shipped settings and attributes without any other rule file, plus `files`: quick to load many times. */
export function minimalRulesWith(files: Record<string, string | Buffer | null>): { dir: string; remove(): void } {
  return ruleDirWith({ profiles: null, groups: null, dunning: null, tests: null, ...files });
}

/** A condition that holds for customers in Pune. */
export const leaf = '{ fact: city, operator: equals, value: Pune }';
/** A groups file with one conditional group whose condition `when` stands on line 6, column 11. */
export const group = (when: string) =>
  `groups:\n  - id: hostile\n    name: Café\n    description: A group from a hostile file\n    kind: conditional\n    when: ${when}\n`;
/** A valid groups file, with a non-ASCII letter on line 3. */
export const validGroup = group(leaf);

/** The classic "billion laughs": nine levels of nine aliases, 9^9 strings once expanded. */
export function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 9; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
  }
  return `${lines.join('\n')}\ngroups: *i\n`;
}
