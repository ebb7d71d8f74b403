/** Customers: creation that is idempotent by id, unique email and phone, and look-up. */
import { ConflictError, NotFoundError } from '../errors';
import { sqlState, uniqueViolation, type Queryable } from './database';

export type ErasureState = 'none' | 'pending' | 'erased';

export interface Customer {
  id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  active: boolean;
  erasureState: ErasureState;
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

interface CustomerRow {
  id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  active: boolean;
  erasure_state: ErasureState;
  created_at: Date;
  updated_at: Date;
}

const customerColumns = 'id, email, phone, name, active, erasure_state, created_at, updated_at';

/**
 * Creates a customer. Repeating the same request changes nothing and returns the stored customer;
 * the same id with other values, or an email or phone that another customer holds, is a conflict.
 */
export async function createCustomer(db: Queryable, input: NewCustomer): Promise<{ customer: Customer; created: boolean }> {
  const wanted = normalise(input);
  try {
    const inserted = await db.query<CustomerRow>(
      `INSERT INTO customers (id, email, phone, name, active) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING RETURNING ${customerColumns}`,
      [wanted.id, wanted.email, wanted.phone, wanted.name, wanted.active],
    );
    if (inserted[0]) return { customer: toCustomer(inserted[0]), created: true };
  } catch (error) {
    if (sqlState(error) === uniqueViolation) throw await clashError(db, wanted);
    throw error;
  }
  const existing = await getCustomer(db, wanted.id);
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
  if (!row) {
    throw new NotFoundError(`No customer has the id "${id}". Check the id, or create the customer with POST /v1/customers.`, {
      customerId: id,
    });
  }
  return toCustomer(row);
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
    `A customer with this ${field} already exists (customer ${holder?.id ?? 'unknown'}). ` +
      'Use that customer, or correct the value.',
    { field, existingCustomerId: holder?.id },
  );
}

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    email: row.email,
    phone: row.phone,
    name: row.name,
    active: row.active,
    erasureState: row.erasure_state,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
