/** Customers: creation idempotent by id, look-up, timeline. */
import { createCustomer, getCustomer, type NewCustomer } from '../../store/customer-store';
import { getTimeline } from '../../store/timeline-store';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';

/** POST /v1/customers, GET /v1/customers/{customerId}, GET /v1/customers/{customerId}/timeline. */
export function customerRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: 'post',
      path: '/v1/customers',
      summary: 'Create a customer',
      description:
        'Email and phone are unique. Repeating the same body with the same id answers 200 with the stored ' +
        'customer; the same id with a different body, or an email or phone held by another customer, is a 409.',
      tag: 'Customers',
      auth: true,
      requestBody: 'CustomerCreate',
      responses: {
        201: { description: 'Created.', schema: 'Customer' },
        200: { description: 'Already created by an identical request.', schema: 'Customer' },
        409: { description: 'Clashes with an existing customer; the problem names the field and the customer.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const body = deps.validator.validate<NewCustomer>('CustomerCreate', req.body);
        const { customer, created } = await createCustomer(deps.db, body);
        res.status(created ? 201 : 200).location(`/v1/customers/${encodeURIComponent(customer.id)}`).json(customer);
      },
    },
    {
      method: 'get',
      path: '/v1/customers/{customerId}',
      summary: 'Get a customer',
      tag: 'Customers',
      auth: true,
      responses: {
        200: { description: 'The customer.', schema: 'Customer' },
        404: { description: 'No such customer.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(await getCustomer(deps.db, pathParam(req, 'customerId')));
      },
    },
    {
      method: 'get',
      path: '/v1/customers/{customerId}/timeline',
      summary: "A customer's timeline",
      tag: 'Customers',
      auth: true,
      responses: {
        200: { description: 'Oldest first.', schema: 'Timeline' },
        404: { description: 'No such customer.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const customerId = pathParam(req, 'customerId');
        await getCustomer(deps.db, customerId);
        res.json({ customerId, entries: await getTimeline(deps.db, customerId) });
      },
    },
  ];
}
