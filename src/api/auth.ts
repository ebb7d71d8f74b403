import type { RequestHandler, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, UnauthorizedError } from './api-errors';

/**
 * Requires `Authorization: Bearer <token>` with one of the configured tokens, and notes which one
 * (by its position in the list, never the token itself) for rate limiting and the request log.
 */
export function bearerAuth(tokens: string[]): RequestHandler {
  // Comparing fixed-length digests in constant time leaks neither content nor length of the tokens.
  const digests = tokens.map(digest);
  return (req, res, next) => {
    const header = req.get('authorization');
    // Authenticated already by a codec session cookie (the Temporal Web UI, src/api/temporal-ui-access.ts).
    if (!header && callerOf(res)) return next();
    if (!header) {
      return next(new UnauthorizedError('This route needs a bearer token: send the header "Authorization: Bearer <token>".'));
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      return next(new UnauthorizedError('The Authorization header must have the form "Bearer <token>".'));
    }
    const presented = digest(match[1]);
    // Every digest is compared, so the time taken does not tell which position matched.
    const position = digests.reduce((found, candidate, index) => (timingSafeEqual(candidate, presented) ? index : found), -1);
    if (position < 0) {
      return next(new UnauthorizedError('The bearer token is not valid. Use a token from API_TOKENS (or the one `npm start` printed).'));
    }
    res.locals.caller = `token-${position + 1}`;
    next();
  };
}

/** Which configured token authenticated the request, as `token-<n>`; undefined before authentication. */
export function callerOf(res: Response): string | undefined {
  return typeof res.locals.caller === 'string' ? res.locals.caller : undefined;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * The permission to read personal data in clear (today: encrypted attributes). Its name is the scope
 * that scoped tokens will carry; until they exist it is granted per token by API_PERSONAL_DATA_TOKENS.
 */
export const readPersonalDataScope = 'customers:read-personal';

/**
 * Returns the caller (`token-<n>`) when it may read personal data in clear, else throws a
 * ForbiddenError (403) naming the permission and how an operator grants it.
 */
export function requirePersonalDataAccess(res: Response, allowedCallers: ReadonlySet<string>): string {
  const caller = callerOf(res);
  if (caller && allowedCallers.has(caller)) return caller;
  throw new ForbiddenError(
    `Reading encrypted attributes needs the permission "${readPersonalDataScope}", which ${caller ?? 'this token'} does not have. ` +
      `An operator grants it by adding "${caller ?? 'token-<n>'}" (the token's position in API_TOKENS) to API_PERSONAL_DATA_TOKENS ` +
      'and restarting the API (docs/operations.md, "Encrypted attributes"); or use a token that has it.',
    { requiredScope: readPersonalDataScope },
  );
}
