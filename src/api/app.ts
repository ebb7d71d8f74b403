/** The express application: probes, /v1 routes behind bearer auth, OpenAPI, docs, the console, problem+json errors. */
import express, { type Express, type RequestHandler } from 'express';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/project-root';
import type { ApiDeps } from './api-deps';
import { apiDocsRouter } from './api-docs';
import { consoleRouter } from './console-assets';
import { RouteNotFoundError, UnsupportedMediaTypeError } from './api-errors';
import { expressPath, isAuthenticated, type ApiRoute } from './api-route';
import { auditedRoute, auditTrail } from './audit-trail';
import { onBehalfOf } from './actor';
import { bearerAuth, cachedLookup, requireScope } from './auth';
import { credentialOfToken } from '../use-cases/credentials';
import { codecCors, codecSessionAuth, defaultCodecCorsOrigins, mountCodecSignIn, temporalCodecPath } from './temporal-ui-access';
import { defaultJsonBodyLimits, limitedJsonBody, type JsonBodyLimits } from './json-body-limits';
import { createApiMetrics, type ApiMetrics } from './metrics';
import { buildOpenApi } from './openapi';
import { requireIdParameters } from './path-parameters';
import { requireStorableText } from './storable-text';
import { problemHandler } from './problem-details';
import { rateLimitPerToken } from './rate-limit';
import { requestLog } from './request-log';
import { customerLifecycleRoutes } from './routes/customer-lifecycle-routes';
import { customerRoutes } from './routes/customer-routes';
import { credentialRoutes } from './routes/credential-routes';
import { erasureRoutes } from './routes/erasure-routes';
import { erasureListRoutes } from './routes/erasure-list-route';
import { workflowIntentRoutes } from './routes/workflow-intent-routes';
import { temporalCodecRoutes } from './routes/temporal-codec-routes';
import { dunningRoutes } from './routes/dunning-routes';
import { eventRoutes } from './routes/event-routes';
import { fileJobRoutes, maxUploadBytes } from './routes/file-job-routes';
import { groupRoutes } from './routes/group-routes';
import { healthRoutes } from './routes/health-routes';
import { idempotentRequests } from './idempotency';
import { problemPageRoutes } from './problem-types';
import { profileSetRoutes } from './routes/profile-set-routes';
import { ruleRoutes } from './routes/rule-routes';
import type { JsonSchema } from './schema-validator';

/** Largest accepted JSON body; imports of files have their own limits. Values and depth: json-body-limits.ts. */
export const jsonBodyLimit = '1mb';

const packageVersion = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** Every route the API serves, in documentation order. */
export function allRoutes(deps: ApiDeps, metrics: ApiMetrics): ApiRoute[] {
  return [
    ...healthRoutes(deps, metrics),
    ...ruleRoutes(deps),
    ...customerRoutes(deps),
    ...customerLifecycleRoutes(deps),
    ...eventRoutes(deps),
    ...groupRoutes(deps),
    ...profileSetRoutes(deps),
    ...fileJobRoutes(deps),
    ...erasureRoutes(deps),
    ...erasureListRoutes(deps),
    ...dunningRoutes(deps),
    ...temporalCodecRoutes(deps),
    ...workflowIntentRoutes(deps),
    ...credentialRoutes(deps),
    ...problemPageRoutes(),
  ];
}

/** Builds the HTTP application over its dependencies; `bodyLimits` bound the values and nesting of JSON bodies. */
export function createApp(deps: ApiDeps, schemas: Map<string, JsonSchema>, bodyLimits: JsonBodyLimits = defaultJsonBodyLimits): Express {
  const metrics = createApiMetrics(deps.rules, deps.db);
  const routes = allRoutes(deps, metrics);
  const openApi = buildOpenApi(routes, schemas, packageVersion);
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(deps.logger), metrics.record);
  // The Temporal Web UI reaches the codec routes from its own origin, signed in by a cookie (src/api/temporal-ui-access.ts).
  app.use(
    temporalCodecPath,
    codecCors(deps.codecCorsOrigins ?? defaultCodecCorsOrigins()),
    codecSessionAuth(deps.tokens, deps.personalDataReaders),
  );
  mountCodecSignIn(app, deps.tokens);
  const credentialOf = cachedLookup((digest) => credentialOfToken(deps.db, digest));
  app.use(
    '/v1',
    auditTrail(deps.db, deps.logger),
    bearerAuth(deps.tokens, credentialOf, deps.personalDataReaders),
    onBehalfOf,
    rateLimitPerToken(deps.rateLimitPerMinute),
  );
  const jsonBody = [requireJsonBody, limitedJsonBody({ byteLimit: jsonBodyLimit, limits: bodyLimits }), requireStorableText];
  const fileBody = [express.raw({ type: () => true, limit: maxUploadBytes })];
  const idempotent = idempotentRequests(deps.db);
  for (const route of routes)
    app[route.method](
      expressPath(route.path),
      ...(isAuthenticated(route) ? [auditedRoute(route), requireScope(route.scope)] : []),
      requireIdParameters,
      ...(route.upload ? fileBody : jsonBody),
      ...(route.idempotencyKey ? [idempotent] : []),
      route.handle,
    );
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.use(apiDocsRouter());
  app.use(consoleRouter());
  app.use((req, _res, next) => {
    next(new RouteNotFoundError(`No route ${req.method} ${req.path}. The routes are listed in /openapi.json and documented at /docs.`));
  });
  app.use(problemHandler(deps.logger));
  return app;
}

/** Bodies are JSON only: anything else is refused before parsing. */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.get('content-length') !== undefined && req.get('content-length') !== '0';
  const chunked = req.get('transfer-encoding') !== undefined;
  if ((hasBody || chunked) && !req.is('application/json')) {
    return next(
      new UnsupportedMediaTypeError(
        `The body is sent as "${req.get('content-type') ?? 'no content type'}"; send JSON with "Content-Type: application/json".`,
      ),
    );
  }
  next();
};
