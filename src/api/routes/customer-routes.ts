/** Customers: creation idempotent by id, look-up and search, changes, manual profiles, timeline. */
import { assignManualProfile } from '../../use-cases/assign-profile';
import { changeCustomer, reencryptAttributes } from '../../use-cases/change-customer';
import {
  attributeChangesView,
  codPositionView,
  customerTimeline,
  customerView,
  findCustomers,
  revealEncryptedAttributes,
} from '../../use-cases/customer-view';
import { decisionRecord } from '../../use-cases/profile-recalculation';
import { registerCustomer } from '../../use-cases/register-customer';
import { processDeps, type ApiDeps } from '../api-deps';
import { callerName, hasScope, readPersonalDataScope, requirePersonalDataAccess } from '../auth';
import { pathParam, type ApiRoute } from '../api-route';
import { pageParameters, pageQuery } from '../page-query';
import { responseSchemas } from '../response-schemas';
import { withActor } from '../actor';
import { changesShownTo, decisionShownTo, pageShownTo, shownTo } from '../personal-data';

/** The /v1/customers routes. */
export function customerRoutes(deps: ApiDeps): ApiRoute[] {
  const process = processDeps(deps);
  const notFound = { description: 'No such customer.', schema: 'Problem' };
  return [
    {
      method: 'post',
      path: '/v1/customers',
      summary: 'Create a customer',
      description:
        'Email and phone are unique. The phone may be written as people write it ("+91 98765 43210"; without country code, ' +
        'it is read in `defaultPhoneRegion` of rules/settings.yaml) and is stored and returned in E.164 ("+919876543210"): ' +
        'every spelling of a number is the same. Repeating the same body with the same id answers 200 with the stored ' +
        'customer; the same id with a different body, or an email or phone held by another customer, is a 409. ' +
        'New customers get the default profile of every manual profile set.',
      tag: 'Customers',
      scope: 'customers:write',
      auditedBodyIds: ['id'],
      query: [],
      requestBody: 'CustomerCreate',
      responses: {
        201: { description: 'Created.', schema: 'Customer', location: 'The customer: `/v1/customers/{customerId}`.' },
        200: { description: 'Already created by an identical request.', schema: 'Customer', location: 'The customer.' },
        409: { description: 'Clashes with an existing customer; the problem names the field and the customer.', schema: 'Problem' },
        422: {
          description:
            'The body does not match the schema, or the phone is no valid number (`errors` names /phone, what is wrong and how to write it).',
          schema: 'Problem',
        },
      },
      handle: async (req, res) => {
        const body = deps.validator.validate('CustomerCreate', req.body);
        const { customer, created } = await registerCustomer(deps.db, deps.rules.current, body);
        res
          .status(created ? 201 : 200)
          .location(`/v1/customers/${encodeURIComponent(customer.id)}`)
          .json(shownTo(res, customer, deps.rules.current));
      },
    },
    {
      method: 'get',
      path: '/v1/customers',
      summary: 'Search customers',
      description:
        'Filters (all optional, AND-ed): `email` or `phone` (exact; email in any letter case, phone in any spelling of the ' +
        'number: it is read as POST /v1/customers reads it, and a phone that is no valid number answers 422), `q` (a name part, ' +
        'a customer id, or a receipt = order id), `group` (a group id), `active` (true/false). Pages of `limit` ' +
        '(default 50, at most 500) in id order; pass the last id as `after` for the next page. A customer merged into another ' +
        'is found only by its id (`q`), with `mergedInto` naming the survivor.',
      tag: 'Customers',
      scope: 'customers:read',
      query: [
        { name: 'email', description: 'Exact email, in any letter case.' },
        { name: 'phone', description: 'Exact phone number, in any spelling (read as POST /v1/customers reads it).' },
        { name: 'q', description: 'A name part, a customer id, or a receipt (order id).' },
        { name: 'group', description: 'A group id: only its members.' },
        { name: 'active', type: 'boolean', description: 'Only active (`true`) or inactive (`false`) customers.' },
        ...pageParameters,
      ],
      responses: {
        200: { description: 'A page of customers.', schema: responseSchemas.customerPage },
        422: {
          description: 'A query parameter is invalid (`limit`, a `phone` that is no valid number); `errors` names it.',
          schema: 'Problem',
        },
      },
      handle: async (req, res) => {
        const query = req.query as Record<string, unknown>;
        const page = pageQuery(query);
        const filters = {
          ...(typeof query.email === 'string' && { email: query.email }),
          // A "+" left unencoded in a query string arrives as a space: "+65 9123 4567" reads " 65 9123 4567", which would
          // otherwise be read as a number of the default region (another customer's, perhaps).
          ...(typeof query.phone === 'string' && { phone: query.phone.replace(/^ (?=\d)/, '+') }),
          ...(typeof query.q === 'string' && { q: query.q }),
          // A caller shown masked names finds a customer by a whole word of the name, not by any part of it.
          ...(!hasScope(res, readPersonalDataScope) && { nameMatch: 'word' as const }),
          ...(typeof query.active === 'string' && { active: query.active === 'true' }),
          ...(typeof query.group === 'string' && { group: query.group }),
        };
        res.json(pageShownTo(res, await findCustomers(deps.db, deps.rules.current, filters, page), deps.rules.current));
      },
    },
    {
      method: 'get',
      path: '/v1/customers/{customerId}',
      summary: 'Get a customer with profiles and groups',
      description:
        'Encrypted attributes are masked as `{"encrypted": true}`; GET /v1/customers/{customerId}/encrypted-attributes reveals them to callers allowed to.',
      tag: 'Customers',
      scope: 'customers:read',
      query: [],
      responses: { 200: { description: 'The customer.', schema: 'Customer' }, 404: notFound },
      handle: async (req, res) => {
        res.json(shownTo(res, await customerView(deps.db, deps.rules.current, pathParam(req, 'customerId')), deps.rules.current));
      },
    },
    {
      method: 'patch',
      path: '/v1/customers/{customerId}',
      summary: 'Change a customer',
      description: 'Name, active switch, typed attributes (checked against rules/attributes.yaml; null removes one).',
      tag: 'Customers',
      scope: 'customers:write',
      query: [],
      requestBody: 'CustomerUpdate',
      responses: {
        200: { description: 'The changed customer.', schema: 'Customer' },
        404: notFound,
        409: { description: 'The customer is erased, or was merged into another (`mergedInto` names it).', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const customerId = pathParam(req, 'customerId');
        const body = withActor(res, deps.validator.validate('CustomerUpdate', req.body), 'changedBy');
        res.json(
          shownTo(res, await changeCustomer(deps.db, deps.rules.current, deps.attributeCipher, customerId, body), deps.rules.current),
        );
      },
    },
    {
      method: 'get',
      path: '/v1/customers/{customerId}/attribute-changes',
      summary: 'Who changed which attribute, when',
      description: 'Old and new values of encrypted attributes are masked as `{"encrypted": true}` (null when not set).',
      tag: 'Customers',
      scope: 'customers:read',
      query: [],
      responses: { 200: { description: 'Newest first.', schema: responseSchemas.attributeChanges }, 404: notFound },
      handle: async (req, res) => {
        const customerId = pathParam(req, 'customerId');
        res.json({
          customerId,
          changes: changesShownTo(res, await attributeChangesView(deps.db, deps.rules.current, customerId), deps.rules.current),
        });
      },
    },
    {
      method: 'get',
      path: '/v1/customers/{customerId}/encrypted-attributes',
      summary: "Reveal a customer's encrypted attributes",
      description:
        `The clear values of the attributes declared \`encrypted: true\` that the customer holds. Needs the scope \`${readPersonalDataScope}\` ` +
        '(a token of API_TOKENS holds it when listed in API_PERSONAL_DATA_TOKENS). Every reveal is recorded on the ' +
        "customer's timeline (`encrypted-attributes-revealed`, with the caller and the attribute ids, never the values).",
      tag: 'Customers',
      scope: 'customers:read-personal',
      audited: true,
      query: [],
      responses: {
        200: { description: 'The clear values.', schema: 'EncryptedAttributes' },
        403: {
          description: `The token lacks \`${readPersonalDataScope}\`; the problem says how an operator grants it.`,
          schema: 'Problem',
        },
        404: notFound,
        500: {
          description: 'A value is sealed under a key that is not configured (`encryption-key-missing`, naming the key id).',
          schema: 'Problem',
        },
      },
      handle: async (req, res) => {
        const caller = requirePersonalDataAccess(res);
        res.json(await revealEncryptedAttributes(deps.db, deps.rules.current, deps.attributeCipher, pathParam(req, 'customerId'), caller));
      },
    },
    {
      method: 'post',
      path: '/v1/encrypted-attributes/re-encrypt',
      summary: 'Move encrypted attribute values to the current key',
      description:
        'After a payload-key rotation (or after declaring an attribute encrypted), seals every stored value of an encrypted attribute — ' +
        'customers and attribute history — under RULEBOOK_PAYLOAD_KEY. Every API process also does this once at start. Idempotent; ' +
        'reveals nothing. `unreadable` counts values per key id whose key is not configured: keep a former key in ' +
        'RULEBOOK_PAYLOAD_OLD_KEYS until this answers with no value under it.',
      tag: 'Customers',
      scope: 'rules:reload',
      query: [],
      responses: {
        200: {
          description: 'How many values were sealed again, and the values per key id whose key is not configured.',
          schema: responseSchemas.reencryption,
        },
      },
      handle: async (_req, res) => {
        const report = await reencryptAttributes(deps.db, deps.rules.current, deps.attributeCipher);
        deps.logger.info({ report, caller: callerName(res) }, 'encrypted attribute values re-encrypted');
        res.json(report);
      },
    },
    {
      method: 'get',
      path: '/v1/customers/{customerId}/cod',
      summary: 'Cash on delivery: switches, limit, available amount, open holds',
      description: 'available = Total COD Limit Per User (rules/settings.yaml) − the values of undelivered COD orders.',
      tag: 'Customers',
      scope: 'customers:read',
      query: [],
      responses: {
        200: { description: 'Switches per channel, total limit, available amount and open holds.', schema: responseSchemas.codPosition },
        404: notFound,
      },
      handle: async (req, res) => {
        res.json(await codPositionView(deps.db, deps.rules.current, pathParam(req, 'customerId')));
      },
    },
    {
      method: 'put',
      path: '/v1/customers/{customerId}/profiles/{setId}',
      summary: 'Assign a profile of a manual set',
      tag: 'Profiles',
      scope: 'profiles:assign',
      auditedBodyIds: ['profileId'],
      query: [],
      requestBody: 'ProfileAssignment',
      responses: {
        200: { description: 'The customer with the new profile.', schema: 'Customer' },
        404: { description: 'No such customer or profile set.', schema: 'Problem' },
        409: {
          description: 'The set is assigned by rules, not by hand, or the customer was merged into another (`mergedInto` names it).',
          schema: 'Problem',
        },
      },
      handle: async (req, res) => {
        const customerId = pathParam(req, 'customerId');
        const setId = pathParam(req, 'setId');
        const body = withActor(res, deps.validator.validate('ProfileAssignment', req.body), 'assignedBy');
        const customer = await assignManualProfile(process, deps.rules.current, {
          customerId,
          setId,
          profileId: body.profileId,
          assignedBy: body.assignedBy,
        });
        res.json(shownTo(res, customer, deps.rules.current));
      },
    },
    {
      method: 'get',
      path: '/v1/customers/{customerId}/timeline',
      summary: "A customer's timeline",
      description:
        'What happened to the customer, newest first: sign-up, orders and their events, COD holds and their releases, returns, ' +
        'invoices, payments, profile changes (with the decision record), notes (their id and author, not their text), ' +
        "merges and the erasure's steps — with ids and amounts, never a personal value. Pages of `limit` (default 50, " +
        'at most 500); pass `next` as `after` for the following page.',
      tag: 'Customers',
      scope: 'customers:read',
      query: pageParameters,
      responses: {
        200: { description: 'Newest first.', schema: 'Timeline' },
        404: notFound,
        422: { description: '`limit` is not a whole number from 1 to 500.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(await customerTimeline(deps.db, pathParam(req, 'customerId'), pageQuery(req.query)));
      },
    },
    {
      method: 'get',
      path: '/v1/decisions/{decisionId}',
      summary: 'A decision record',
      description: 'Why the rules decided as they did: rule-set version, the facts used, each condition with the value it saw.',
      tag: 'Profiles',
      scope: 'customers:read',
      query: [],
      responses: {
        200: { description: 'The decision record.', schema: responseSchemas.decisionRecord },
        404: { description: 'No such decision record.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(decisionShownTo(res, await decisionRecord(deps.db, pathParam(req, 'decisionId')), deps.rules.current));
      },
    },
  ];
}
