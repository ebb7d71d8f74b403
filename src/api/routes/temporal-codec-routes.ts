/** The codec server for the Temporal CLI and Web UI (see src/temporal/codec-endpoint.ts). */
import { runPayloadCodec } from '../../temporal/codec-endpoint';
import type { ApiDeps } from '../api-deps';
import type { ApiRoute } from '../api-route';

/** POST /v1/temporal-codec/encode and /decode. */
export function temporalCodecRoutes(deps: ApiDeps): ApiRoute[] {
  return (['encode', 'decode'] as const).map((direction) => ({
    method: 'post',
    path: `/v1/temporal-codec/${direction}`,
    summary: direction === 'encode' ? 'Encrypt payloads for Temporal (codec server)' : 'Decrypt payloads from Temporal (codec server)',
    description:
      'The codec server protocol of the Temporal CLI and Web UI: `temporal … --codec-endpoint <API>/v1/temporal-codec ' +
      '--codec-auth "Bearer <token>"` reads encrypted answers and histories, and encrypts the input it sends.',
    tag: 'Operations',
    auth: true,
    requestBody: 'CodecPayloads',
    responses: {
      200: { description: 'The payloads, converted.' },
      422: { description: 'A payload of another installation or key.', schema: 'Problem' },
    },
    handle: async (req, res) => {
      const body = deps.validator.validate('CodecPayloads', req.body);
      res.json({ payloads: await runPayloadCodec(deps.payloadCodec, direction, body.payloads) });
    },
  }));
}
