import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { allScopes, isScope, type Scope } from '../access/scopes';
import { tokenDigest } from '../use-cases/credentials';
import { ForbiddenError, UnauthorizedError } from './api-errors';

/** Who is calling: the credential's name (the actor recorded for what it does), its scopes, and the person it acts for. */
export interface Caller {
  /** The credential's name; `token-<n>` for the n-th token of API_TOKENS. */
  name: string;
  scopes: ReadonlySet<Scope>;
  /** A token of API_TOKENS (every scope; its body fields naming a person are taken as On-Behalf-Of). */
  legacy: boolean;
  /**
   * What identifies the credential itself, for what is kept per caller (Idempotency-Key answers, rate
   * limits): a credential's name, or a digest of a token of API_TOKENS — whose `token-<n>` name is a
   * position and passes to another token when one before it is removed.
   */
  key: string;
  /** The person the caller acts for (On-Behalf-Of, delegate scope only). */
  onBehalfOf?: string;
}

/** Finds the live credential of a token digest (src/use-cases/credentials.ts), or undefined. */
export type CredentialLookup = (tokenHash: Buffer) => Promise<{ name: string; scopes: readonly string[] } | undefined>;

/** How long a credential looked up is trusted: a revoked token stops working within this time. */
export const credentialCacheMs = 5_000;

/** `lookup` remembered per digest for `ttlMs` (found or not), so that a busy token costs no query per request. */
export function cachedLookup(lookup: CredentialLookup, ttlMs = credentialCacheMs): CredentialLookup {
  const cache = new Map<string, { until: number; found: Awaited<ReturnType<CredentialLookup>> }>();
  return async (tokenHash) => {
    const key = tokenHash.toString('hex');
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.found;
    const found = await lookup(tokenHash);
    // Bounded: unknown tokens sent by a scanner must not grow it without end.
    if (cache.size >= 10_000) cache.clear();
    cache.set(key, { until: now + ttlMs, found });
    return found;
  };
}

/**
 * Requires `Authorization: Bearer <token>`: one of API_TOKENS (every scope but personal data unless
 * listed in API_PERSONAL_DATA_TOKENS), or a credential made with `rulebook credentials create`.
 * Notes the caller on the response for the scope checks, rate limiting, the audit trail and the log.
 */
export function bearerAuth(
  legacyTokens: readonly string[],
  lookup: CredentialLookup,
  personalDataReaders: ReadonlySet<string>,
): RequestHandler {
  // Comparing fixed-length digests in constant time leaks neither content nor length of the tokens.
  const digests = legacyTokens.map(tokenDigest);
  return (req, res, next) => {
    void authenticate(req, res).then(() => next(), next);
  };

  async function authenticate(req: Request, res: Response): Promise<void> {
    const header = req.get('authorization');
    // Authenticated already by a codec session cookie (the Temporal Web UI, src/api/temporal-ui-access.ts).
    if (!header && callerOf(res)) return;
    if (!header) throw new UnauthorizedError('This route needs a bearer token: send the header "Authorization: Bearer <token>".');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedError('The Authorization header must have the form "Bearer <token>".');
    const presented = tokenDigest(match[1]);
    // Every digest is compared, so the time taken does not tell which position matched.
    const position = digests.reduce((found, candidate, index) => (timingSafeEqual(candidate, presented) ? index : found), -1);
    if (position >= 0) {
      res.locals.caller = legacyCaller(`token-${position + 1}`, personalDataReaders, presented);
      return;
    }
    const credential = await lookup(presented);
    if (!credential) {
      throw new UnauthorizedError(
        'The bearer token is not valid (unknown or revoked). Use a credential from `rulebook credentials create`, a token of API_TOKENS, or the one `npm start` printed.',
      );
    }
    res.locals.caller = {
      name: credential.name,
      scopes: new Set(credential.scopes.filter(isScope)),
      legacy: false,
      key: `credential:${credential.name}`,
    } satisfies Caller;
  }
}

/** A token of API_TOKENS (`token-<n>`): every scope, customers:read-personal only when listed in `personalDataReaders`. */
export function legacyCaller(name: string, personalDataReaders: ReadonlySet<string>, tokenDigest: Buffer): Caller {
  const scopes = allScopes.filter((scope) => scope !== readPersonalDataScope || personalDataReaders.has(name));
  return { name, scopes: new Set(scopes), legacy: true, key: `legacy:${tokenDigest.toString('hex').slice(0, 32)}` };
}

/** What is kept per caller (Idempotency-Key answers, rate limits) is kept under this: the credential, and the person it acts for. */
export function callerKey(res: Response): string {
  const caller = callerOf(res);
  if (!caller) return 'anonymous';
  return caller.onBehalfOf ? `${caller.key}|${caller.onBehalfOf}` : caller.key;
}

/** The caller of an authenticated request; undefined before authentication. */
export function callerOf(res: Response): Caller | undefined {
  const caller = res.locals.caller as Caller | undefined;
  return caller && typeof caller.name === 'string' ? caller : undefined;
}

/** The caller's name (`token-<n>` or a credential's name), for logs and rate limits. */
export function callerName(res: Response): string | undefined {
  return callerOf(res)?.name;
}

/** Whether the caller holds `scope`. */
export function hasScope(res: Response, scope: Scope): boolean {
  return callerOf(res)?.scopes.has(scope) ?? false;
}

/** Middleware: refuses with 403 naming the scope a route needs when the caller lacks it. */
export function requireScope(scope: Scope): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (hasScope(res, scope)) return next();
    const caller = callerOf(res);
    const name = caller?.name ?? 'this token';
    // A token of API_TOKENS lacks only customers:read-personal, which the operator grants by position.
    const legacy = caller?.legacy
      ? ` For a token of API_TOKENS, an operator lists "${name}" in API_PERSONAL_DATA_TOKENS and restarts the API (docs/operations.md).`
      : '';
    next(
      new ForbiddenError(
        `This route needs the scope "${scope}", which ${name} does not hold. Use a credential that holds it, or ask an ` +
          `administrator for one (\`rulebook credentials create --name <name> --scopes ${scope}\`).${legacy}`,
        { requiredScope: scope },
      ),
    );
  };
}

/** The permission to read personal data in clear: unmasked email, phone and name, encrypted attributes, decoded Temporal payloads. */
export const readPersonalDataScope = 'customers:read-personal' satisfies Scope;

/**
 * Returns the caller's name when it may read personal data in clear (it holds the scope, or is one
 * of `alsoAllowed`), else throws a ForbiddenError (403) naming the scope and how it is granted.
 */
export function requirePersonalDataAccess(res: Response, alsoAllowed: ReadonlySet<string> = new Set()): string {
  const caller = callerOf(res);
  if (caller && (caller.scopes.has(readPersonalDataScope) || alsoAllowed.has(caller.name))) return caller.name;
  throw new ForbiddenError(
    `Reading personal data in clear needs the scope "${readPersonalDataScope}", which ${caller?.name ?? 'this token'} does not hold. ` +
      'Use a credential made with it (`rulebook credentials create --scopes customers:read-personal,…`), or, for a token of ' +
      `API_TOKENS, an operator lists "${caller?.name ?? 'token-<n>'}" in API_PERSONAL_DATA_TOKENS and restarts the API (docs/operations.md).`,
    { requiredScope: readPersonalDataScope },
  );
}
