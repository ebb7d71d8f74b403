/** The codec server for the Temporal CLI and Web UI (see src/temporal/codec-endpoint.ts). */
import { runPayloadCodec } from '../../temporal/codec-endpoint';
import type { ApiDeps } from '../api-deps';
import type { ApiRoute } from '../api-route';
import { temporalCodecPath } from '../temporal-ui-access';
import { ValidationError } from '../../errors';
import { responseSchemas } from '../response-schemas';

/** POST /v1/temporal-codec/encode and /decode. */
export function temporalCodecRoutes(deps: ApiDeps): ApiRoute[] {
  return (['encode', 'decode'] as const).map((direction) => ({
    method: 'post',
    path: `${temporalCodecPath}/${direction}`,
    summary: direction === 'encode' ? 'Encrypt payloads for Temporal (codec server)' : 'Decrypt payloads from Temporal (codec server)',
    description:
      'The codec server protocol of the Temporal CLI and Web UI: `temporal … --codec-endpoint <API>/v1/temporal-codec ' +
      '--codec-auth "Bearer <token>"` reads encrypted answers and histories, and encrypts the input it sends.',
    tag: 'Operations',
    // Decrypting reads what histories hold in confidence (an operator's words, a failure's message): the same permission as encrypted attributes.
    scope: direction === 'decode' ? 'customers:read-personal' : 'operations:read',
    query: [],
    requestBody: 'CodecPayloads',
    responses: {
      200: { description: 'The payloads, converted.', schema: responseSchemas.codecPayloads },
      403: { description: 'Decoding needs the scope customers:read-personal (or the token `npm start` generated).', schema: 'Problem' },
      422: { description: 'A payload of another installation or key.', schema: 'Problem' },
    },
    handle: async (req, res) => {
      requireOwnNamespace(req.get('x-namespace'), deps.temporal.options.namespace);
      // The protocol's JSON leaves out an empty list: the CLI sends `{}` for a query without arguments.
      const body = deps.validator.validate('CodecPayloads', withPayloadList(req.body));
      res.json({ payloads: await runPayloadCodec(deps.payloadCodec, direction, body.payloads) });
    },
  }));
}

/**
 * The Web UI names the namespace whose payloads it sends (`X-Namespace`); this codec holds the keys of
 * Rulebook's namespace only, so another namespace's payloads are refused rather than passed through.
 */
function requireOwnNamespace(namespace: string | undefined, own: string): void {
  if (namespace !== undefined && namespace !== own) {
    throw new ValidationError(`This codec server serves the Temporal namespace "${own}", not "${namespace}".`, [
      { pointer: '/payloads', message: `payloads of namespace ${namespace}` },
    ]);
  }
}

/** `{}` (or no body) as `{"payloads": []}`, as protobuf's JSON form means it. */
function withPayloadList(body: unknown): unknown {
  if (body === undefined || body === null || (typeof body === 'object' && !Array.isArray(body) && !('payloads' in body))) {
    return { ...(body as object | undefined), payloads: [] };
  }
  return body;
}
