/**
 * How the person a delegate acts for travels in the On-Behalf-Of header. Headers carry Latin-1 only
 * (browsers refuse anything else), so a name in any other script goes percent-encoded as UTF-8; a
 * person's name never holds "%", so a header with one is decoded. One module for the API that reads
 * the header and the console and CLI that write it.
 */

/** The header's name. */
export const onBehalfOfHeader = 'On-Behalf-Of';

/** `person` as the header's value: as it is in printable ASCII, else percent-encoded UTF-8. */
export function encodeOnBehalfOf(person: string): string {
  return /^[\x20-\x7e]*$/.test(person) ? person : encodeURIComponent(person);
}

/** The person a header value names, trimmed and in NFC; undefined when its percent-encoding is not UTF-8. */
export function decodeOnBehalfOf(header: string): string | undefined {
  if (!header.includes('%')) return header.trim().normalize('NFC');
  try {
    return decodeURIComponent(header).trim().normalize('NFC');
  } catch {
    return undefined;
  }
}
