/** Merge duplicates, delete, and notes (seed 003). */
import { addCustomerNote, customerNotes, mergeDuplicate, removeCustomer } from '../../use-cases/customer-lifecycle';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { obfuscationRoute } from './obfuscation-route';
import { responseSchemas } from '../response-schemas';
import { withActor } from '../actor';
import { shownTo } from '../personal-data';

/** POST /v1/customers/{customerId}/merge, DELETE /v1/customers/{customerId}, notes. */
export function customerLifecycleRoutes(deps: ApiDeps): ApiRoute[] {
  const notFound = { description: 'No such customer.', schema: 'Problem' };
  return [
    {
      method: 'post',
      path: '/v1/customers/{customerId}/merge',
      summary: 'Merge a duplicate into this customer (irreversible)',
      description:
        'Returns, orders, invoices (with payments), COD holds, notes, reminder sequences, tasks, queued messages and static group ' +
        'memberships of `duplicateId` move to this customer, which also takes over the attributes, email, phone and name it lacks; ' +
        'its automatic profiles are decided again (decision record trigger `customers-merged`) and the moved reminders follow its ' +
        'profile (sequences of another profile end with profile-changed, its scenario starts for what is owed). The duplicate is deactivated, keeps no personal data and no profile, ' +
        'and points here: `GET /v1/customers/{duplicateId}` answers with `mergedInto`, a search finds it by its id only, and it ' +
        'counts in no group, profile or export; changes, notes, returns, invoices, profile assignments and erasure requests naming ' +
        'it are refused (409 with `mergedInto`). Recorded on both timelines, with ids only. All of it happens in one transaction.',
      tag: 'Customers',
      scope: 'customers:merge',
      auditedBodyIds: ['duplicateId'],
      idempotencyKey: true,
      query: [],
      requestBody: 'CustomerMerge',
      responses: {
        200: { description: 'What moved, and the survivor.', schema: responseSchemas.merge },
        404: notFound,
        409: { description: 'Same customer, already merged, or erasure pending.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const survivorId = pathParam(req, 'customerId');
        const body = withActor(res, deps.validator.validate('CustomerMerge', req.body), 'mergedBy');
        const { merge, customer } = await mergeDuplicate(deps.db, deps.rules.current, survivorId, body);
        res.json({ merge, customer: shownTo(res, customer, deps.rules.current) });
      },
    },
    {
      method: 'delete',
      path: '/v1/customers/{customerId}',
      summary: 'Delete a customer',
      description:
        'Refused (409) while orders or invoices are linked: deactivate or erase such customers instead. ' +
        'The duplicates merged into the customer, which hold nothing of their own, are deleted with it.',
      tag: 'Customers',
      scope: 'customers:delete',
      query: [],
      responses: {
        204: { description: 'Deleted.' },
        404: notFound,
        409: { description: 'Orders or invoices are linked.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        await removeCustomer(deps.db, pathParam(req, 'customerId'));
        res.status(204).end();
      },
    },
    {
      method: 'post',
      path: '/v1/customers/{customerId}/notes',
      summary: 'Add a note',
      tag: 'Customers',
      scope: 'customers:write',
      idempotencyKey: true,
      query: [],
      requestBody: 'NoteCreate',
      responses: {
        201: { description: 'The note.', schema: responseSchemas.note },
        404: notFound,
        409: { description: 'The customer is erased, or was merged into another (`mergedInto` names it).', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const body = withActor(res, deps.validator.validate('NoteCreate', req.body), 'author');
        res.status(201).json(await addCustomerNote(deps.db, pathParam(req, 'customerId'), body));
      },
    },
    {
      method: 'get',
      path: '/v1/customers/{customerId}/notes',
      summary: 'Notes, newest first',
      tag: 'Customers',
      scope: 'customers:read',
      query: [],
      responses: { 200: { description: 'The notes.', schema: responseSchemas.notes }, 404: notFound },
      handle: async (req, res) => {
        res.json(await customerNotes(deps.db, pathParam(req, 'customerId')));
      },
    },
    obfuscationRoute(deps),
  ];
}
