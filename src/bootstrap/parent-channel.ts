/**
 * The IPC channel between `npm start` and the worker process it starts (src/bootstrap/worker-process.ts):
 * the child reports once whether it started, and treats the channel's end as its parent's end. A
 * process started without a channel (`npm run worker` from a shell) has no parent to tell or watch.
 */

/** What the child reports about its start, once. */
export type StartReport = { kind: 'ready' } | { kind: 'failed'; message: string };

/** Reads a message from the child; anything else than a report is ignored. */
export function asStartReport(message: unknown): StartReport | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { kind, message: text } = message as { kind?: unknown; message?: unknown };
  if (kind === 'ready') return { kind };
  if (kind === 'failed' && typeof text === 'string') return { kind, message: text };
  return undefined;
}

/** Reports to the parent process, when this process has one that listens. */
export function tellParent(report: StartReport): void {
  // After the parent is gone, send() would raise ERR_IPC_CHANNEL_CLOSED as an uncaught error.
  if (process.send && process.connected) process.send(report, undefined, {}, () => {});
}

/**
 * Calls `gone` once the parent process has ended — stopped, crashed or SIGKILLed: the operating
 * system closes the channel in every case, so a child never outlives `npm start`.
 */
export function whenParentGone(gone: () => void): void {
  if (!process.send) return;
  if (!process.connected) {
    gone();
    return;
  }
  process.once('disconnect', gone);
}
