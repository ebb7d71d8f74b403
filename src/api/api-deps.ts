import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { RuleRegistry } from '../rules/rule-registry';
import type { Database } from '../store/database';
import type { SchemaValidator } from './schema-validator';

/** What the HTTP layer needs from the rest of the system. */
export interface ApiDeps {
  db: Database;
  temporal: Client;
  /** Asks the Temporal frontend for its system info once, without retries (for /readyz). */
  temporalProbe: () => Promise<unknown>;
  taskQueue: string;
  /** Overrides the grace period of the rules' settings (tests, demos). */
  erasureGracePeriodMs?: number;
  rules: RuleRegistry;
  /** Bearer tokens accepted on /v1. */
  tokens: string[];
  /** Requests per minute each token may send; 0: unlimited. */
  rateLimitPerMinute: number;
  logger: Logger;
  validator: SchemaValidator;
}
