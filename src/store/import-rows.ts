/**
 * One row of an import, applied in the caller's transaction. Returns the reason a row is rejected
 * (for the ERROR column), or undefined when it was applied. Re-applying a row is harmless, so a job
 * resumed after a crash never applies a row twice.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { AttributeSealer } from '../encryption/attribute-cipher';
import { readPhoneNumber } from '../contacts/phone-number';
import { ConflictError, ValidationError } from '../errors';
import { quoteCell } from '../files/read-table-file';
import type { RuleSet } from '../rules/rule-set';
import type { AttributeDefinition } from '../rules/rule-types';
import { checkAttributeValues, columnAttributeIds } from './attribute-values';
import { createCustomer, type Customer } from './customer-store';
import type { Queryable } from './database';
import { assignDefaultProfiles } from './profile-store';
import { objectIdPattern } from './object-id';

/** Columns a customer import may have besides attribute ids. */
export const customerColumns = ['id', 'email', 'phone', 'name', 'active'];

/** The ERROR column of an error file: ignored, so that a corrected error file can be uploaded as it is. */
const errorFileColumn = 'error';

/** The same email check as the API's JSON Schema (ajv-formats "email"), so both accept the same addresses. */
const emailFormat = fullFormats.email as RegExp;

/** The columns of `header` that a customer import does not know. */
export function unknownCustomerColumns(ruleSet: RuleSet, header: string[]): string[] {
  return header.filter(
    (name) => name !== '' && name !== errorFileColumn && !customerColumns.includes(name) && !isSettableAttribute(ruleSet, name),
  );
}

function isSettableAttribute(ruleSet: RuleSet, id: string): boolean {
  const attribute = ruleSet.attributes.get(id);
  return attribute !== undefined && attribute.source === 'attribute' && !columnAttributeIds.has(id);
}

/**
 * Creates one customer from a row, with its attributes; id defaults to one derived from the job and row.
 * Values of attributes declared encrypted are stored sealed by `sealer`.
 */
export async function importCustomerRow(
  db: Queryable,
  ruleSet: RuleSet,
  job: { id: string; requestedBy: string },
  header: string[],
  row: { number: number; cells: string[] },
  sealer: AttributeSealer,
): Promise<string | undefined> {
  const cell = (name: string) => row.cells[header.indexOf(name)]?.trim() ?? '';
  const id = cell('id') || `imp-${job.id.slice(0, 8)}-${row.number}`;
  if (!objectIdPattern.test(id)) return `The id ${quoteCell(id)} may only hold letters, digits, '.', '_', ':' and '-' (at most 128).`;
  const email = cell('email');
  const phone = cell('phone');
  const name = cell('name');
  if (!email && !phone) return 'Give an email or a phone number.';
  if (email && (email.length > 254 || !emailFormat.test(email))) return `${quoteCell(email)} is not an email address.`;
  const phoneReading = phone ? readPhoneNumber(phone, ruleSet.settings.defaultPhoneRegion) : undefined;
  if (phoneReading && !phoneReading.ok) return notAPhoneNumber(phone, phoneReading);
  if (name.length > 200) return `The name has ${name.length} characters; at most 200 fit.`;
  const active = parseBoolean(cell('active'));
  if (active === 'invalid') return `${quoteCell(cell('active'))} in column active is not true or false.`;
  let attributes: Record<string, unknown>;
  try {
    attributes = checkAttributeValues(ruleSet.attributes, typedAttributes(ruleSet, header, row.cells));
  } catch (error) {
    if (error instanceof ValidationError)
      return error.errors.map((problem) => `${problem.pointer.replace('/attributes/', '')} ${problem.message}`).join('; ');
    throw error;
  }
  try {
    const { created, customer } = await createCustomer(db, {
      id,
      ...(email && { email }),
      ...(phoneReading?.ok && { phone: phoneReading.e164 }),
      ...(name && { name }),
      ...(active !== undefined && { active }),
    });
    // The same customer again is harmless, but attributes it does not hold would be silently dropped.
    if (!created) return attributesClash(customer, attributes, sealer);
    const stored = sealer.sealAll(attributes);
    await db.query('UPDATE customers SET attributes = $2 WHERE id = $1', [id, JSON.stringify(stored)]);
    for (const [attribute, value] of Object.entries(stored)) {
      await db.query(
        'INSERT INTO attribute_changes (customer_id, attribute, old_value, new_value, changed_by) VALUES ($1, $2, NULL, $3, $4)',
        [id, attribute, JSON.stringify(value), `import:${job.id}`],
      );
    }
    await assignDefaultProfiles(db, ruleSet, id);
    return undefined;
  } catch (error) {
    if (error instanceof ConflictError) return seedStyleConflict(error, email, phoneReading?.ok ? phoneReading.e164 : phone);
    throw error;
  }
}

