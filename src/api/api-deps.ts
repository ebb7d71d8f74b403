import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Logger } from 'pino';
import type { AttributeCipher } from '../encryption/attribute-cipher';
import type { ProcessDeps } from '../use-cases/process-deps';
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
  /** Tokens of API_TOKENS (`token-<n>`) that hold customers:read-personal (API_PERSONAL_DATA_TOKENS; the token `npm start` generates). */
  personalDataReaders: ReadonlySet<string>;
  /** Rulebook's payload codec (encryption), for the codec server routes. */
  payloadCodec: PayloadCodec;
  /** Origins whose pages may call the codec routes (the Temporal Web UI); unset: the dev UI's (RULEBOOK_CODEC_CORS_ORIGINS). */
  codecCorsOrigins?: readonly string[];
  /** Seals and opens the values of encrypted attributes (payload keys). */
  attributeCipher: AttributeCipher;
  /** Requests per minute each token may send; 0: unlimited. */
  rateLimitPerMinute: number;
  logger: Logger;
  validator: SchemaValidator;
}

/** What the use cases that start or signal workflows need, from the API's dependencies. */
export function processDeps(deps: ApiDeps): ProcessDeps {
  return { db: deps.db, client: deps.temporal, taskQueue: deps.taskQueue };
}
