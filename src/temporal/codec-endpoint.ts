/**
 * A codec server for the Temporal CLI and Web UI (`--codec-endpoint`): they send payloads as JSON
 * and get them back decrypted — what a workflow answered, its history — or, for the input an
 * operator gives, encrypted like Rulebook's own, so that it is not left readable in the history.
 * It sits behind the API's token: histories hold ids and operators' words, never personal data.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { ValidationError } from '../errors';

/** A payload as the codec protocol carries it: metadata values and data in base64. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** Encodes or decodes `payloads` with Rulebook's payload codec, in the codec protocol's JSON form. */
export async function runPayloadCodec(
  codec: PayloadCodec,
  direction: 'encode' | 'decode',
  payloads: JsonPayload[],
): Promise<JsonPayload[]> {
  const binary = payloads.map(fromJson);
  let converted: Payload[];
  try {
    converted = direction === 'encode' ? await codec.encode(binary) : await codec.decode(binary);
  } catch (error) {
    throw new ValidationError(`A payload could not be ${direction}d: ${(error as Error).message}`, [
      { pointer: '/payloads', message: 'not a payload of this installation' },
    ]);
  }
  return converted.map(toJson);
}

function fromJson(payload: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(payload.data ?? '', 'base64'),
  };
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? new Uint8Array()).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}
