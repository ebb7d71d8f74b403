/**
 * `npm start`'s worker process: the Temporal worker and the delivery loops run in a child process —
 * src/bootstrap/worker-main.ts, the entry of `npm run worker` — so that the API and the worker each
 * get a core. This module starts it, watches it and stops it.
 *
 * - No orphan: the child has an IPC channel to this process and stops when the channel closes
 *   (parent-channel.ts), which the operating system does however this process ends, SIGKILL included.
 * - A worker that dies after it was ready is started again, after 1 s, doubling up to 30 s while it
 *   keeps dying: a checkout-time service keeps its API answering (writes are accepted; workflow tasks
 *   wait in Temporal and intents in the outbox until a worker is back), and heals without an operator.
 *   Every exit is logged at `error` (the back-off: restart-backoff.ts). A worker that cannot start at all
 *   fails `npm start` instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Logger } from 'pino';
import { projectRoot } from '../config/project-root';
import { runInBackground } from './background-priority';
import { asStartReport } from './parent-channel';
import { RestartBackoff, workerRestartPolicy } from './restart-backoff';

export interface WorkerProcessOptions {
  /** The child's whole environment. */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Aborted (Ctrl-C during start-up): the start stops the child and throws the abort's reason. */
  abort?: AbortSignal;
}

export interface WorkerProcess {
  /** The pid of the worker process running now (a new one after a restart). */
  pid(): number;
  /** Stops the worker as Ctrl-C does (it drains), kills it if it has not stopped within a minute, and starts no other. */
  stop(): Promise<void>;
}

/** The worker process ended before it was ready; the message carries its own reason when it gave one. */
export class WorkerStartError extends Error {
  override name = 'WorkerStartError';
}

const entry = path.join(projectRoot, 'src', 'bootstrap', 'worker-main.ts');
/** The TypeScript loader `npm run worker` runs under, by absolute location: the child keeps this process's working directory. */
const tsxLoader = import.meta.resolve('tsx');
/** Long enough for the worker's in-flight activities and sends to finish (they time out within 30 s). */
const stopTimeoutMs = 60_000;

/** Starts the worker process and resolves once it is ready; rejects with its reason when it cannot start. */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const { logger } = options;
  options.abort?.throwIfAborted();
  let current = launch(options.env, options.logger);
  const interrupt = () => current.child.kill('SIGTERM');
  options.abort?.addEventListener('abort', interrupt, { once: true });
  try {
    await current.ready;
  } catch (error) {
    await terminate(current, logger);
    options.abort?.throwIfAborted();
    throw error;
  } finally {
    options.abort?.removeEventListener('abort', interrupt);
  }
  logger.info({ workerPid: current.child.pid }, 'worker process ready');

  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  const backoff = new RestartBackoff(workerRestartPolicy);
  const restartLater = (what: string, delayMs: number) => {
    logger.error(`${what}; starting a new worker process in ${delayMs / 1_000} s (the API keeps serving)`);
    restartTimer = setTimeout(() => void restart(), delayMs);
  };
  const supervise = (worker: LaunchedWorker) => {
    const readyAt = Date.now();
    void worker.exited.then((exit) => {
      if (stopping) return;
      restartLater(`the worker process ${worker.child.pid} ${describeExit(exit)}`, backoff.next(Date.now() - readyAt));
    });
  };
  const restart = async () => {
    if (stopping) return;
    const next = launch(options.env, options.logger);
    current = next;
    try {
      await next.ready;
    } catch (error) {
      if (stopping) return;
      restartLater(error instanceof Error ? error.message : String(error), backoff.next());
      return;
    }
    if (stopping) return;
    logger.info({ workerPid: next.child.pid }, 'worker process ready again');
    supervise(next);
  };
  supervise(current);

  return {
    pid: () => current.child.pid!,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      await terminate(current, logger);
    },
  };
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

interface LaunchedWorker {
  child: ChildProcess;
  /** Resolves when the child reports that it is ready; rejects when it exits first. */
  ready: Promise<void>;
  /** Resolves when the child has ended (or could not be spawned at all). */
  exited: Promise<Exit>;
  hasExited(): boolean;
}

function launch(env: NodeJS.ProcessEnv, logger: Logger): LaunchedWorker {
  // Its log lines go straight to this process's stdout and stderr (the same terminal, pipe or file),
  // not through this process: they stay in the output even when this process is killed first.
  const child = spawn(process.execPath, ['--import', tsxLoader, entry], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (child.pid) runInBackground(child.pid, logger);
  let ended = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // Node may or may not emit 'exit' after a failed spawn.
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  }).finally(() => (ended = true));
  const ready = new Promise<void>((resolve, reject) => {
    let reason: string | undefined;
    child.on('message', (message) => {
      const report = asStartReport(message);
      if (report?.kind === 'ready') resolve();
      if (report?.kind === 'failed') reason = report.message;
    });
    void exited.then((exit) => reject(new WorkerStartError(`the worker process could not start: ${reason ?? describeExit(exit)}`)));
  });
  // Rejections after the start are handled by the supervision, not through `ready`.
  ready.catch(() => {});
  return { child, ready, exited, hasExited: () => ended };
}

/** SIGTERM (the worker drains), then SIGKILL when it has not ended within stopTimeoutMs. */
async function terminate(worker: LaunchedWorker, logger: Logger): Promise<void> {
  if (worker.hasExited()) return;
  worker.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    logger.warn({ workerPid: worker.child.pid }, `the worker process did not stop within ${stopTimeoutMs / 1_000} s; killing it`);
    worker.child.kill('SIGKILL');
  }, stopTimeoutMs);
  await worker.exited;
  clearTimeout(timer);
}

function describeExit(exit: Exit): string {
  if (exit.error) return `could not be run (${exit.error.message})`;
  return exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`;
}
