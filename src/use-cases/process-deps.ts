/** What the use cases that start or signal workflows reach: the database, and Temporal with the task queue. */
import type { Client } from '@temporalio/client';
import type { Database } from '../store/database';

/** The database, the Temporal client, and the task queue the workflows run on. */
export interface ProcessDeps {
  db: Database;
  client: Client;
  taskQueue: string;
}
