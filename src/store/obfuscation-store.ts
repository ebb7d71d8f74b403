/**
 * The database side of an obfuscation (seed 003): the customer's personal values replaced at once by
 * fake ones that the caller generates, and the related records holding former values replaced or
 * removed — the places the erasure walks (erasure-store.ts), so that the two never drift — in one
 * transaction under the customer's row lock. Refused while anything that blocks an erasure is active,
 * or an erasure is pending. The customer keeps its id, orders, invoices, returns and metrics.
 */
import { randomUUID } from 'node:crypto';
import type { AttributeSealer } from '../encryption/attribute-cipher';
import { ConflictError } from '../errors';
import { lockCustomer, type Customer } from './customer-store';
import type { Database, Queryable } from './database';
import { forgetIdempotentAnswersOf } from './idempotency-store';
import {
  activeEntities,
  deleteImportErrorRowsNaming,
  pendingRequestOf,
  relatedPersonalRecords,
  removeExportFiles,
  scrubMergedDuplicates,
  type ActiveEntity,
} from './erasure-store';
import { appendTimeline } from './timeline-store';

/** Fake values for one customer, the same at every call, so that a repeated obfuscation changes nothing. */
export interface CustomerFakes {
  /** The fake email to hold instead of `current`: attempt 0, then 1, 2… while other customers hold the earlier ones. */
  email(current: string, attempt: number): string;
  /** The fake phone number (E.164) to hold instead of `current`, tried as the email is. */
  phone(current: string, attempt: number): string;
  name(): string;
  /** The clear fake value of attribute `id`. */
  attribute(id: string): unknown;
  /** The fake text of note `noteId`. */
  note(noteId: string): string;
}

/** What an obfuscation replaces, and with what. */
export interface ObfuscationPlan {
  /** Ids of the attributes marked personal in rules/attributes.yaml (those kept in `customers.attributes`). */
  personalAttributes: readonly string[];
  /** Seals the fake values of attributes declared encrypted, and tells whether a stored value already holds its fake. */
  sealer: AttributeSealer;
  fakes: CustomerFakes;
}

/** An obfuscation as recorded: field names and record counts, never a value. */
export interface ObfuscationRecord {
  obfuscationId: string;
  customerId: string;
  requestedBy: string;
  reason: string;
  obfuscatedAt: string;
  /** `email`, `phone`, `name` and `attributes.<id>` that now hold fake values. */
  replacedFields: string[];
  /** Related records replaced or removed, by kind (the erasure's kinds). */
  replacedRecords: Record<string, number>;
}

/** How many other values are tried before a fake contact held by another customer is given up. */
const maxContactAttempts = 25;

/**
 * Replaces the customer's personal data with the plan's fake values and records it (timeline and
 * customer_obfuscations). A request that finds nothing left to replace, after an earlier obfuscation,
 * answers that one (`repeated: true`) and writes nothing.
 */
export async function obfuscateCustomer(
  db: Database,
  customerId: string,
  request: { requestedBy: string; reason: string },
  plan: ObfuscationPlan,
): Promise<{ record: ObfuscationRecord; repeated: boolean }> {
  return db.transaction(async (tx) => {
    const customer = await lockCustomer(tx, customerId);
    await refuseWhileActive(tx, customer);
    const { values, fields } = await fakeCustomerValues(tx, customer, plan);
    const noteIds = await tx.query<{ id: string }>('SELECT id::text AS id FROM customer_notes WHERE customer_id = $1', [customerId]);
    const target = {
      customerId,
      personalAttributes: plan.personalAttributes,
      noteTexts: Object.fromEntries(noteIds.map(({ id }) => [id, plan.fakes.note(id)])),
    };
    // Found by the former contacts, so before they are replaced.
    const records: Record<string, number> = { importErrorRows: await deleteImportErrorRowsNaming(tx, customer) };
    await forgetIdempotentAnswersOf(tx, customerId);
    for (const [kind, place] of Object.entries(relatedPersonalRecords)) records[kind] = await place.obfuscate(tx, target);
    records.mergedDuplicates = await scrubMergedDuplicates(tx, customerId, plan.personalAttributes, true);
    const [contacts] = await tx.query<{ n: number }>('SELECT jsonb_array_length(merged_contacts) AS n FROM customers WHERE id = $1', [
      customerId,
    ]);
    records.mergedContacts = contacts!.n;
    const changed = fields.length > 0 || Object.values(records).some((n) => n > 0);
    // Any export file may list the former values; once nothing is replaced, files written since hold only fake ones.
    records.exportFiles = changed ? await removeExportFiles(tx) : 0;
    if (!changed) {
      const previous = await latestObfuscationOf(tx, customer);
      if (previous) return { record: previous, repeated: true };
    }
    await tx.query(
      `UPDATE customers SET email = $2, phone = $3, name = $4, attributes = $5, merged_contacts = '[]', updated_at = now() WHERE id = $1`,
      [customerId, values.email, values.phone, values.name, JSON.stringify(values.attributes)],
    );
    const obfuscationId = randomUUID();
    const [row] = await tx.query<ObfuscationRow>(
      `INSERT INTO customer_obfuscations (id, customer_id, requested_by, reason, replaced_fields, replaced_records)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${obfuscationColumns}`,
      [obfuscationId, customerId, request.requestedBy, request.reason, JSON.stringify(fields), JSON.stringify(records)],
    );
    await appendTimeline(tx, {
      customerId,
      eventKey: `obfuscation:${obfuscationId}`,
      kind: 'customer-obfuscated',
      detail: { obfuscationId, requestedBy: request.requestedBy, replacedFields: fields, replacedRecords: records },
    });
    return { record: toRecord(row!), repeated: false };
  });
}

