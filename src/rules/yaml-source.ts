/** A parsed YAML rule file that can tell the line and column of any JSON Pointer inside it. */
import {
  Composer,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  Scalar,
  visit,
  type CST,
  type Document,
  type ErrorCode,
  type Node,
} from 'yaml';

/** Alias expansion limit: guards against "billion laughs" alias bombs. */
export const maxAliasCount = 200;

/**
 * Rule files nest a handful of levels: a group's condition three `all`/`any` deep is already at
 * level 9. The limit keeps hostile nesting away from the recursive parts of the loader (YAML
 * composer, schema validation, condition compiler), which would otherwise exhaust the stack.
 */
export const maxNestingDepth = 64;

/**
 * Values in one file, an alias counting its values each time it is used. Schema validation slows
 * down with the square of the problems it finds (10,000 bad values take six seconds), so the work is
 * bounded before it starts; the largest shipped file holds about 1,900 values.
 */
export const maxValueCount = 5_000;

/** Something that keeps a file from being read as YAML data, with where it is and how to fix it. */
export interface YamlProblem {
  line: number;
  column: number;
  message: string;
  fix: string;
}

export interface ParsedYaml {
  /** The document as plain data, or undefined when the YAML itself is broken or over a limit. */
  data: unknown;
  /** YAML syntax problems and exceeded limits, with their positions. */
  problems: YamlProblem[];
  /**
   * Line and column (1-based) of the value at `pointer`, or of its key, or of the nearest parent.
   * With `inside` (a 1-based line and column in the text of the string at `pointer`, e.g. where a
   * message template goes wrong), the place of that character in the file, as far as the way the
   * string is written allows (a literal block `|` and a one-line string exactly), else of the value.
   */
  position(pointer: string, at?: 'key' | 'value', inside?: TextPosition): { line: number; column: number };
}

/** A 1-based line and column inside a text. */
export interface TextPosition {
  line: number;
  column: number;
}

const generalFix = 'Correct the YAML at this position (indent with spaces, not tabs; quote values containing ": " or "#")';

/** What the YAML library's errors mean for an analyst, where its own words speak to programmers. */
const errorHelp: Partial<Record<ErrorCode, { message?: (key: string) => string; fix: string }>> = {
  DUPLICATE_KEY: {
    message: (key) => `the key ${key} is not unique: it appears twice in the same mapping`,
    fix: 'Keep only one of them: YAML does not allow a key twice, and which one counts would be a guess',
  },
  TAB_AS_INDENT: {
    message: () => 'a tab is used for indentation',
    fix: 'Indent with spaces only (set your editor to insert spaces for the Tab key)',
  },
  MULTIPLE_DOCS: {
    message: () => 'a second YAML document starts here, but a rule file holds one',
    fix: 'Remove the "---" line, or move the second document to a file of its own',
  },
};

/** Parses YAML keeping positions; duplicate keys, alias bombs and excessive nesting are errors, never silent. */
export function parseYamlWithPositions(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  // The parser keeps its own stack, so nesting and size are measured on its tokens before the
  // (recursive, and slow on huge input) composer sees them. Every value comes with at most one
  // key, so more than twice the limit in tokens means more values than the limit.
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const roots = tokens.flatMap((token) => (token.type === 'document' && token.value ? [token.value] : []));
  const written = walkTree(roots, tokenChildren, 2 * maxValueCount);
  if (written.tooDeep) return refused({ ...at(written.tooDeep.offset), ...tooDeep }, () => at(0));
  if (written.tooMany) return refused({ ...at(0), ...tooMany }, () => at(0));

  // `forceDoc` makes the composer yield a document even for an empty file. The library's warnings
  // (e.g. a list used as a key) would go to the service's stderr; the schema reports what matters.
  const options = { uniqueKeys: true, strict: true, logLevel: 'error' } as const;
  const [doc, ...others] = Array.from(new Composer(options).compose(tokens, true, text.length)) as [Document.Parsed, ...Document.Parsed[]];
  const position = (pointer: string, where: 'key' | 'value' = 'value', inside?: TextPosition) =>
    at(offsetOf(doc, pointerSegments(pointer), where, inside && { text, inside }));
  const problems = parserProblems(doc, text, at);
  if (others.length > 0) problems.push(describeError('MULTIPLE_DOCS', others[0]!.range[0], '', doc, at));
  if (problems.length > 0) return { data: undefined, problems, position };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (error) {
    return refused(describeExpansionError(error as Error, doc, at), position);
  }
  // Aliases multiply values and nesting after parsing, and an alias inside its own anchor makes the data circular.
  const expanded = walkTree(
    [data],
    (value) => (value !== null && typeof value === 'object' ? Object.values(value) : undefined),
    maxValueCount,
  );
  const firstAlias = () => at(aliasOffset(doc) ?? 0);
  if (expanded.tooMany) return refused({ ...firstAlias(), ...tooMany }, position);
  if (expanded.tooDeep !== undefined) {
    return refused(
      {
        ...firstAlias(),
        message: `the aliases (*name) make the data nest more than ${maxNestingDepth} levels deep, or an alias is used inside its own anchor`,
        fix: 'Write the part out instead of the alias; an alias must not refer to a node that contains it',
      },
      position,
    );
  }
  return { data, problems: [], position };
}

