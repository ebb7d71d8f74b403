/**
 * Encryption at rest of the attributes declared `encrypted: true` in rules/attributes.yaml — the one
 * place that handles their keys.
 *
 * A value is kept as `{"alg": "A256GCM", "kid": "<key id>", "data": "<base64 of iv ‖ tag ‖ ciphertext>"}`:
 * AES-256-GCM over the value's JSON, under a key derived (HKDF-SHA256) from the payload key
 * (RULEBOOK_PAYLOAD_KEY), with the attribute id as additional data so that a sealed value cannot be
 * passed off as another attribute. `kid` is the payload key's id — the same short hash the Temporal
 * payload codec writes — so one key list (RULEBOOK_PAYLOAD_KEY + RULEBOOK_PAYLOAD_OLD_KEYS) opens both,
 * and a rotation works the same way: values sealed under a former key stay readable while that key is
 * listed, and re-encryption (src/store/encrypted-attribute-store.ts) moves them to the current key.
 * Plain attribute values are scalars, so a sealed value (an object) is never mistaken for one.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { RulebookError } from '../errors';
import type { AttributeDefinition } from '../rules/rule-types';
import { keyId } from '../temporal/encryption-codec';

/** A value as stored in `customers.attributes` and `attribute_changes` for an encrypted attribute. */
export interface SealedValue {
  alg: 'A256GCM';
  /** Id of the payload key it is sealed under (first 12 hex digits of the key's SHA-256). */
  kid: string;
  /** base64 of 12-byte IV, 16-byte GCM tag, ciphertext. */
  data: string;
}

/** What every API response shows in place of an encrypted attribute's value. */
export const maskedValue = Object.freeze({ encrypted: true });

const algorithm = 'A256GCM';
const ivLength = 12;
const tagLength = 16;
const derivationInfo = 'rulebook attribute values v1';

/** A sealed value names a key that is not configured: it cannot be read until the key is listed again. */
export class EncryptionKeyMissingError extends RulebookError {
  readonly code = 'encryption-key-missing';
  readonly title = 'Encryption key missing';
}

/** Whether a stored attribute value is sealed (rather than a plain scalar). */
export function isSealedValue(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Record<string, unknown>;
  return candidate.alg === algorithm && typeof candidate.kid === 'string' && typeof candidate.data === 'string';
}

/** Seals and opens attribute values under the payload keys: the current one seals, every listed one opens. */
export class AttributeCipher {
  /** Id of the key new values are sealed under. */
  readonly currentKeyId: string;
  private readonly keys: Map<string, Buffer>;

  /** `current` and `previous` are payload keys (32 bytes), as configured for the Temporal codec. */
  constructor(current: Buffer, previous: Buffer[] = []) {
    this.currentKeyId = keyId(current);
    this.keys = new Map([current, ...previous].map((key) => [keyId(key), deriveKey(key)]));
  }

  /** Seals `value` of attribute `attributeId` under the current key. */
  seal(attributeId: string, value: unknown): SealedValue {
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(additionalData(attributeId));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { alg: algorithm, kid: this.currentKeyId, data: Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64') };
  }

  /** The clear value; throws EncryptionKeyMissingError when its key is not configured. */
  open(attributeId: string, sealed: SealedValue): unknown {
    const key = this.keys.get(sealed.kid);
    if (!key) {
      throw new EncryptionKeyMissingError(
        `A value of the encrypted attribute "${attributeId}" is sealed under key ${sealed.kid}, which is not configured. ` +
          `Add that key to RULEBOOK_PAYLOAD_OLD_KEYS and restart, then run "rulebook re-encrypt" to move such values to the current key (docs/operations.md).`,
        { keyId: sealed.kid },
      );
    }
    const data = Buffer.from(sealed.data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, ivLength));
    decipher.setAAD(additionalData(attributeId));
    decipher.setAuthTag(data.subarray(ivLength, ivLength + tagLength));
    const plain = Buffer.concat([decipher.update(data.subarray(ivLength + tagLength)), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  }

  /** Whether the key of a sealed value is configured. */
  canOpen(sealed: SealedValue): boolean {
    return this.keys.has(sealed.kid);
  }

  /** Stored values as the store writes them, for the attributes of `catalog`. */
  forCatalog(catalog: ReadonlyMap<string, AttributeDefinition>): AttributeSealer {
    return new AttributeSealer(
      this,
      new Set([...catalog.values()].filter((attribute) => attribute.encrypted).map((attribute) => attribute.id)),
    );
  }
}

/** Turns clear attribute values into stored ones (sealed where the attribute is declared encrypted) and compares them. */
export class AttributeSealer {
  constructor(
    readonly cipher: AttributeCipher,
    /** Ids of the attributes declared `encrypted: true`. */
    readonly encrypted: ReadonlySet<string>,
  ) {}

  /** The stored form: sealed for an encrypted attribute (a value already sealed stays as it is); null and others as they are. */
  seal(attributeId: string, value: unknown): unknown {
    if (value === null || value === undefined || isSealedValue(value) || !this.encrypted.has(attributeId)) return value;
    return this.cipher.seal(attributeId, value);
  }

  /** Every value of `values` in its stored form. */
  sealAll(values: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(values).map(([id, value]) => [id, this.seal(id, value)]));
  }

  /** Whether a stored value holds `value`; a value sealed under a key that is not configured counts as different. */
  holds(attributeId: string, stored: unknown, value: unknown): boolean {
    if (!isSealedValue(stored)) return JSON.stringify(stored ?? null) === JSON.stringify(value ?? null);
    if (value === null || value === undefined) return false;
    if (!this.cipher.canOpen(stored)) return false;
    return JSON.stringify(this.cipher.open(attributeId, stored)) === JSON.stringify(value);
  }
}

/** Attribute values as API responses show them: every encrypted one (sealed, or declared encrypted) masked. */
export function maskEncryptedValues(
  attributes: Record<string, unknown>,
  catalog: ReadonlyMap<string, AttributeDefinition>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).map(([id, value]) => [id, maskEncryptedValue(id, value, catalog)]));
}

/** One value as API responses show it (null stays null: "not set" is not a secret). */
export function maskEncryptedValue(attributeId: string, value: unknown, catalog: ReadonlyMap<string, AttributeDefinition>): unknown {
  if (value === null || value === undefined) return value;
  return isSealedValue(value) || catalog.get(attributeId)?.encrypted ? maskedValue : value;
}

function deriveKey(payloadKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', payloadKey, Buffer.alloc(0), derivationInfo, 32));
}

function additionalData(attributeId: string): Buffer {
  return Buffer.from(`rulebook attribute ${attributeId}`, 'utf8');
}
