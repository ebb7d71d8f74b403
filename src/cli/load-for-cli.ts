import { loadRuleSet } from '../rules/load-rules';
import { formatProblem, RuleSetInvalidError } from '../rules/rule-problems';
import type { RuleSet } from '../rules/rule-set';

/** Loads the rules, or prints every problem and returns undefined. */
export function loadForCli(dir: string): RuleSet | undefined {
  try {
    return loadRuleSet(dir);
  } catch (error) {
    if (!(error instanceof RuleSetInvalidError)) throw error;
    for (const problem of error.problems) console.error(formatProblem(problem));
    for (const note of error.notes) console.error(`\nNote: ${note}.`);
    console.error(`\n${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in ${dir}`);
    return undefined;
  }
}
