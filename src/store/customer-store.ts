/** Customers: creation that is idempotent by id, unique email and phone, look-up, row locks and changes. */
import type { AttributeSealer } from '../encryption/attribute-cipher';
import { ConflictError, NotFoundError } from '../errors';
import type { Database, Queryable } from './database';

export type ErasureState = 'none' | 'pending' | 'erased';

export interface Customer {
  id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  active: boolean;
  erasureState: ErasureState;
  /**
   * Typed attributes, as declared in rules/attributes.yaml, as stored: the values of encrypted
   * attributes are sealed (src/encryption/attribute-cipher.ts); mask them before showing a customer.
   */
  attributes: Record<string, unknown>;
  /** Set when this customer was merged into another (the survivor). */
  mergedInto: string | null;
  /** Whether cash on delivery is allowed, per sales channel. */
  codEnabled: { pos: boolean; storefront: boolean };
  createdAt: string;
  updatedAt: string;
}

export interface NewCustomer {
  id: string;
  email?: string;
  phone?: string;
  name?: string;
  active?: boolean;
}

export interface CustomerRow {
  id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  active: boolean;
  erasure_state: ErasureState;
  attributes: Record<string, unknown>;
  merged_into: string | null;
  cod_enabled: { pos: boolean; storefront: boolean };
  created_at: Date;
  updated_at: Date;
}

export const customerColumns =
  'id, email, phone, name, active, erasure_state, attributes, merged_into, cod_enabled, created_at, updated_at';

/**
 * Creates a customer. Repeating the same request changes nothing and returns the stored customer;
 * the same id with other values, or an email or phone that another customer holds, is a conflict.
 */
export async function createCustomer(db: Queryable, input: NewCustomer): Promise<{ customer: Customer; created: boolean }> {
  const wanted = normalise(input);
  // ON CONFLICT DO NOTHING covers the id, email and phone constraints without raising, which would
  // abort an enclosing PostgreSQL transaction; the clash is worked out afterwards.
  const inserted = await db.query<CustomerRow>(
    `INSERT INTO customers (id, email, phone, name, active) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING ${customerColumns}`,
    [wanted.id, wanted.email, wanted.phone, wanted.name, wanted.active],
  );
  if (inserted[0]) return { customer: toCustomer(inserted[0]), created: true };
  const [sameId] = await db.query<CustomerRow>(`SELECT ${customerColumns} FROM customers WHERE id = $1`, [wanted.id]);
  if (!sameId) throw await clashError(db, wanted);
  const existing = toCustomer(sameId);
  if (!sameCustomer(existing, wanted)) {
    throw new ConflictError(
      `Customer ${wanted.id} already exists with different values. Send the same body to repeat the creation, ` +
        `or change the customer with PATCH /v1/customers/${wanted.id}.`,
      { customerId: wanted.id },
    );
  }
  return { customer: existing, created: false };
}

/** Returns the customer or throws NotFoundError. */
export async function getCustomer(db: Queryable, id: string): Promise<Customer> {
  const [row] = await db.query<CustomerRow>(`SELECT ${customerColumns} FROM customers WHERE id = $1`, [id]);
  if (!row) throw unknownCustomer(id);
  return toCustomer(row);
}

/**
 * What a customer's orders, invoices and COD holds add up to, as group conditions see them (the
 * customer_facts row the triggers of migrations 0016 and 0017 keep); amounts in the settings currency.
 */
export interface CustomerMetrics {
  totalSpent: number;
  transactionCount: number;
  averageTransactionValue: number | null;
  lastTransactionValue: number | null;
  lastTransactionAt: string | null;
  /** The day of `lastTransactionAt` in the time zone asked for, as the fact last_transaction_date. */
  lastTransactionDate: string | null;
  outstandingAmount: number;
  codHeldAmount: number;
}

/**
 * The customer and its metrics in one statement (the facts row joined to the customer's), the last
 * transaction's day taken in `timeZone`; NotFoundError when there is no such customer. An erasure
 * keeps the facts row, orders and invoices (accounting, no personal data): an erased customer keeps its metrics.
 */
