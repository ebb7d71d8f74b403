/**
 * The load benches against the previous release and this code in one run, interleaved: throughput
 * and latency of both, their ratio, and every run's check (nothing lost, duplicated or unfinished).
 *
 * The previous release (BENCH_BASELINE_COMMIT, default 569ca34: the last commit before the outbox to
 * Temporal) is checked out with `git worktree add` into a temporary folder, removed at the end. Its
 * node_modules are hard links to this checkout's when package-lock.json is the same in both (it is
 * between 569ca34 and the outbox), else `npm ci` installs them. Both releases then run the same
 * bench: this checkout's bench/ folder is copied over the old one's, so the load, the figures and
 * the checks are the same code, while everything it starts and imports from src/ (the system, its
 * migrations, the rules) is the old release's own. A bench file that imports a src/ module the old
 * release lacks (bench-support.ts learning to start a newer part) stays the old release's own copy. The checks that concern the outbox to Temporal
 * see that the old database has no such table and wait for nothing (bench/load/workflow-intent-checks.ts);
 * the bench file is the same in both folders before the outbox, so nothing else has to tolerate it.
 *
 * Every run is a child process (`node --import tsx bench/<bench>.bench.ts` in the release's folder)
 * with its own database on one PostgreSQL server for the whole comparison (the run's server of
 * bench-support.ts: an embedded PostgreSQL, fsync on, or DATABASE_URL's) and its own Temporal dev
 * server; the figures come back as JSON (BENCH_SUMMARY_FILE). For each bench, BENCH_ROUNDS rounds run
 * the previous release and this code one after the other, alternating which goes first. Afterwards,
 * unless BENCH_NO_RETRY_RUN=0, the crash bench runs once more on this code with client retries off
 * (BENCH_CLIENT_RETRIES=0: no request is ever repeated, nothing accepted may be lost); with
 * BENCH_NO_RETRY_BASELINE=1 the previous release runs that way too, for contrast.
 *
 * Run:   npx tsx bench/compare-releases.ts
 *        BENCH_SECONDS=20 BENCH_ROUNDS=3 npx tsx bench/compare-releases.ts
 * Env:   BENCH_BASELINE_COMMIT (569ca34), BENCH_COMPARE (benches, comma-separated: mixed-load,crash), BENCH_ROUNDS (3),
 *        BENCH_NO_RETRY_RUN (1), BENCH_NO_RETRY_BASELINE (0), BENCH_REPORT_DIR (keep every run's Markdown report there);
 *        the benches' own settings (BENCH_SECONDS, BENCH_CLIENTS, …) pass through to every run.
 * Output: Markdown on stdout (the comparison, then the no-retry run's report); progress and the runs' stderr on stderr.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/config/project-root';
import { temporalCliPath } from '../src/temporal/temporal-executables';
import { benchDatabaseServer, cleanUp, cleanups, commitLine, machineLine, ms, readCount } from './bench-support';
import type { RunSummary } from './load/bench-summary';

const baselineCommit = process.env.BENCH_BASELINE_COMMIT || '569ca34';
const benches = (process.env.BENCH_COMPARE || 'mixed-load,crash').split(',').map((name) => name.trim());
const rounds = readCount('BENCH_ROUNDS', 3);
const noRetryRun = process.env.BENCH_NO_RETRY_RUN !== '0';
const noRetryBaseline = process.env.BENCH_NO_RETRY_BASELINE === '1';
const reportDir = process.env.BENCH_REPORT_DIR;
/** How the baseline got its node_modules, for the report. */
let baselineInstall = '';
/** Bench files the baseline keeps its own copy of (see `overlayBench`). */
const keptBaselineFiles: string[] = [];

for (const bench of benches)
  if (!existsSync(path.join(projectRoot, 'bench', `${bench}.bench.ts`)))
    throw new Error(`BENCH_COMPARE names bench/${bench}.bench.ts, which does not exist`);

/** A release under test: where its code is checked out. */
interface Release {
  label: string;
  folder: string;
}

/** One run of a bench on a release: its figures (absent when the run produced none) and its Markdown. */
interface Run {
  bench: string;
  release: Release;
  round: number;
  summary?: RunSummary;
  exitCode: number | null;
  report: string;
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'rulebook-compare-'));
cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));
if (reportDir) mkdirSync(reportDir, { recursive: true });

let output: string[];
let allVerified: boolean;
let running: ChildProcess | undefined;
cleanups.push(async () => void running?.kill('SIGINT'));

