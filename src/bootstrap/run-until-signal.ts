import type { Logger } from 'pino';
import { loadTemporalConfig } from '../../temporal.config';
import { loadAppConfig } from '../config/app-config';
import { ConfigError } from '../config/config-error';
import { createLogger } from '../logging/logger';
import { installSdkLogger } from '../logging/sdk-logger';
import { formatProblem, RuleSetInvalidError } from '../rules/rule-problems';
import { startSystem, type RunningSystem, type SystemOptions } from './system';

/**
 * Entry point of `npm start`, `npm run worker` and `npm run api`: starts the given parts, stops
 * them cleanly on Ctrl-C or SIGTERM, and exits non-zero with a readable message when start-up fails.
 */
export async function runUntilSignal(parts: SystemOptions['parts'], announce: (system: RunningSystem, logger: Logger) => void) {
  let logger = createLogger();
  // Signals are handled from the first moment: a Ctrl-C during start-up (which may install the Temporal
  // executables, or move an old store's data) stops what has started instead of leaving it running.
  const startUp = new AbortController();
  let system: RunningSystem | undefined;
  let stopping = false;
  let exitCode = 0;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
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
  try {
    const app = loadAppConfig();
    logger = createLogger({ level: app.logLevel });
    installSdkLogger(logger);
    const onDatabaseLost = (description: string) => {
      logger.fatal(`${description}; stopping so that a supervisor (or you) can start Rulebook again`);
      exitCode = 1;
      shutdown('database lost');
    };
    system = await startSystem({ app, temporal: loadTemporalConfig(), logger, parts, abort: startUp.signal, onDatabaseLost });
    announce(system, logger);
  } catch (error) {
    if (error instanceof StartInterrupted) {
      logger.info('start-up interrupted; everything that had started is stopped');
      logger.flush();
      process.exit(130);
    }
    if (error instanceof RuleSetInvalidError) {
      for (const problem of error.problems) logger.fatal(formatProblem(problem));
      logger.fatal(`cannot start: the rules are invalid (${error.problems.length} problems above); fix them and start again`);
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

/** A signal arrived before the start finished. */
class StartInterrupted extends Error {
  override name = 'StartInterrupted';
}
