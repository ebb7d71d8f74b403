/**
 * `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header) on the POSTs that have no id of their own
 * (routes declaring `idempotencyKey`): the first request with a key runs and its successful answer is kept
 * for 24 hours per token (src/store/idempotency-store.ts); a repeat with the same key and the same request
 * (method, path, query, body) answers that answer again with `Idempotent-Replayed: true`; the same key with
 * another request is a 422; a repeat while the first still runs is a 409 with Retry-After (it does not wait:
 * a client retrying after a timeout gets a prompt answer, and no request holds a connection for another).
 * An error answer is not kept: the key is freed, and a repeat runs again.
 */
import type { Request, RequestHandler, Response } from 'express';
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors';
import { claimIdempotencyKey, releaseIdempotencyKey, storeIdempotentAnswer } from '../store/idempotency-store';
import type { Database } from '../store/database';
import { IdempotencyKeyReusedError, RequestInFlightError } from './api-errors';
import { callerKey } from './auth';

export const idempotencyKeyHeader = 'Idempotency-Key';
export const idempotentReplayedHeader = 'Idempotent-Replayed';

/** How long a key and its answer are kept. */
export const idempotencyKeptMs = 24 * 60 * 60 * 1000;
/** How long a claimed key stays locked when its process dies before answering. */
const lockMs = 5 * 60 * 1000;

const keyPattern = /^[\x21-\x7E]{1,255}$/;

/** Runs before the handler of a route that accepts Idempotency-Key (after the body is parsed). */
export function idempotentRequests(db: Database): RequestHandler {
  return async (req, res, next) => {
    const key = req.get(idempotencyKeyHeader);
    if (key === undefined) return next();
    try {
      if (!keyPattern.test(key)) {
        throw new ValidationError(
          `The ${idempotencyKeyHeader} header must be 1 to 255 printable ASCII characters without spaces; send a UUID.`,
          [{ pointer: '', message: `${idempotencyKeyHeader} is malformed` }],
        );
      }
      const caller = callerKey(res);
      const fingerprint = fingerprintOf(req);
      const customerId = typeof req.params.customerId === 'string' ? req.params.customerId : undefined;
      const found = await claimIdempotencyKey(db, {
        caller,
        key,
        fingerprint,
        keptMs: idempotencyKeptMs,
        lockMs,
        ...(customerId && { customerId }),
      });
      if (found.state !== 'claimed' && found.fingerprint !== fingerprint) {
        throw new IdempotencyKeyReusedError(
          `The ${idempotencyKeyHeader} "${key}" was used within the last 24 hours for another request (a different method, path, query ` +
            'or body). Send a new key for a new request; repeat a request with its own key and exactly the same body.',
          { idempotencyKey: key },
        );
      }
      if (found.state === 'in-flight') {
        res.setHeader('Retry-After', '1');
        throw new RequestInFlightError(
          `The first request with ${idempotencyKeyHeader} "${key}" is still running. Repeat this request in a moment: it then answers what the first one answered.`,
          { idempotencyKey: key },
        );
      }
      if (found.state === 'answered') {
        const { answer } = found;
        res.status(answer.status).setHeader(idempotentReplayedHeader, 'true');
        if (answer.contentType) res.setHeader('Content-Type', answer.contentType);
        if (answer.location) res.setHeader('Location', answer.location);
        res.send(answer.body);
        return;
      }
      keepAnswer(db, res, caller, key);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** Makes the answer of the request that claimed `key` wait until it is kept (2xx) or the key freed (any other). */
function keepAnswer(db: Database, res: Response, caller: string, key: string) {
  const send = res.send.bind(res);
  let settled = false;
  res.send = ((body?: unknown) => {
    // res.json calls res.send again with the serialised body; only the first call decides.
    if (settled) return send(body);
    settled = true;
    const status = res.statusCode;
    const done =
      status >= 200 && status < 300
        ? storeIdempotentAnswer(db, caller, key, {
            status,
            contentType: headerText(res.getHeader('Content-Type')) ?? (typeof body === 'object' ? 'application/json; charset=utf-8' : null),
            location: headerText(res.getHeader('Location')),
            body: bodyText(body),
          })
        : releaseIdempotencyKey(db, caller, key);
    done.then(
      () => send(body),
      (error: unknown) => {
        // The work is done; only its record failed. Answer anyway; a repeat with the key then runs once the lock ends.
        res.locals.idempotencyRecordError = error;
        send(body);
      },
    );
    return res;
  }) as Response['send'];
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return JSON.stringify(body);
}

function headerText(value: ReturnType<Response['getHeader']>): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** What makes two requests the same: method, path with query, content type and body. */
function fingerprintOf(req: Request): string {
  const body: unknown = req.body;
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body ?? null));
  return createHash('sha256')
    .update(`${req.method} ${req.originalUrl}\n${req.get('content-type') ?? ''}\n`)
    .update(bytes)
    .digest('hex');
}
