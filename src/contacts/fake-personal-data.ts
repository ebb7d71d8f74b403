/**
 * Fake personal data for an obfuscation (seed 003), drawn with faker seeded by the customer's id and
 * the field, so that a repeated obfuscation draws the same values and a new attribute does not shift
 * the others. Contacts come from ranges reserved for fiction, so that no message can ever reach a real
 * person: emails under the top-level domain `.invalid` (RFC 2606: never resolves), phone numbers
 * 555-0100 to 555-0199 of North American area codes (reserved for fictional use by the NANP), each
 * valid for libphonenumber-js as every number the API accepts. Uniqueness is the caller's to check
 * (`attempt` draws another value); the email carries a hash of the customer id, so clashes are rare.
 */
import type { Faker } from '@faker-js/faker';
// The English locale alone: the package's main entry loads every locale.
import { faker } from '@faker-js/faker/locale/en';
import { createHash } from 'node:crypto';
import type { AttributeDefinition } from '../rules/rule-types';
import { readPhoneNumber } from './phone-number';

/** The domain of every fake email. */
export const fakeEmailDomain = 'obfuscated.invalid';

/** Reference date of generated dates, fixed: the same seed gives the same date whatever the day. */
const referenceDate = new Date('2026-01-01T00:00:00Z');

/** A fictional number: +1, an area code, 555-01XX. */
const fictionalPhonePattern = /^\+1[2-9]\d{2}55501\d{2}$/;

/** Draws with faker seeded by the customer and the purpose: the same arguments give the same value. */
function seeded<T>(customerId: string, purpose: string, draw: (f: Faker) => T): T {
  const digest = createHash('sha256').update(`${customerId}\u0000${purpose}`).digest();
  // One shared instance: seeding and drawing are synchronous, so no other draw comes in between.
  faker.seed([0, 1, 2, 3].map((word) => digest.readUInt32BE(word * 4)));
  return draw(faker);
}

let areaCodes: string[] | undefined;

/** Area codes whose 555-0100 to 555-0199 numbers libphonenumber-js holds valid (so the API would accept them). */
function fictionalAreaCodes(): string[] {
  areaCodes ??= Array.from({ length: 800 }, (_, n) => String(200 + n)).filter((code) =>
    ['0100', '0199'].every((line) => readPhoneNumber(`+1${code}555${line}`).ok),
  );
  return areaCodes;
}

/** Letters and digits of a name, as an email's local part holds them. */
function asciiPart(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]/g, '')
      .toLowerCase()
      .slice(0, 20) || 'customer'
  );
}

/** The fake values of one customer, the same at every call (the shape an obfuscation asks for). */
export function fakePersonalData(customerId: string, catalog: ReadonlyMap<string, AttributeDefinition>) {
  const person = seeded(customerId, 'person', (f) => ({ first: f.person.firstName(), last: f.person.lastName() }));
  const idHash = createHash('sha256').update(customerId).digest('hex').slice(0, 12);
  return {
    email(current: string, attempt: number): string {
      // Already fake (an earlier obfuscation, perhaps at a later attempt): kept, so a repeat changes nothing.
      if (attempt === 0 && current.toLowerCase().endsWith(`@${fakeEmailDomain}`)) return current;
      const local = `${asciiPart(person.first)}.${asciiPart(person.last)}.${idHash}${attempt > 0 ? `.${attempt}` : ''}`;
      return `${local}@${fakeEmailDomain}`;
    },
    phone(current: string, attempt: number): string {
      if (attempt === 0 && fictionalPhonePattern.test(current)) return current;
      const codes = fictionalAreaCodes();
      return seeded(customerId, `phone:${attempt}`, (f) => {
        const line = String(f.number.int({ min: 100, max: 199 })).padStart(4, '0');
        return `+1${f.helpers.arrayElement(codes)}555${line}`;
      });
    },
    name: () => `${person.first} ${person.last}`,
    attribute(id: string): unknown {
      const attribute = catalog.get(id);
      return attribute ? seeded(customerId, `attributes.${id}`, (f) => fakeAttributeValue(f, attribute)) : null;
    },
    note: (noteId: string) => seeded(customerId, `note:${noteId}`, (f) => f.lorem.sentence()),
  };
}

/** A value of the attribute's type that its checks accept (text by what its id says it holds, else letters and digits). */
function fakeAttributeValue(f: Faker, attribute: AttributeDefinition): unknown {
  const id = attribute.id.toLowerCase();
  switch (attribute.type) {
    case 'text':
      if (/city|town/.test(id)) return f.location.city();
      if (/address|street/.test(id)) return f.location.streetAddress();
      if (/zip|postal|postcode|pincode/.test(id)) return f.location.zipCode();
      if (/name/.test(id)) return f.person.fullName();
      return f.string.alphanumeric({ length: 12, casing: 'upper' });
    case 'dropdown':
      return f.helpers.arrayElement(attribute.options ?? ['']);
    case 'date': {
      const date = /birth|dob/.test(id)
        ? f.date.birthdate({ mode: 'age', min: 18, max: 80, refDate: referenceDate })
        : f.date.past({ years: 10, refDate: referenceDate });
      return date.toISOString().slice(0, 10);
    }
    case 'number':
      return f.number.int({ min: 1, max: 100 });
    case 'boolean':
      return f.datatype.boolean();
  }
}
