/** How long to wait before starting a process again that died: `npm start`'s worker process. */
export interface RestartPolicy {
  firstDelayMs: number;
  longestDelayMs: number;
  /** A process that ran this long before it died was healthy: the next start waits the first delay again. */
  healthyRunMs: number;
}

/** 1 s, doubling up to 30 s while new ones keep dying; back to 1 s after a minute of running. */
export const workerRestartPolicy: RestartPolicy = { firstDelayMs: 1_000, longestDelayMs: 30_000, healthyRunMs: 60_000 };

/** Exponential back-off between restarts, reset by a healthy run. */
export class RestartBackoff {
  private diedInARow = 0;

  constructor(private readonly policy: RestartPolicy) {}

  /** The delay before the next start, given how long the process that died had run (`undefined`: it never became ready). */
  next(ranMs?: number): number {
    this.diedInARow = ranMs !== undefined && ranMs >= this.policy.healthyRunMs ? 1 : this.diedInARow + 1;
    return Math.min(this.policy.firstDelayMs * 2 ** (this.diedInARow - 1), this.policy.longestDelayMs);
  }
}
