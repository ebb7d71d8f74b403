/**
 * Rulebook's parts as separate child processes that a benchmark can kill (SIGKILL) and start again:
 * the API (`src/bootstrap/api-main.ts`), the worker (`src/bootstrap/worker-main.ts`) and the
 * Temporal dev server (kept in a SQLite file, so its workflows survive a restart on the same port).
 * Their output goes to log files; a part that dies without being killed is reported on stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config/project-root';
import type { RunningDevServer } from '../../src/temporal/dev-server';
import { cleanups, startBenchDevServer } from '../bench-support';

const startupTimeoutMs = 180_000;

/** A part that can be started, killed with SIGKILL, and started again. */
export interface KillablePart {
  name: string;
  start(): Promise<void>;
  kill(): Promise<void>;
  /** Deaths nobody asked for: "exit code 1 at …". */
  unexpectedExits: string[];
}

/**
 * `entry` (a TypeScript file under src/bootstrap) with `env` on top of a clean environment; started
 * means its log showed `readyMessage`. Output is appended to `logFile` across restarts. The caller's
 * DATABASE_URL is not inherited: `env` names the bench's throw-away database (on the embedded
 * server the bench started, or on the DATABASE_URL server), so the parts share it and never start
 * an embedded server of their own.
 */
export function nodePart(
  name: string,
  entry: string,
  env: Record<string, string> & { DATABASE_URL: string },
  readyMessage: string,
  logFile: string,
): KillablePart {
  const { DATABASE_URL: _server, TEMPORAL_ADDRESS: _address, API_TOKENS: _tokens, ...inherited } = process.env;
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  let child: ChildProcess | undefined;
  let killing = false;
  const part: KillablePart = {
    name,
    unexpectedExits: [],
    async start() {
      killing = false;
      const started = spawn(process.execPath, ['--import', 'tsx', entry], {
        cwd: projectRoot,
        env: { ...inherited, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      let output = '';
      const collect = (chunk: Buffer) => {
        log.write(chunk);
        if (output.length < 1_000_000) output += chunk.toString();
      };
      started.stdout.on('data', collect);
      started.stderr.on('data', collect);
      started.once('exit', (code, signal) => {
        if (!killing) {
          const death = `${name} exited (${signal ?? `code ${code}`}) at ${new Date().toISOString()}`;
          part.unexpectedExits.push(death);
          console.error(`!! ${death}; last output:\n${output.slice(-2_000)}`);
        }
      });
      const deadline = Date.now() + startupTimeoutMs;
      while (!output.includes(readyMessage)) {
        if (started.exitCode !== null || started.signalCode !== null)
          throw new Error(`${name} exited during start-up:\n${output.slice(-4_000)}`);
        if (Date.now() > deadline) throw new Error(`${name} was not ready within ${startupTimeoutMs} ms:\n${output.slice(-4_000)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async kill() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      killing = true;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
  cleanups.push(() => part.kill());
  return part;
}

/** The Temporal dev server on `port`, its state in `dbFile` (durable SQLite settings), as a killable part. */
export function devServerPart(port: number, dbFile: string): KillablePart {
  let server: RunningDevServer | undefined;
  return {
    name: 'Temporal dev server',
    unexpectedExits: [],
    async start() {
      server = await startBenchDevServer(dbFile, { forTests: false, port });
    },
    async kill() {
      if (!server) return;
      process.kill(server.pid, 'SIGKILL');
      await server.stop(); // returns once the killed process has exited
    },
  };
}

/** The last `lines` lines of a log file, for a report of what went wrong. */
export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  } catch {
    return '(no log)';
  }
}
