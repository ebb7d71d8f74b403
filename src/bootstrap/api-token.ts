import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the generated token is kept when API_TOKENS is not set. */
export const tokenFile = (dataDir: string) => path.join(dataDir, 'api-token');

/**
 * The configured tokens, or the one kept under the data dir (generated on first start), so that a
 * local start needs no set-up and keeps the same token across restarts.
 */
export function resolveApiTokens(configured: string[] | undefined, dataDir: string): { tokens: string[]; generated?: string } {
  if (configured) return { tokens: configured };
  const file = tokenFile(dataDir);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  }
  const token = readFileSync(file, 'utf8').trim();
  return { tokens: [token], generated: token };
}
