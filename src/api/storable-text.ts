/**
 * Text the database cannot store faithfully is refused at the door: PostgreSQL rejects NUL in text
 * and JSON, and a lone UTF-16 surrogate (valid in a JSON escape, not in UTF-8) would either be
 * replaced silently or fail the statement half-way through a request.
 */
import type { RequestHandler } from 'express';
import { ValidationError, type InvalidField } from '../errors';

/** Why a string cannot be stored, or undefined when it can. */
function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'holds a NUL character (\\u0000); remove it';
  // In a /u pattern a lone surrogate is a code point of its own; paired ones form other code points.
  if (/\p{Surrogate}/u.test(text)) return 'holds a broken UTF-16 character (a lone surrogate); send well-formed Unicode text';
  return undefined;
}

/** Every string in a parsed JSON value (keys too) with its JSON pointer; iterative, as bodies may nest deeply. */
function findUnstorableText(value: unknown): InvalidField[] {
  const problems: InvalidField[] = [];
  const pending: Array<{ value: unknown; pointer: string }> = [{ value, pointer: '' }];
  while (pending.length > 0 && problems.length < 10) {
    const { value: current, pointer } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = unstorable(current);
      if (problem) problems.push({ pointer, message: problem });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const childPointer = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        const keyProblem = unstorable(key);
        if (keyProblem) problems.push({ pointer: childPointer, message: `its field name ${keyProblem}` });
        else pending.push({ value: child, pointer: childPointer });
      }
    }
  }
  return problems;
}

/** Refuses a JSON body or query string holding text the database cannot store, naming each place. */
export const requireStorableText: RequestHandler = (req, _res, next) => {
  const inBody = findUnstorableText(req.body);
  const inQuery = findUnstorableText(req.query).map((problem) => ({ ...problem, pointer: `/query${problem.pointer}` }));
  const problems = [...inBody, ...inQuery];
  if (problems.length === 0) return next();
  next(
    new ValidationError(
      `The request holds text that cannot be stored: ${problems.map((problem) => `${problem.pointer || '(the body)'} ${problem.message}`).join('; ')}.`,
      problems,
    ),
  );
};
