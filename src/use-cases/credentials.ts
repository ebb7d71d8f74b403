/**
 * API credentials (issue 15): made with a name and scopes, their token shown once and stored only as
 * its SHA-256; listed without tokens; revoked, never deleted (the audit trail names them). A
 * credential grants at most the scopes of whoever makes it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { allScopes, isScope, type Scope } from '../access/scopes';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { credentialByTokenHash, insertCredential, listCredentials, revokeCredential, type Credential } from '../store/credential-store';
import type { Queryable } from '../store/database';

/** A credential name: what the audit trail and the timelines record as the actor. */
export const credentialNamePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Names that already mean an actor: the tokens of API_TOKENS (`token-<n>`), Rulebook's own acts, the defaults. */
const reservedNames = /^(token-[0-9]+|rulebook|default|anonymous|system)$/;

/** The SHA-256 of a token: what is stored and looked up, never the token. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Makes a credential holding `scopes` (each held by `maker` too) and answers its token, which is
 * shown this once. ValidationError for a bad name or an unknown scope, ConflictError for a name in use.
 */
export async function createCredential(
  db: Queryable,
  request: { name: string; scopes: readonly string[] },
  maker: { name: string; scopes: ReadonlySet<Scope> },
): Promise<Credential & { token: string }> {
  if (!credentialNamePattern.test(request.name)) {
    throw new ValidationError(
      `"${request.name}" is not a credential name: use 1 to 64 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit (e.g. shop-orders).`,
      [{ pointer: '/name', message: 'must match ^[a-z0-9][a-z0-9._-]{0,63}$' }],
    );
  }
  if (reservedNames.test(request.name)) {
    throw new ValidationError(
      `"${request.name}" is reserved: it already names an actor (a token of API_TOKENS, or Rulebook itself), and a credential of that name would be taken for it. Choose another name.`,
      [{ pointer: '/name', message: 'is reserved' }],
    );
  }
  const unknown = request.scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) {
    throw new ValidationError(
      `Unknown scope${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}; use some of: ${allScopes.join(', ')}.`,
      [{ pointer: '/scopes', message: `unknown: ${unknown.join(', ')}` }],
    );
  }
  const beyond = request.scopes.filter((scope) => !maker.scopes.has(scope as Scope));
  if (beyond.length > 0) {
    throw new ValidationError(
      `${maker.name} cannot grant ${beyond.join(', ')}: a credential holds at most the scopes of whoever makes it. Make it with a credential that holds them.`,
      [{ pointer: '/scopes', message: `not held by ${maker.name}: ${beyond.join(', ')}` }],
    );
  }
  const token = `rbk_${randomBytes(32).toString('base64url')}`;
  const scopes = allScopes.filter((scope) => request.scopes.includes(scope));
  const created = await insertCredential(db, { name: request.name, tokenHash: tokenDigest(token), scopes, createdBy: maker.name });
  if (!created) {
    throw new ConflictError(
      `A credential named "${request.name}" exists (or existed: names of revoked credentials are not reused). Choose another name.`,
    );
  }
  const listed = (await listCredentials(db)).find((credential) => credential.name === request.name)!;
  return { ...listed, token };
}

/** Every credential, revoked ones too, without tokens. */
export async function credentials(db: Queryable): Promise<{ credentials: Credential[] }> {
  return { credentials: await listCredentials(db) };
}

/** Revokes a credential (its token stops working within seconds); a repeat answers it unchanged. NotFoundError for an unknown name. */
export async function revokeCredentialNamed(db: Queryable, name: string, revokedBy: string): Promise<Credential> {
  const credential = await revokeCredential(db, name, revokedBy);
  if (!credential) throw new NotFoundError(`No credential is named "${name}". List them with GET /v1/credentials.`);
  return credential;
}

/** The live credential whose token has this digest, for authentication. */
export async function credentialOfToken(db: Queryable, digest: Buffer) {
  return credentialByTokenHash(db, digest);
}