/** Refuses an erased customer, and one with an erasure pending or related entities active, naming each with how to end it. */
async function refuseWhileActive(tx: Queryable, customer: Customer): Promise<void> {
  if (customer.erasureState === 'erased') {
    throw new ConflictError(`Customer ${customer.id}'s personal data is erased; there is nothing left to obfuscate.`, {
      erasureState: 'erased',
    });
  }
  const active: ActiveEntity[] = [];
  const erasure = await pendingRequestOf(tx, customer.id);
  if (erasure || customer.erasureState === 'pending') {
    active.push({
      kind: 'erasure',
      id: erasure?.requestId ?? 'unknown',
      fix:
        `cancel it with POST /v1/customers/${encodeURIComponent(customer.id)}/erasure/cancel, ` +
        'or let it remove the personal data when its grace period ends',
    });
  }
  active.push(...(await activeEntities(tx, customer.id)));
  if (active.length === 0) return;
  const names = { 'cod-order': 'COD order', order: 'order', invoice: 'unpaid invoice', erasure: 'erasure request' };
  throw new ConflictError(
    `Customer ${customer.id} cannot be obfuscated while related entities are active (nothing was changed): ` +
      `${active.map((entity) => `${names[entity.kind]} ${entity.id} — ${entity.fix}`).join('; ')}. Then repeat the request.`,
    { active },
  );
}

/** The customer's fields and attributes once obfuscated, and the names of those that change. */
async function fakeCustomerValues(tx: Queryable, customer: Customer, plan: ObfuscationPlan) {
  const fields: string[] = [];
  const email = customer.email === null ? null : await freeContact(tx, customer, 'email', (n) => plan.fakes.email(customer.email!, n));
  const phone = customer.phone === null ? null : await freeContact(tx, customer, 'phone', (n) => plan.fakes.phone(customer.phone!, n));
  const name = customer.name === null ? null : plan.fakes.name();
  if (email !== customer.email) fields.push('email');
  if (phone !== customer.phone) fields.push('phone');
  if (name !== customer.name) fields.push('name');
  const attributes = { ...customer.attributes };
  for (const id of plan.personalAttributes) {
    const stored = attributes[id];
    if (stored === undefined || stored === null) continue;
    const fake = plan.fakes.attribute(id);
    if (plan.sealer.holds(id, stored, fake)) continue;
    attributes[id] = plan.sealer.seal(id, fake);
    fields.push(`attributes.${id}`);
  }
  return { values: { email, phone, name, attributes }, fields };
}

/** The first fake value of `field` that no other customer holds (emails compared in any letter case, as the unique index does). */
async function freeContact(
  tx: Queryable,
  customer: Customer,
  field: 'email' | 'phone',
  fakeAt: (attempt: number) => string,
): Promise<string> {
  const holder = field === 'email' ? 'lower(email) = lower($2)' : 'phone = $2';
  for (let attempt = 0; attempt < maxContactAttempts; attempt++) {
    const value = fakeAt(attempt);
    // Two obfuscations drawing the same value wait for each other here, so the second sees the first's.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`obfuscation:${field}:${value.toLowerCase()}`]);
    const [taken] = await tx.query(`SELECT 1 FROM customers WHERE id <> $1 AND ${holder}`, [customer.id, value]);
    if (!taken) return value;
  }
  throw new ConflictError(
    `Customer ${customer.id} cannot be obfuscated: the ${maxContactAttempts} fake ${field} values tried are all held by other customers. ` +
      'Report it: the range of fictional values is nearly used up.',
    { field },
  );
}

/** The customer's latest obfuscation, if it was made on this customer (not on one deleted before under the same id). */
async function latestObfuscationOf(tx: Queryable, customer: Customer): Promise<ObfuscationRecord | undefined> {
  const [row] = await tx.query<ObfuscationRow>(
    `SELECT ${obfuscationColumns} FROM customer_obfuscations WHERE customer_id = $1 AND obfuscated_at >= $2
     ORDER BY obfuscated_at DESC LIMIT 1`,
    [customer.id, customer.createdAt],
  );
  return row && toRecord(row);
}

const obfuscationColumns = 'id, customer_id, requested_by, reason, obfuscated_at, replaced_fields, replaced_records';

interface ObfuscationRow {
  id: string;
  customer_id: string;
  requested_by: string;
  reason: string;
  obfuscated_at: Date;
  replaced_fields: string[];
  replaced_records: Record<string, number>;
}

function toRecord(row: ObfuscationRow): ObfuscationRecord {
  return {
    obfuscationId: row.id,
    customerId: row.customer_id,
    requestedBy: row.requested_by,
    reason: row.reason,
    obfuscatedAt: new Date(row.obfuscated_at).toISOString(),
    replacedFields: row.replaced_fields,
    replacedRecords: row.replaced_records,
  };
}
