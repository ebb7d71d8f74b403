import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RulesStatus } from '../api/generated/api-types';
import type { RuleFiles, RuleImpact } from '../use-cases/rule-impact';
import { apiOptions, apiTarget, callApi } from './api-client';

const help = `rulebook diff [--against REF] [--dir DIR] [--customers] [--json] [--api URL] [--token TOKEN]

Impact preview of a rule change: how many customers in the real database would change automatic
profile or group membership if the rules in the working tree (DIR, default rules) replaced those
at the git REF (default: the rules the running service uses). Also lists removed profiles that
customers still hold. With --customers, names the customers of each profile change: those the
recalculation that follows the reload moves. Nothing changes. Talks to the running API.`;

/** `rulebook diff --against REF`. */
export async function diffCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      against: { type: 'string' },
      dir: { type: 'string', default: 'rules' },
      json: { type: 'boolean', default: false },
      customers: { type: 'boolean', default: false },
      ...apiOptions,
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const candidate = filesInDir(values.dir);
  const base = values.against ? filesAtRef(values.against, values.dir) : undefined;
  const target = apiTarget(values);
  if (!base && !values.json) {
    // Against the rules in use: say so when they are not those in the service's folder (a reload pending or refused).
    const status = await callApi<RulesStatus>(target, 'GET', '/v1/rules');
    if (status.onDisk.differs)
      console.error(
        `note: the service runs ${status.version}, while its rules folder holds ${status.onDisk.version ?? 'nothing'} ` +
          `(${status.lastReload.ok ? 'a reload is pending' : 'their reload was refused'}: rulebook status); this diff is against the rules it runs.`,
      );
  }
  const impact = await callApi<RuleImpact>(target, 'POST', '/v1/rules/impact', {
    candidate,
    ...(base && { base }),
    ...(values.customers && { listCustomers: true }),
  });
  console.log(values.json ? JSON.stringify(impact, null, 2) : render(impact, values.against ?? 'the rules in use'));
  return 0;
}

/** The rule files (without tests) of a folder in the working tree. */
function filesInDir(dir: string): RuleFiles {
  const files: RuleFiles = {};
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(dir, relative))) {
      const file = path.posix.join(relative, name);
      if (statSync(path.join(dir, file)).isDirectory()) {
        if (name !== 'tests') walk(file);
      } else if (/\.ya?ml$/.test(name)) {
        files[file] = readFileSync(path.join(dir, file), 'utf8');
      }
    }
  };
  walk('');
  return files;
}

/** The rule files (without tests) at a git ref. */
function filesAtRef(ref: string, dir: string): RuleFiles {
  const prefix = execFileSync('git', ['rev-parse', '--show-prefix'], { encoding: 'utf8', cwd: dir }).trim();
  const listing = execFileSync('git', ['ls-tree', '-r', '--name-only', '--full-name', ref, '--', '.'], { encoding: 'utf8', cwd: dir });
  const files: RuleFiles = {};
  for (const file of listing.split('\n').filter((line) => /\.ya?ml$/.test(line) && !line.startsWith(`${prefix}tests/`))) {
    files[file.slice(prefix.length)] = execFileSync('git', ['show', `${ref}:${file}`], {
      encoding: 'utf8',
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    });
  }
  return files;
}

function render(impact: RuleImpact, against: string): string {
  const lines = [
    `Impact on ${impact.customers} customers of ${impact.candidateVersion} (working tree) against ${impact.baseVersion} (${against}):`,
  ];
  if (impact.profiles.length === 0 && impact.groups.length === 0) lines.push('  no customer changes profile or group');
  for (const change of impact.profiles) {
    lines.push(`  ${change.customers} customers: ${change.setId} ${change.from ?? 'none'} → ${change.to ?? 'none'}`);
    if (change.customerIds) lines.push(`    ${change.customerIds.join(', ')}`);
  }
  for (const change of impact.groups) lines.push(`  group ${change.groupId}: +${change.joined} join, −${change.left} leave`);
  for (const held of impact.removedProfilesHeld) {
    lines.push(
      `  ! ${held.customers} customers still hold ${held.setId}/${held.profileId}, which the change removes: run rulebook profiles reassign first`,
    );
  }
  return lines.join('\n');
}
