/** Problems found in rule files: where (file:line:column and JSON pointer), what, and how to fix it. */
import { RulebookError } from '../errors';

export interface RuleProblem {
  /** Path of the file relative to the rules folder's parent, e.g. rules/groups/vip.yaml. */
  file: string;
  line: number;
  column: number;
  /** JSON Pointer inside the document, e.g. /groups/1/when/all/0/operator; empty for the whole file. */
  pointer: string;
  message: string;
  fix: string;
}

/**
 * A problem located by pointer only; the loader adds line and column from the parsed YAML. `inside`
 * places it at a line and column of the string value at the pointer (a message template's text).
 */
export type UnplacedProblem = Omit<RuleProblem, 'line' | 'column'> & { at?: 'key' | 'value'; inside?: { line: number; column: number } };

/** One line per problem: `file:line:column pointer: message. fix` — the format editors and CI link. */
export function formatProblem(problem: RuleProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const pointer = problem.pointer ? ` ${problem.pointer}` : '';
  return `${where}${pointer}: ${problem.message}. ${problem.fix}`;
}

/** The rule files are invalid; every problem is listed, and the rule set in use stays in place. */
export class RuleSetInvalidError extends RulebookError {
  readonly code = 'rules-invalid';
  readonly title = 'Invalid rules';

  /**
   * `notes` say what was not checked or not reported and why — e.g. the problems that would only
   * follow from a file that did not load — one sentence each, shown after the problems.
   */
  constructor(
    readonly problems: RuleProblem[],
    readonly notes: string[] = [],
  ) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the rule files; the previous rule set stays in use. ` +
        problems.map(formatProblem).join(' | ') +
        notes.map((note) => ` (${note})`).join(''),
      { problems },
    );
  }
}

/**
 * A reload refused because another process committed other rules since this one took its own: not a
 * fault of the files, and it clears by itself once they are the rules in force — the watcher keeps
 * checking (src/rules/rule-registry.ts).
 */
export class RulesCommittedElsewhereError extends RuleSetInvalidError {}
