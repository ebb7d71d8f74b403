/**
 * Records each write to /v1 in the audit trail once its answer is sent — done, refused or failed,
 * also when it is refused before any route is chosen (no or a revoked token, a forbidden
 * On-Behalf-Of, the rate limit) — and each read a route marks `audited` (a reveal of encrypted
 * attributes, an export file, an import's rejected rows): the caller, the person it acted for, the
 * route pattern, the ids in the path and those the route names in its body, the status. Never a
 * personal value. A failure to record is logged.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Database } from '../store/database';
import { objectIdPattern } from '../store/object-id';
import { auditRecorder } from '../use-cases/audit-trail';
import type { ApiRoute } from './api-route';
import { callerOf } from './auth';

/** What the route that took the request says of it, for the trail. */
interface RouteAudit {
  route: string;
  record: boolean;
  pathIds: Record<string, string>;
  bodyIds: readonly string[];
}

/** Mounted on /v1 before authentication: appends the request to the audit trail when its answer has gone out. */
export function auditTrail(db: Database, logger: Logger): RequestHandler {
  const recorder = auditRecorder(db, (error, acts) => logger.error({ err: error, acts }, 'recording acts in the audit trail failed'));
  return (req, res, next) => {
    res.on('finish', () => {
      const audit = res.locals.audit as RouteAudit | undefined;
      // Reads are recorded only when their route asks; a write always, routed or not.
      if (audit ? !audit.record : ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
      const caller = callerOf(res);
      const status = res.statusCode;
      recorder.record({
        actor: caller?.name ?? 'anonymous',
        ...(caller?.onBehalfOf && { onBehalfOf: caller.onBehalfOf }),
        method: req.method,
        route: audit?.route ?? '(refused before a route was chosen)',
        ids: audit ? { ...audit.pathIds, ...bodyIdsOf(req, audit.bodyIds) } : {},
        status,
        outcome: status < 400 ? 'done' : status < 500 ? 'refused' : 'failed',
        requestId: req.id,
      });
    });
    next();
  };
}

/** First of a route's handlers: tells the audit trail which route took the request, and its path ids. */
export function auditedRoute(route: ApiRoute): RequestHandler {
  return (req: Request, res: Response, next) => {
    // Read now: once an error has left the route, express no longer holds its parameters.
    const pathIds = Object.fromEntries(
      Object.entries(req.params)
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
        .map(([name, value]) => [name, idOrMark(value)]),
    );
    res.locals.audit = {
      route: route.path,
      record: route.method !== 'get' || route.audited === true,
      pathIds,
      bodyIds: route.auditedBodyIds ?? [],
    } satisfies RouteAudit;
    next();
  };
}

/** The ids the route names in its JSON body, as sent (when they are ids at all). */
function bodyIdsOf(req: Request, names: readonly string[]): Record<string, string> {
  const body = req.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return {};
  const ids: Record<string, string> = {};
  for (const name of names) if (typeof body[name] === 'string') ids[name] = idOrMark(body[name]);
  return ids;
}

/** An id as sent, or a mark when it is none: it could be anything, a personal value too. */
function idOrMark(value: string): string {
  return objectIdPattern.test(value) ? value : '(malformed)';
}
