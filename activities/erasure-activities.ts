/** Side effects of the erasure workflow, as a factory over the injected database. */
import { heartbeat } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { compactErasedCustomerData, erasePersonalData, terminateCustomerWorkflows } from '../src/use-cases/erasure-steps';
import type { RuleRegistry } from '../src/rules/rule-registry';
import type { Database } from '../src/store/database';
import type { CompactionReport } from '../src/store/erasure-compaction';
import {
  erasureBlockers,
  markErasurePending,
  recordErasureBlocked,
  recordErasureCancelRefused,
  restoreAfterCancelledErasure,
  type ErasureCertificate,
} from '../src/store/erasure-store';
import { lastSenderOf, rulebookClientIdentity } from '../src/temporal/sender-identity';
import { erasureWorkflowId } from '../src/temporal/workflow-client';
import { failPermanentlyOnUserErrors } from './fail-permanently';

export interface ErasureActivityDeps {
  db: Database;
  rules: Pick<RuleRegistry, 'current'>;
  /** To stop the customer's other workflows at erasure; absent in tests that need none. */
  client?: Client;
}

/** How often the compaction reports that it is alive (the workflow's heartbeat timeout is 2 minutes). */
const compactionHeartbeatMs = 10_000;

/** The erasure activities bound to their dependencies. */
export function createErasureActivities({ db, rules, client }: ErasureActivityDeps) {
  return failPermanentlyOnUserErrors({
    /** Why the customer's data cannot be erased yet: open COD orders, unpaid invoices, orders in progress. */
    async erasureBlockers({ customerId }: { customerId: string }): Promise<string[]> {
      return erasureBlockers(db, customerId);
    },
    async recordErasureBlocked(request: { customerId: string; requestId: string; reasons: string[] }) {
      await recordErasureBlocked(db, request);
    },
    /** Puts a refused workflow cancellation (Temporal Web UI, `temporal workflow cancel`) on the customer's timeline. */
    async recordErasureCancelRefused(request: { customerId: string; requestId: string; via: 'temporal-cancellation'; because: string }) {
      await recordErasureCancelRefused(db, request);
    },
    /** Ends the customer's other running workflows, which would otherwise act on erased data. */
    async stopCustomerWorkflows({ customerId }: { customerId: string }): Promise<string[]> {
      return client ? terminateCustomerWorkflows({ client, db }, customerId) : [];
    },
    async markErasurePending(request: { customerId: string; requestId: string; eraseAt: string; requestedBy: string }) {
      await markErasurePending(db, request);
    },
    /**
     * Undoes the pending erasure and puts the cancel on the timeline; a cancel sent with Temporal's own
     * tools (not through the API) is recorded with the identity Temporal saw send it.
     */
    async restoreAfterCancelledErasure(request: { customerId: string; requestId: string; reason: string; cancelledBy: string }) {
      const sender = client ? await lastSenderOf(client, erasureWorkflowId(request.customerId), 'cancel') : undefined;
      const viaTemporal = sender && sender !== rulebookClientIdentity ? { temporalIdentity: sender } : {};
      await restoreAfterCancelledErasure(db, { ...request, ...viaTemporal });
    },
    async eraseCustomer(request: {
      customerId: string;
      requestId: string;
      requestedAt: string;
      requestedBy: string;
    }): Promise<ErasureCertificate> {
      return erasePersonalData(db, rules.current, request);
    },
    /** Rewrites what the erasure touched so that no database file keeps the erased values; notes what it could not do. */
    async compactErasedData(request: { customerId: string; requestId: string }): Promise<CompactionReport> {
      // A table rewrite is one long statement: beat while it runs, so that a crash is retried within the heartbeat timeout.
      const beating = setInterval(() => heartbeat(), compactionHeartbeatMs);
      try {
        return await compactErasedCustomerData(db, request);
      } finally {
        clearInterval(beating);
      }
    },
  });
}

export type ErasureActivities = ReturnType<typeof createErasureActivities>;