try {
  const current: Release = { label: 'this code', folder: projectRoot };
  const baseline: Release = { label: 'previous release', folder: checkOutBaseline() };
  const server = await benchDatabaseServer();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: server.adminUrl, TEMPORAL_CLI_PATH: temporalCliPath() };
  console.error(
    `comparing ${benches.join(', ')} on ${baseline.label} (${baselineCommit}) and ${current.label}, ${rounds} rounds, interleaved…`,
  );

  const runs: Run[] = [];
  for (const bench of benches)
    for (let round = 1; round <= rounds; round++)
      for (const release of round % 2 === 1 ? [baseline, current] : [current, baseline])
        runs.push(await runBench(bench, release, round, env));
  const noRetryRuns: Run[] = [];
  if (noRetryRun)
    for (const release of noRetryBaseline ? [baseline, current] : [current])
      noRetryRuns.push(await runBench('crash', release, 0, { ...env, BENCH_CLIENT_RETRIES: '0' }));

  const settings = [
    'BENCH_SECONDS',
    'BENCH_CLIENTS',
    'BENCH_WARMUP_SECONDS',
    'BENCH_CUSTOMERS_PER_CLIENT',
    'BENCH_DOWNTIME_SECONDS',
    'BENCH_TEMPORAL_DOWNTIME_SECONDS',
  ]
    .filter((name) => process.env[name])
    .map((name) => `${name}=${process.env[name]}`);
  output = [
    `${machineLine()} Driver: ${commitLine()} Previous release: ${baselineCommit} (git worktree, node_modules ${baselineInstall}` +
      `${keptBaselineFiles.length > 0 ? `; its own ${keptBaselineFiles.join(', ')}, the rest of bench/ this checkout's` : ', bench/ this checkout’s'}). ` +
      `Database: ${server.description}, one database per run. ${rounds} rounds per bench, the two releases alternating which runs first; ` +
      `settings: ${settings.join(' ') || 'the benches’ defaults'}.`,
  ];
  for (const bench of benches)
    output.push(
      '',
      ...comparisonLines(
        bench,
        runs.filter((run) => run.bench === bench),
        baseline,
        current,
      ),
    );
  for (const run of noRetryRuns)
    output.push(
      '',
      `## crash, client retries off (BENCH_CLIENT_RETRIES=0), ${run.release.label}`,
      '',
      run.report.trim() || `(no report; exit code ${run.exitCode})`,
    );
  allVerified = [...runs, ...noRetryRuns].every((run) => run.exitCode === 0 && run.summary?.verified === true);
  const failedRuns = [...runs, ...noRetryRuns].filter((run) => !(run.exitCode === 0 && run.summary?.verified));
  for (const run of failedRuns.filter((run) => run.round > 0))
    output.push(
      '',
      `## FAILED: ${run.bench} on ${run.release.label}, round ${run.round} (exit code ${run.exitCode})`,
      '',
      run.report.trim(),
    );
} finally {
  console.error('stopping…');
  await cleanUp();
}

console.log(output.join('\n'));
if (!allVerified) process.exitCode = 1;

/** Checks the baseline out into a worktree with its dependencies and this checkout's bench/; its folder. */
function checkOutBaseline(): string {
  const folder = path.join(workDir, 'baseline');
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  console.error(`checking out ${baselineCommit} into ${folder}…`);
  git('worktree', 'add', '--detach', folder, baselineCommit);
  cleanups.push(async () => {
    git('worktree', 'remove', '--force', folder);
  });
  const lock = (root: string) => readFileSync(path.join(root, 'package-lock.json'), 'utf8');
  if (lock(folder) === lock(projectRoot) && existsSync(path.join(projectRoot, 'node_modules'))) {
    console.error('same package-lock.json: node_modules as hard links to this checkout’s…');
    execFileSync('cp', ['-al', path.join(projectRoot, 'node_modules'), path.join(folder, 'node_modules')], { stdio: 'inherit' });
    baselineInstall = 'hard links to this checkout’s, same package-lock.json';
  } else {
    console.error('package-lock.json differs: npm ci…');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: folder, stdio: ['ignore', 2, 2] });
    baselineInstall = 'installed with npm ci';
  }
  overlayBench(folder);
  return folder;
}

/**
 * Copies this checkout's bench/ over the baseline's, so both releases run the same bench code (see
 * the module comment) — except a file that imports something from outside bench/ that the baseline
 * lacks (bench-support.ts learning to start a newer part of the system): the baseline keeps its own.
 */
function overlayBench(folder: string): void {
  const source = path.join(projectRoot, 'bench');
  for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const target = path.join(folder, path.relative(projectRoot, file));
    const missing = file.endsWith('.ts') ? missingImports(file, target, folder) : [];
    if (missing.length > 0 && existsSync(target)) {
      console.error(
        `keeping the baseline's own ${path.relative(folder, target)}: this checkout's imports ${missing.join(', ')}, which it lacks`,
      );
      keptBaselineFiles.push(path.relative(folder, target));
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(file, target, { force: true });
  }
}

/** The relative imports of `file` that lead out of bench/ to a module the baseline (where it lands as `target`) does not have. */
function missingImports(file: string, target: string, folder: string): string[] {
  const specifiers = [...readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!);
  return specifiers.filter((specifier) => {
    const resolved = path.resolve(path.dirname(target), specifier);
    if (resolved.startsWith(path.join(folder, 'bench') + path.sep)) return false;
    return !['', '.ts', '/index.ts', '.js', '.json'].some((suffix) => existsSync(resolved + suffix));
  });
}

