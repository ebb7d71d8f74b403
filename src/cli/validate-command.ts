import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RuleCheck } from '../api/generated/api-types';
import { displayPath, readRuleFolder } from '../rules/read-rule-files';
import { formatProblem } from '../rules/rule-problems';
import type { RuleFiles } from '../use-cases/rule-impact';
import { ApiUnreachableError, apiTarget, callApi } from './api-client';
import { loadForCli } from './load-for-cli';

const help = `rulebook validate [dir] [--against URL] [--token TOKEN]

Checks every rule file in dir (default ./rules): YAML syntax, the JSON Schemas, and the rules a
schema cannot express (known attributes, operators that fit the type, references, unique ids, the
variables, filters and syntax of the message templates).
Prints one line per problem as file:line:column pointer: problem. fix — and exits 1 if any.
Fit for CI and pre-commit hooks.

--against URL   then asks the running service at URL (e.g. http://127.0.0.1:3000) whether a reload
                of these rules would be refused — a profile removed from a manual set while
                customers hold it, without a removedProfiles tombstone — with the problem the
                reload would give (set, profile, how many hold it, the reassign command): exit 1.
                Otherwise prints what a reload would do (customers moved, disconnected,
                recalculated). Nothing changes. Token: --token, API_TOKEN, API_TOKENS or
                .data/api-token. Exit 2 when the service cannot be reached.`;

/** `rulebook validate [dir] [--against URL]`. */
export async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, against: { type: 'string' }, token: { type: 'string' } },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const dir = positionals[0] ?? 'rules';
  if (values.against !== undefined && !isHttpUrl(values.against)) {
    console.error(
      `rulebook validate: --against takes the URL of the running service, e.g. --against http://127.0.0.1:3000, not "${values.against}" ` +
        '(to compare with the rules of a git ref, run rulebook diff --against REF).',
    );
    return 2;
  }
  const ruleSet = loadForCli(dir);
  if (!ruleSet) return 1;
  const profiles = ruleSet.profileSets.reduce((sum, set) => sum + set.profiles.length, 0);
  console.log(
    `${dir} is valid (${ruleSet.version}): ${ruleSet.profileSets.length} profile sets with ${profiles} profiles, ` +
      `${ruleSet.groups.length} groups, ${ruleSet.scenarios.length} dunning scenarios, ${ruleSet.templates.size} message templates, ` +
      `${ruleSet.tests.length} test cases`,
  );
  return values.against === undefined ? 0 : checkAgainstService(dir, values.against, values.token);
}

/** Asks the service at `url` whether a reload of the rules in `dir` would be refused (POST /v1/rules/check). */
async function checkAgainstService(dir: string, url: string, token: string | undefined): Promise<number> {
  const target = apiTarget({ api: url, ...(token !== undefined && { token }) });
  let check: RuleCheck;
  try {
    check = await callApi<RuleCheck>(target, 'POST', '/v1/rules/check', { rules: ruleFilesOf(dir) });
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('404:')) {
      console.error(
        `rulebook validate: the service at ${target.url} has no POST /v1/rules/check (it is older than this rulebook); ` +
          'update it, or run without --against to check the files alone.',
      );
      return 2;
    }
    if (!(error instanceof ApiUnreachableError)) throw error;
    console.error(
      `rulebook validate: cannot reach the Rulebook API at ${error.url} (${error.reason}) to check the rules against its database. ` +
        'Start the service (npm start) or give its URL with --against URL; without --against only the files are checked.',
    );
    return 2;
  }
  if (!check.ok) {
    // The service names files relative to the rules folder; name them as the local problems are named.
    for (const problem of check.problems) console.error(formatProblem({ ...problem, file: displayPath(path.join(dir, problem.file)) }));
    const count = check.problems.length;
    console.error(
      `\n${count} problem${count === 1 ? '' : 's'}: the service at ${target.url} would refuse a reload of ${dir} ` +
        '(the rules in use would stay); nothing was changed',
    );
    return 1;
  }
  console.log(`The service at ${target.url} would accept a reload of ${dir}: ${describeReload(check.wouldApply)}.`);
  // Older services answer without warnings.
  for (const warning of check.warnings ?? []) {
    const file = warning.file ? displayPath(path.join(dir, warning.file)) : displayPath(dir);
    console.log(`warning: ${formatProblem({ ...warning, file })}`);
  }
  return 0;
}

/** The rule files of `dir` as a reload reads them, without the test cases (they do not bear on a reload's refusal). */
function ruleFilesOf(dir: string): RuleFiles {
  const files: RuleFiles = {};
  for (const source of readRuleFolder(dir).files) {
    if ('content' in source && !source.path.startsWith('tests/'))
      files[source.path] = typeof source.content === 'string' ? source.content : Buffer.from(source.content).toString('utf8');
  }
  return files;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const customers = (count: number) => `${count} customer${count === 1 ? '' : 's'}`;

/** What a reload would do to customers, in words: "a reload would move 3 customers from account-type/old to account-type/standard; …". */
export function describeReload(wouldApply: RuleCheck['wouldApply']): string {
  const parts = [
    ...wouldApply.moved.map((move) => `move ${customers(move.customers)} from ${move.setId}/${move.from} to ${move.setId}/${move.to}`),
    ...wouldApply.disconnected.map(
      (gone) =>
        `disconnect ${customers(gone.customers)} from ${gone.setId}/${gone.profileId} ` +
        (gone.reason === 'set-removed' ? '(its set is removed)' : '(removed from an automatic set)'),
    ),
  ];
  if (wouldApply.recalculation)
    parts.push(`recalculate ${customers(wouldApply.recalculation.customers)} with the new rules (a durable job)`);
  return parts.length === 0 ? 'a reload would move or disconnect no customer' : `a reload would ${parts.join('; ')}`;
}
