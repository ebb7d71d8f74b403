import type { Request, RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { callerName } from './auth';

declare module 'express-serve-static-core' {
  interface Request {
    /** Correlates the request's log lines and problem documents. */
    id: string;
  }
}

/** The route pattern that matched the request (`/v1/customers/:customerId`), or "(unmatched)". */
export function routeOf(req: Request): string {
  const pattern = (req.route as { path?: string } | undefined)?.path;
  return pattern ? `${req.baseUrl}${pattern}` : '(unmatched)';
}

/**
 * Gives each request an id and logs one line when it ends. Only the route pattern is logged, never
 * the concrete path or query string, which may carry personal data (e.g. ?email=).
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = routeOf(req);
      logger.info(
        {
          requestId: req.id,
          method: req.method,
          route,
          status: res.statusCode,
          caller: callerName(res),
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}
