/**
 * What the benchmarks share: sizes from the environment, clean-up that also runs on Ctrl-C, rule
 * copies, statistics, the PostgreSQL server of the run, and the whole system started in this
 * process against its own dev server.
 *
 * The server: without DATABASE_URL, the default store — the embedded PostgreSQL 18.4 that
 * `npm start` runs (src/store/embedded-postgres), started here once per benchmark run in a
 * temporary folder, fsync on, stopped and removed at clean-up; with DATABASE_URL, that server (its
 * user must be allowed to CREATE DATABASE). Either way each benchmark works in a throw-away
 * database `rulebook_bench_<random>` on it, dropped at clean-up.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { loadTemporalConfig } from '../temporal.config';
import { runInBackground } from '../src/bootstrap/background-priority';
import { startWorkerProcess } from '../src/bootstrap/worker-process';
import { startSystem, type RunningSystem } from '../src/bootstrap/system';
import { loadAppConfig } from '../src/config/app-config';
import { projectRoot } from '../src/config/project-root';
import { createLogger } from '../src/logging/logger';
import { benchTaskQueue } from './load/bench-task-queue';
import { installSdkLogger } from '../src/logging/sdk-logger';
import { startDevServer, type RunningDevServer } from '../src/temporal/dev-server';
import { temporalCliPath } from '../src/temporal/temporal-executables';
import { freePort } from '../src/net/free-port';
import { startEmbeddedPostgres } from '../src/store/embedded-postgres/embedded-postgres';
import { createPostgresLocation, type TestDatabaseLocation } from '../test/support/postgres-locations';

export { freePort } from '../src/net/free-port';
export type { TestDatabaseLocation as DatabaseLocation } from '../test/support/postgres-locations';

/** A positive whole number from the environment (underscores allowed), or the fallback. */
export function readCount(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${variable} must be a positive integer, not "${raw}"`);
  return value;
}

/** Clean-up of whatever was started or created, run in reverse order, also on Ctrl-C. */
export const cleanups: Array<() => Promise<void>> = [];

/** Runs every pending clean-up. */
export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((error) => console.error('clean-up failed:', error));
}

process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

/** Deterministic pseudo-random numbers in [0, 1), so every run sends the same sequence per seed. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

/** Milliseconds with one decimal, or "n/a". */
export function ms(value: number): string {
  return Number.isNaN(value) ? 'n/a' : value.toFixed(1);
}

/** "Machine: <cpu>, N cores, N GiB; Node vX." */
export function machineLine(): string {
  const cpus = os.cpus();
  return `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}.`;
}

/** "Commit abc1234" plus ", with uncommitted changes" when the working tree differs from it. */
export function commitLine(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    return `Commit ${commit}${git('status', '--porcelain') === '' ? '' : ', with uncommitted changes'}.`;
  } catch {
    return 'Commit unknown (not a git checkout).';
  }
}

/** One textual edit of a rule file: `from` must occur exactly `times` times. */
export interface RuleEdit {
  file: string;
  from: string;
  to: string;
  times: number;
}

/** The four return-behaviour profiles made active (they ship inactive). */
export const activateReturnerProfiles: RuleEdit = {
  file: 'profiles/return-behaviour.yaml',
  from: 'active: false',
  to: 'active: true',
  times: 4,
};

/** Copies rules/ into `dir` and applies `edits`; throws when a rule file no longer reads as expected. */
export function copyRules(dir: string, edits: RuleEdit[]): string {
  cpSync(path.join(projectRoot, 'rules'), dir, { recursive: true });
  for (const edit of edits) {
    const file = path.join(dir, edit.file);
    const original = readFileSync(file, 'utf8');
    const found = original.split(edit.from).length - 1;
    if (found !== edit.times) throw new Error(`expected "${edit.from}" ${edit.times} times in ${file}, found it ${found} times`);
    writeFileSync(file, original.replaceAll(edit.from, edit.to));
  }
  return dir;
}

/** The Temporal SDK's own warnings and errors go to stderr, away from the results on stdout. */
export function sdkLogsToStderr(): void {
  installSdkLogger(pino({ level: 'warn', base: { component: 'bench' } }, pino.destination(2)));
}

/** A headless dev server on a free port keeping its state in `dbFile`; stopped at clean-up. */
export async function startBenchDevServer(dbFile: string, options: { forTests: boolean; port?: number }): Promise<RunningDevServer> {
  const server = await startDevServer({
    cliPath: temporalCliPath(),
    ip: '127.0.0.1',
    port: options.port ?? (await freePort()),
    dbFile,
    namespace: 'default',
    logger: createLogger({ level: 'silent', pretty: false }),
    forTests: options.forTests,
  });
  cleanups.push(() => server.stop());
  return server;
}

/** The PostgreSQL server of a benchmark run. */
export interface BenchDatabaseServer {
  /** Its maintenance database, allowed to CREATE DATABASE. */
  adminUrl: string;
  /** "embedded PostgreSQL 18.4 (fsync on)" or "PostgreSQL 15.14 at 127.0.0.1:5432 (DATABASE_URL)". */
  description: string;
  /** Whether it is the embedded server started for this run. */
  embedded: boolean;
}

let benchServer: Promise<BenchDatabaseServer> | undefined;

/**
 * The run's server, started at the first call: the DATABASE_URL server, or else an embedded
 * PostgreSQL (as `npm start` runs it, fsync on) in a temporary folder, stopped and removed at clean-up.
 */
export function benchDatabaseServer(): Promise<BenchDatabaseServer> {
  benchServer ??= startBenchDatabaseServer();
  return benchServer;
}

async function startBenchDatabaseServer(): Promise<BenchDatabaseServer> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const url = new URL(serverUrl);
    return {
      adminUrl: serverUrl,
      description: `PostgreSQL ${await serverVersion(serverUrl)} at ${url.host} (DATABASE_URL)`,
      embedded: false,
    };
  }
  console.error('starting an embedded PostgreSQL server (fsync on) in a temporary folder…');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rulebook-bench-postgres-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const server = await startEmbeddedPostgres({
    dataDir,
    logger: pino({ level: 'warn', base: { component: 'bench-postgres' } }, pino.destination(2)),
    joinRunning: false,
    durable: true,
  });
  cleanups.push(() => server.stop());
  return {
    adminUrl: server.adminUrl,
    description: `embedded PostgreSQL ${await serverVersion(server.adminUrl)} (fsync on)`,
    embedded: true,
  };
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]!.server_version.split(' ')[0]!;
  } finally {
    await client.end();
  }
}

/** A fresh `rulebook_bench_<random>` database on the run's server; it and its data folder go at clean-up. */
export async function benchDatabase(): Promise<TestDatabaseLocation & { server: BenchDatabaseServer }> {
  const server = await benchDatabaseServer();
  const location = await createPostgresLocation(server.adminUrl, 'rulebook_bench');
  cleanups.push(async () => rmSync(location.settings.dataDir, { recursive: true, force: true }));
  cleanups.push(location.drop);
  return { ...location, server };
}

/** The URL of a fresh `rulebook_bench_<random>` database on the run's server (see `benchDatabase`). */
export async function benchDatabaseUrl(): Promise<string> {
  return (await benchDatabase()).settings.databaseUrl;
}

export interface BenchSystem {
  running: RunningSystem;
  /** The server the database is on (see `BenchDatabaseServer.description`). */
  database: string;
  /** The bench's throw-away database, for connections of a bench's own. */
  databaseUrl: string;
  /** Connections of the service's pool (DATABASE_POOL_SIZE, default 10). */
  poolSize: number;
  apiUrl: string;
  token: string;
  temporalAddress: string;
  /** POSTs `body` as JSON with the bench token (30 s timeout). */
  post(route: string, body: unknown): Promise<Response>;
}

/**
 * The API and the worker in this process (`startSystem`, as `npm start` runs them) against a dev
 * server of their own (headless, free port, throw-away SQLite under `workDir`), on a fresh
 * database on the run's PostgreSQL server (`benchDatabase`). No per-token rate limit.
 */
export async function startBenchSystem(options: {
  workDir: string;
  rulesDir: string;
  /**
   * As `npm start` runs today: the worker in a child process, it and the dev server at background
   * priority (src/bootstrap/background-priority.ts); otherwise API and worker in this process.
   */
  asNpmStart?: boolean;
}): Promise<BenchSystem> {
  sdkLogsToStderr();
  const database = await benchDatabase();
  const databaseUrl = database.settings.databaseUrl;
  console.error('starting the Temporal dev server…');
  const devServer = await startBenchDevServer(path.join(options.workDir, 'temporal', 'dev-server.sqlite'), { forTests: true });
  const logger = createLogger({ level: 'silent', pretty: false });
  if (options.asNpmStart) runInBackground(devServer.pid, logger);

  console.error(options.asNpmStart ? 'starting Rulebook (API here, worker in a child process)…' : 'starting Rulebook (worker + API)…');
  const token = `bench-token-${randomBytes(12).toString('hex')}`;
  const settings: NodeJS.ProcessEnv = {
    PORT: '0',
    API_TOKENS: token,
    // The load reads customers back as an operator's system does: in clear.
    API_PERSONAL_DATA_TOKENS: 'token-1',
    API_RATE_LIMIT: '0',
    RULEBOOK_DATA_DIR: path.join(options.workDir, 'data'),
    RULEBOOK_RULES_DIR: options.rulesDir,
    RULEBOOK_WATCH_RULES: 'false',
    TEMPORAL_ADDRESS: devServer.address,
    TEMPORAL_TASK_QUEUE: benchTaskQueue,
    DATABASE_URL: databaseUrl,
    ...(process.env.DATABASE_POOL_SIZE && { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE }),
  };
  const app = loadAppConfig(settings);
  const running = await startSystem({
    app,
    temporal: loadTemporalConfig(settings),
    logger,
    parts: { devServer: false, worker: !options.asNpmStart, api: true },
  });
  cleanups.push(() => running.stop());
  if (options.asNpmStart) {
    // Its logs would go to this process's stdout, which carries the report.
    const worker = await startWorkerProcess({ env: { ...process.env, ...settings, LOG_LEVEL: 'silent' }, logger });
    cleanups.push(() => worker.stop());
  }
  const apiUrl = running.apiUrl!;
  const ready = await fetch(`${apiUrl}/readyz`);
  if (ready.status !== 200) throw new Error(`/readyz answered ${ready.status}: ${await ready.text()}`);

  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = (route: string, body: unknown) =>
    fetch(`${apiUrl}${route}`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  return {
    running,
    database: database.server.description,
    databaseUrl,
    poolSize: app.poolSize,
    apiUrl,
    token,
    temporalAddress: devServer.address,
    post,
  };
}

export { benchTaskQueue } from './load/bench-task-queue';
