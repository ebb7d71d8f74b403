/**
 * Re-encryption of stored attribute values after a key rotation, or after an attribute was declared
 * `encrypted: true`: every value of `customers.attributes` and `attribute_changes` that is sealed
 * under a former key, or kept in clear although its attribute is declared encrypted, is sealed
 * again under the current key. Values whose key is no longer configured are counted, not touched.
 *
 * Each row is rewritten by one conditional UPDATE (only if it still holds what was read), so the
 * pass runs alongside writes, in several processes at once, and can be repeated at will.
 */
import { isSealedValue, type AttributeSealer } from '../encryption/attribute-cipher';
import type { Queryable } from './database';

export interface ReencryptionReport {
  /** Id of the key every readable value is now sealed under. */
  currentKeyId: string;
  /** Rows rewritten. */
  customers: number;
  attributeChanges: number;
  /** Values left as they were because their key is not configured, by key id (empty when none). */
  unreadable: Record<string, number>;
}

/** Moves every encrypted attribute value to the current key; returns what it did. */
export async function reencryptAttributeValues(
  db: Queryable,
  sealer: AttributeSealer,
  { batchSize = 200, stopped = () => false }: { batchSize?: number; stopped?: () => boolean } = {},
): Promise<ReencryptionReport> {
  const cipher = sealer.cipher;
  const report: ReencryptionReport = { currentKeyId: cipher.currentKeyId, customers: 0, attributeChanges: 0, unreadable: {} };
  const encryptedIds = [...sealer.encrypted];
  /** The stored form under the current key, or undefined when the value needs nothing (or cannot be read). */
  const resealed = (attributeId: string, value: unknown): unknown => {
    if (value === null || value === undefined) return undefined;
    if (!isSealedValue(value)) return sealer.encrypted.has(attributeId) ? cipher.seal(attributeId, value) : undefined;
    if (value.kid === cipher.currentKeyId) return undefined;
    if (!cipher.canOpen(value)) {
      report.unreadable[value.kid] = (report.unreadable[value.kid] ?? 0) + 1;
      return undefined;
    }
    return cipher.seal(attributeId, cipher.open(attributeId, value));
  };
  // A value needs work when it is sealed under another key, or in clear under an encrypted attribute.
  const needsWork = (value: string, attribute: string) =>
    `(${value} IS NOT NULL AND jsonb_typeof(${value}) NOT IN ('null', 'object') AND ${attribute} = ANY($2::text[]))
     OR (jsonb_typeof(${value}) = 'object' AND ${value} ->> 'alg' = 'A256GCM' AND ${value} ->> 'kid' IS DISTINCT FROM $3)`;

  for (let after = ''; ;) {
    const rows = await db.query<{ id: string; attributes: Record<string, unknown> }>(
      `SELECT c.id, c.attributes FROM customers c
       WHERE c.id > $1 AND EXISTS (SELECT 1 FROM jsonb_each(c.attributes) e WHERE ${needsWork('e.value', 'e.key')})
       ORDER BY c.id LIMIT $4`,
      [after, encryptedIds, cipher.currentKeyId, batchSize],
    );
    for (const row of rows) {
      const before: Record<string, unknown> = {};
      const changes: Record<string, unknown> = {};
      for (const [attributeId, value] of Object.entries(row.attributes)) {
        const next = resealed(attributeId, value);
        if (next === undefined) continue;
        before[attributeId] = value;
        changes[attributeId] = next;
      }
      if (Object.keys(changes).length === 0) continue;
      const updated = await db.query(
        `UPDATE customers SET attributes = attributes || $2::jsonb WHERE id = $1 AND attributes @> $3::jsonb RETURNING 1`,
        [row.id, JSON.stringify(changes), JSON.stringify(before)],
      );
      report.customers += updated.length;
    }
    if (rows.length < batchSize || stopped()) break;
    after = rows.at(-1)!.id;
  }

  for (let after = 0; !stopped();) {
    // As text, so that a JSON null (a value that was not set) stays distinct from SQL NULL.
    const rows = await db.query<{ id: string; attribute: string; old_text: string | null; new_text: string | null }>(
      `SELECT id::text AS id, attribute, old_value::text AS old_text, new_value::text AS new_text FROM attribute_changes
       WHERE id > $1::bigint AND ((${needsWork('old_value', 'attribute')}) OR (${needsWork('new_value', 'attribute')}))
       ORDER BY id LIMIT $4`,
      [after, encryptedIds, cipher.currentKeyId, batchSize],
    );
    for (const row of rows) {
      const oldValue = resealed(row.attribute, row.old_text === null ? null : JSON.parse(row.old_text));
      const newValue = resealed(row.attribute, row.new_text === null ? null : JSON.parse(row.new_text));
      if (oldValue === undefined && newValue === undefined) continue;
      const updated = await db.query(
        `UPDATE attribute_changes
         SET old_value = coalesce($2::jsonb, old_value), new_value = coalesce($3::jsonb, new_value)
         WHERE id = $1::bigint AND old_value::text IS NOT DISTINCT FROM $4::text AND new_value::text IS NOT DISTINCT FROM $5::text RETURNING 1`,
        [row.id, json(oldValue), json(newValue), row.old_text, row.new_text],
      );
      report.attributeChanges += updated.length;
    }
    if (rows.length < batchSize || stopped()) break;
    after = Number(rows.at(-1)!.id);
  }
  return report;
}

/** A replacement value as a jsonb parameter; undefined (nothing to replace) as SQL NULL. */
function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
