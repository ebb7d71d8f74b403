/**
 * The relay of the transactional outbox to Temporal: claims the workflow intents that use cases
 * queued with their business change (src/store/workflow-intent-store.ts) and delivers them
 * (src/temporal/workflow-intents.ts), at least once, in order per workflow id. Any number of
 * relays run at once (one per worker process); an intent that cannot be delivered is retried with
 * backoff — a Temporal outage leaves a backlog that drains when Temporal is back — and given up
 * into the dead state after the horizon, visible on /metrics and GET /v1/workflow-intents.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../store/database';
import {
  claimDueIntents,
  expireIntents,
  hasPendingIntent,
  markIntentsDelivered,
  markIntentFailed,
  purgeDeliveredIntents,
  type ClaimedIntent,
} from '../store/workflow-intent-store';
import { deliverIntent } from '../temporal/workflow-intents';
import type { WorkflowDeps } from '../temporal/workflow-client';
import { retryDelay, runInRounds, type DeliveryLoop, type DeliveryPolicy } from './delivery-rounds';

export const defaultRelayPolicy: DeliveryPolicy = {
  batch: 100,
  // Each delivery is bounded to half the lease, so a claim never lapses while its delivery still runs.
  leaseMs: 30_000,
  firstRetryMs: 1_000,
  // Short: once Temporal is back, the backlog drains within half a minute.
  maxRetryMs: 30_000,
  horizonMs: 7 * 86_400_000,
};

/** How long delivered intents stay listed before they are purged. */
const keepDeliveredMs = 86_400_000;
/** How often the horizon and the purge are applied (not every round: under load rounds follow each other at once). */
const housekeepingEveryMs = 10_000;

/**
 * One round: claims a batch and delivers it, workflows side by side; how many were delivered and
 * whether the batch was full. With `onlyWorkflowId`, only that workflow's next intent (a use case
 * whose caller expects the workflow to run when answered delivers it at once this way).
 */
export async function relayIntents(
  db: Database,
  deps: WorkflowDeps,
  policy: DeliveryPolicy = defaultRelayPolicy,
  onlyWorkflowId?: string,
): Promise<{ delivered: number; full: boolean }> {
  const token = randomUUID();
  const claimed = await claimDueIntents(db, policy.batch, policy.leaseMs, token, onlyWorkflowId);
  // One claimed intent per workflow id at most (the claim takes only the oldest), so the batch runs in parallel.
  const outcomes = await Promise.all(claimed.map((intent) => deliverOne(db, deps, intent, token, policy)));
  const delivered = await markIntentsDelivered(
    db,
    claimed.filter((_intent, index) => outcomes[index]),
    token,
  );
  return { delivered: delivered.length, full: claimed.length === policy.batch };
}

/** Delivers one intent; a failure is recorded at once (with its retry), a success by the caller, with the round's others. */
async function deliverOne(
  db: Database,
  deps: WorkflowDeps,
  intent: ClaimedIntent,
  token: string,
  policy: DeliveryPolicy,
): Promise<boolean> {
  try {
    await deps.client.withDeadline(Date.now() + policy.leaseMs / 2, () => deliverIntent(deps, intent));
    return true;
  } catch (error) {
    await markIntentFailed(db, intent.id, token, {
      reason: ((error as Error).message ?? String(error)).slice(0, 500),
      retryInMs: retryDelay(intent.attempts + 1, policy),
      dead: Date.now() - intent.queuedAt.getTime() >= policy.horizonMs,
    });
    return false;
  }
}

/** Delivering one workflow's intents now waits at most 2 s for Temporal (half the lease). */
const deliverNowPolicy: DeliveryPolicy = { ...defaultRelayPolicy, batch: 1, leaseMs: 4_000 };

/**
 * One attempt at delivering the workflow's next queued intent now, for a use case whose caller
 * expects the workflow to run once answered; false when it was not (Temporal did not answer in
 * time, or another relay has it): the relays deliver it later.
 */
export async function tryDeliverNextIntentOf(db: Database, deps: WorkflowDeps, workflowId: string): Promise<boolean> {
  return (await relayIntents(db, deps, deliverNowPolicy, workflowId)).delivered > 0;
}

/** How long `deliverQueuedIntentsOf` waits for another relay's delivery in flight. */
const waitForOtherRelayMs = 5_000;

/**
 * Delivers what is queued for one workflow now, in order, before a command that needs the
 * workflow running (an Update to a sequence just created); waits for a delivery another relay
 * has in flight. False when something is still queued (Temporal did not answer, or in backoff).
 */
export async function deliverQueuedIntentsOf(db: Database, deps: WorkflowDeps, workflowId: string): Promise<boolean> {
  const deadline = Date.now() + waitForOtherRelayMs;
  while (await hasPendingIntent(db, workflowId)) {
    if (Date.now() > deadline) return false;
    if (!(await tryDeliverNextIntentOf(db, deps, workflowId))) await sleep(50);
  }
  return true;
}

/** Relays until stopped: rounds back to back while there is a backlog, `intervalMs` apart otherwise. */
export function startIntentRelay(
  db: Database,
  deps: WorkflowDeps,
  options: { intervalMs?: number; onError?: (error: unknown) => void; policy?: Partial<DeliveryPolicy> } = {},
): DeliveryLoop {
  const policy = { ...defaultRelayPolicy, ...options.policy };
  let lastHousekeeping = 0;
  return runInRounds(
    async () => {
      if (Date.now() - lastHousekeeping >= housekeepingEveryMs) {
        lastHousekeeping = Date.now();
        await expireIntents(db, policy.horizonMs);
        await purgeDeliveredIntents(db, keepDeliveredMs);
      }
      return relayIntents(db, deps, policy);
    },
    options.intervalMs ?? 100,
    options.onError ?? (() => {}),
  );
}
