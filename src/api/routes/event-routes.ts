/**
 * Events from the calling systems — returns, orders and their life-cycle, invoices, payments.
 * Each is idempotent by its id; each recalculates the profile sets that list it in recalculateOn.
 */
import { isRecalculationTrigger, recalculateProfiles, type RecalculationTrigger } from '../../processes/profile-recalculation';
import { recordReturnAndRecalculate, type ReturnRequest } from '../../processes/record-return';
import { scheduleReturnsWindow } from '../../processes/returns-window-process';
import { ConflictError } from '../../errors';
import { codWorkflowId, settleCodHold, startCodHold } from '../../processes/cod-process';
import { dunningWorkflowId, notifyPayment, startDunning } from '../../processes/dunning-process';
import { holdCod, isCodHoldReleased, releaseCod, type HoldRelease } from '../../store/cod-store';
import { getCustomer } from '../../store/customer-store';
import type { Queryable } from '../../store/database';
import { recordInvoice, recordOrder, recordOrderEvent, recordPayment, type InvoiceInput, type OrderEventKind, type OrderInput } from '../../store/event-store';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';

/** POST /v1/returns, /v1/orders, /v1/orders/{orderId}/events, /v1/invoices, /v1/invoices/{invoiceId}/payments. */
export function eventRoutes(deps: ApiDeps): ApiRoute[] {
  const conflict = { description: 'The same id was recorded with other values, or the event cannot follow.', schema: 'Problem' };
  /** Recalculates when a set listens to `trigger`; returns the decision record id, if any. */
  const recalculateOn = async (tx: Queryable, customerId: string, trigger: RecalculationTrigger) => {
    const ruleSet = deps.rules.current;
    if (!isRecalculationTrigger(ruleSet, trigger)) return {};
    const { decisionRecordId, changed } = await recalculateProfiles(tx, ruleSet, customerId, new Date(), trigger);
    return { decisionRecordId, changed };
  };
  return [
    {
      method: 'post',
      path: '/v1/returns',
      summary: 'Record a return request (recalculates profiles)',
      description:
        'Finds the customer by `customerId`, or by the order contact\'s `email` (creating a customer on the fly when none ' +
        'has it), records the return and recalculates the automatic profile sets in the same transaction. The answer ' +
        'carries the profiles and the id of the decision record. Repeating the request answers the same. The profiles ' +
        'are recalculated again, by the workflow returns-window-{customerId}, at `nextRecalculation`: the moment the oldest ' +
        'counted return leaves the returns window.',
      tag: 'Events',
      auth: true,
      requestBody: 'ReturnCreate',
      responses: { 201: { description: 'Recorded and recalculated.' }, 200: { description: 'Already recorded by an identical request.' }, 409: conflict },
      handle: async (req, res) => {
        const body = deps.validator.validate<ReturnRequest>('ReturnCreate', req.body);
        const outcome = await recordReturnAndRecalculate(deps.db, deps.rules.current, body);
        const nextRecalculation = await scheduleReturnsWindow(
          { client: deps.temporal, db: deps.db, taskQueue: deps.taskQueue },
          deps.rules.current,
          outcome.customerId,
        );
        res.status(outcome.created ? 201 : 200).json({ ...outcome, ...(nextRecalculation && { nextRecalculation: nextRecalculation.toISOString() }) });
      },
    },
    {
      method: 'post',
      path: '/v1/orders',
      summary: 'Record an order',
      tag: 'Events',
      auth: true,
      requestBody: 'OrderCreate',
      responses: { 201: { description: 'Recorded.' }, 200: { description: 'Already recorded.' }, 404: { description: 'No such customer.', schema: 'Problem' }, 409: conflict },
      handle: async (req, res) => {
        const body = deps.validator.validate<OrderInput>('OrderCreate', req.body);
        const ruleSet = deps.rules.current;
        const isCod = body.paymentMethod === 'cod';
        const outcome = await deps.db.transaction(async (tx) => {
          // A COD order locks the customer before anything else: inserting the order first would take
          // a weaker lock on the customer row, and two such orders upgrading it would deadlock.
          if (isCod) await tx.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [body.customerId]);
          const customer = await getCustomer(tx, body.customerId);
          if (!customer.active) {
            throw new ConflictError(`Customer ${body.customerId} is deactivated and cannot place orders. Reactivate it first (PATCH active: true).`);
          }
          const created = await recordOrder(tx, body);
          if (created && isCod) await holdCod(tx, { id: body.id, customerId: body.customerId, channel: body.channel, value: body.value }, ruleSet.settings.cod.totalLimitPerUser);
          return { created, ...(created && (await recalculateOn(tx, body.customerId, 'order-created'))) };
        });
        // Also on a repeated request: a first attempt may have stored the order and failed to start the workflow.
        if (isCod) await startCodHold({ client: deps.temporal, taskQueue: deps.taskQueue }, ruleSet, body.id);
        res.status(outcome.created ? 201 : 200).json({ orderId: body.id, ...outcome, ...(isCod && { codHoldWorkflowId: codWorkflowId(body.id) }) });
      },
    },
    {
      method: 'post',
      path: '/v1/orders/{orderId}/events',
      summary: 'Record a life-cycle event of an order',
      description: 'delivered, cancelled or returned-to-origin after placement; returned after delivery.',
      tag: 'Events',
      auth: true,
      requestBody: 'OrderEvent',
      responses: { 201: { description: 'Recorded.' }, 200: { description: 'Already recorded.' }, 404: { description: 'No such order.', schema: 'Problem' }, 409: conflict },
      handle: async (req, res) => {
        const orderId = pathParam(req, 'orderId');
        const body = deps.validator.validate<{ id: string; kind: OrderEventKind; at: string }>('OrderEvent', req.body);
        const outcome = await deps.db.transaction(async (tx) => {
          const { created, customerId } = await recordOrderEvent(tx, orderId, body);
          // Delivery replenishes the COD limit; so do cancellation and return to origin. A return after delivery changes nothing.
          const codReleased = created && body.kind !== 'returned' ? await releaseCod(tx, orderId, body.kind as HoldRelease) : false;
          const recalculated = created && body.kind === 'delivered' ? await recalculateOn(tx, customerId, 'order-delivered') : {};
          return { created, codReleased, ...recalculated };
        });
        // A repeated release settles the workflow again: the first attempt may have committed and then died
        // (or found Temporal unreachable) before the signal, and the caller repeats exactly because it got no answer.
        const repeatedRelease = !outcome.created && body.kind !== 'returned' && (await isCodHoldReleased(deps.db, orderId));
        if (outcome.codReleased || repeatedRelease) await settleCodHold({ client: deps.temporal, taskQueue: deps.taskQueue }, deps.rules.current, orderId, body.kind);
        res.status(outcome.created ? 201 : 200).json({ orderId, eventId: body.id, ...outcome });
      },
    },
    {
      method: 'post',
      path: '/v1/invoices',
      summary: 'Record an invoice',
      tag: 'Events',
      auth: true,
      requestBody: 'InvoiceCreate',
      responses: { 201: { description: 'Recorded.' }, 200: { description: 'Already recorded.' }, 404: { description: 'No such customer.', schema: 'Problem' }, 409: conflict },
      handle: async (req, res) => {
        const body = deps.validator.validate<InvoiceInput>('InvoiceCreate', req.body);
        const outcome = await deps.db.transaction(async (tx) => {
          await getCustomer(tx, body.customerId);
          const created = await recordInvoice(tx, body);
          return { created, ...(created && (await recalculateOn(tx, body.customerId, 'invoice-created'))) };
        });
        // Also on a repeated request, in case the first one stored the invoice but failed to start the sequence.
        const scenario = await startDunning({ client: deps.temporal, db: deps.db, taskQueue: deps.taskQueue }, deps.rules.current, body);
        res.status(outcome.created ? 201 : 200).json({
          invoiceId: body.id,
          ...outcome,
          dunning: scenario ? { scenarioId: scenario, workflowId: dunningWorkflowId(body.id) } : { scenarioId: null, manualHandling: true },
        });
      },
    },
    {
      method: 'post',
      path: '/v1/invoices/{invoiceId}/payments',
      summary: 'Record a payment',
      tag: 'Events',
      auth: true,
      requestBody: 'PaymentCreate',
      responses: { 201: { description: 'Recorded.' }, 200: { description: 'Already recorded.' }, 404: { description: 'No such invoice.', schema: 'Problem' }, 409: conflict },
      handle: async (req, res) => {
        const invoiceId = pathParam(req, 'invoiceId');
        const body = deps.validator.validate<{ id: string; amount: number; paidAt: string }>('PaymentCreate', req.body);
        const outcome = await deps.db.transaction(async (tx) => {
          const { created, customerId } = await recordPayment(tx, invoiceId, body);
          return { created, ...(created && (await recalculateOn(tx, customerId, 'payment-received'))) };
        });
        await notifyPayment(deps.temporal, invoiceId);
        res.status(outcome.created ? 201 : 200).json({ invoiceId, paymentId: body.id, ...outcome });
      },
    },
  ];
}
