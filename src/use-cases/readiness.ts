/**
 * Whether the service can serve requests: the database and Temporal each answer within a bound
 * time. Only the database decides: while Temporal is down writes are still accepted (their
 * workflows wait in the outbox), so the service is degraded, not unready.
 */
import { pingDatabase, type Queryable } from '../store/database';

const probeTimeoutMs = 2_000;

/** Each dependency's state, and whether all are ready. */
export async function checkReadiness(deps: { db: Queryable; temporalProbe: () => Promise<unknown> }) {
  const [database, temporal] = await Promise.all([check(() => pingDatabase(deps.db)), check(() => deps.temporalProbe())]);
  const ready = database.ok;
  const status = !ready ? 'not-ready' : temporal.ok ? 'ready' : 'degraded';
  return { ready, status, checks: { database, temporal } };
}

/** Runs a probe; a failure or no answer within the time bound says why. */
async function check(probe: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${probeTimeoutMs} ms`)), probeTimeoutMs);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
