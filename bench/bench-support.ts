/** What the benchmarks share: sizes from the environment and clean-up that also runs on Ctrl-C. */
export { freePort } from '../test/support/free-port';
export { createPgliteLocation, createPostgresLocation, type TestDatabaseLocation as DatabaseLocation } from '../test/support/test-databases';

/** A positive whole number from the environment (underscores allowed), or the fallback. */
export function readCount(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${variable} must be a positive integer, not "${raw}"`);
  return value;
}

/** Clean-up of whatever was started or created, run in reverse order, also on Ctrl-C. */
export const cleanups: Array<() => Promise<void>> = [];

/** Runs every pending clean-up. */
export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((error) => console.error('clean-up failed:', error));
}

process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
