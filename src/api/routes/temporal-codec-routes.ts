/** The codec server for the Temporal CLI and Web UI (see src/temporal/codec-endpoint.ts). */
import { runPayloadCodec } from '../../temporal/codec-endpoint';
import type { ApiDeps } from '../api-deps';
import { requirePersonalDataAccess } from '../auth';
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
      403: { description: 'Decoding needs a token listed in API_PERSONAL_DATA_TOKENS.', schema: 'Problem' },
      422: { description: 'A payload of another installation or key.', schema: 'Problem' },
    },
    handle: async (req, res) => {
      // Decrypting reads what histories hold in confidence (an operator's words, a failure's message): the same permission as encrypted attributes.
      if (direction === 'decode') requirePersonalDataAccess(res, deps.personalDataReaders);
      const body = deps.validator.validate('CodecPayloads', req.body);
      res.json({ payloads: await runPayloadCodec(deps.payloadCodec, direction, body.payloads) });
    },
  }));
}
