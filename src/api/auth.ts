import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from './api-errors';

/** Requires `Authorization: Bearer <token>` with one of the configured tokens. */
export function bearerAuth(tokens: string[]): RequestHandler {
  // Comparing fixed-length digests in constant time leaks neither content nor length of the tokens.
  const digests = tokens.map(digest);
  return (req, _res, next) => {
    const header = req.get('authorization');
    if (!header) {
      return next(new UnauthorizedError('This route needs a bearer token: send the header "Authorization: Bearer <token>".'));
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      return next(new UnauthorizedError('The Authorization header must have the form "Bearer <token>".'));
    }
    const presented = digest(match[1]);
    const known = digests.reduce((found, candidate) => timingSafeEqual(candidate, presented) || found, false);
    if (!known) {
      return next(new UnauthorizedError('The bearer token is not valid. Use a token from API_TOKENS (or the one `npm start` printed).'));
    }
    next();
  };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