const tooDeep = {
  message: `the YAML nests more than ${maxNestingDepth} levels deep here`,
  fix: 'Flatten it: rule files need a few levels, and a condition a few all/any/not at most',
};

const tooMany = {
  message: `the file holds more than ${maxValueCount.toLocaleString('en-US')} values (an alias counts its values each time it is used)`,
  fix: 'Split it into several files, or repeat fewer aliases',
};

function refused(problem: YamlProblem, position: ParsedYaml['position']): ParsedYaml {
  return { data: undefined, problems: [problem], position };
}

type At = (offset: number) => { line: number; column: number };

/**
 * The YAML library's errors, reduced to those that point at a cause. One slip (a line indented a
 * space too few) makes the parser misread every line after it and report each: only the first
 * such error is kept, said as what it is — an indentation that matches no level above — when the
 * lines show it. Errors about one place each (a duplicate key, a tab) are all kept.
 */
function parserProblems(doc: Document.Parsed, text: string, at: At): YamlProblem[] {
  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const problems: YamlProblem[] = [];
  let generic = false;
  for (const error of errors) {
    if (errorHelp[error.code]) {
      problems.push(describeError(error.code, error.pos[0], error.message, doc, at));
      continue;
    }
    if (generic) continue;
    generic = true;
    const place = at(error.pos[0]);
    const slip = indentationSlip(text);
    problems.push(slip && slip.line <= place.line + 1 ? slip : describeError(error.code, error.pos[0], error.message, doc, at, text));
  }
  return problems;
}

/**
 * The first line whose indentation fits no level of the block structure above it — fewer spaces
 * than its siblings, or more than a line whose value is already given — with the indentation it
 * most likely meant. Undefined when the indentation is consistent (the error is something else).
 */
export function indentationSlip(text: string): YamlProblem | undefined {
  const lines = text.split(/\r?\n/);
  const levels: Array<{ indent: number; line: number; key: string }> = [];
  let opens = true;
  let blockScalar: number | undefined;
  let flowDepth = 0;
  for (const [index, line] of lines.entries()) {
    const indent = line.length - line.trimStart().length;
    const content = line.slice(indent);
    if (content === '' || content.startsWith('#')) continue;
    if (blockScalar !== undefined) {
      if (indent > blockScalar) continue;
      blockScalar = undefined;
    }
    const code = withoutComment(content);
    if (flowDepth > 0) {
      flowDepth = Math.max(0, flowDepth + bracketBalance(code));
      continue;
    }
    if (content.startsWith('---') || content.startsWith('%')) continue;
    const key = keyOf(code);
    const top = levels.at(-1);
    if (!top || indent > top.indent) {
      if (top && !opens) {
        const given = levels.at(-1)!;
        return {
          line: index + 1,
          column: indent + 1,
          message: `YAML syntax: this line is indented more (${indent} spaces) than "${given.key}" on line ${given.line}, whose value is already given`,
          fix: `Indent ${quoteKey(key)} with ${given.indent} spaces, like ${quoteKey(given.key)} on line ${given.line}; or, if it belongs inside "${given.key}", put the value of "${given.key}" on lines of its own`,
        };
      }
      levels.push({ indent, line: index + 1, key });
    } else {
      const popped: typeof levels = [];
      while (levels.length > 0 && levels.at(-1)!.indent > indent) popped.push(levels.pop()!);
      const same = levels.at(-1);
      if (!same || same.indent !== indent) {
        const candidates = [...popped, ...(same ? [same] : [])];
        const meant = candidates.sort((a, b) => Math.abs(a.indent - indent) - Math.abs(b.indent - indent) || b.indent - a.indent)[0]!;
        return {
          line: index + 1,
          column: indent + 1,
          message: `YAML syntax: this line is indented ${indent} space${indent === 1 ? '' : 's'}, which matches none of the lines above it`,
          fix: `Indent ${quoteKey(key)} with ${meant.indent} spaces, like ${quoteKey(meant.key)} on line ${meant.line} (the fields of one item start in the same column)`,
        };
      }
      same.line = index + 1;
      same.key = key;
    }
    // A list item's fields start after "- ": that column is a level of its own.
    const item = /^(-\s+)(\S.*)?$/.exec(code);
    if (item?.[2] !== undefined) levels.push({ indent: indent + item[1]!.length, line: index + 1, key: keyOf(item[2]) });
    const rest = item ? (item[2] ?? '') : code;
    opens = item ? item[2] === undefined || /:$/.test(rest) : /:$/.test(rest);
    if (/(^|[:\s])[|>][-+0-9]*$/.test(rest)) {
      blockScalar = item ? indent + item[1]!.length : indent;
      opens = false;
    }
    flowDepth = Math.max(0, bracketBalance(code));
  }
  return undefined;
}

