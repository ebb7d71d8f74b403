/**
 * Decodes the bytes of a rule file as UTF-8 text, or says precisely why they are not: another
 * encoding (UTF-16, UTF-32, Latin-1), binary content, or characters YAML does not allow.
 */
import { isUtf8 } from 'node:buffer';

/** Why a file's bytes are not rule text: where (1-based), what, and how to fix it. */
export interface EncodingProblem {
  line: number;
  column: number;
  message: string;
  fix: string;
}

const saveAsUtf8 = 'Save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8)';

// Longest first: the UTF-32 little-endian mark starts with the UTF-16 one.
const byteOrderMarks = [
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'UTF-32 (little-endian)' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'UTF-32 (big-endian)' },
  { bytes: [0xff, 0xfe], encoding: 'UTF-16 (little-endian)' },
  { bytes: [0xfe, 0xff], encoding: 'UTF-16 (big-endian)' },
];

/**
 * YAML allows tab, line feed, carriage return and printable characters only (YAML 1.2, c-printable):
 * not the other C0 and C1 control characters, nor the non-characters U+FFFE and U+FFFF.
 */
const notAllowed = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/** The text of a rule file (a UTF-8 byte order mark is accepted and dropped), or why it has none. */
export function decodeRuleFile(bytes: Uint8Array): { text: string } | { problem: EncodingProblem } {
  const mark = byteOrderMarks.find((candidate) => candidate.bytes.every((byte, index) => bytes[index] === byte));
  if (mark) {
    return {
      problem: {
        line: 1,
        column: 1,
        message: `the file is encoded as ${mark.encoding}, not UTF-8 (it starts with a ${mark.encoding} byte order mark)`,
        fix: saveAsUtf8,
      },
    };
  }
  const utf16 = utf16WithoutMark(bytes);
  if (utf16) {
    return {
      problem: {
        line: 1,
        column: 1,
        message: `the file looks encoded as ${utf16} without a byte order mark (every other byte is zero), not UTF-8`,
        fix: saveAsUtf8,
      },
    };
  }
  if (!isUtf8(bytes)) {
    // Everything before the first invalid byte is valid, so its replacement character's index
    // tells the position; `ignoreBOM` keeps a leading mark in the text to keep byte offsets exact.
    const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const { index, offset } = firstInvalid(bytes, lossy);
    const hint = bytes.includes(0) ? 'the file looks binary, not text' : 'the file may have been saved as Latin-1 or Windows-1252';
    const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      problem: {
        ...positionIn(lossy, index),
        message: `the file is not valid UTF-8: byte 0x${byte} here is not UTF-8 (${hint})`,
        fix: saveAsUtf8,
      },
    };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const control = notAllowed.exec(text);
  if (control) {
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const problem =
      control[0] === '\0'
        ? {
            message: 'the file contains a NUL byte (U+0000), which YAML does not allow: it looks binary or damaged, not like rule text',
            fix: 'Remove the NUL bytes, or move the file out of the rules folder if it is not a rule file',
          }
        : {
            message: `the file contains the control character ${code}, which YAML does not allow`,
            fix: `Remove it (it often comes with copy and paste); inside double quotes, write it as "\\u${code.slice(2)}" if it is really meant`,
          };
    return { problem: { ...positionIn(text, control.index), ...problem } };
  }
  return { text };
}

/** Text in UTF-16 without a byte order mark has a zero byte in every other place while it is ASCII. */
function utf16WithoutMark(bytes: Uint8Array): string | undefined {
  const pairs = Math.min(bytes.length, 512) >> 1;
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (bytes[index] === 0) evenZeros++;
    if (bytes[index + 1] === 0) oddZeros++;
  }
  if (oddZeros >= pairs / 2 && evenZeros < pairs / 8) return 'UTF-16 (little-endian)';
  if (evenZeros >= pairs / 2 && oddZeros < pairs / 8) return 'UTF-16 (big-endian)';
  return undefined;
}

/** Index in `lossy` and byte offset in `bytes` of the first replacement that is not a real U+FFFD. */
function firstInvalid(bytes: Uint8Array, lossy: string): { index: number; offset: number } {
  let offset = 0;
  let from = 0;
  for (let index = lossy.indexOf('\uFFFD'); index !== -1; index = lossy.indexOf('\uFFFD', index + 1)) {
    offset += Buffer.byteLength(lossy.slice(from, index));
    from = index;
    const written = bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd;
    if (!written) return { index, offset };
  }
  return { index: 0, offset: 0 };
}

/** 1-based line and column of `index` in `text`. */
function positionIn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}
