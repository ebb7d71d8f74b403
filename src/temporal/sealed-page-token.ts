/**
 * Temporal's visibility page tokens, sealed before they leave the API: a token Temporal did not issue
 * makes its server answer UNKNOWN ("something went wrong, please retry"), which the client retries for
 * 20 seconds. Sealed with the payload codec (AES-256-GCM under the payload key every process shares),
 * so any API process opens a token another issued, and a forged one is refused at once.
 */
import type { PayloadCodec } from '@temporalio/common';
import { ValidationError } from '../errors';

const sealedEncoding = 'binary/encrypted';

/** Seals a page token (`next` of a list) for a client to send back as `after`. */
export async function sealPageToken(codec: PayloadCodec, token: Uint8Array): Promise<string> {
  const [sealed] = await codec.encode([{ metadata: {}, data: token }]);
  const metadata = Object.fromEntries(
    Object.entries(sealed!.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  );
  return Buffer.from(JSON.stringify({ metadata, data: Buffer.from(sealed!.data!).toString('base64') })).toString('base64url');
}

/** Opens a page token sealed by sealPageToken; anything else is a ValidationError on `after`. */
export async function openPageToken(codec: PayloadCodec, after: string): Promise<Uint8Array> {
  const refused = new ValidationError('The query parameter "after" is not the `next` of an earlier page of this list.', [
    { pointer: '/after', message: 'not a page token of this list' },
  ]);
  let parsed: { metadata?: Record<string, unknown>; data?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw refused;
  }
  const metadata = parsed?.metadata;
  if (typeof metadata !== 'object' || metadata === null || typeof parsed.data !== 'string') throw refused;
  const entries = Object.entries(metadata);
  if (!entries.every((entry): entry is [string, string] => typeof entry[1] === 'string')) throw refused;
  const payload = {
    metadata: Object.fromEntries(entries.map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(parsed.data, 'base64'),
  };
  // Only a sealed token: the codec lets any other payload through unchanged.
  if (Buffer.from(payload.metadata.encoding ?? []).toString() !== sealedEncoding) throw refused;
  try {
    const [opened] = await codec.decode([payload]);
    return opened!.data ?? new Uint8Array();
  } catch {
    throw refused;
  }
}
