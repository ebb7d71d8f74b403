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
  try {
    const app = loadAppConfig();
    logger = createLogger({ level: app.logLevel });
    installSdkLogger(logger);
    const system = await startSystem({ app, temporal: loadTemporalConfig(), logger, parts });
    announce(system, logger);
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      system.stop().then(
        () => {
          logger.info('stopped');
          logger.flush();
          process.exit(0);
        },
        (error) => {
          logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  } catch (error) {
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
