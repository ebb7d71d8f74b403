/**
 * How Rulebook's two outboxes — reminder messages (src/notifications/outbox-delivery.ts) and
 * workflow intents (src/outbox/workflow-intent-relay.ts) — are delivered: in rounds, each round
 * claiming due rows under a lease, failures retried with exponential backoff and jitter, and rows
 * still undelivered after the horizon given up into a dead state that is kept and listed.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface DeliveryPolicy {
  /** Rows claimed per round. */
  batch: number;
  /** How long a claim holds; a process that dies holding it gives the row up after this. */
  leaseMs: number;
  /** First wait after a failure; it doubles with each attempt, up to `maxRetryMs`, with ±20 % jitter. */
  firstRetryMs: number;
  maxRetryMs: number;
  /** A row still undelivered this long after it was queued is dead: kept, listed, never delivered. */
  horizonMs: number;
}

/** Exponential backoff with ±20 % jitter, so that rows failing together do not retry together. */
export function retryDelay(attempt: number, policy: Pick<DeliveryPolicy, 'firstRetryMs' | 'maxRetryMs'>, random = Math.random): number {
  const base = Math.min(policy.firstRetryMs * 2 ** Math.max(attempt - 1, 0), policy.maxRetryMs);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** A running delivery loop. */
export interface DeliveryLoop {
  /** Lets the row being delivered finish; the rest stay claimed until their lease lapses. */
  stop(): Promise<void>;
}

/**
 * Runs `round` until stopped: again at once while rounds come back full (a backlog drains at
 * full speed), otherwise after `intervalMs`. A failed round is reported and the loop goes on.
 */
export function runInRounds(
  round: (signal: AbortSignal) => Promise<{ full: boolean }>,
  intervalMs: number,
  onError: (error: unknown) => void,
): DeliveryLoop {
  const stopping = new AbortController();
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const { full } = await round(stopping.signal).catch((error: unknown) => {
        onError(error);
        return { full: false };
      });
      if (!full) await sleep(intervalMs, undefined, { signal: stopping.signal }).catch(() => {});
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
