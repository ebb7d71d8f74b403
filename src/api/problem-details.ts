/**
 * The one place where errors become HTTP answers: application/problem+json (RFC 9457) whose
 * `detail` says what to fix. Unknown errors become a 500 that reveals nothing but a request id.
 */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ConflictError, RulebookError, TryAgainLaterError, type ErrorCode } from '../errors';
import { undefinedProfileOf } from '../store/rule-profiles-store';
import { unreachableDependency } from './dependency-errors';
import type { Problem } from './generated/api-types';
import type { ProblemType } from './problem-types';
import { routeOf } from './request-log';
import {
  DependencyUnavailableError,
  MalformedBodyError,
  MalformedPathError,
  PayloadTooLargeError,
  UnreadableBodyError,
  UnsupportedMediaTypeError,
} from './api-errors';

/** The URI of a kind of problem: a page describing it, served by the API (src/api/problem-types.ts). */
export function problemTypeUri(code: ProblemType): string {
  return `/problems/${code}`;
}

/** The HTTP status of each kind of problem: exhaustive, so that a new error code without a status fails `tsc`. */
const statusByCode: Record<ErrorCode, number> = {
  'malformed-json': 400,
  'malformed-path': 400,
  'unreadable-body': 400,
  'validation-failed': 422,
  'rules-invalid': 422,
  'cod-refused': 422,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'route-not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  'idempotency-key-reused': 422,
  'request-in-flight': 409,
  'dependency-unavailable': 503,
  'encryption-key-missing': 500,
};

/** The problem document for an error; non-Rulebook errors are internal errors. */
export function toProblem(error: unknown, requestId: string): Problem {
  if (error instanceof RulebookError) {
    return {
      ...error.extensions,
      type: problemTypeUri(error.code),
      title: error.title,
      status: statusByCode[error.code],
      detail: error.detail,
      instance: `urn:request:${requestId}`,
    };
  }
  return {
    type: problemTypeUri('internal-error'),
    title: 'Internal error',
    status: 500,
    detail: `The server failed to handle this request. Retry later; if it persists, report request id ${requestId}.`,
    instance: `urn:request:${requestId}`,
  };
}

/** Express error handler that answers every error as problem+json and logs server faults. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = toProblem(translateFrameworkError(error), String(req.id));
    if (problem.status >= 500) logger.error({ err: error, requestId: req.id, route: routeOf(req) }, 'request failed');
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="rulebook"');
    if (problem.status === 503) res.setHeader('Retry-After', '5');
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}

/** body-parser and the router signal their failures with `type` fields or URIErrors; give them our error classes. */
function translateFrameworkError(error: unknown): unknown {
  const undefinedProfile = undefinedProfileOf(error);
  if (undefinedProfile) {
    const { setId, profileId } = undefinedProfile;
    return new ConflictError(
      `Profile "${profileId}" of set "${setId}" is no longer defined by the rules in force (a rule change removed it while this request ran, ` +
        'or this process has not taken the new rules yet); nothing was changed. GET /v1/rules shows the profiles defined; ' +
        'repeat the request with one of them, or repeat it as it is if it did not name the profile itself.',
      { setId, profileId },
    );
  }
  if (isConcurrencyConflict(error)) {
    return new TryAgainLaterError(
      'A change made at the same moment to the same customer conflicted with this request, which was rolled back. Repeat the same request: requests are idempotent by their ids.',
    );
  }
  const dependency = unreachableDependency(error);
  if (dependency) {
    return new DependencyUnavailableError(
      `${dependency === 'Temporal' ? 'Temporal (the workflow service)' : 'The database'} cannot be reached right now. Repeat the same request in a few seconds: requests are idempotent by their ids, and a repeat completes whatever this one could not.`,
    );
  }
  if (error instanceof URIError) {
    return new MalformedPathError('The path holds a broken percent-escape (such as "%" or "%ZZ"). Encode each id with encodeURIComponent.');
  }
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.parse.failed') {
    return new MalformedBodyError(`The request body is not valid JSON: ${(error as Error).message}. Send a JSON document.`);
  }
  if (type === 'entity.too.large') {
    const limit = (error as { limit?: number }).limit;
    return new PayloadTooLargeError(`The request body exceeds the limit of ${limit ?? 'the configured'} bytes. Send a smaller body.`);
  }
  if (type === 'encoding.unsupported') {
    return new UnsupportedMediaTypeError(
      `${(error as Error).message}. Send the body uncompressed, or compressed with gzip, deflate or br.`,
    );
  }
  if (type === 'charset.unsupported') {
    return new UnsupportedMediaTypeError(`${(error as Error).message}. Send the body in UTF-8.`);
  }
  // Any other failure body-parser marks as the client's: a body that does not decompress, an aborted upload.
  const { status, expose } = error as { status?: number; expose?: boolean };
  if (expose && status !== undefined && status >= 400 && status < 500) {
    return new UnreadableBodyError(
      `The request body could not be read: ${(error as Error).message}. Check that it matches its Content-Encoding and Content-Length.`,
    );
  }
  return error;
}

/** A deadlock or serialization failure that outlasted the store's own retries: nothing was kept, a repeat succeeds. */
function isConcurrencyConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