/** The text of a line before a comment (a `#` after a space, outside quotes). */
function withoutComment(content: string): string {
  let quote: string | undefined;
  for (let index = 0; index < content.length; index++) {
    const char = content[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (index === 0 || /\s/.test(content[index - 1]!))) return content.slice(0, index).trimEnd();
  }
  return content.trimEnd();
}

/** Opening minus closing brackets of flow collections on a line, outside quotes. */
function bracketBalance(code: string): number {
  let balance = 0;
  let quote: string | undefined;
  for (const char of code) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[' || char === '{') balance++;
    else if (char === ']' || char === '}') balance--;
  }
  return balance;
}

/** The key a line starts with (`name` for `name: x`, `- id` for `- id: x`), or its start. */
function keyOf(code: string): string {
  const key = /^(-\s+)?([^:#]+?):(\s|$)/.exec(code);
  const text = key ? `${key[1] ?? ''}${key[2]}` : code;
  return text.length > 30 ? `${text.slice(0, 27)}...` : text;
}

function quoteKey(key: string): string {
  return `"${key}${key.startsWith('-') || !/^[\w-]+$/.test(key) ? '' : ':'}"`;
}

/** What the library's more general errors mean, told apart by their words (one code covers several mistakes). */
const messageHelp: Array<{
  pattern: RegExp;
  message: (match: RegExpExecArray) => string;
  fix: (match: RegExpExecArray) => string;
  /** The character that opened what is not closed: the problem is placed at it rather than where the parser gave up. */
  opener?: (match: RegExpExecArray) => string;
}> = [
  {
    pattern: /^Missing closing (["'])quote/,
    opener: (match) => match[1]!,
    message: (match) => `a text opened with ${match[1]} is not closed`,
    fix: (match) =>
      `Close it with ${match[1]} at the end of the text (a ${match[1]} inside it is written ${match[1] === '"' ? '\\"' : "''"}), or write a long text as a block: key: |`,
  },
  {
    pattern: /^Flow (map|sequence) .*end with a ([\]}])/,
    opener: (match) => (match[1] === 'map' ? '{' : '['),
    message: (match) => `a ${match[1] === 'map' ? '{ … } mapping' : '[ … ] list'} is not closed`,
    fix: (match) => `Close it with ${match[2]}; if it goes on over several lines, indent those lines deeper than its key`,
  },
  {
    pattern: /^Nested mappings are not allowed in compact mappings/,
    message: () => 'a value on this line holds ": ", which YAML reads as a second key',
    fix: () => 'Put the value in double quotes, e.g. name: "Pay: now"; or, for a nested field, put it on a line of its own, indented',
  },
  {
    pattern: /^Plain value cannot start with reserved character (.)/,
    message: (match) => `a value cannot start with ${match[1]} unless it is quoted`,
    fix: (match) => `Put the value in double quotes: "${match[1]}…"`,
  },
  {
    pattern: /^All (mapping|sequence) items must start at the same column/,
    message: () => 'the fields of one mapping (or the items of one list) do not start in the same column',
    fix: () => 'Indent them alike, with spaces',
  },
];

function describeError(code: ErrorCode, offset: number, libraryMessage: string, doc: Document, at: At, text = ''): YamlProblem {
  const help = errorHelp[code];
  if (!help) {
    for (const { pattern, message, fix, opener } of messageHelp) {
      const match = pattern.exec(libraryMessage);
      if (!match) continue;
      const opened = opener ? openerBefore(text, offset, opener(match)) : undefined;
      return { ...at(opened ?? offset), message: `YAML syntax: ${message(match)}`, fix: fix(match) };
    }
  }
  const message = help?.message?.(keyAt(doc, offset) ?? 'here') ?? firstLine(libraryMessage);
  return { ...at(offset), message: `YAML syntax: ${message}`, fix: help?.fix ?? generalFix };
}

/** Offset of the last `char` before `offset` that starts a value (after "key: ", "- ", or at a line's start). */
function openerBefore(text: string, offset: number, char: string): number | undefined {
  const escaped = char.replace(/[[\]{}]/g, '\\$&');
  const starts = new RegExp(`(?:^|:[ \\t]+|-[ \\t]+|^[ \\t]+)(${escaped})`, 'gm');
  let found: number | undefined;
  for (let match = starts.exec(text); match && match.index < offset; match = starts.exec(text)) {
    found = match.index + match[0].length - 1;
  }
  return found;
}

/** toJS throws plain errors; their text is the only way to tell an alias bomb from an unknown alias. */
function describeExpansionError(error: Error, doc: Document, at: At): YamlProblem {
  if (/excessive alias count/i.test(error.message)) {
    return {
      ...at(aliasOffset(doc) ?? 0),
      message: `the aliases (*name) in this file expand to too many copies (more than ${maxAliasCount}); the file looks like an "alias bomb" and was not expanded`,
      fix: 'Write the repeated parts out, or use fewer aliases of aliases',
    };
  }
  const unresolved = /^Unresolved alias.*: (.+)$/.exec(firstLine(error.message))?.[1];
  if (unresolved !== undefined) {
    return {
      ...at(aliasOffset(doc, unresolved) ?? 0),
      message: `YAML syntax: the alias *${unresolved} refers to no anchor &${unresolved} before it`,
      fix: `Put the anchor &${unresolved} on the value to repeat, above this alias, or write the value out`,
    };
  }
  return { ...at(0), message: `YAML syntax: ${firstLine(error.message)}`, fix: generalFix };
}

/** The key (quoted) whose text starts at `offset`, for messages about duplicate keys. */
function keyAt(doc: Document, offset: number): string | undefined {
  let key: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      key = JSON.stringify(String(pair.key.value));
      return visit.BREAK;
    },
  });
  return key;
}

