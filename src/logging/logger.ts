import pino, { type Logger } from 'pino';
import { serializeErrorWithoutValues } from './error-serializer';

/**
 * Fields that may carry personal data are censored wherever they appear in a log object, as a
 * second line of defence: code logs ids, never personal values.
 */
const personalFields = ['email', 'phone', 'name', 'reason', 'authorization', 'token'];
const redactPaths = personalFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/** The service logger: JSON lines, human-readable on a terminal. */
export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? process.stdout.isTTY;
  return pino({
    base: { service: 'rulebook' },
    level: options.level ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: { err: serializeErrorWithoutValues },
    ...(pretty && {
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } },
    }),
  });
}
