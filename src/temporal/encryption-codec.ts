/**
 * Encrypts every payload that Temporal stores — workflow inputs, results, signals, queries, memos,
 * failure messages — with AES-256-GCM under a key from configuration, on client and worker alike
 * (after temporalio/samples-typescript "encryption"). Old keys stay usable for decoding, so a key
 * can be rotated without breaking running workflows.
 */
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// @temporalio/proto is CommonJS: under Node's ESM loader only its default export is visible.
const PayloadMessage = proto.temporal.api.common.v1.Payload;
const encoding = 'binary/encrypted';
const keyIdKey = 'encryption-key-id';
const ivLength = 12;
const tagLength = 16;
const text = new TextEncoder();
const fromText = new TextDecoder();

/** A short, non-secret name of a key: the start of its SHA-256. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export class EncryptionCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;
  private readonly currentId: string;

  /** `current` encrypts; `current` and `previous` decrypt. Keys are 32 bytes. */
  constructor(current: Buffer, previous: Buffer[] = []) {
    this.currentId = keyId(current);
    this.keys = new Map([current, ...previous].map((key) => [keyId(key), key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(ivLength);
      const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
      const plain = PayloadMessage.encode(payload).finish();
      const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: text.encode(encoding), [keyIdKey]: text.encode(this.currentId) },
        data: Buffer.concat([iv, cipher.getAuthTag(), sealed]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (!payload.metadata || fromText.decode(payload.metadata[METADATA_ENCODING_KEY]) !== encoding) return payload;
      const id = fromText.decode(payload.metadata[keyIdKey]);
      const key = this.keys.get(id);
      if (!key) throw new Error(`A payload is encrypted with key ${id}, which is not configured: add it to RULEBOOK_PAYLOAD_OLD_KEYS.`);
      const data = Buffer.from(payload.data!);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, ivLength));
      decipher.setAuthTag(data.subarray(ivLength, ivLength + tagLength));
      const plain = Buffer.concat([decipher.update(data.subarray(ivLength + tagLength)), decipher.final()]);
      return PayloadMessage.decode(plain);
    });
  }
}
