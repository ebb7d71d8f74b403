/**
 * Personal values masked for callers without `customers:read-personal` (issue 15): enough to
 * recognise a customer on the phone, not enough to contact them. `a•••@example.com`,
 * `+91•••••43210`, `R••• S•••`.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

const hidden = '•••';

/** `asha@example.com` → `a•••@example.com`; anything else that is not an address → `•••`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return hidden;
  return `${email.slice(0, 1)}${hidden}${email.slice(at)}`;
}

/** `+919876543210` → `+91•••••43210`: the country calling code and the last five digits. */
export function maskPhone(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone);
  const digits = phone.replace(/\D/g, '');
  const last = digits.slice(-5);
  if (!parsed || digits.length <= 5) return `${hidden}${digits.slice(-2)}`;
  return `+${parsed.countryCallingCode}•••••${last}`;
}

/** `Ravi Sharma` → `R••• S•••`: each word's first letter. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .filter(Boolean)
    .map((word) => `${String.fromCodePoint(word.codePointAt(0)!)}${hidden}`)
    .join(' ');
}

/** A customer (or any object with email, phone, name) with those three masked; other fields untouched. */
export function maskContact<T extends { email?: string | null; phone?: string | null; name?: string | null }>(customer: T): T {
  return {
    ...customer,
    ...(typeof customer.email === 'string' && { email: maskEmail(customer.email) }),
    ...(typeof customer.phone === 'string' && { phone: maskPhone(customer.phone) }),
    ...(typeof customer.name === 'string' && { name: maskName(customer.name) }),
  };
}

/** What a masked personal attribute value shows instead of it. */
export const maskedValue = hidden;

/** A personal value as a caller without the scope sees it: `•••`; null, absent and already masked values (`{"encrypted": true}`) as they are. */
export function maskPersonalValue(value: unknown): unknown {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? hidden : value;
}

/** The attributes with the values of the `personal` ones masked (maskPersonalValue). */
export function maskPersonalAttributes(attributes: Record<string, unknown>, personal: readonly string[]): Record<string, unknown> {
  const masked = { ...attributes };
  for (const id of personal) if (id in masked) masked[id] = maskPersonalValue(masked[id]);
  return masked;
}