/** Offset of the first alias in the document (named `name` when given), to point at when aliases go wrong. */
function aliasOffset(doc: Document, name?: string): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (name !== undefined && alias.source !== name) return undefined;
      offset = alias.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * Walks a tree depth-first without recursion, so hostile input cannot exhaust the stack. Stops at
 * the first node (in document order) holding children more than maxNestingDepth levels down, or
 * once more than `maxCount` nodes are seen.
 */
function walkTree<T>(roots: T[], childrenOf: (node: T) => T[] | undefined, maxCount = Infinity): { tooDeep?: T; tooMany?: true } {
  const stack = roots.map((node) => ({ node, depth: 0 })).reverse();
  let count = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (++count > maxCount) return { tooMany: true };
    const children = childrenOf(node);
    if (!children) continue;
    if (depth >= maxNestingDepth) return { tooDeep: node };
    for (let index = children.length - 1; index >= 0; index--) stack.push({ node: children[index]!, depth: depth + 1 });
  }
  return {};
}

/** The keys and values inside a collection token; undefined for scalars and aliases. */
function tokenChildren(token: CST.Token): CST.Token[] | undefined {
  if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') return undefined;
  return token.items.flatMap((item) => [item.key, item.value].filter((child): child is CST.Token => Boolean(child)));
}

/** The library's message, short: some quote the rest of the file after the place they stop at. */
function firstLine(message: string): string {
  const line = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/** Splits a JSON Pointer into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * Offset of the deepest node on the pointer's path (the key of the last segment when asked), or of a
 * character inside the string found there.
 */
function offsetOf(doc: Document, segments: string[], at: 'key' | 'value', inside?: { text: string; inside: TextPosition }): number {
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
  if (inside && isScalar(node) && segments.length > 0) return offsetInScalar(node, inside.text, inside.inside) ?? offset;
  return offset;
}

/**
 * The offset in the file of the character at `inside` in the string `node` holds: exact for a
 * literal block (`|`: each line of the text is a line of the file, after the indentation) and for a
 * string on one line (without escapes before the character); undefined for folded strings.
 */
function offsetInScalar(node: Scalar, text: string, inside: TextPosition): number | undefined {
  const [start, end] = node.range ?? [];
  if (start === undefined || end === undefined) return undefined;
  if (node.type === Scalar.BLOCK_LITERAL) {
    let lineStart = text.indexOf('\n', start) + 1;
    if (lineStart === 0 || lineStart >= end) return undefined;
    const firstContent = /^( *)\S/m.exec(text.slice(lineStart, end));
    const indent = firstContent ? firstContent[1]!.length : 0;
    for (let line = 1; line < inside.line; line++) {
      const next = text.indexOf('\n', lineStart) + 1;
      if (next === 0 || next >= end) return undefined;
      lineStart = next;
    }
    return lineStart + indent + inside.column - 1;
  }
  const source = text.slice(start, end);
  if (inside.line !== 1 || source.includes('\n')) return undefined;
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
  return Math.min(start + quoted + inside.column - 1, end - 1);
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}
