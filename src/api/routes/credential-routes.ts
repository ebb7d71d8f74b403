/** API credentials (make, list, revoke) and the audit trail: who may do what, and who did what. */
import { pageQuery, pageParameters } from '../page-query';
import { auditTrailCsv, auditTrailPage } from '../../use-cases/audit-trail';
import { createCredential, credentials, revokeCredentialNamed } from '../../use-cases/credentials';
import { ValidationError } from '../../errors';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { callerOf } from '../auth';
import { actorOf } from '../actor';
import { responseSchemas } from '../response-schemas';

/** POST/GET /v1/credentials, POST /v1/credentials/{credentialName}/revoke, GET /v1/audit. */
export function credentialRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: 'post',
      path: '/v1/credentials',
      summary: 'Make an API credential with a name and scopes; its token is shown once',
      description:
        'The token is in this answer only (`Cache-Control: no-store`); Rulebook keeps its SHA-256. The name is what timelines and ' +
        'the audit trail record as the actor. A credential holds at most the scopes of the credential that makes it.',
      tag: 'Access',
      scope: 'credentials:admin',
      auditedBodyIds: ['name'],
      query: [],
      requestBody: 'CredentialCreate',
      responses: {
        201: { description: 'The credential, with its `token`.', schema: responseSchemas.credentialWithToken },
        409: { description: 'The name is (or was) in use.', schema: 'Problem' },
        422: { description: 'A bad name, an unknown scope, or a scope the maker does not hold.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const body = deps.validator.validate('CredentialCreate', req.body);
        const maker = callerOf(res)!;
        const made = await createCredential(deps.db, body, { name: actorOf(res, 'createdBy', undefined), scopes: maker.scopes });
        res.status(201).setHeader('Cache-Control', 'no-store').json(made);
      },
    },
    {
      method: 'get',
      path: '/v1/credentials',
      summary: 'Every credential, revoked ones too, without tokens',
      tag: 'Access',
      scope: 'credentials:admin',
      query: [],
      responses: { 200: { description: 'By name.', schema: responseSchemas.credentialList } },
      handle: async (_req, res) => {
        res.json(await credentials(deps.db));
      },
    },
    {
      method: 'post',
      path: '/v1/credentials/{credentialName}/revoke',
      summary: 'Revoke a credential: its token stops working within 5 seconds',
      description:
        'The credential stays listed, with who revoked it and when: the audit trail keeps naming it. A repeat answers it unchanged.',
      tag: 'Access',
      scope: 'credentials:admin',
      query: [],
      responses: {
        200: { description: 'The credential, revoked.', schema: responseSchemas.credential },
        404: { description: 'No credential of that name.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(await revokeCredentialNamed(deps.db, pathParam(req, 'credentialName'), actorOf(res, 'revokedBy', undefined)));
      },
    },
    {
      method: 'get',
      path: '/v1/audit',
      summary: 'The audit trail: every write through the API, who made it, when, and how it ended',
      description:
        'Oldest first, paged with `limit` and `after` (the `next` of the previous page); `actor` keeps one credential. Each entry: ' +
        'the credential (`actor`) and the person it acted for (`onBehalfOf`), the method and route pattern, the ids in the path, ' +
        'the status and `outcome` (done, refused, failed), the request id. Reads that reveal personal data (encrypted attributes, ' +
        'export files, rejected import rows) are recorded too, and writes refused before a route is chosen (token, rate limit). ' +
        'Never a personal value. Append-only: no route changes it, and the database refuses UPDATE, DELETE and TRUNCATE from the application. ' +
        '`format=csv` answers the page as CSV.',
      tag: 'Access',
      scope: 'audit:read',
      query: [
        ...pageParameters,
        { name: 'actor', description: 'Only the entries of this credential.' },
        { name: 'format', description: '`json` (the default) or `csv`.', enum: ['json', 'csv'] },
      ],
      responses: {
        200: { description: 'A page of entries.', schema: responseSchemas.auditTrail, contentType: ['application/json', 'text/csv'] },
        422: { description: 'A malformed `limit`, `after` or `format`.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const query = req.query as Record<string, unknown>;
        const { limit, after } = pageQuery(query);
        if (after !== undefined && !/^[0-9]{1,18}$/.test(after)) {
          throw new ValidationError('"after" must be the `next` of the previous page (a whole number).', [
            { pointer: '/after', message: 'must be a whole number' },
          ]);
        }
        const format = query.format ?? 'json';
        if (format !== 'json' && format !== 'csv') {
          throw new ValidationError('"format" must be json or csv.', [{ pointer: '/format', message: 'must be json or csv' }]);
        }
        const page = await auditTrailPage(deps.db, {
          limit,
          ...(after !== undefined && { after: Number(after) }),
          ...(typeof query.actor === 'string' && { actor: query.actor }),
        });
        if (format === 'json') return res.json(page);
        res.type('text/csv').send(await auditTrailCsv(page.entries));
      },
    },
  ];
}
