/**
 * Who acts (issue 15): the credential's name, never what a body says. A console or a back office
 * acting for a person names them in the On-Behalf-Of header, which only credentials holding
 * `delegate` may send (tokens of API_TOKENS hold every scope); the person is recorded next to the
 * credential's name: `dpo.anita via console`.
 *
 * The body fields that used to name the actor (`changedBy`, `mergedBy`, `requestedBy`,
 * `cancelledBy`, `author`, `assignedBy`, `reassignedBy`, `doneBy`) are deprecated: a delegate's
 * is taken as the person it acts for; any other credential's must be its own name, else 403.
 */
import type { RequestHandler, Response } from 'express';
import { ValidationError } from '../errors';
import { ForbiddenError } from './api-errors';
import { callerOf, type Caller } from './auth';
import { decodeOnBehalfOf, onBehalfOfHeader } from '../access/on-behalf-of-header';

// Marks (\p{M}) too: the vowel signs of Devanagari or Tamil, and letters written with combining accents.
const personPattern = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} ._@'-]{0,127}$/u;
/** More marks on one letter than any script writes: a smear that hides what the name says. */
const stackedMarks = /\p{M}{4}/u;
/** Marks that show nothing (the combining grapheme joiner, variation selectors): they can split a word unseen. */
const invisibleMarks = /[\u034F\u180B-\u180F\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF]/u;
/** Letters of other scripts that look like v, i and a: "vіa" in Cyrillic reads as "via". */
const lookAlikes: Record<string, string> = { ѵ: 'v', ν: 'v', і: 'i', ι: 'i', ӏ: 'i', а: 'a', α: 'a' };

/**
 * Why `person` cannot name the person a delegate acts for, or undefined: 1 to 128 letters (with their
 * accents and vowel signs), digits, spaces and . _ @ ' - (no formula, no line break, no invisible or
 * stacked marks), and not the word "via", also spelled with look-alike letters, which would read as a
 * delegation of its own in `person via credential`. `person` is in NFC.
 */
function personProblem(person: string): string | undefined {
  if (!personPattern.test(person) || invisibleMarks.test(person) || stackedMarks.test(person))
    return "must name a person: 1 to 128 letters (with their accents and vowel signs), digits, spaces and . _ @ ' -, starting with a letter or digit.";
  const folded = person
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/./gu, (letter) => lookAlikes[letter] ?? letter);
  if (/(^|\s)via(\s|$)/i.test(folded)) return 'must name a person without the word "via" (it marks who acts through which credential).';
  return undefined;
}

/** Middleware after authentication: checks On-Behalf-Of (delegates only, a name of up to 128 characters) and notes it on the caller. */
export const onBehalfOf: RequestHandler = (req, res, next) => {
  const person = req.get(onBehalfOfHeader);
  const caller = callerOf(res);
  if (person === undefined || !caller) return next();
  if (!caller.scopes.has('delegate')) {
    return next(
      new ForbiddenError(
        `Only a credential holding the scope "delegate" may act for a person (${onBehalfOfHeader}); ${caller.name} does not. Leave the header out: what this request does is recorded as ${caller.name}'s.`,
        { requiredScope: 'delegate' },
      ),
    );
  }
  const name = decodeOnBehalfOf(person);
  const problem = name === undefined ? 'is not valid percent-encoded UTF-8.' : personProblem(name);
  if (problem) {
    return next(
      new ValidationError(`The ${onBehalfOfHeader} header ${problem}`, [{ pointer: '', message: `${onBehalfOfHeader} is malformed` }]),
    );
  }
  res.locals.caller = { ...caller, onBehalfOf: name } satisfies Caller;
  next();
};

/**
 * The actor to record for this request — `credential` or `person via credential` — taking the
 * deprecated body field `field` into account (see the file comment); the body with that field set to it.
 */
export function withActor<T extends object, K extends string>(res: Response, body: T, field: K): Omit<T, K> & Record<K, string> {
  return { ...body, [field]: actorOf(res, field, (body as Record<string, unknown>)[field]) } as Omit<T, K> & Record<K, string>;
}

/** The actor label of the request (`withActor` for a value given elsewhere than in a JSON body, e.g. a query parameter). */
export function actorOf(res: Response, field: string, claimed: unknown): string {
  const caller = callerOf(res);
  if (!caller) throw new Error('actorOf runs on authenticated routes only');
  const mayDelegate = caller.scopes.has('delegate');
  let person = caller.onBehalfOf;
  if (typeof claimed === 'string' && claimed.trim() !== '') {
    const named = claimed.trim().normalize('NFC');
    const problem = personProblem(named);
    if (mayDelegate && problem) {
      throw new ValidationError(`"${field}" ${problem}`, [{ pointer: `/${field}`, message: 'is not a person' }]);
    }
    if (mayDelegate) {
      if (person !== undefined && person !== named) {
        throw new ValidationError(
          `"${field}" names "${named}" but ${onBehalfOfHeader} names "${person}": send the person once, in ${onBehalfOfHeader} (${field} is deprecated).`,
          [{ pointer: `/${field}`, message: `differs from ${onBehalfOfHeader}` }],
        );
      }
      person = named;
    } else if (named !== caller.name) {
      throw new ForbiddenError(
        `"${field}" says "${named}", but this request is made with the credential "${caller.name}", and the actor is taken from the ` +
          `credential. Leave ${field} out (it is deprecated); a console acting for a person sends ${onBehalfOfHeader} with a credential holding "delegate".`,
        { field, credential: caller.name },
      );
    }
  }
  if (person !== undefined && person !== caller.onBehalfOf) res.locals.caller = { ...caller, onBehalfOf: person } satisfies Caller;
  return person !== undefined && person !== caller.name ? `${person} via ${caller.name}` : caller.name;
}
