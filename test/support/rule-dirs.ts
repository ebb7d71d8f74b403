/** Temporary rule folders built from the shipped rules plus the files a test adds or replaces. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/project-root';
import { loadRuleSet } from '../../src/rules/load-rules';
import { RuleSetInvalidError, type RuleProblem } from '../../src/rules/rule-problems';

export const shippedRules = path.join(projectRoot, 'rules');

/** A copy of the shipped rules with `files` (relative path → content, or null to delete) applied. */
export function ruleDirWith(files: Record<string, string | Buffer | null>): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rulebook-rules-'));
  cpSync(shippedRules, dir, { recursive: true });
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, relative);
    if (content === null) {
      rmSync(target, { force: true, recursive: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The problems of loading the rule folder `dir` (fails the test if it loads). */
export function problemsOf(dir: string): RuleProblem[] {
  try {
    loadRuleSet(dir);
  } catch (error) {
    if (error instanceof RuleSetInvalidError) return error.problems;
    throw error;
  }
  throw new Error(`${dir} loaded without problems`);
}
