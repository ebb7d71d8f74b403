/**
 * Customers as a caller may see them: in clear with the scope customers:read-personal, else with
 * email, phone and name masked (src/access/masking.ts). Search by exact email or phone still works:
 * it runs on the stored values, only the answer is masked.
 */
import type { Response } from 'express';
import { maskContact } from '../access/masking';
import { hasScope, readPersonalDataScope } from './auth';

type Contact = { email?: string | null; phone?: string | null; name?: string | null };

/** The customer as this caller may see it. */
export function shownTo<T extends Contact>(res: Response, customer: T): T {
  return hasScope(res, readPersonalDataScope) ? customer : maskContact(customer);
}

/** A page of customers as this caller may see them. */
export function pageShownTo<T extends Contact, P extends { customers: T[] }>(res: Response, page: P): P {
  return hasScope(res, readPersonalDataScope) ? page : { ...page, customers: page.customers.map(maskContact) };
}
