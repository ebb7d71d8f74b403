/**
 * Row locks on customers: every change that must see a customer as it is until its transaction
 * ends (a merge, a delete, an erasure step) takes the customer's row lock here.
 */
import { getCustomer, type Customer } from './customer-store';
import type { Queryable } from './database';

/** Locks the customer's row until the transaction ends and reads it; NotFoundError when there is none. */
export async function lockCustomer(tx: Queryable, customerId: string): Promise<Customer> {
  await tx.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [customerId]);
  return getCustomer(tx, customerId);
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
