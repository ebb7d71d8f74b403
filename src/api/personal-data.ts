/**
 * Customers as a caller may see them: in clear with the scope customers:read-personal, else with
 * email, phone and name masked (src/access/masking.ts), and the values of personal attributes
 * (rules/attributes.yaml `personal: true`: city, birthdate…) shown as `•••`. Search by exact email
 * or phone still works: it runs on the stored values, only the answer is masked.
 */
import type { Response } from 'express';
import { maskContact, maskedValue, maskPersonalAttributes } from '../access/masking';
import { personalAttributeIds } from '../rules/personal-attributes';
import type { RuleSet } from '../rules/rule-set';
import { hasScope, readPersonalDataScope } from './auth';

type Contact = { email?: string | null; phone?: string | null; name?: string | null; attributes?: Record<string, unknown> };

/** The customer with contact and personal attributes masked. */
function masked<T extends Contact>(customer: T, ruleSet: RuleSet): T {
  const contact = maskContact(customer);
  if (!customer.attributes) return contact;
  return { ...contact, attributes: maskPersonalAttributes(customer.attributes, personalAttributeIds(ruleSet)) };
}

/** The customer as this caller may see it. */
export function shownTo<T extends Contact>(res: Response, customer: T, ruleSet: RuleSet): T {
  return hasScope(res, readPersonalDataScope) ? customer : masked(customer, ruleSet);
}

/** A page of customers as this caller may see them. */
export function pageShownTo<T extends Contact, P extends { customers: T[] }>(res: Response, page: P, ruleSet: RuleSet): P {
  return hasScope(res, readPersonalDataScope) ? page : { ...page, customers: page.customers.map((customer) => masked(customer, ruleSet)) };
}

/** An attribute history as this caller may see it: old and new values of personal attributes masked without the scope. */
export function changesShownTo<T extends { attribute: string; oldValue: unknown; newValue: unknown }>(
  res: Response,
  changes: T[],
  ruleSet: RuleSet,
): T[] {
  if (hasScope(res, readPersonalDataScope)) return changes;
  const personal = new Set(personalAttributeIds(ruleSet));
  const hide = (value: unknown) => (value === null || value === undefined ? value : maskedValue);
  return changes.map((change) =>
    personal.has(change.attribute) ? { ...change, oldValue: hide(change.oldValue), newValue: hide(change.newValue) } : change,
  );
}