function attributesClash(existing: Customer, attributes: Record<string, unknown>, sealer: AttributeSealer): string | undefined {
  const differing = Object.keys(attributes).filter((id) => !sealer.holds(id, existing.attributes[id], attributes[id]));
  if (differing.length === 0) return undefined;
  return `Customer ${existing.id} already exists with other values for ${differing.join(', ')}; an import only creates customers. Change them with PATCH /v1/customers/${existing.id}.`;
}

/** The row's phone cell is no phone number: what is wrong and how to write it, as the API says it. */
function notAPhoneNumber(cell: string, reading: { reason: string; fix: string }): string {
  return `${quoteCell(cell)} is not a phone number: ${reading.reason}; ${reading.fix}.`;
}

/** The seed's wording for duplicates: "An account already exists with this email: …". */
function seedStyleConflict(error: ConflictError, email: string, phone: string): string {
  if (error.extensions.field === 'email') return `An account already exists with this email: ${email}`;
  if (error.extensions.field === 'phone') return `An account already exists with this phone number: ${phone}`;
  return error.detail;
}

/** Cell texts turned into typed attribute values (empty cells are left out). */
function typedAttributes(ruleSet: RuleSet, header: string[], cells: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  header.forEach((name, index) => {
    const attribute = ruleSet.attributes.get(name);
    const text = cells[index]?.trim() ?? '';
    if (!attribute || !isSettableAttribute(ruleSet, name) || text === '') return;
    values[name] = typedValue(attribute, text);
  });
  return values;
}

function typedValue(attribute: AttributeDefinition, text: string): unknown {
  if (attribute.type === 'number') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (attribute.type === 'boolean') {
    const parsed = parseBoolean(text);
    return parsed === 'invalid' ? text : parsed;
  }
  return text;
}

function parseBoolean(text: string): boolean | undefined | 'invalid' {
  if (text === '') return undefined;
  const lowered = text.toLowerCase();
  if (['true', 'yes', '1'].includes(lowered)) return true;
  if (['false', 'no', '0'].includes(lowered)) return false;
  return 'invalid';
}

/**
 * Adds the customer named by the row's email or phone to a static group. The phone is read as the
 * customer import reads it (E.164, `phoneRegion` for numbers without country code), so any way of
 * writing a customer's number finds them.
 */
export async function importGroupMemberRow(
  db: Queryable,
  groupId: string,
  header: string[],
  row: { cells: string[] },
  { replaceMembers = false, phoneRegion }: { replaceMembers?: boolean; phoneRegion?: string | undefined } = {},
): Promise<string | undefined> {
  const cell = (name: string) => (header.includes(name) ? (row.cells[header.indexOf(name)]?.trim() ?? '') : '');
  const email = cell('email');
  const phone = cell('phone');
  if (!email && !phone) return 'Give the email or the phone number of an existing customer.';
  let e164 = '';
  if (!email) {
    const reading = readPhoneNumber(phone, phoneRegion);
    if (!reading.ok) return notAPhoneNumber(phone, reading);
    e164 = reading.e164;
  }
  const [customer] = email
    ? await db.query<{ id: string }>(`SELECT id FROM customers WHERE lower(email) = lower($1) AND erasure_state <> 'erased'`, [email])
    : await db.query<{ id: string }>(`SELECT id FROM customers WHERE phone = $1 AND erasure_state <> 'erased'`, [e164]);
  if (!customer) return email ? `No customer has this email: ${email}` : `No customer has this phone number: ${phone}`;
  if (replaceMembers) await db.query('DELETE FROM static_group_members WHERE group_id = $1', [groupId]);
  await db.query('INSERT INTO static_group_members (group_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [groupId, customer.id]);
  return undefined;
}