/** Runs `bench` in the release's folder as a child process; its figures and report. */
async function runBench(bench: string, release: Release, round: number, env: NodeJS.ProcessEnv): Promise<Run> {
  const tag = `${bench}${env.BENCH_CLIENT_RETRIES === '0' ? ' (no retries)' : ''}, ${release.label}${round > 0 ? `, round ${round}` : ''}`;
  const summaryFile = path.join(
    workDir,
    `summary-${bench}-${round}-${release.label.replaceAll(' ', '-')}-${env.BENCH_CLIENT_RETRIES ?? 'r'}.json`,
  );
  rmSync(summaryFile, { force: true });
  console.error(`\n=== ${tag} ===`);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', `${bench}.bench.ts`)], {
    cwd: release.folder,
    env: { ...env, BENCH_SUMMARY_FILE: summaryFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  let report = '';
  child.stdout.on('data', (chunk: Buffer) => (report += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  running = undefined;
  if (reportDir) writeFileSync(path.join(reportDir, `${tag.replaceAll(/[^a-z0-9]+/gi, '-')}.md`), report);
  const summary = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as RunSummary) : undefined;
  console.error(
    summary
      ? `=== ${tag}: ${summary.opsPerSecond.toFixed(1)} ops/s, p50 ${ms(summary.p50Ms)} ms, p99 ${ms(summary.p99Ms)} ms, ` +
          `${summary.verified ? 'verified' : 'CHECK FAILED'} (exit ${exitCode})`
      : `=== ${tag}: no figures (exit ${exitCode})`,
  );
  return { bench, release, round, summary, exitCode, report };
}

function median(values: number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** "1.23×", or "n/a". */
function ratio(value: number): string {
  return Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}×`;
}

/** The medians of both releases, their ratio, and every round. */
function comparisonLines(bench: string, runs: Run[], baseline: Release, current: Release): string[] {
  const of = (release: Release) => runs.filter((run) => run.release === release);
  const figure = (release: Release, pick: (summary: RunSummary) => number) =>
    median(of(release).map((run) => (run.summary ? pick(run.summary) : Number.NaN)));
  const checks = (release: Release) => {
    const summaries = of(release).map((run) => run.summary);
    const sum = (pick: (summary: RunSummary) => number) => summaries.reduce((total, summary) => total + (summary ? pick(summary) : 0), 0);
    const verified = summaries.filter((summary) => summary?.verified).length;
    return `${sum((s) => s.lost)} / ${sum((s) => s.duplicated)} / ${sum((s) => s.unexpected)} / ${sum((s) => s.unfinished)} (${verified} of ${summaries.length} runs verified)`;
  };
  const commitOf = (release: Release) =>
    of(release)
      .find((run) => run.summary)
      ?.summary?.commit.replace(/^Commit /, '')
      .replace(/\.$/, '') ?? '?';
  const row = (release: Release) =>
    `| ${release.label} (${commitOf(release)}) | ${figure(release, (s) => s.opsPerSecond).toFixed(1)} | ${ms(figure(release, (s) => s.p50Ms))} | ` +
    `${ms(figure(release, (s) => s.p99Ms))} | ${figure(release, (s) => s.failed)} | ${checks(release)} |`;
  const lines = [
    `## ${bench}: medians of ${rounds} rounds`,
    '',
    '| release | ops/s | p50 ms | p99 ms | failed operations | lost / duplicated / unexpected / unfinished, all rounds |',
    '| --- | --- | --- | --- | --- | --- |',
    row(baseline),
    row(current),
    `| this code / previous | ${ratio(figure(current, (s) => s.opsPerSecond) / figure(baseline, (s) => s.opsPerSecond))} | ` +
      `${ratio(figure(current, (s) => s.p50Ms) / figure(baseline, (s) => s.p50Ms))} | ${ratio(figure(current, (s) => s.p99Ms) / figure(baseline, (s) => s.p99Ms))} | | |`,
    '',
    '| round | first | previous ops/s | this code ops/s | ratio | previous p50 / p99 ms | this code p50 / p99 ms |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (let round = 1; round <= rounds; round++) {
    const pair = runs.filter((run) => run.round === round);
    const old = pair.find((run) => run.release === baseline)?.summary;
    const now = pair.find((run) => run.release === current)?.summary;
    const ops = (summary?: RunSummary) => (summary ? summary.opsPerSecond.toFixed(1) : 'n/a');
    const latency = (summary?: RunSummary) => (summary ? `${ms(summary.p50Ms)} / ${ms(summary.p99Ms)}` : 'n/a');
    lines.push(
      `| ${round} | ${pair[0]?.release === baseline ? 'previous' : 'this code'} | ${ops(old)} | ${ops(now)} | ` +
        `${old && now ? ratio(now.opsPerSecond / old.opsPerSecond) : 'n/a'} | ${latency(old)} | ${latency(now)} |`,
    );
  }
  return lines;
}
