/**
 * Customers as a caller may see them: in clear with the scope customers:read-personal, else with
 * email, phone and name masked (src/access/masking.ts), and the values of personal attributes
 * (rules/attributes.yaml `personal: true`: city, birthdate…) shown as `•••`. Search by exact email
 * or phone still works: it runs on the stored values, only the answer is masked.
 */
import type { Response } from 'express';
import { maskContact, maskPersonalAttributes, maskPersonalValue } from '../access/masking';
import { personalAttributeIds } from '../rules/personal-attributes';
import type { RuleSet } from '../rules/rule-set';
import { hasScope, readPersonalDataScope } from './auth';

type Contact = { email?: string | null; phone?: string | null; name?: string | null; attributes?: Record<string, unknown> };

/** The customer with contact and personal attributes (`personal`: their ids) masked. */
function masked<T extends Contact>(customer: T, personal: readonly string[]): T {
  const contact = maskContact(customer);
  if (!customer.attributes) return contact;
  return { ...contact, attributes: maskPersonalAttributes(customer.attributes, personal) };
}

/**
 * The header that tells a client whether the personal values of a customer answer are masked (`masked`)
 * or in clear (`clear`): a console masks clear values on the page until revealed, and cannot reveal masked ones.
 */
export const personalDataHeader = 'Rulebook-Personal-Data';

/** Whether this caller sees personal values in clear; says so in the answer's header. */
function mayReadPersonalData(res: Response): boolean {
  const clear = hasScope(res, readPersonalDataScope);
  res.set(personalDataHeader, clear ? 'clear' : 'masked');
  return clear;
}

/** The customer as this caller may see it. */
export function shownTo<T extends Contact>(res: Response, customer: T, ruleSet: RuleSet): T {
  return mayReadPersonalData(res) ? customer : masked(customer, personalAttributeIds(ruleSet));
}

/** A page of customers as this caller may see them. */
export function pageShownTo<T extends Contact, P extends { customers: T[] }>(res: Response, page: P, ruleSet: RuleSet): P {
  if (mayReadPersonalData(res)) return page;
  const personal = personalAttributeIds(ruleSet);
  return { ...page, customers: page.customers.map((customer) => masked(customer, personal)) };
}

/** An attribute history as this caller may see it: old and new values of personal attributes masked without the scope. */
export function changesShownTo<T extends { attribute: string; oldValue: unknown; newValue: unknown }>(
  res: Response,
  changes: T[],
  ruleSet: RuleSet,
): T[] {
  if (mayReadPersonalData(res)) return changes;
  const personal = new Set(personalAttributeIds(ruleSet));
  return changes.map((change) =>
    personal.has(change.attribute)
      ? { ...change, oldValue: maskPersonalValue(change.oldValue), newValue: maskPersonalValue(change.newValue) }
      : change,
  );
}

/** A condition trace with the values personal facts had (`factValue`) masked. */
function maskTrace(node: unknown, personal: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((child) => maskTrace(child, personal));
  if (typeof node !== 'object' || node === null) return node;
  const masked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) masked[key] = maskTrace(value, personal);
  const leaf = node as { fact?: unknown; factValue?: unknown };
  if (typeof leaf.fact === 'string' && personal.has(leaf.fact) && 'factValue' in leaf) masked.factValue = maskPersonalValue(leaf.factValue);
  return masked;
}

/**
 * A decision record (or an explanation) as this caller may see it: without the scope, the facts that
 * are personal attributes, and the values conditions saw of them, are masked. The record itself keeps them.
 */
export function decisionShownTo<T extends { record: { facts: Record<string, unknown> } }>(res: Response, decision: T, ruleSet: RuleSet): T {
  if (mayReadPersonalData(res)) return decision;
  const personal = personalAttributeIds(ruleSet);
  const { facts, ...traces } = decision.record;
  const record = { ...(maskTrace(traces, new Set(personal)) as object), facts: maskPersonalAttributes(facts, personal) };
  return { ...decision, record };
}
