/**
 * `rulebook status` and `rulebook recalculations <id>`: whether the running service runs the rules
 * on disk, how its last reload went, and the progress of the profile recalculations that rule
 * changes started — with a progress bar, followed until they finish with --follow.
 */
import { parseArgs } from 'node:util';
import type { ProfileRecalculation, RulesStatus } from '../api/generated/api-types';
import type { DisconnectedHolders, MovedHolders } from '../rules/profile-removal';
import { formatProblem, type RuleProblem } from '../rules/rule-problems';
import { apiOptions, apiTarget, callApi, type ApiTarget } from './api-client';

const statusHelp = `rulebook status [--follow] [--json] [--api URL] [--token TOKEN]

What the running service runs: the version of the rules in use and of the files on disk now (a
difference means a reload is pending — the watcher reloads within seconds — or was refused), the
outcome of the last reload (its problems, or what it did to customers), and the profile
recalculations that rule changes started, each with a progress bar. --follow keeps showing the
running recalculations until they finish. Exit 1 when the rules on disk are not those in use or
the last reload was refused. Talks to the running API (GET /v1/rules).`;

const recalculationsHelp = `rulebook recalculations <id> [--follow] [--json] [--api URL] [--token TOKEN]

Progress of one profile recalculation job (the id is in rulebook status, or in the reload's
lastReload.applied.recalculation.id), as a progress bar; --follow until it finishes.
Talks to the running API (GET /v1/rules/recalculations/{id}).`;

/** How often --follow asks again. */
const followEveryMs = 500;

/** `rulebook status`. */
export async function statusCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { follow: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, ...apiOptions },
  });
  if (values.help) {
    console.log(statusHelp);
    return 0;
  }
  const target = apiTarget(values);
  const status = await callApi<RulesStatus>(target, 'GET', '/v1/rules');
  if (values.json) console.log(JSON.stringify(status, null, 2));
  else console.log(renderStatus(status));
  if (values.follow) {
    for (const job of recalculationsOf(status).filter((job) => job.finishedAt === null)) await follow(target, job.id, values.json);
  }
  return status.onDisk.differs || !status.lastReload.ok ? 1 : 0;
}

/** `rulebook recalculations <id>`. */
export async function recalculationsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { follow: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, ...apiOptions },
  });
  if (values.help || positionals.length !== 1) {
    console.log(recalculationsHelp);
    return values.help ? 0 : 2;
  }
  const target = apiTarget(values);
  const id = positionals[0]!;
  if (values.follow) return follow(target, id, values.json).then(() => 0);
  const job = await recalculation(target, id);
  console.log(values.json ? JSON.stringify(job, null, 2) : renderJob(job));
  return 0;
}

/** Shows the job's progress as it moves until it has finished (a line per change; one redrawn line on a terminal). */
async function follow(target: ApiTarget, id: string, json: boolean): Promise<void> {
  const terminal = !json && process.stdout.isTTY === true;
  let shown = '';
  for (;;) {
    const job = await recalculation(target, id);
    const text = json ? JSON.stringify(job) : renderJob(job);
    if (text !== shown) {
      if (terminal) process.stdout.write(`\r\x1b[2K${text}`);
      else console.log(text);
      shown = text;
    }
    if (job.finishedAt !== null) break;
    await new Promise((resolve) => setTimeout(resolve, followEveryMs));
  }
  if (terminal) process.stdout.write('\n');
}

function recalculation(target: ApiTarget, id: string): Promise<ProfileRecalculation> {
  return callApi<ProfileRecalculation>(target, 'GET', `/v1/rules/recalculations/${encodeURIComponent(id)}`);
}

function recalculationsOf(status: RulesStatus): ProfileRecalculation[] {
  return (status.recalculations ?? []) as unknown as ProfileRecalculation[];
}

/** The status as people read it. */
export function renderStatus(status: RulesStatus): string {
  const { onDisk, lastReload } = status;
  const lines = [
    `rules in use   ${status.version} (loaded ${status.loadedAt})`,
    `rules on disk  ${onDisk.version ?? 'none: the rules folder is missing'} — ${
      !onDisk.differs
        ? 'the same'
        : lastReload.ok
          ? onDisk.watched
            ? 'DIFFERENT: the service reloads them within seconds'
            : 'DIFFERENT: the service does not watch its rules folder; reload with POST /v1/rules/reload'
          : 'DIFFERENT: their reload was refused (below); the rules in use stay'
    }`,
    `last reload    ${lastReload.at} ${lastReload.ok ? 'ok' : `refused, ${(lastReload.problems ?? []).length} problems:`}`,
  ];
  for (const problem of lastReload.problems ?? []) lines.push(`  ${formatProblem(problem as unknown as RuleProblem)}`);
  if (lastReload.ok && lastReload.applied) {
    const { recalculation } = lastReload.applied;
    const moved = (lastReload.applied.moved ?? []) as unknown as MovedHolders[];
    const disconnected = (lastReload.applied.disconnected ?? []) as unknown as DisconnectedHolders[];
    for (const change of moved)
      lines.push(`  moved ${change.customers} customers from ${change.setId}/${change.from} to ${change.setId}/${change.to}`);
    for (const change of disconnected) lines.push(`  disconnected ${change.customers} customers from ${change.setId}/${change.profileId}`);
    if (recalculation) lines.push(`  recalculation ${recalculation.id} of ${recalculation.customers} customers started`);
  }
  const jobs = recalculationsOf(status);
  lines.push(jobs.length === 0 ? 'recalculations none' : 'recalculations');
  for (const job of jobs) lines.push(`  ${renderJob(job)}`);
  return lines.join('\n');
}

/** One job on one line: `id [██████░░░░]  60% 120/200 running — return-behaviour: rules changed`. */
export function renderJob(job: ProfileRecalculation): string {
  const why = [
    ...job.changed.map((change) => `${change.setId}: ${change.change === 'set-added' ? 'set added' : 'rules changed'}`),
    ...job.removed.map((removed) => `${removed.setId}/${removed.profileId} removed`),
  ].join(', ');
  const state = job.finishedAt === null ? 'running' : `finished ${job.finishedAt}`;
  return `${job.id} ${progressBar(job.done, job.total)} ${job.done}/${job.total} ${state}${why ? ` — ${why}` : ''}`;
}

/** `[██████████░░░░░░░░░░]  50%`: done of total in `width` cells. */
export function progressBar(done: number, total: number, width = 20): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const full = Math.round(share * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${String(Math.floor(share * 100)).padStart(3)}%`;
}
