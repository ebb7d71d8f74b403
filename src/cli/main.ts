/** `rulebook` — the analysts' and operators' command line. */
import { diffCommand } from './diff-command';
import { erasureCommand } from './erasure-command';
import { explainCommand } from './explain-command';
import { profilesCommand } from './profiles-command';
import { reencryptCommand } from './re-encrypt-command';
import { testCommand } from './test-command';
import { validateCommand } from './validate-command';

const usage = `rulebook — customer-lifecycle rules

Usage:
  rulebook validate [dir]                        check every rule file (exit 1 on problems)
  rulebook test [dir]                            run the rule test cases in dir/tests
  rulebook explain --facts FILE [--at TIME] [--dir DIR] [--json]
                                                 show why a customer gets its profiles and groups
  rulebook diff [--against REF]                  impact of the working-tree rules on the real customers
  rulebook profiles reassign --set S --from P --to T [--apply]
                                                 move a profile's holders before removing it
  rulebook erasure status|cancel --customer ID [--reason TEXT]
                                                 where an erasure stands; cancel it with a reason
  rulebook re-encrypt                            move encrypted attributes to the current payload key
  rulebook <command> --help                      help on one command

dir defaults to ./rules.`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  validate: validateCommand,
  test: testCommand,
  explain: explainCommand,
  diff: diffCommand,
  profiles: profilesCommand,
  erasure: erasureCommand,
  're-encrypt': reencryptCommand,
};

/** Runs the CLI with `args` (without node and script) and returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`rulebook: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (error) {
    console.error(`rulebook ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
