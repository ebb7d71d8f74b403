/** A parsed YAML rule file that can tell the line and column of any JSON Pointer inside it. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** Alias expansion limit: guards against "billion laughs" alias bombs. */
const maxAliasCount = 200;

export interface ParsedYaml {
  /** The document as plain data, or undefined when the YAML itself is broken. */
  data: unknown;
  /** YAML syntax problems with their positions. */
  syntaxErrors: Array<{ line: number; column: number; message: string }>;
  /** Line and column (1-based) of the value at `pointer`, or of its key, or of the nearest parent. */
  position(pointer: string, at?: 'key' | 'value'): { line: number; column: number };
}

/** Parses YAML keeping positions; duplicate keys and alias bombs are errors, never silent. */
export function parseYamlWithPositions(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const syntaxErrors = doc.errors.map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    return { line: pos.line, column: pos.col, message: firstLine(error.message) };
  });
  let data: unknown;
  if (syntaxErrors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount });
    } catch (error) {
      syntaxErrors.push({ line: 1, column: 1, message: firstLine((error as Error).message) });
    }
  }
  const position = (pointer: string, at: 'key' | 'value' = 'value') => {
    const offset = offsetOf(doc, pointerSegments(pointer), at);
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return { data, syntaxErrors, position };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Splits a JSON Pointer into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Offset of the deepest node on the pointer's path (the key of the last segment when asked). */
function offsetOf(doc: Document, segments: string[], at: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) return offset;
      if (last && at === 'key') return rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
    } else {
      return offset;
    }
    offset = rangeStart(node) ?? offset;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}
