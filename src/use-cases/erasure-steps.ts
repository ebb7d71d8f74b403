/**
 * Steps of the erasure workflow `erasure-{customerId}` that do more than one thing: erasing the
 * personal data the rule set names, compacting what the erasure touched, and ending the customer's
 * other workflows. The worker's activities call them.
 */
import { personalAttributeIds } from '../rules/personal-attributes';
import type { RuleSet } from '../rules/rule-set';
import type { Database, Queryable } from '../store/database';
import { compactAfterErasure, type CompactionReport } from '../store/erasure-compaction';
import { eraseCustomer, type ErasureCertificate } from '../store/erasure-store';
import { appendTimeline } from '../store/timeline-store';
import { withdrawIntents } from '../store/workflow-intent-store';
import { returnsWindowWorkflowId, terminateIfRunning, type RunningWorkflowDeps } from '../temporal/workflow-client';

/** Erases the customer's personal fields and the attributes the rule set declares personal; returns the certificate. */
export async function erasePersonalData(
  db: Database,
  ruleSet: RuleSet,
  request: { customerId: string; requestId: string; requestedAt: string; requestedBy: string },
): Promise<ErasureCertificate> {
  return eraseCustomer(db, request, personalAttributeIds(ruleSet));
}

/** Rewrites what the erasure touched so that no database file keeps the erased values, and notes on the timeline what it did. */
export async function compactErasedCustomerData(
  db: Database,
  request: { customerId: string; requestId: string },
): Promise<CompactionReport> {
  const report = await compactAfterErasure(db);
  await appendTimeline(db, {
    customerId: request.customerId,
    eventKey: `${request.requestId}:compacted`,
    kind: 'erasure-compacted',
    detail: { requestId: request.requestId, rewritten: report.rewritten, walCleared: report.walCleared, notes: report.notes },
  });
  return report;
}

/**
 * Ends the customer's other running workflows, which would otherwise act on erased data; returns
 * the ids ended. Their intents not yet delivered are dropped first: a reschedule waiting in the
 * outbox would otherwise start the workflow again.
 */
export async function terminateCustomerWorkflows(deps: RunningWorkflowDeps & { db: Queryable }, customerId: string): Promise<string[]> {
  const stopped: string[] = [];
  for (const workflowId of [returnsWindowWorkflowId(customerId)]) {
    await withdrawIntents(deps.db, workflowId);
    if (await terminateIfRunning(deps, workflowId, 'customer personal data erased')) stopped.push(workflowId);
  }
  return stopped;
}
