/**
 * JSON bodies are limited in values and nesting as well as in bytes, so that the memory a request
 * can take is bounded: a 1 MB body of 140,000 keys grew the heap by ~20 MB (parsed object, schema
 * errors, problem document). The raw bytes are scanned before JSON.parse — structural characters
 * outside strings, strings skipped with a native search for the closing quote — and the scan stops
 * at the first limit exceeded, so a refused body never becomes an object. The scan takes ~1 ms per
 * MB (≤ 5 ms for a string of escapes), JSON.parse 7–12 ms; a JSON.parse reviver would only see the
 * values once the whole object is built, and made parsing 1.5–12× slower.
 */
import express, { type RequestHandler } from 'express';
import { ValidationError } from '../errors';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './api-errors';

export interface JsonBodyLimits {
  /** Object members and array elements in the whole body, counted together. */
  maxValues: number;
  /** Objects and arrays nested in one another; the body's own object or array is level 1. */
  maxDepth: number;
}

/** Far above what any route needs (the largest schemas allow a few hundred fields). */
export const defaultJsonBodyLimits: JsonBodyLimits = { maxValues: 10_000, maxDepth: 32 };

/** What a body exceeds: too many values (counted up to the first one over the limit), or too deep at a pointer. */
export type JsonLimitExcess = { limit: 'values' } | { limit: 'depth'; pointer: string };

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const openObject = 0x7b;
const closeObject = 0x7d;
const openArray = 0x5b;
const closeArray = 0x5d;

/** One open object or array on the way down, to name the place where a body gets too deep. */
interface Level {
  array: boolean;
  index: number;
  keyStart: number;
  keyEnd: number;
  expectKey: boolean;
}

/**
 * Scans UTF-8 JSON text for the first limit it exceeds. It does not validate the JSON (JSON.parse
 * does that next): malformed text is scanned as far as it goes. In UTF-8 the bytes of `"`, `\`,
 * brackets and commas never occur inside a multi-byte character, so a byte scan is exact.
 */
export function exceededJsonLimit(text: Buffer, limits: JsonBodyLimits): JsonLimitExcess | undefined {
  const levels: Level[] = [];
  let values = 0;
  /** Right after `{` or `[`: the next significant byte starts the first member or element, unless it closes. */
  let firstPending = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i]!;
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    if (firstPending) {
      firstPending = false;
      if (byte !== closeObject && byte !== closeArray && ++values > limits.maxValues) return { limit: 'values' };
    }
    switch (byte) {
      case quote: {
        const end = closingQuote(text, i + 1);
        if (end < 0) return undefined; // unterminated: JSON.parse refuses it
        const level = levels.at(-1);
        if (level?.expectKey) {
          level.keyStart = i;
          level.keyEnd = end + 1;
          level.expectKey = false;
        }
        i = end;
        break;
      }
      case openObject:
      case openArray:
        if (levels.length >= limits.maxDepth) return { limit: 'depth', pointer: pointerOf(text, levels) };
        levels.push({ array: byte === openArray, index: 0, keyStart: -1, keyEnd: -1, expectKey: byte === openObject });
        firstPending = true;
        break;
      case closeObject:
      case closeArray:
        levels.pop();
        break;
      case comma: {
        if (++values > limits.maxValues) return { limit: 'values' };
        const level = levels.at(-1);
        if (level?.array) level.index++;
        else if (level) level.expectKey = true;
        break;
      }
    }
  }
  return undefined;
}

/**
 * Index of the `"` that ends the string whose text starts at `from`, or -1: a native search for the
 * next quote, and a byte walk over the escapes only when that quote is escaped (bounded by the body).
 */
function closingQuote(text: Buffer, from: number): number {
  const next = text.indexOf(quote, from);
  if (next < 0 || text[next - 1] !== backslash) return next;
  for (let at = from; at < text.length; at++) {
    const byte = text[at];
    if (byte === backslash) at++;
    else if (byte === quote) return at;
  }
  return -1;
}

