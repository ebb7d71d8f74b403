import { parseArgs } from 'node:util';
import { loadForCli } from './load-for-cli';

const help = `rulebook validate [dir]

Checks every rule file in dir (default ./rules): YAML syntax, the JSON Schemas, and the rules a
schema cannot express (known attributes, operators that fit the type, references, unique ids, the
variables, filters and syntax of the message templates).
Prints one line per problem as file:line:column pointer: problem. fix — and exits 1 if any.
Fit for CI and pre-commit hooks.`;

/** `rulebook validate [dir]`. */
export async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const dir = positionals[0] ?? 'rules';
  const ruleSet = loadForCli(dir);
  if (!ruleSet) return 1;
  const profiles = ruleSet.profileSets.reduce((sum, set) => sum + set.profiles.length, 0);
  console.log(
    `${dir} is valid (${ruleSet.version}): ${ruleSet.profileSets.length} profile sets with ${profiles} profiles, ` +
      `${ruleSet.groups.length} groups, ${ruleSet.scenarios.length} dunning scenarios, ${ruleSet.templates.size} message templates, ` +
      `${ruleSet.tests.length} test cases`,
  );
  return 0;
}
