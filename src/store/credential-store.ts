/**
 * API credentials (migration 0030): a name, the scopes, and the SHA-256 of the token. The token is
 * made and shown once by the use case; only its digest is stored and looked up.
 */
import type { Queryable } from './database';

/** A credential as listed: never its token or digest. */
export interface Credential {
  name: string;
  scopes: string[];
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

function credentialOf(row: Record<string, unknown>): Credential {
  return {
    name: row.name as string,
    scopes: row.scopes as string[],
    createdAt: new Date(row.created_at as Date).toISOString(),
    createdBy: row.created_by as string,
    revokedAt: row.revoked_at ? new Date(row.revoked_at as Date).toISOString() : null,
    revokedBy: (row.revoked_by as string | null) ?? null,
  };
}

/** Stores a new credential; false when the name is taken (also by a revoked one: names are never reused). */
export async function insertCredential(
  db: Queryable,
  credential: { name: string; tokenHash: Buffer; scopes: readonly string[]; createdBy: string },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO api_credentials (name, token_hash, scopes, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING 1`,
    [credential.name, credential.tokenHash, credential.scopes, credential.createdBy],
  );
  return rows.length > 0;
}

/** The live (not revoked) credential whose token has this digest. */
export async function credentialByTokenHash(db: Queryable, tokenHash: Buffer): Promise<{ name: string; scopes: string[] } | undefined> {
  const [row] = await db.query<{ name: string; scopes: string[] }>(
    'SELECT name, scopes FROM api_credentials WHERE token_hash = $1 AND revoked_at IS NULL',
    [tokenHash],
  );
  return row;
}

/** Every credential, revoked ones too, by name. */
export async function listCredentials(db: Queryable): Promise<Credential[]> {
  const rows = await db.query<Record<string, unknown>>(
    'SELECT name, scopes, created_at, created_by, revoked_at, revoked_by FROM api_credentials ORDER BY name',
  );
  return rows.map(credentialOf);
}

/** Revokes the credential (a repeat keeps the first revocation); the credential as it then stands, or undefined. */
export async function revokeCredential(db: Queryable, name: string, revokedBy: string): Promise<Credential | undefined> {
  await db.query('UPDATE api_credentials SET revoked_at = now(), revoked_by = $2 WHERE name = $1 AND revoked_at IS NULL', [
    name,
    revokedBy,
  ]);
  const [row] = await db.query<Record<string, unknown>>(
    'SELECT name, scopes, created_at, created_by, revoked_at, revoked_by FROM api_credentials WHERE name = $1',
    [name],
  );
  return row && credentialOf(row);
}
