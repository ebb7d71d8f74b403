/**
 * Errors that carry what a user needs to fix the problem. They know nothing of HTTP; the API maps
 * each class to a status and a problem+json body in one place (src/api/problem-details.ts).
 */

/**
 * Every kind of problem Rulebook reports, including those of the error classes declared elsewhere
 * (the API's, the rules', encryption's, COD's). A new error class needs its code here, and then the
 * API's status for it (src/api/problem-details.ts): until both exist, `tsc` fails.
 */
export type ErrorCode =
  | 'not-found'
  | 'conflict'
  | 'validation-failed'
  | 'dependency-unavailable'
  | 'rules-invalid'
  | 'cod-refused'
  | 'encryption-key-missing'
  | 'unauthorized'
  | 'forbidden'
  | 'route-not-found'
  | 'malformed-json'
  | 'malformed-path'
  | 'unreadable-body'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'rate-limited'
  | 'idempotency-key-reused'
  | 'request-in-flight';

export abstract class RulebookError extends Error {
  /** Short, stable, kebab-case identifier of the kind of problem. */
  abstract readonly code: ErrorCode;
  /** Human title of the kind of problem, the same for every instance. */
  abstract readonly title: string;

  constructor(
    /** What is wrong in this instance and how to fix it. */
    readonly detail: string,
    /** Machine-readable specifics (clashing field, invalid pointer, …). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/** The referenced business object does not exist. */
export class NotFoundError extends RulebookError {
  readonly code = 'not-found';
  readonly title = 'Not found';
}

/** The request clashes with the current state (duplicate key, different body for the same id, finished process). */
export class ConflictError extends RulebookError {
  readonly code = 'conflict';
  readonly title = 'Conflict';
}

/** One detail of an invalid input. */
export interface InvalidField {
  /** JSON Pointer into the input, e.g. `/email`; empty for the whole document. */
  pointer: string;
  message: string;
}

/** The input is well-formed but does not satisfy the schema or a business rule. */
export class ValidationError extends RulebookError {
  readonly code = 'validation-failed';
  readonly title = 'Invalid input';

  constructor(
    detail: string,
    readonly errors: InvalidField[] = [],
  ) {
    super(detail, { errors });
  }
}

/** The request cannot complete now but will when repeated (a previous process is still finishing). */
export class TryAgainLaterError extends RulebookError {
  readonly code = 'dependency-unavailable';
  readonly title = 'Try again later';
}
