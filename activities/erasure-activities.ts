/** Side effects of the erasure workflow, as a factory over the injected database. */
import { personalAttributeIds } from '../src/rules/personal-attributes';
import type { RuleRegistry } from '../src/rules/rule-registry';
import type { Database } from '../src/store/database';
import { heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  erasureBlockers,
  recordErasureBlocked,
  eraseCustomer,
  markErasurePending,
  restoreAfterCancelledErasure,
  type ErasureCertificate,
} from '../src/store/erasure-store';
import { compactAfterErasure, type CompactionReport } from '../src/store/erasure-compaction';
import { appendTimeline } from '../src/store/timeline-store';
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
    /** Ends the customer's other running workflows, which would otherwise act on erased data. */
    async stopCustomerWorkflows({ customerId }: { customerId: string }): Promise<string[]> {
      if (!client) return [];
      const stopped: string[] = [];
      for (const workflowId of [`returns-window-${customerId}`]) {
        try {
          await client.workflow.getHandle(workflowId).terminate('customer personal data erased');
          stopped.push(workflowId);
        } catch (error) {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      }
      return stopped;
    },
    async markErasurePending(request: { customerId: string; requestId: string; eraseAt: string; requestedBy: string }) {
      await markErasurePending(db, request);
    },
    async restoreAfterCancelledErasure(request: { customerId: string; requestId: string; reason: string; cancelledBy: string }) {
      await restoreAfterCancelledErasure(db, request);
    },
    async eraseCustomer(request: {
      customerId: string;
      requestId: string;
      requestedAt: string;
      requestedBy: string;
    }): Promise<ErasureCertificate> {
      return eraseCustomer(db, request, personalAttributeIds(rules.current));
    },
    /** Rewrites what the erasure touched so that no database file keeps the erased values; notes what it could not do. */
    async compactErasedData(request: { customerId: string; requestId: string }): Promise<CompactionReport> {
      // A table rewrite is one long statement: beat while it runs, so that a crash is retried within the heartbeat timeout.
      const beating = setInterval(() => heartbeat(), compactionHeartbeatMs);
      let report: CompactionReport;
      try {
        report = await compactAfterErasure(db);
      } finally {
        clearInterval(beating);
      }
      await appendTimeline(db, {
        customerId: request.customerId,
        eventKey: `${request.requestId}:compacted`,
        kind: 'erasure-compacted',
        detail: { requestId: request.requestId, rewritten: report.rewritten, walCleared: report.walCleared, notes: report.notes },
      });
      return report;
    },
  });
}

export type ErasureActivities = ReturnType<typeof createErasureActivities>;
