/**
 * What the benchmarks share: sizes from the environment, clean-up that also runs on Ctrl-C, rule
 * copies, statistics, and the whole system started in this process against its own dev server.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadTemporalConfig } from '../temporal.config';
import { startSystem, type RunningSystem } from '../src/bootstrap/system';
import { loadAppConfig } from '../src/config/app-config';
import { projectRoot } from '../src/config/project-root';
import { createLogger } from '../src/logging/logger';
import { installSdkLogger } from '../src/logging/sdk-logger';
import { startDevServer, type RunningDevServer } from '../src/temporal/dev-server';
import { temporalCliPath } from '../src/temporal/temporal-executables';
import { freePort } from '../test/support/free-port';
import { createPostgresLocation } from '../test/support/test-databases';

export { freePort } from '../test/support/free-port';
export { createPgliteLocation, createPostgresLocation, type TestDatabaseLocation as DatabaseLocation } from '../test/support/test-databases';

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

/** One textual edit of a rule file: `from` must occur exactly `times` times. */
export interface RuleEdit {
  file: string;
  from: string;
  to: string;
  times: number;
}

/** The four return-behaviour profiles made active (they ship inactive). */
export const activateReturnerProfiles: RuleEdit = { file: 'profiles/return-behaviour.yaml', from: 'active: false', to: 'active: true', times: 4 };

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

/** A database for a benchmark: a fresh `rulebook_bench_<random>` on the DATABASE_URL server (dropped at clean-up), or undefined for PGlite. */
export async function benchDatabaseUrl(): Promise<string | undefined> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return undefined;
  const location = await createPostgresLocation(serverUrl, 'rulebook_bench');
  cleanups.push(location.drop);
  return location.settings.databaseUrl;
}

export interface BenchSystem {
  running: RunningSystem;
  backend: 'pglite' | 'postgres';
  apiUrl: string;
  token: string;
  temporalAddress: string;
  /** POSTs `body` as JSON with the bench token (30 s timeout). */
  post(route: string, body: unknown): Promise<Response>;
}

/**
 * The API and the worker in this process (`startSystem`, as `npm start` runs them) against a dev
 * server of their own (headless, free port, throw-away SQLite under `workDir`), on PGlite under
 * `workDir` or a fresh database on the DATABASE_URL server. No per-token rate limit.
 */
export async function startBenchSystem(options: { workDir: string; rulesDir: string }): Promise<BenchSystem> {
  sdkLogsToStderr();
  const databaseUrl = await benchDatabaseUrl();
  console.error('starting the Temporal dev server…');
  const devServer = await startBenchDevServer(path.join(options.workDir, 'temporal', 'dev-server.sqlite'), { forTests: true });

  console.error('starting Rulebook (worker + API)…');
  const token = `bench-token-${randomBytes(12).toString('hex')}`;
  const settings: NodeJS.ProcessEnv = {
    PORT: '0',
    API_TOKENS: token,
    API_RATE_LIMIT: '0',
    RULEBOOK_DATA_DIR: path.join(options.workDir, 'data'),
    RULEBOOK_RULES_DIR: options.rulesDir,
    RULEBOOK_WATCH_RULES: 'false',
    TEMPORAL_ADDRESS: devServer.address,
    TEMPORAL_TASK_QUEUE: 'rulebook-bench',
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
  };
  const running = await startSystem({
    app: loadAppConfig(settings),
    temporal: loadTemporalConfig(settings),
    logger: createLogger({ level: 'silent', pretty: false }),
    parts: { devServer: false, worker: true, api: true },
  });
  cleanups.push(() => running.stop());
  const apiUrl = running.apiUrl!;
  const ready = await fetch(`${apiUrl}/readyz`);
  if (ready.status !== 200) throw new Error(`/readyz answered ${ready.status}: ${await ready.text()}`);

  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = (route: string, body: unknown) =>
    fetch(`${apiUrl}${route}`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  return { running, backend: running.db.kind, apiUrl, token, temporalAddress: devServer.address, post };
}
