/** Obfuscating a customer's personal data with fake values (seed 003). */
import { obfuscatePersonalData } from '../../use-cases/obfuscate-customer';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { withActor } from '../actor';

/** POST /v1/customers/{customerId}/obfuscation. */
export function obfuscationRoute(deps: ApiDeps): ApiRoute {
  return {
    method: 'post',
    path: '/v1/customers/{customerId}/obfuscation',
    summary: 'Replace personal data with fake values at once',
    description:
      'Unlike the erasure, at once and the customer stays: its id, orders, invoices, returns, groups and metrics are kept. Name, ' +
      'email, phone and the attributes marked personal in rules/attributes.yaml (encrypted ones too) get fake values seeded by ' +
      'the customer id — an email under `obfuscated.invalid`, a fictional phone number (+1 NPA 555-01XX), each unique — and ' +
      'notes get fake text; the former values are removed from the attribute history, decision records, import error rows, ' +
      'delivery errors and return requests, every export file is removed, unsent messages are given up. Recorded on the ' +
      'timeline with field names only. Refused (409, naming each in `active` with how to end it) while COD orders, orders in ' +
      'progress, unpaid invoices or an erasure are active. A repeat answers 200 with the same obfuscation (`repeated: true`).',
    tag: 'Customers',
    scope: 'erasure:request',
    query: [],
    requestBody: 'ObfuscationRequest',
    responses: {
      200: { description: 'Obfuscated (or already): the fields and records replaced, never a value.', schema: 'Obfuscation' },
      404: { description: 'No such customer.', schema: 'Problem' },
      409: {
        description: 'Related entities are active (`active`: kind, id, fix), an erasure is pending, or the customer is erased.',
        schema: 'Problem',
      },
    },
    handle: async (req, res) => {
      const body = withActor(res, deps.validator.validate('ObfuscationRequest', req.body), 'requestedBy');
      res.json(await obfuscatePersonalData(deps.db, deps.rules.current, deps.attributeCipher, pathParam(req, 'customerId'), body));
    },
  };
}
