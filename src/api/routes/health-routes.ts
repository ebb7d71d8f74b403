/** Liveness and readiness probes, open without a token for load balancers and orchestrators. */
import { checkReadiness } from '../../use-cases/readiness';
import type { ApiDeps } from '../api-deps';
import type { ApiRoute } from '../api-route';
import type { ApiMetrics } from '../metrics';
import { responseSchemas } from '../response-schemas';

/** GET /healthz, GET /readyz and GET /metrics. */
export function healthRoutes(deps: ApiDeps, metrics: ApiMetrics): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/healthz',
      summary: 'Liveness: the process is up',
      tag: 'Operations',
      scope: 'public',
      query: [],
      responses: { 200: { description: 'The process answers.', schema: responseSchemas.health } },
      handle: (_req, res) => res.json({ status: 'alive' }),
    },
    {
      method: 'get',
      path: '/readyz',
      summary: 'Readiness: the database and Temporal are reachable',
      description: 'Answers 503 naming each unreachable dependency.',
      tag: 'Operations',
      scope: 'public',
      query: [],
      responses: {
        200: { description: 'Ready.', schema: 'Readiness' },
        503: { description: 'A dependency is unreachable; `checks` says which.', schema: 'Readiness' },
      },
      handle: async (_req, res) => {
        const { ready, ...readiness } = await checkReadiness(deps);
        if (!ready) res.setHeader('Retry-After', '5');
        res.status(ready ? 200 : 503).json(readiness);
      },
    },
    {
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics of this API process',
      description:
        'Requests by route pattern and status, their durations, the rule set in use and whether its last reload was ' +
        'refused, reminders waiting in the outbox, and Node process metrics. No personal data: routes are patterns.',
      tag: 'Operations',
      scope: 'public',
      query: [],
      responses: { 200: { description: 'Prometheus text format (version 0.0.4).', contentType: 'text/plain' } },
      handle: async (_req, res) => {
        const { contentType, text } = await metrics.render();
        res.type(contentType).send(text);
      },
    },
  ];
}
