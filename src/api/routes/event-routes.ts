/**
 * Events from the calling systems — returns, orders and their life-cycle, invoices, payments.
 * Each is idempotent by its id; each recalculates the profile sets that list it in recalculateOn.
 */
import { recordInvoice } from '../../use-cases/record-invoice';
import { recordOrder } from '../../use-cases/record-order';
import { recordOrderEvent } from '../../use-cases/record-order-event';
import { recordPayment } from '../../use-cases/record-payment';
import { recordReturn } from '../../use-cases/record-return';
import { processDeps, type ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { responseSchemas } from '../response-schemas';

/** POST /v1/returns, /v1/orders, /v1/orders/{orderId}/events, /v1/invoices, /v1/invoices/{invoiceId}/payments. */
export function eventRoutes(deps: ApiDeps): ApiRoute[] {
  const process = processDeps(deps);
  const conflict = {
    description:
      'The same id was recorded with other values, or the event cannot follow; a return or invoice naming a customer merged ' +
      'into another is refused, `mergedInto` naming the customer to send it for.',
    schema: 'Problem',
  };
  return [
    {
      method: 'post',
      path: '/v1/returns',
      summary: 'Record a return request (recalculates profiles)',
      description:
        "Finds the customer by `customerId`, or by the order contact's `email` (creating a customer on the fly when none " +
        'has it), records the return and recalculates the automatic profile sets in the same transaction. The answer ' +
        'carries the profiles and the id of the decision record. Repeating the request answers the same. The profiles ' +
        'are recalculated again, by the workflow returns-window-{customerId}, at `nextRecalculation`: the moment the oldest ' +
        'counted return leaves the returns window.',
      tag: 'Events',
      scope: 'events:write',
      auditedBodyIds: ['id', 'customerId', 'orderId'],
      query: [],
      requestBody: 'ReturnCreate',
      responses: {
        201: { description: 'Recorded and recalculated.', schema: responseSchemas.returnRecorded },
        200: { description: 'Already recorded by an identical request.', schema: responseSchemas.returnRecorded },
        409: conflict,
      },
      handle: async (req, res) => {
        const body = deps.validator.validate('ReturnCreate', req.body);
        const outcome = await recordReturn(process, deps.rules.current, body);
        res.status(outcome.created ? 201 : 200).json(outcome);
      },
    },
    {
      method: 'post',
      path: '/v1/orders',
      summary: 'Record an order',
      tag: 'Events',
      scope: 'events:write',
      auditedBodyIds: ['id', 'customerId'],
      query: [],
      requestBody: 'OrderCreate',
      responses: {
        201: {
          description:
            'Recorded. A cash-on-delivery order also answers `codHoldDueAt` (when its hold is released for review if still open: the end of this minute plus the longest transit time) and `codHoldWorkflowId` (the workflow that releases the holds due then).',
          schema: responseSchemas.orderRecorded,
        },
        200: { description: 'Already recorded.', schema: responseSchemas.orderRecorded },
        404: { description: 'No such customer.', schema: 'Problem' },
        409: conflict,
      },
      handle: async (req, res) => {
        const body = deps.validator.validate('OrderCreate', req.body);
        const outcome = await recordOrder(process, deps.rules.current, body);
        res.status(outcome.created ? 201 : 200).json(outcome);
      },
    },
    {
      method: 'post',
      path: '/v1/orders/{orderId}/events',
      summary: 'Record a life-cycle event of an order',
      description: 'delivered, cancelled or returned-to-origin after placement; returned after delivery.',
      tag: 'Events',
      scope: 'events:write',
      auditedBodyIds: ['id'],
      query: [],
      requestBody: 'OrderEvent',
      responses: {
        201: { description: 'Recorded.', schema: responseSchemas.orderEventRecorded },
        200: { description: 'Already recorded.', schema: responseSchemas.orderEventRecorded },
        404: { description: 'No such order.', schema: 'Problem' },
        409: conflict,
      },
      handle: async (req, res) => {
        const orderId = pathParam(req, 'orderId');
        const body = deps.validator.validate('OrderEvent', req.body);
        const outcome = await recordOrderEvent(process, deps.rules.current, orderId, body);
        res.status(outcome.created ? 201 : 200).json(outcome);
      },
    },
    {
      method: 'post',
      path: '/v1/invoices',
      summary: 'Record an invoice',
      tag: 'Events',
      scope: 'events:write',
      auditedBodyIds: ['id', 'customerId'],
      query: [],
      requestBody: 'InvoiceCreate',
      responses: {
        201: { description: 'Recorded.', schema: responseSchemas.invoiceRecorded },
        200: { description: 'Already recorded.', schema: responseSchemas.invoiceRecorded },
        404: { description: 'No such customer.', schema: 'Problem' },
        409: conflict,
      },
      handle: async (req, res) => {
        const body = deps.validator.validate('InvoiceCreate', req.body);
        const outcome = await recordInvoice(process, deps.rules.current, body);
        res.status(outcome.created ? 201 : 200).json(outcome);
      },
    },
    {
      method: 'post',
      path: '/v1/invoices/{invoiceId}/payments',
      summary: 'Record a payment',
      tag: 'Events',
      scope: 'events:write',
      auditedBodyIds: ['id'],
      query: [],
      requestBody: 'PaymentCreate',
      responses: {
        201: { description: 'Recorded.', schema: responseSchemas.paymentRecorded },
        200: { description: 'Already recorded.', schema: responseSchemas.paymentRecorded },
        404: { description: 'No such invoice.', schema: 'Problem' },
        409: conflict,
      },
      handle: async (req, res) => {
        const invoiceId = pathParam(req, 'invoiceId');
        const body = deps.validator.validate('PaymentCreate', req.body);
        const outcome = await recordPayment(process, deps.rules.current, invoiceId, body);
        res.status(outcome.created ? 201 : 200).json(outcome);
      },
    },
  ];
}
