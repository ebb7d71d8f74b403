/**
 * Records each write of an authenticated route in the audit trail once its answer is sent (and each
 * read a route marks `audited`, e.g. a reveal of encrypted attributes): the caller, the person it
 * acted for, the route pattern, the ids in the path, the status. A failure to record is logged.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Database } from '../store/database';
import { objectIdPattern } from '../store/object-id';
import { recordAct } from '../use-cases/audit-trail';
import type { ApiRoute } from './api-route';
import { callerOf } from './auth';

/** Middleware of one route: appends to the audit trail when the answer has gone out. */
export function auditTrail(db: Database, logger: Logger, route: ApiRoute): RequestHandler {
  if (route.method === 'get' && !route.audited) return (_req, _res, next) => next();
  return (req, res, next) => {
    // Read now: once an error has left the route, express no longer holds its parameters.
    // A malformed id is refused before its handler runs (404), and never copied here: it could be anything.
    const ids = Object.fromEntries(
      Object.entries(req.params)
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
        .map(([name, value]) => [name, objectIdPattern.test(value) ? value : '(malformed)']),
    );
    res.on('finish', () => {
      const caller = callerOf(res);
      const status = res.statusCode;
      recordAct(db, {
        actor: caller?.name ?? 'anonymous',
        ...(caller?.onBehalfOf && { onBehalfOf: caller.onBehalfOf }),
        method: route.method.toUpperCase(),
        route: route.path,
        ids,
        status,
        outcome: status < 400 ? 'done' : status < 500 ? 'refused' : 'failed',
        requestId: req.id,
      }).catch((error: unknown) =>
        logger.error({ err: error, route: route.path, requestId: req.id }, 'recording an act in the audit trail failed'),
      );
    });
    next();
  };
}
