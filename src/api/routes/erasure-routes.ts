/** Personal-data erasure: preview, request, status and cancel (seed 002). */
import { cancelErasure, erasurePreview, getErasure, requestErasure, type ErasureProcessDeps } from '../../use-cases/erasure-process';
import { processDeps, type ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { responseSchemas } from '../response-schemas';
import { withActor } from '../actor';

/** The erasure routes under /v1/customers/{customerId}/erasure. */
export function erasureRoutes(deps: ApiDeps): ApiRoute[] {
  const process: ErasureProcessDeps = {
    ...processDeps(deps),
    gracePeriodMs: () => deps.erasureGracePeriodMs ?? deps.rules.current.settings.erasure.gracePeriodDays * 86_400_000,
  };
  const notFound = { description: 'No such customer, or no erasure request.', schema: 'Problem' };
  return [
    {
      method: 'get',
      path: '/v1/customers/{customerId}/erasure/preview',
      summary: 'What an erasure would remove',
      tag: 'Erasure',
      scope: 'erasure:request',
      query: [],
      responses: {
        200: {
          description:
            'The personal fields and attributes that would be erased, and counts of related records (notes, attribute history, decision records, memberships, import error rows).',
          schema: responseSchemas.erasurePreview,
        },
        404: notFound,
      },
      handle: async (req, res) => {
        res.json(await erasurePreview(deps.db, deps.rules.current, pathParam(req, 'customerId')));
      },
    },
    {
      method: 'post',
      path: '/v1/customers/{customerId}/erasure',
      summary: 'Request the erasure of personal data',
      description:
        'Starts the grace period (erasure.gracePeriodDays in rules/settings.yaml, 45 days by default). A repeated request while one ' +
        'is waiting answers 200 with the running one.',
      tag: 'Erasure',
      scope: 'erasure:request',
      query: [],
      requestBody: 'ErasureRequest',
      responses: {
        202: {
          description: 'Accepted: erasure planned at `eraseAt`.',
          schema: 'ErasureAccepted',
          location: 'The erasure: `/v1/customers/{customerId}/erasure`.',
        },
        200: { description: 'An erasure is already waiting; this is it.', schema: 'ErasureAccepted', location: 'The erasure.' },
        404: notFound,
        409: {
          description: 'The customer is already erased, or was merged into another (`mergedInto`), whose erasure also covers it.',
          schema: 'Problem',
        },
        503: {
          description: 'Temporal is unreachable, or a previous erasure is still finishing: repeat the same request; the request is kept.',
          schema: 'Problem',
        },
      },
      handle: async (req, res) => {
        const customerId = pathParam(req, 'customerId');
        const body = withActor(res, deps.validator.validate('ErasureRequest', req.body), 'requestedBy');
        const { started, ...accepted } = await requestErasure(process, customerId, body);
        res
          .status(started ? 202 : 200)
          .location(`/v1/customers/${encodeURIComponent(customerId)}/erasure`)
          .json(accepted);
      },
    },
    {
      method: 'get',
      path: '/v1/customers/{customerId}/erasure',
      summary: 'Status of the latest erasure request',
      tag: 'Erasure',
      scope: 'customers:read',
      query: [],
      responses: { 200: { description: 'State, erase-at, days left and timeline.', schema: 'ErasureStatus' }, 404: notFound },
      handle: async (req, res) => {
        res.json(await getErasure(process, pathParam(req, 'customerId')));
      },
    },
    {
      method: 'post',
      path: '/v1/customers/{customerId}/erasure/cancel',
      summary: 'Cancel a waiting erasure (restore)',
      description:
        'Asks the workflow `erasure-{customerId}` (update `cancel`), which answers at once: 200 means the erasure will not happen ' +
        '(state `cancelling` until the customer is restored, then `cancelled`); 409 says why a cancel is refused (the erasure is ' +
        'already erasing, erased or being cancelled). A failed erasure is cancelled by restoring the customer.',
      tag: 'Erasure',
      scope: 'erasure:cancel',
      query: [],
      requestBody: 'ErasureCancel',
      responses: {
        200: {
          description: 'Cancel accepted: the erasure will not happen; the status is `cancelling` or `cancelled`.',
          schema: 'ErasureStatus',
        },
        404: notFound,
        409: {
          description: 'The cancel is refused: the erasure is erasing, erased, or already cancelled or being cancelled.',
          schema: 'Problem',
        },
      },
      handle: async (req, res) => {
        const customerId = pathParam(req, 'customerId');
        const body = withActor(res, deps.validator.validate('ErasureCancel', req.body), 'cancelledBy');
        res.json(await cancelErasure(process, customerId, body));
      },
    },
  ];
}
