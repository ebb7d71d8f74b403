import { Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';
import type { Logger } from 'pino';

let installed = false;

/**
 * Routes the Temporal SDK's own log lines (worker state, activity failures) into our pino logger,
 * at warning level and above unless LOG_LEVEL asks for more. Installs once per process.
 */
export function installSdkLogger(logger: Logger): void {
  if (installed) return;
  installed = true;
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  const minimum = logger.isLevelEnabled('debug') ? 'DEBUG' : 'WARN';
  const forward = (level: LogLevel, message: string, meta?: LogMetadata) => {
    if (levels.indexOf(level) < levels.indexOf(minimum)) return;
    sdkLogger[methodByLevel[level]](meta ?? {}, message);
  };
  Runtime.install({
    logger: {
      log: forward,
      trace: (message, meta) => forward('TRACE', message, meta),
      debug: (message, meta) => forward('DEBUG', message, meta),
      info: (message, meta) => forward('INFO', message, meta),
      warn: (message, meta) => forward('WARN', message, meta),
      error: (message, meta) => forward('ERROR', message, meta),
    },
  });
}

const levels: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
const methodByLevel = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
