/** Phone numbers read into E.164 (issue 12, point 6): every spelling of a number is one number; what is no number says why and how to write it. */
import { describe, expect, it } from 'vitest';
import { isKnownPhoneRegion, maxPhoneTextLength, phoneNumberOrRefuse, readPhoneNumber } from '../../../src/contacts/phone-number';
import { ValidationError } from '../../../src/errors';

const e164 = (text: string, region?: string) => {
  const reading = readPhoneNumber(text, region);
  return reading.ok ? reading.e164 : `refused: ${reading.reason}`;
};

describe('a phone number', () => {
  it.each([
    '+91 9876543210',
    '+91 98765 43210',
    '+919876543210',
    '+91-98765-43210',
    '+91 (98765) 43210',
    '+91.98765.43210',
    ' +91 98765 43210 ',
  ])('%j with its country code is +919876543210, in any default region or none', (text) => {
    expect(e164(text, 'IN')).toBe('+919876543210');
    expect(e164(text, 'GB')).toBe('+919876543210');
    expect(e164(text)).toBe('+919876543210');
  });

  it.each(['98765 43210', '098765 43210', '9876543210', '919876543210', '0 98765-43210', '(0)98765 43210'])(
    '%j without country code is read in the default region IN as +919876543210',
    (text) => {
      expect(e164(text, 'IN')).toBe('+919876543210');
    },
  );

  it('without country code is read in the default region, whichever it is', () => {
    expect(e164('020 7946 0018', 'GB')).toBe('+442079460018');
    expect(e164('(415) 555-2671', 'US')).toBe('+14155552671');
  });

  it('without country code and without default region is refused, saying how to write it', () => {
    expect(readPhoneNumber('98765 43210')).toEqual({
      ok: false,
      reason: 'it has no country code, and rules/settings.yaml sets no defaultPhoneRegion to read it in',
      fix: expect.stringMatching(/^give the number with its country code, e\.g\. \+91 \d{5} \d{5}$/),
    });
  });

  it('that is too short or not in the country plan is refused, naming the country', () => {
    expect(e164('+91 98765', 'IN')).toBe('refused: it is too short for a number of India (+91)');
    expect(e164('98765', 'IN')).toBe('refused: it is too short for a number of India (+91)');
    expect(e164('+44 20', 'GB')).toBe('refused: it is too short for a number of United Kingdom (+44)');
    // Nine or eleven digits after +91: lengths India has, but no Indian number has these digits.
    expect(readPhoneNumber('+91 98765 4321', 'IN')).toEqual({
      ok: false,
      reason: 'no number of India (+91) has these digits',
      fix: expect.stringMatching(/^check the digits, and give the number with its country code, e\.g\. \+91 /),
    });
    expect(e164('+91 98765 432100', 'IN')).toBe('refused: no number of India (+91) has these digits');
  });

  it('with letters, an extension, words around it or an unknown country code is refused', () => {
    const notDigits =
      'refused: it must be the digits of one phone number (spaces, dashes, dots and brackets between them are fine; letters and other text are not)';
    expect(e164('12ab', 'IN')).toBe(notDigits);
    expect(e164('=1+1', 'IN')).toBe(notDigits);
    expect(e164('call +91 98765 43210 after 6', 'IN')).toBe(notDigits);
    expect(e164('+91 98765 43210 ext. 12', 'IN')).toBe(
      'refused: it has an extension, which a customer phone number cannot hold; leave the extension out',
    );
    expect(e164('+999 98765 43210', 'IN')).toBe('refused: it starts with no known country calling code');
    expect(e164(`+${'9'.repeat(16)}`, 'IN')).toBe('refused: it starts with no known country calling code');
    expect(e164('', 'IN')).toBe('refused: it is empty');
    expect(e164('9'.repeat(maxPhoneTextLength + 1), 'IN')).toBe(
      `refused: it has ${maxPhoneTextLength + 1} characters, more than any phone number`,
    );
  });

  it('refused tells how to write it with an example of the default region', () => {
    const reading = readPhoneNumber('+44 20', 'GB');
    expect(reading).toMatchObject({ ok: false, fix: expect.stringMatching(/^give the number with its country code, e\.g\. \+44 /) });
  });
});

describe('phoneNumberOrRefuse', () => {
  it('gives the E.164 form of a valid number', () => {
    expect(phoneNumberOrRefuse('+91 98765 43210', 'IN', { pointer: '/phone', subject: 'The value of /phone' })).toBe('+919876543210');
  });

  it('throws a validation problem naming the field, what is wrong and how to write it', () => {
    let thrown: unknown;
    try {
      phoneNumberOrRefuse('+91 98765', 'IN', { pointer: '/phone', subject: 'The value of /phone' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    const problem = thrown as ValidationError;
    expect(problem.errors).toEqual([
      {
        pointer: '/phone',
        message: expect.stringMatching(
          /^is not a phone number: it is too short for a number of India \(\+91\); give the number with its country code, e\.g\. \+91 /,
        ),
      },
    ]);
    expect(problem.detail).toBe(`The value of /phone ${problem.errors[0]!.message}.`);
  });
});

describe('a default phone region', () => {
  it('is an ISO 3166-1 alpha-2 code whose numbers can be read', () => {
    expect(['IN', 'GB', 'US', 'AE'].map(isKnownPhoneRegion)).toEqual([true, true, true, true]);
    expect(['UK', 'in', 'IND', 'XX', ''].map(isKnownPhoneRegion)).toEqual([false, false, false, false, false]);
  });
});
