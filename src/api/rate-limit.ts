/**
 * Per-token rate limiting, so that one misbehaving integration cannot starve the others. Counts are
 * kept in each API process's memory: behind a load balancer with several processes, a token may
 * send up to the limit to each of them.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { RateLimitedError } from './api-errors';
import { callerOf } from './auth';

const oneMinute = 60_000;

/** Limits each authenticated token to `requestsPerMinute`; 0 turns limiting off. */
export function rateLimitPerToken(requestsPerMinute: number): RequestHandler {
  if (requestsPerMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: oneMinute,
    limit: requestsPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Runs after authentication, so every request here has a caller.
    // By the credential itself, not the person it acts for: a console serving many people has one limit.
    keyGenerator: (_req, res) => callerOf(res)?.key ?? 'anonymous',
    handler: (_req, res, next) => {
      // express-rate-limit has set Retry-After by now.
      const retryAfter = String(res.getHeader('Retry-After'));
      next(
        new RateLimitedError(
          `This token sent more than ${requestsPerMinute} requests in a minute. Retry after ${retryAfter} seconds, spread the requests out, or ask the operator to raise API_RATE_LIMIT.`,
          { limitPerMinute: requestsPerMinute },
        ),
      );
    },
  });
}
