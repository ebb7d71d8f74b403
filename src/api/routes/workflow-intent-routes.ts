import { intentStatuses, workflowIntents } from '../../use-cases/workflow-intent-views';
import type { ApiDeps } from '../api-deps';
import type { ApiRoute } from '../api-route';
import { outboxQuery } from '../outbox-query';
import { responseSchemas } from '../response-schemas';

/** GET /v1/workflow-intents: the outbox to Temporal. */
export function workflowIntentRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/v1/workflow-intents',
      summary: 'Workflow starts and signals in the outbox to Temporal: waiting, given up (dead) or delivered',
      description:
        'Every write that starts or signals a workflow queues that intent in its own transaction; the workers deliver it. ' +
        'Filters: `status` (pending by default, dead, delivered), `workflowId`, `limit` (1–1000, 100 by default). A pending ' +
        'intent shows its attempts, the last error and when it is tried next (Temporal unreachable: the backlog drains once ' +
        'it is back); a dead one was still undelivered when the horizon (WORKFLOW_INTENT_HORIZON) passed. Delivered intents are kept a day.',
      tag: 'Operations',
      scope: 'operations:read',
      query: [
        { name: 'status', description: '`pending` (the default), `dead` or `delivered`.', enum: intentStatuses },
        { name: 'workflowId', description: 'Only the intents of this workflow.' },
        { name: 'limit', type: 'integer', description: 'At most this many: 1–1000 (default 100).' },
      ],
      responses: {
        200: { description: 'The intents.', schema: responseSchemas.workflowIntents },
        422: { description: 'An unknown status, or a repeated parameter.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const {
          status,
          filter: workflowId,
          limit,
        } = outboxQuery(req.query as Record<string, unknown>, intentStatuses, { name: 'workflowId' });
        res.json(await workflowIntents(deps.db, { status, ...(workflowId && { workflowId }), ...(limit && { limit }) }));
      },
    },
  ];
}
