import { Runtime, type LogLevel, type LogMetadata, type Logger as SdkLogger } from '@temporalio/worker';
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
    const method = ({ TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const)[level];
    sdkLogger[method](meta ?? {}, message);
  };
  const bridge: SdkLogger = {
    log: forward,
    trace: (message, meta) => forward('TRACE', message, meta),
    debug: (message, meta) => forward('DEBUG', message, meta),
    info: (message, meta) => forward('INFO', message, meta),
    warn: (message, meta) => forward('WARN', message, meta),
    error: (message, meta) => forward('ERROR', message, meta),
  };
  Runtime.install({ logger: filterBelow(bridge, minimum) });
}

const order: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

function filterBelow(target: SdkLogger, minimum: LogLevel): SdkLogger {
  const enabled = (level: LogLevel) => order.indexOf(level) >= order.indexOf(minimum);
  const at = (level: LogLevel) => (message: string, meta?: LogMetadata) => {
    if (enabled(level)) target.log(level, message, meta);
  };
  return {
    log: (level, message, meta) => at(level)(message, meta),
    trace: at('TRACE'),
    debug: at('DEBUG'),
    info: at('INFO'),
    warn: at('WARN'),
    error: at('ERROR'),
  };
}
