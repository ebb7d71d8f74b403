import type { Logger } from 'pino';
import { loadTemporalConfig } from '../../temporal.config';
import { loadAppConfig } from '../config/app-config';
import { ConfigError } from '../config/config-error';
import { createLogger } from '../logging/logger';
import { installSdkLogger } from '../logging/sdk-logger';
import { formatProblem, RuleSetInvalidError } from '../rules/rule-problems';
import { tellParent, whenParentGone } from './parent-channel';
import { startSystem, type RunningSystem, type SystemOptions } from './system';

/** Something that runs next to the parts and stops before them: `npm start`'s worker process. */
export interface Companion {
  stop(): Promise<void>;
}

export interface RunOptions<C extends Companion> {
  /** Marks every log line with this name and the pid, where several processes write one output (`npm start`). */
  processName?: string;
  /** Started once the parts run (start-up fails when it fails), stopped before them. */
  startCompanion?: (system: RunningSystem, logger: Logger, abort: AbortSignal) => Promise<C>;
}

/** How long a process whose parent is gone may take to drain before it exits anyway. */
const orphanDrainMs = 60_000;

/**
 * Entry point of `npm start`, `npm run worker` and `npm run api`: starts the given parts, stops
 * them cleanly on Ctrl-C or SIGTERM, and exits non-zero with a readable message when start-up fails.
 * Started by `npm start` (with an IPC channel), it reports its start to the parent and stops when the parent is gone.
 */
export async function runUntilSignal<C extends Companion = Companion>(
  parts: SystemOptions['parts'],
  announce: (system: RunningSystem, logger: Logger, companion: C | undefined) => void,
  options: RunOptions<C> = {},
) {
  const named = (created: Logger) => (options.processName ? created.child({ process: options.processName, pid: process.pid }) : created);
  let logger = named(createLogger());
  // Signals are handled from the first moment: a Ctrl-C during start-up (which may install the Temporal
  // executables, or move an old store's data) stops what has started instead of leaving it running.
  const startUp = new AbortController();
  let system: RunningSystem | undefined;
  let stopping = false;
  let exitCode = 0;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    // In the message: the logger censors a `reason` field (it may hold personal data elsewhere); this one never does.
    logger.info(`stopping (${reason})`);
    if (!system) {
      startUp.abort(new StartInterrupted(reason));
      return;
    }
    system.stop().then(
      () => {
        logger.info('stopped');
        logger.flush();
        process.exit(exitCode);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
  whenParentGone(() => {
    shutdown('parent process gone');
    // Nobody waits for this process any more: it must end even if draining hangs.
    setTimeout(() => {
      logger.error(`did not stop within ${orphanDrainMs / 1_000} s of the parent's end; exiting`);
      process.exit(1);
    }, orphanDrainMs).unref();
  });
  try {
    const app = loadAppConfig();
    logger = named(createLogger({ level: app.logLevel }));
    installSdkLogger(logger);
    const onDatabaseLost = (description: string) => {
      logger.fatal(`${description}; stopping so that a supervisor (or you) can start Rulebook again`);
      exitCode = 1;
      shutdown('database lost');
    };
    const started = await startSystem({ app, temporal: loadTemporalConfig(), logger, parts, abort: startUp.signal, onDatabaseLost });
    let companion: C | undefined;
    try {
      startUp.signal.throwIfAborted();
      companion = await options.startCompanion?.(started, logger, startUp.signal);
      // A signal during the last step found nothing to stop yet and aborted the start: stop here.
      startUp.signal.throwIfAborted();
    } catch (error) {
      await companion?.stop();
      await started.stop();
      throw error;
    }
    system = companion ? stoppedAfter(companion, started) : started;
    announce(system, logger, companion);
    tellParent({ kind: 'ready' });
  } catch (error) {
    tellParent({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    if (error instanceof StartInterrupted) {
      logger.info('start-up interrupted; everything that had started is stopped');
      logger.flush();
      process.exit(130);
    }
    if (error instanceof RuleSetInvalidError) {
      for (const problem of error.problems) logger.fatal(formatProblem(problem));
      logger.fatal(
        `cannot start: the rules are invalid, or remove profiles customers hold (${error.problems.length} problems above); fix them and start again`,
      );
      logger.flush();
      setTimeout(() => process.exit(1), 100);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    logger.fatal(error instanceof ConfigError ? { variable: error.variable } : { err: error }, `cannot start: ${message}`);
    logger.flush();
    setTimeout(() => process.exit(1), 100);
  }
}

/** The system, stopped after its companion: `npm start`'s worker process drains first, then the API and the servers stop. */
function stoppedAfter(companion: Companion, system: RunningSystem): RunningSystem {
  return {
    ...system,
    async stop() {
      await companion.stop();
      await system.stop();
    },
  };
}

/** A signal arrived before the start finished. */
class StartInterrupted extends Error {
  override name = 'StartInterrupted';
}
