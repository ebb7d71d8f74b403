/**
 * The broken-rule fixtures (test/fixtures/broken-rules/<name>/): each is a rule set that must give
 * exactly the problems listed in its expected-problems.txt, one `file:line:column pointer: message.
 * fix` line each, as `rulebook validate` prints them (files named inside the rule set). A fixture
 * with its own settings.yaml is a whole (small) rule set; any other holds only the files it breaks
 * or adds, laid over a copy of the shipped rules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config/project-root';
import { loadRuleSetFromFiles } from '../../src/rules/load-rules';
import type { RuleFileSource } from '../../src/rules/rule-files';
import { formatProblem, RuleSetInvalidError } from '../../src/rules/rule-problems';
import { shippedRules } from './rule-dirs';

export const brokenRulesDir = path.join(projectRoot, 'test', 'fixtures', 'broken-rules');
export const expectedFile = 'expected-problems.txt';

export interface BrokenRuleFixture {
  name: string;
  dir: string;
  /** The lines `rulebook validate` must print for it, in order. */
  expected: string[];
}

/** Every fixture folder, by name. */
export function brokenRuleFixtures(): BrokenRuleFixture[] {
  return readdirSync(brokenRulesDir)
    .filter((name) => statSync(path.join(brokenRulesDir, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(brokenRulesDir, name);
      const expectedPath = path.join(dir, expectedFile);
      const expected = existsSync(expectedPath)
        ? readFileSync(expectedPath, 'utf8')
            .split('\n')
            .filter((line) => line.trim() !== '')
        : [];
      return { name, dir, expected };
    });
}

/** The rule files of a fixture: its own, over the shipped rules unless it has its own settings.yaml. */
export function fixtureFiles(fixture: BrokenRuleFixture): RuleFileSource[] {
  const own = filesIn(fixture.dir).filter((file) => file.path !== expectedFile);
  if (own.some((file) => file.path === 'settings.yaml')) return own;
  const replaced = new Set(own.map((file) => file.path));
  return [...filesIn(shippedRules).filter((file) => !replaced.has(file.path)), ...own];
}

/** The lines `rulebook validate` prints for the fixture's problems (and notes), named inside the rule set. */
export function fixtureProblems(fixture: BrokenRuleFixture): { problems: string[]; notes: string[] } {
  try {
    loadRuleSetFromFiles(fixtureFiles(fixture));
  } catch (error) {
    if (error instanceof RuleSetInvalidError) return { problems: error.problems.map(formatProblem), notes: error.notes };
    throw error;
  }
  return { problems: [], notes: [] };
}

function filesIn(dir: string, under = ''): RuleFileSource[] {
  return readdirSync(path.join(dir, under)).flatMap((name) => {
    const relative = under ? `${under}/${name}` : name;
    const absolute = path.join(dir, relative);
    return statSync(absolute).isDirectory() ? filesIn(dir, relative) : [{ path: relative, content: readFileSync(absolute) }];
  });
}
