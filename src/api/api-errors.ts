/** Problems that only exist at the HTTP boundary. */
import { RulebookError } from '../errors';

/** Missing or wrong bearer token. */
export class UnauthorizedError extends RulebookError {
  readonly code = 'unauthorized';
  readonly title = 'Unauthorized';
}

/** No route matches the method and path. */
export class RouteNotFoundError extends RulebookError {
  readonly code = 'route-not-found';
  readonly title = 'No such route';
}

/** The body is not parseable JSON. */
export class MalformedBodyError extends RulebookError {
  readonly code = 'malformed-json';
  readonly title = 'Malformed JSON';
}

/** The body cannot be read as sent (broken compression, cut short). */
export class UnreadableBodyError extends RulebookError {
  readonly code = 'unreadable-body';
  readonly title = 'Unreadable body';
}

/** The path cannot be decoded (a broken percent-escape). */
export class MalformedPathError extends RulebookError {
  readonly code = 'malformed-path';
  readonly title = 'Malformed path';
}

/** The body is not sent as application/json. */
export class UnsupportedMediaTypeError extends RulebookError {
  readonly code = 'unsupported-media-type';
  readonly title = 'Unsupported media type';
}

/** The body exceeds the size limit. */
export class PayloadTooLargeError extends RulebookError {
  readonly code = 'payload-too-large';
  readonly title = 'Payload too large';
}

/** A dependency the request needs (database, Temporal) is unreachable. */
export class DependencyUnavailableError extends RulebookError {
  readonly code = 'dependency-unavailable';
  readonly title = 'Dependency unavailable';
}

/** The token sent more requests than its rate limit allows. */
export class RateLimitedError extends RulebookError {
  readonly code = 'rate-limited';
  readonly title = 'Too many requests';
}

/** The token is valid but may not do this; the problem names the permission and how to get it. */
export class ForbiddenError extends RulebookError {
  readonly code = 'forbidden';
  readonly title = 'Forbidden';
}

/** An Idempotency-Key sent again with another request (method, path, query or body) than the first. */
export class IdempotencyKeyReusedError extends RulebookError {
  readonly code = 'idempotency-key-reused';
  readonly title = 'Idempotency key reused for another request';
}

/** The first request with this Idempotency-Key is still running. */
export class RequestInFlightError extends RulebookError {
  readonly code = 'request-in-flight';
  readonly title = 'Request with this idempotency key in progress';
}
