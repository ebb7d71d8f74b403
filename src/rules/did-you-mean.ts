/**
 * "Did you mean" hints for misspelt names: keys, enum values, operators, facts, profile, group and
 * scenario references. One measure (Levenshtein distance, case ignored) and one threshold, so every
 * message suggests alike.
 */

/** Levenshtein distance, for "did you mean" hints. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/**
 * What analysts used to other rule engines write for our operators (json-rules-engine, GoRules,
 * SQL, spreadsheets): a spelling distance alone would suggest `greaterThan` for `greaterThanOrEqual`.
 */
const operatorSynonyms: Record<string, string[]> = {
  greaterThanInclusive: ['greaterThanOrEqual', 'greaterThanOrEqualTo', 'greaterOrEqual', 'gte', 'ge', '>=', '≥', 'atLeast', 'min'],
  lessThanInclusive: ['lessThanOrEqual', 'lessThanOrEqualTo', 'lessOrEqual', 'lte', 'le', '<=', '≤', 'atMost', 'max'],
  greaterThan: ['gt', '>', 'moreThan', 'above', 'over'],
  lessThan: ['lt', '<', 'below', 'under', 'lowerThan'],
  equal: ['eq', '=', '==', '===', 'equalTo', 'is'],
  equals: ['eq', '=', '==', '===', 'equalTo', 'is'],
  notEqual: ['ne', 'neq', '!=', '<>', 'notEquals', 'notEqualTo', 'isNot'],
  is: ['equals', 'equal', 'eq', '=', '=='],
  isNot: ['notEquals', 'notEqual', 'ne', '!='],
  in: ['oneOf', 'isOneOf', 'isIn', 'anyOf', 'includes'],
  contains: ['includes', 'has', 'like'],
  startsWith: ['beginsWith', 'prefix'],
  endsWith: ['suffix'],
  isSet: ['exists', 'isPresent', 'present', 'defined', 'notNull', 'isNotEmpty'],
  isNotSet: ['notExists', 'doesNotExist', 'isMissing', 'missing', 'isNull', 'undefined', 'isEmpty'],
  between: ['range', 'inRange', 'within'],
  before: ['until', 'earlierThan'],
  after: ['since', 'laterThan'],
  occursToday: ['isToday', 'today'],
  occursThisWeek: ['isThisWeek', 'thisWeek'],
  occursThisMonth: ['isThisMonth', 'thisMonth'],
};

const normalized = (word: string) => word.toLowerCase().replace(/[\s_-]/g, '');

/** The closest of `candidates` to a misspelt `word`, or undefined when none is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>, options: { operators?: boolean } = {}): string | undefined {
  const list = [...candidates];
  const wanted = normalized(word);
  if (options.operators) {
    const synonym = list.find((candidate) => operatorSynonyms[candidate]?.some((alias) => normalized(alias) === wanted));
    if (synonym) return synonym;
  }
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of list) {
    const other = normalized(candidate);
    const score = other === wanted ? 0 : distance(wanted, other);
    if (!best || score < best.score) best = { candidate, score };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(word.length, best.candidate.length) / 4));
  // Measured on what differs once a common start and end are set aside: `normal-returner` is not a
  // typo of `serial-returner` (3 edits in 4 letters), `standart` is one of `standard`.
  const differing = Math.max(...differingParts(wanted, normalized(best.candidate)).map((part) => part.length));
  if (best.score <= limit && best.score <= Math.max(2, Math.floor(differing / 2))) return best.candidate;
  // A prefix or a part: `total` for `total_spent`, `standard` for `account-type/standard`.
  const partial = list.find((candidate) => {
    const other = normalized(candidate);
    return wanted.length >= 4 && other.length >= 4 && (other.includes(wanted) || wanted.includes(other));
  });
  return partial;
}

/** ` — did you mean "x"?`, or nothing when no candidate is close. */
export function didYouMean(word: string, candidates: Iterable<string>, options: { operators?: boolean } = {}): string {
  const candidate = closest(word, candidates, options);
  return candidate !== undefined && candidate !== word ? ` — did you mean "${candidate}"?` : '';
}

/** `a, b, c` (each once), or what to say when there are none. */
export function listOrNone(values: readonly string[], none: string): string {
  return values.length > 0 ? [...new Set(values)].join(', ') : none;
}

/** The parts of `a` and `b` left once their common start and common end are removed. */
function differingParts(a: string, b: string): [string, string] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return [a.slice(start, a.length - end), b.slice(start, b.length - end)];
}
