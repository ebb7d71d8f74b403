import path from 'node:path';

/** The folder that holds local state: the embedded database, the dev server's files, the API token. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.RULEBOOK_DATA_DIR ?? '.data');
}
