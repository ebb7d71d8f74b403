/** GET /v1/erasures: the erasures in a state (e.g. every blocked one), as Temporal lists them by their search attributes. */
import { erasureStates, listErasures } from '../../use-cases/erasure-process';
import type { ErasureState } from '../../../workflows/erasure';
import { ValidationError } from '../../errors';
import type { ApiDeps } from '../api-deps';
import type { ApiRoute } from '../api-route';
import { pageParameters, pageQuery } from '../page-query';

export function erasureListRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/v1/erasures',
      summary: 'Erasures by state (e.g. every blocked one)',
      description:
        'Lists erasure requests newest first, as Temporal indexes them by the search attributes the erasure workflow keeps current ' +
        '(RulebookErasureState, RulebookCustomerId, RulebookEraseAt): the state is the one GET /v1/customers/{customerId}/erasure ' +
        'reports. The same list in Temporal: `temporal workflow list --query "RulebookErasureState=\'blocked\'"`. Erasures started ' +
        'before this release carry no search attributes and are not listed. Pages with `limit` and `after` (the `next` of the previous page).',
      tag: 'Erasure',
      scope: 'operations:read',
      query: [{ name: 'state', description: 'Only the erasures in this state.', enum: erasureStates }, ...pageParameters],
      responses: {
        200: {
          description: 'The erasures of this page, and `next` when more follow.',
          schema: {
            type: 'object',
            required: ['erasures'],
            properties: {
              erasures: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['customerId', 'state', 'workflowId', 'workflowStatus'],
                  properties: {
                    customerId: { type: 'string' },
                    state: { type: 'string', enum: [...erasureStates] },
                    eraseAt: { type: 'string', format: 'date-time' },
                    workflowId: { type: 'string' },
                    workflowStatus: { type: 'string' },
                    startedAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
              next: { type: 'string' },
            },
          },
        },
        422: { description: 'An unknown state, or a limit out of range.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const query = req.query as Record<string, unknown>;
        const state = query.state;
        if (state !== undefined && !(typeof state === 'string' && (erasureStates as readonly string[]).includes(state))) {
          throw new ValidationError(`The query parameter "state" must be one of ${erasureStates.join(', ')}.`, [
            { pointer: '/state', message: `must be one of ${erasureStates.join(', ')}` },
          ]);
        }
        const page = pageQuery(query);
        res.json(
          await listErasures(
            { client: deps.temporal, taskQueue: deps.taskQueue, pageTokens: deps.payloadCodec },
            { ...page, ...(state !== undefined && { state: state as ErasureState }) },
          ),
        );
      },
    },
  ];
}
