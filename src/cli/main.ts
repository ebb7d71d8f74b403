/** `rulebook` — the analysts' and operators' command line. */
import { credentialsCommand } from './credentials-command';
import { diffCommand } from './diff-command';
import { erasureCommand } from './erasure-command';
import { explainCommand } from './explain-command';
import { profilesCommand } from './profiles-command';
import { reencryptCommand } from './re-encrypt-command';
import { schemasCommand } from './schemas-command';
import { recalculationsCommand, statusCommand } from './status-command';
import { testCommand } from './test-command';
import { validateCommand } from './validate-command';

const usage = `rulebook — customer-lifecycle rules

Usage:
  rulebook validate [dir] [--against URL]        check every rule file (exit 1 on problems); with --against,
                                                 also whether the running service would refuse a reload of
                                                 them (a held manual profile removed without a tombstone)
  rulebook test [dir] [--filter TEXT] [--reporter junit|json]
                                                 run the rule test cases in dir/tests
  rulebook schemas [dir] [--check]               write the editor schemas that know the facts of
                                                 dir/attributes.yaml (schemas/rules/generated)
  rulebook explain --facts FILE [--at TIME] [--dir DIR] [--json]
                                                 show why a customer gets its profiles and groups
  rulebook diff [--against REF] [--customers]    impact of the working-tree rules on the real customers
  rulebook status [--follow]                     rules in use and on disk, last reload, recalculations
                                                 (progress bars) of the running service
  rulebook recalculations <id> [--follow]        progress of one profile recalculation job
  rulebook profiles reassign --set S --from P --to T [--apply]
                                                 move a profile's holders before removing it
  rulebook erasure status|cancel --customer ID [--reason TEXT]
                                                 where an erasure stands; cancel it with a reason
  rulebook re-encrypt                            move encrypted attributes to the current payload key
  rulebook credentials create|list|revoke        API credentials with a name and scopes (token shown once)
  rulebook <command> --help                      help on one command

dir defaults to ./rules.`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  validate: validateCommand,
  test: testCommand,
  schemas: schemasCommand,
  explain: explainCommand,
  diff: diffCommand,
  status: statusCommand,
  recalculations: recalculationsCommand,
  profiles: profilesCommand,
  erasure: erasureCommand,
  're-encrypt': reencryptCommand,
  credentials: credentialsCommand,
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
