/**
 * Phone numbers as customers and merchants write them ("+91 98765 43210", "098765-43210",
 * "(0)98765 43210", "919876543210") read into one form, E.164 ("+919876543210"), with
 * libphonenumber-js and its full metadata (strict validity, not only length): the form stored,
 * returned, searched and kept unique. A number written without its country code is read in the
 * default region of rules/settings.yaml (`defaultPhoneRegion`).
 */
import examples from 'libphonenumber-js/mobile/examples';
import {
  getCountryCallingCode,
  getExampleNumber,
  isSupportedCountry,
  ParseError,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { ValidationError } from '../errors';

/** Longer text is no phone number: refused before parsing, so that a hostile value costs nothing. */
export const maxPhoneTextLength = 40;

/** A phone number read as E.164, or why it is not one and how to write it. */
export type PhoneReading = { ok: true; e164: string } | { ok: false; reason: string; fix: string };

/** Whether `code` is an ISO 3166-1 alpha-2 region whose numbering plan the library knows (e.g. IN, GB; not UK). */
export function isKnownPhoneRegion(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

/**
 * Reads `text` as a phone number: E.164 when it is a valid number (in `defaultRegion` when it has no
 * country code), else the reason and the fix, as phrases to put after "is not a phone number: ".
 */
export function readPhoneNumber(text: string, defaultRegion?: string): PhoneReading {
  const region = defaultRegion !== undefined && isKnownPhoneRegion(defaultRegion) ? (defaultRegion as CountryCode) : undefined;
  const refuse = (reason: string, check = ''): PhoneReading => ({
    ok: false,
    reason,
    fix: `${check}give the number with its country code, e.g. ${example(region)}`,
  });
  const trimmed = text.trim();
  if (trimmed === '') return refuse('it is empty');
  if (trimmed.length > maxPhoneTextLength) return refuse(`it has ${trimmed.length} characters, more than any phone number`);
  let phone: PhoneNumber;
  try {
    // extract: false — the whole text must be the number: "call +91 98765 43210 after 6" is refused, not searched.
    phone = parsePhoneNumberWithError(trimmed, { ...(region && { defaultCountry: region }), extract: false });
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return refuse(parseProblem(error.message, trimmed, region));
  }
  if (phone.ext) return refuse('it has an extension, which a customer phone number cannot hold; leave the extension out');
  if (!phone.isValid()) {
    const problem = invalidNumberProblem(phone, trimmed, region);
    return refuse(problem.reason, problem.lengthFits ? 'check the digits, and ' : '');
  }
  return { ok: true, e164: phone.number };
}

/**
 * The E.164 form of `text`, or a ValidationError (422) whose detail starts with `subject` (e.g. "The
 * value of /phone") and whose one problem names `pointer`, says what is wrong and how to write it.
 */
export function phoneNumberOrRefuse(text: string, defaultRegion: string | undefined, where: { pointer: string; subject: string }): string {
  const reading = readPhoneNumber(text, defaultRegion);
  if (reading.ok) return reading.e164;
  const message = `is not a phone number: ${reading.reason}; ${reading.fix}`;
  throw new ValidationError(`${where.subject} ${message}.`, [{ pointer: where.pointer, message }]);
}

/** The reason for a parse failure, by the library's error code. */
function parseProblem(code: string, text: string, region: CountryCode | undefined): string {
  switch (code) {
    case 'INVALID_COUNTRY':
      return /^(\+|00)/.test(text)
        ? 'it starts with no known country calling code'
        : region
          ? `it cannot be read as a number of ${regionName(region)}`
          : 'it has no country code, and rules/settings.yaml sets no defaultPhoneRegion to read it in';
    case 'TOO_SHORT':
      return 'it has too few digits';
    case 'TOO_LONG':
      return 'it has too many digits';
    default:
      // NOT_A_NUMBER, INVALID_LENGTH: letters, stray signs, or too few digits to be read at all.
      return 'it must be the digits of one phone number (spaces, dashes, dots and brackets between them are fine; letters and other text are not)';
  }
}

/**
 * The reason a parsed number is not valid: its length for the country, or (`lengthFits`) digits of a
 * length the country has that its numbering plan gives no number.
 */
function invalidNumberProblem(phone: PhoneNumber, text: string, region: CountryCode | undefined): { reason: string; lengthFits: boolean } {
  // A number too short to tell its country is named by the default region when it shares its calling code.
  const country = phone.country ?? (region && getCountryCallingCode(region) === phone.countryCallingCode ? region : undefined);
  const where = country ? `${regionName(country)} (+${phone.countryCallingCode})` : `+${phone.countryCallingCode}`;
  switch (validatePhoneNumberLength(text, { ...(region && { defaultCountry: region }) })) {
    case 'TOO_SHORT':
      return { reason: `it is too short for a number of ${where}`, lengthFits: false };
    case 'TOO_LONG':
      return { reason: `it is too long for a number of ${where}`, lengthFits: false };
    case 'INVALID_LENGTH':
      return { reason: `it has the wrong number of digits for a number of ${where}`, lengthFits: false };
    default:
      return { reason: `no number of ${where} has these digits`, lengthFits: true };
  }
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function regionName(region: string): string {
  return regionNames.of(region) ?? region;
}

/** A mobile number of the default region (India's without one), written as people write it. */
function example(region: CountryCode | undefined): string {
  return getExampleNumber(region ?? 'IN', examples)?.formatInternational() ?? '+91 98765 43210';
}
