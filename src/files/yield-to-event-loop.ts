/**
 * Keeps long work from starving the HTTP server that shares its process: parsing or writing a large
 * CSV or XLSX file is CPU work on the main thread, and would answer no request until it ends. Such
 * loops call `yieldToEventLoop()` often: it returns at once while the current time slice lasts, and
 * once the slice is used up lets the event loop serve timers and sockets before the work goes on.
 * Between database statements the event loop turns anyway (each is network I/O), so a yield there
 * costs nothing.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Longest stretch of work, in milliseconds, before other callbacks get their turn. */
export const timeSliceMs = 15;

/** When the event loop last turned (as far as we know): the slice counts from there. */
let sliceStart = performance.now();
let turnWatched = false;

/** Notes the next turn of the event loop, which starts a new slice even when nobody yielded. */
function watchForTurn(): void {
  if (turnWatched) return;
  turnWatched = true;
  setImmediate(() => {
    turnWatched = false;
    sliceStart = performance.now();
  });
}

/** Whether the current time slice is used up. */
export function timeSliceUsedUp(): boolean {
  watchForTurn();
  return performance.now() - sliceStart >= timeSliceMs;
}

/** Lets the event loop run pending I/O and timers when the current time slice is used up. */
export async function yieldToEventLoop(): Promise<void> {
  if (!timeSliceUsedUp()) return;
  await nextTurn();
  sliceStart = performance.now();
}
