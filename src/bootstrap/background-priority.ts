/**
 * Background work yields to requests. `npm start` runs the worker (workflows, activities, the
 * outbox relays) and the Temporal dev server at a lower CPU priority than the API: on a machine
 * they share, a checkout request gets the cores first, and the workflows catch up between bursts
 * from the outbox (its backlog is on /metrics). A separate Temporal cluster is not affected.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import type { Logger } from 'pino';

/** Ten steps below the API's own priority (a process may always lower its children's). */
const backgroundSteps = 10;
/** The lowest priority there is. */
const lowestPriority = 19;

/**
 * Lowers the CPU priority of every thread of the process; where the system refuses, it runs at
 * normal priority (logged).
 *
 * On Linux the priority belongs to a thread, not to the process: lowering only the pid's left the
 * Temporal dev server's other threads (Go starts them early) at full priority, and under load it
 * took as much CPU as the API. A thread started later inherits the priority of the thread that
 * starts it, so passes repeat until no new thread appears. Without /proc, the pid's is all there is.
 */
export function runInBackground(pid: number, logger: Logger): void {
  // Relative to the API's: started at nice 15 itself, an absolute 10 would put the background above it.
  const niceness = Math.min(os.getPriority() + backgroundSteps, lowestPriority);
  const lowered = new Set<number>();
  try {
    for (let pass = 0; pass < 5; pass++) {
      const fresh = threadsOf(pid).filter((thread) => !lowered.has(thread));
      if (fresh.length === 0) return;
      for (const thread of fresh) {
        lowerPriority(thread, niceness);
        lowered.add(thread);
      }
    }
  } catch (error) {
    logger.warn({ err: error, pid }, 'could not lower the CPU priority of a background process; it runs at normal priority');
  }
}

function lowerPriority(thread: number, niceness: number): void {
  try {
    // Never raise it: a thread already lower (started so by an operator) stays as it is.
    if (os.getPriority(thread) >= niceness) return;
    os.setPriority(thread, niceness);
  } catch (error) {
    // A thread that ended meanwhile needs nothing.
    if ((error as { info?: { code?: string } }).info?.code !== 'ESRCH') throw error;
  }
}

function threadsOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [pid];
  }
}