export async function getCustomerWithMetrics(
  db: Queryable,
  id: string,
  timeZone: string,
): Promise<{ customer: Customer; metrics: CustomerMetrics }> {
  const columns = customerColumns
    .split(',')
    .map((column) => `c.${column.trim()}`)
    .join(', ');
  // Every customer has a facts row (a trigger inserts it with the customer); the left join and the
  // coalesces only keep a read working should one be missing.
  const [row] = await db.query<CustomerRow & Record<string, unknown>>(
    `SELECT ${columns}, coalesce(f.total_spent, 0) AS total_spent, coalesce(f.transaction_count, 0) AS transaction_count,
       f.average_transaction_value, f.last_transaction_value, f.last_transaction_at,
       to_char(f.last_transaction_at AT TIME ZONE $2::text, 'YYYY-MM-DD') AS last_transaction_date,
       coalesce(f.outstanding_amount, 0) AS outstanding_amount, coalesce(f.cod_held_amount, 0) AS cod_held_amount
     FROM customers c LEFT JOIN customer_facts f ON f.customer_id = c.id WHERE c.id = $1`,
    [id, timeZone],
  );
  if (!row) throw unknownCustomer(id);
  return {
    customer: toCustomer(row),
    metrics: {
      totalSpent: row.total_spent as number,
      transactionCount: row.transaction_count as number,
      averageTransactionValue: row.average_transaction_value as number | null,
      lastTransactionValue: row.last_transaction_value as number | null,
      lastTransactionAt: row.last_transaction_at ? new Date(row.last_transaction_at as Date).toISOString() : null,
      lastTransactionDate: row.last_transaction_date as string | null,
      outstandingAmount: row.outstanding_amount as number,
      codHeldAmount: row.cod_held_amount as number,
    },
  };
}

/** The error for a customer id that names no customer. */
export function unknownCustomer(id: string): NotFoundError {
  return new NotFoundError(`No customer has the id "${id}". Check the id, or create the customer with POST /v1/customers.`, {
    customerId: id,
  });
}

/**
 * Refuses (ConflictError naming the survivor in `mergedInto`) to `action` a customer merged into
 * another: it is no customer of its own, and what is done to it belongs to the survivor.
 */
export function refuseMerged(customer: Customer, action: string): void {
  if (!customer.mergedInto) return;
  throw new ConflictError(
    `Customer ${customer.id} was merged into ${customer.mergedInto} and is no longer a customer of its own; ` +
      `${action} customer ${customer.mergedInto} instead.`,
    { mergedInto: customer.mergedInto },
  );
}

/**
 * Locks the customer's row until the transaction ends and reads it; NotFoundError when there is
 * none. Every change that must see a customer as it is until its transaction ends (an order against
 * the COD limit, a return, a merge, a delete, an erasure step, a change) takes the lock here.
 */
