/** What the use cases that start or signal workflows reach: the database, and Temporal with the task queue. */
import type { Database } from '../store/database';
import type { WorkflowDeps } from '../temporal/workflow-client';

/** The database, the Temporal client, and the task queue the workflows run on. */
export interface ProcessDeps extends WorkflowDeps {
  db: Database;
}
