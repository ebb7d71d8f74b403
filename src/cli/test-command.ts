import { parseArgs } from 'node:util';
import { runRuleTests } from '../rules/run-rule-tests';
import { loadForCli } from './load-for-cli';

const help = `rulebook test [dir]

Runs the rule test cases in dir/tests/*.yaml (default ./rules): each case gives facts and a time
and expects profiles, groups and a dunning scenario. Ends with "N passed, N failed"; exits 1 when
a case fails or the rules are invalid.`;

/** `rulebook test [dir]`. */
export async function testCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const ruleSet = loadForCli(positionals[0] ?? 'rules');
  if (!ruleSet) return 1;
  const results = await runRuleTests(ruleSet);
  for (const result of results) {
    const where = `${result.testCase.file}:${result.testCase.line}`;
    console.log(`${result.passed ? '✓' : '✗'} ${where} ${result.testCase.name}`);
    for (const failure of result.failures) console.log(`    ${failure}`);
  }
  const failed = results.filter((result) => !result.passed).length;
  console.log(`\n${results.length - failed} passed, ${failed} failed`);
  return failed === 0 && results.length > 0 ? 0 : 1;
}
