/**
 * The byte scan behind the JSON body limits counts exactly what JSON.parse would build: for any
 * JSON document, however laid out and whatever its strings hold (quotes, backslashes, any Unicode),
 * it refuses a body exactly when its values or its depth exceed the limits, and names the place.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceededJsonLimit } from '../../../src/api/json-body-limits';

/** Object members plus array elements, and the deepest nesting of objects and arrays (the root is level 1). */
function shape(value: unknown): { values: number; depth: number } {
  if (value === null || typeof value !== 'object') return { values: 0, depth: 0 };
  const children = Object.values(value);
  let values = children.length;
  let depth = 0;
  for (const child of children) {
    const inner = shape(child);
    values += inner.values;
    depth = Math.max(depth, inner.depth);
  }
  return { values, depth: depth + 1 };
}

/** The value at a JSON Pointer. */
function at(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((current, token) => (current as Record<string, unknown>)[token], value);
}

const document = fc.tuple(
  fc.jsonValue({ maxDepth: 6, stringUnit: fc.constantFrom('"', '\\', '/', 'a', 'é', '😀', '\u0000', '\ud800', ' ', '{', '[', ',') }),
  fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n'),
);

describe('exceededJsonLimit', () => {
  it('refuses exactly the documents over the value limit', () => {
    fc.assert(
      fc.property(document, ([value, indent]) => {
        const text = Buffer.from(JSON.stringify(value, null, indent));
        const { values } = shape(value);
        expect(exceededJsonLimit(text, { maxValues: values, maxDepth: 1_000 })).toBeUndefined();
        if (values > 0) expect(exceededJsonLimit(text, { maxValues: values - 1, maxDepth: 1_000 })).toEqual({ limit: 'values' });
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses exactly the documents over the depth limit, naming an object or array that is too deep', () => {
    fc.assert(
      fc.property(document, ([value, indent]) => {
        const text = Buffer.from(JSON.stringify(value, null, indent));
        const { depth } = shape(value);
        expect(exceededJsonLimit(text, { maxValues: 1_000_000, maxDepth: depth })).toBeUndefined();
        if (depth > 1) {
          const excess = exceededJsonLimit(text, { maxValues: 1_000_000, maxDepth: depth - 1 });
          expect(excess).toMatchObject({ limit: 'depth' });
          const pointer = (excess as { pointer: string }).pointer;
          // The named place holds an object or array `depth` levels down.
          expect(pointer.split('/').length - 1).toBe(depth - 1);
          const named = at(value, pointer);
          expect(named !== null && typeof named === 'object').toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('does not take a quote or bracket inside a string for structure', () => {
    const text = Buffer.from(JSON.stringify({ a: 'x\\"[{,}]\\\\', b: ['\\', '"'] }));
    expect(exceededJsonLimit(text, { maxValues: 4, maxDepth: 2 })).toBeUndefined();
    expect(exceededJsonLimit(text, { maxValues: 3, maxDepth: 2 })).toEqual({ limit: 'values' });
  });
});
