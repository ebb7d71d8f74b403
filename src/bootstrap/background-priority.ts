/**
 * Background work yields to requests. `npm start` runs the worker (workflows, activities, the
 * outbox relays) and the Temporal dev server at a lower CPU priority than the API: on a machine
 * they share, a checkout request gets the cores first, and the workflows catch up between bursts
 * from the outbox (its backlog is on /metrics). A separate Temporal cluster is not affected.
 */
import os from 'node:os';
import type { Logger } from 'pino';

/** nice 10: a process may always lower its children's priority. */
const backgroundNiceness = 10;

/** Lowers the process's CPU priority; where the system refuses, it runs at normal priority (logged). */
export function runInBackground(pid: number, logger: Logger): void {
  try {
    os.setPriority(pid, backgroundNiceness);
  } catch (error) {
    logger.warn({ err: error, pid }, 'could not lower the CPU priority of a background process; it runs at normal priority');
  }
}