export async function lockCustomer(tx: Queryable, customerId: string): Promise<Customer> {
  // One round trip: the row as it is once locked (FOR UPDATE reads the latest committed version).
  const [row] = await tx.query<CustomerRow>(`SELECT ${customerColumns} FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
  if (!row) throw unknownCustomer(customerId);
  return toCustomer(row);
}

/**
 * Locks several customers' rows in id order, so that two transactions locking the same customers
 * never deadlock, and reads them in the order given.
 */
export async function lockCustomers(tx: Queryable, customerIds: string[]): Promise<Customer[]> {
  await tx.query('SELECT id FROM customers WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [customerIds]);
  const customers: Customer[] = [];
  for (const id of customerIds) customers.push(await getCustomer(tx, id));
  return customers;
}

/** The customers with these ids, in id order (unknown ids are left out). */
export async function getCustomers(db: Queryable, ids: string[]): Promise<Customer[]> {
  const rows = await db.query<CustomerRow>(`SELECT ${customerColumns} FROM customers WHERE id = ANY($1::text[]) ORDER BY id`, [ids]);
  return rows.map(toCustomer);
}

/** The id of the customer with this email (any letter case), if there is one. */
export async function findCustomerIdByEmail(db: Queryable, email: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM customers WHERE lower(email) = lower($1)', [email.trim()]);
  return row?.id;
}

export interface CustomerChanges {
  name?: string | null;
  active?: boolean;
  /** Attribute values to set; null removes an attribute. Checked against the catalog beforehand. */
  attributes?: Record<string, unknown>;
  /** Cash on delivery switched on or off per channel. */
  codEnabled?: { pos?: boolean; storefront?: boolean };
  changedBy: string;
}

/**
 * Applies changes in one transaction and records each attribute change (old and new value, who,
 * when). The timeline names the changed attributes, never their values. Values of attributes
 * declared encrypted are sealed by `sealer`, in the row and in the history alike.
 */
export async function updateCustomer(db: Database, id: string, changes: CustomerChanges, sealer: AttributeSealer): Promise<Customer> {
  return db.transaction(async (tx) => {
    const current = await lockCustomer(tx, id);
    if (current.erasureState === 'erased') throw new ConflictError(`Customer ${id} is erased; its data can no longer change.`);
    // A merged duplicate keeps no personal data and stays deactivated: a change would give it back a life of its own.
    refuseMerged(current, 'change');
    const changed = Object.entries(changes.attributes ?? {}).filter(([key, value]) => !sealer.holds(key, current.attributes[key], value));
    const attributes = { ...current.attributes };
    for (const [key, value] of changed) {
      const stored = sealer.seal(key, value);
      if (value === null) delete attributes[key];
      else attributes[key] = stored;
      await tx.query(
        'INSERT INTO attribute_changes (customer_id, attribute, old_value, new_value, changed_by) VALUES ($1, $2, $3, $4, $5)',
        [id, key, JSON.stringify(sealer.seal(key, current.attributes[key] ?? null)), JSON.stringify(stored ?? null), changes.changedBy],
      );
    }
    const codEnabled = { ...current.codEnabled, ...changes.codEnabled };
    const [row] = await tx.query<CustomerRow>(
      `UPDATE customers SET name = $2, active = $3, attributes = $4, cod_enabled = $5, updated_at = now() WHERE id = $1 RETURNING ${customerColumns}`,
      [
        id,
        changes.name === undefined ? current.name : changes.name,
        changes.active ?? current.active,
        JSON.stringify(attributes),
        JSON.stringify(codEnabled),
      ],
    );
    const codChanged = (['pos', 'storefront'] as const)
      .filter((channel) => codEnabled[channel] !== current.codEnabled[channel])
      .map((channel) => `cod.${channel}`);
    const fields = [
      ...changed.map(([key]) => key),
      ...(changes.name !== undefined && changes.name !== current.name ? ['name'] : []),
      ...codChanged,
    ];
    if (fields.length > 0 || (changes.active !== undefined && changes.active !== current.active)) {
      await tx.query(
        `INSERT INTO customer_timeline (customer_id, event_key, kind, detail) VALUES ($1, gen_random_uuid()::text, 'customer-changed', $2)`,
        [
          id,
          JSON.stringify({
            fields,
            ...(changes.active !== undefined && changes.active !== current.active && { active: changes.active }),
            changedBy: changes.changedBy,
          }),
        ],
      );
    }
    return toCustomer(row!);
  });
}

/** Attribute changes of a customer, newest first: who changed what and when (values as stored: sealed ones stay sealed). */
export async function listAttributeChanges(db: Queryable, id: string) {
  const rows = await db.query<{ attribute: string; old_value: unknown; new_value: unknown; changed_by: string; changed_at: Date }>(
    'SELECT attribute, old_value, new_value, changed_by, changed_at FROM attribute_changes WHERE customer_id = $1 ORDER BY id DESC',
    [id],
  );
  return rows.map((row) => ({
    attribute: row.attribute,
    oldValue: row.old_value,
    newValue: row.new_value,
    changedBy: row.changed_by,
    changedAt: new Date(row.changed_at).toISOString(),
  }));
}

function normalise(input: NewCustomer) {
  return {
    id: input.id,
    email: input.email?.trim() ?? null,
    phone: input.phone?.trim() ?? null,
    name: input.name?.trim() ?? null,
    active: input.active ?? true,
  };
}

function sameCustomer(existing: Customer, wanted: ReturnType<typeof normalise>): boolean {
  return (
    existing.email?.toLowerCase() === wanted.email?.toLowerCase() &&
    existing.phone === wanted.phone &&
    existing.name === wanted.name &&
    existing.active === wanted.active
  );
}

/** Names the field that clashed and the customer who already holds it, without echoing the value. */
async function clashError(db: Queryable, wanted: ReturnType<typeof normalise>): Promise<ConflictError> {
  const [byEmail] = wanted.email
    ? await db.query<{ id: string }>('SELECT id FROM customers WHERE lower(email) = lower($1)', [wanted.email])
    : [];
  const [byPhone] = wanted.phone ? await db.query<{ id: string }>('SELECT id FROM customers WHERE phone = $1', [wanted.phone]) : [];
  const field = byEmail ? 'email' : 'phone';
  const holder = byEmail ?? byPhone;
  return new ConflictError(
    `A customer with this ${field} already exists (customer ${holder?.id ?? 'unknown'}). ` + 'Use that customer, or correct the value.',
    { field, existingCustomerId: holder?.id },
  );
}

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    email: row.email,
    phone: row.phone,
    name: row.name,
    active: row.active,
    erasureState: row.erasure_state,
    attributes: row.attributes,
    mergedInto: row.merged_into,
    codEnabled: row.cod_enabled,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