/** The JSON Pointer of the innermost open object or array. */
function pointerOf(text: Buffer, levels: Level[]): string {
  let pointer = '';
  // Each level names where its child sits: an array by its index, an object by its current key.
  for (const level of levels) {
    let token: string;
    if (level.array) token = String(level.index);
    else {
      try {
        token = level.keyStart >= 0 ? (JSON.parse(text.toString('utf8', level.keyStart, level.keyEnd)) as string) : '';
      } catch {
        token = '';
      }
    }
    pointer += `/${token.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  }
  return pointer;
}

/** Thrown from body-parser's `verify`, which re-labels any error as a 403; unwrapped on the way out. */
class JsonLimitRefusal extends Error {
  constructor(readonly problem: Error) {
    super(problem.message);
  }
}

/** The problem a body exceeding `excess` is answered with: 413 for too many values, 422 for too deep. */
export function jsonLimitProblem(excess: JsonLimitExcess, limits: JsonBodyLimits): Error {
  if (excess.limit === 'values') {
    return new PayloadTooLargeError(
      `The body holds more than ${limits.maxValues.toLocaleString('en')} values (object members and array elements counted together); ` +
        'a request may hold at most that many. Split the data over several requests, or send large data sets as a file import (POST /v1/customers/imports).',
      { maxValues: limits.maxValues },
    );
  }
  const pointer = excess.pointer.length <= 300 ? excess.pointer : `${excess.pointer.slice(0, 300)}…`;
  return new ValidationError(
    `The body nests objects and arrays more than ${limits.maxDepth} levels deep (at ${pointer}); at most ${limits.maxDepth} levels are accepted. ` +
      'Flatten the data: no Rulebook request needs more than a few levels.',
    [
      {
        pointer: excess.pointer.length <= 300 ? excess.pointer : '',
        message: `is nested deeper than ${limits.maxDepth} levels; flatten it`,
      },
    ],
  );
}

/**
 * The body as UTF-8, once per way body-parser (iconv-lite) may read it: bodies in another Unicode
 * encoding (body-parser admits `utf-*` only) are re-encoded; a "utf-16" body without a byte-order
 * mark, whose byte order iconv-lite guesses, is read both ways (the wrong way shows no structure).
 */
function utf8Readings(raw: Buffer, charset: string): Buffer[] {
  if (charset === 'utf-8' || charset === 'utf8') return [raw];
  let labels = [charset];
  if (charset === 'utf-16') {
    const bom = raw[0] === 0xfe && raw[1] === 0xff ? 'utf-16be' : raw[0] === 0xff && raw[1] === 0xfe ? 'utf-16le' : undefined;
    labels = bom ? [bom] : ['utf-16le', 'utf-16be'];
  }
  try {
    return labels.map((label) => Buffer.from(new TextDecoder(label).decode(raw), 'utf8'));
  } catch {
    throw new JsonLimitRefusal(new UnsupportedMediaTypeError(`Bodies in ${charset.toUpperCase()} cannot be read. Send the body in UTF-8.`));
  }
}

/**
 * express.json with the value and depth limits checked on the raw bytes before parsing; a refused
 * body is answered as problem+json (413 too many values, 422 too deep).
 */
export function limitedJsonBody(options: { byteLimit: string | number; limits?: JsonBodyLimits }): RequestHandler {
  const limits = options.limits ?? defaultJsonBodyLimits;
  const parse = express.json({
    limit: options.byteLimit,
    strict: true,
    verify: (_req, _res, raw, charset) => {
      for (const text of utf8Readings(raw, charset.toLowerCase())) {
        const excess = exceededJsonLimit(text, limits);
        if (excess) throw new JsonLimitRefusal(jsonLimitProblem(excess, limits));
      }
    },
  });
  return (req, res, next) => parse(req, res, (error?: unknown) => next(error instanceof JsonLimitRefusal ? error.problem : error));
}
