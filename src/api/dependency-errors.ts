import { isGrpcServiceError } from '@temporalio/client';

const grpcUnavailable = 14;
const grpcDeadlineExceeded = 4;
/** Node socket errors and PostgreSQL's "connection" and "shutting down" SQLSTATEs. */
const databaseUnreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/**
 * Which dependency an error says is unreachable — Temporal (gRPC UNAVAILABLE or a deadline) or
 * the database (connection refused or lost) — looking through the error's causes; undefined for
 * any other error.
 */
export function unreachableDependency(error: unknown): 'Temporal' | 'the database' | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (isGrpcServiceError(current) && (Number(current.code) === grpcUnavailable || Number(current.code) === grpcDeadlineExceeded))
      return 'Temporal';
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && databaseUnreachableCodes.has(code)) return 'the database';
    if (/Connection terminated|Client has encountered a connection error/.test(current.message)) return 'the database';
  }
  return undefined;
}
