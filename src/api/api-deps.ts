import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Database } from '../store/database';
import type { SchemaValidator } from './schema-validator';

/** What the HTTP layer needs from the rest of the system. */
export interface ApiDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  erasureGracePeriodMs: number;
  /** Bearer tokens accepted on /v1. */
  tokens: string[];
  logger: Logger;
  validator: SchemaValidator;
}
