/** The outbox to Temporal as operators see it: intents waiting, given up (dead) or delivered. */
import type { Queryable } from '../store/database';
import { listIntents, type IntentStatus } from '../store/workflow-intent-store';

/** The states an intent is listed by. */
export { intentStatuses } from '../store/workflow-intent-store';

/** Workflow intents by status, optionally of one workflow; ids and outcomes only, never arguments. */
export async function workflowIntents(db: Queryable, filters: { status: IntentStatus; workflowId?: string; limit?: number }) {
  return { intents: await listIntents(db, filters) };
}
