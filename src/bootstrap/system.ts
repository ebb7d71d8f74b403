/**
 * Starts the parts of Rulebook in dependency order — database (the embedded server unless
 * DATABASE_URL is set), Temporal dev server (optional), worker, HTTP API — and stops them in reverse.
 */
import { Client, Connection } from '@temporalio/client';
import type { Worker, WorkflowBundle } from '@temporalio/worker';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { TemporalConfig } from '../../temporal.config';
import { createApp } from '../api/app';
import { defaultCodecCorsOrigins, temporalCodecPath } from '../api/temporal-ui-access';
import { answerClientErrorsAsProblems } from '../api/client-errors';
import { loadApiSchemas, SchemaValidator } from '../api/schema-validator';
import type { AppConfig } from '../config/app-config';
import type { Database } from '../store/database';
import { openDatabase } from '../store/open-database';
import { connectionOptions } from '../temporal/connection-options';
import { startDevServer } from '../temporal/dev-server';
import { ensureSearchAttributes } from '../temporal/search-attribute-registration';
import { temporalCliPath } from '../temporal/temporal-executables';
import { bundleWorkflows } from '../temporal/workflow-bundle';
import { rulebookClientIdentity } from '../temporal/sender-identity';
import { createRulebookWorker } from '../worker/create-worker';
import { startOutboxDelivery } from '../notifications/outbox-delivery';
import { textsFromRules } from '../notifications/message-texts';
import { startIntentRelay } from '../outbox/workflow-intent-relay';
import { httpSmsSender, smtpSender } from '../notifications/senders';
import { RuleRegistry } from '../rules/rule-registry';
import { commitRuleChange } from '../use-cases/rule-change';
import { rulebookDataConverter } from '../temporal/data-converter';
import { resolveApiTokens } from './api-token';
import { resolvePayloadKey } from './payload-key';
import { runInBackground } from './background-priority';
import { AttributeCipher } from '../encryption/attribute-cipher';
import { reencryptAttributeValues } from '../store/encrypted-attribute-store';
import { normaliseStoredPhoneNumbers } from '../store/stored-phone-numbers';

export interface SystemOptions {
  app: AppConfig;
  temporal: TemporalConfig;
  logger: Logger;
  parts: { devServer: boolean; worker: boolean; api: boolean };
  /** A prebuilt bundle (tests bundle once per run); otherwise the worker bundles at start. */
  workflowBundle?: WorkflowBundle;
  /** Aborted (Ctrl-C during start-up): the start stops after its current step, and what started is stopped. */
  abort?: AbortSignal;
  /** Told when the embedded PostgreSQL server stops by itself. */
  onDatabaseLost?: (description: string) => void;
}

export interface RunningSystem {
  apiUrl?: string;
  /** Set when the token was generated and kept under the data dir. */
  generatedToken?: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  db: Database;
  client: Client;
  rules: RuleRegistry;
  stop(): Promise<void>;
}

/** Starts the requested parts; on failure stops whatever had started and rethrows. */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const { app, logger } = options;
  const stack: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    while (stack.length > 0) await stack.pop()!().catch((error) => logger.error({ err: error }, 'error while stopping'));
  };
  try {
    // First: a second `npm start` on the same data directory is refused here, before anything else starts.
    const db = await openDatabase(
      {
        ...app,
        joinEmbeddedServer: !options.parts.devServer,
        ...(options.onDatabaseLost && { onEmbeddedServerLost: options.onDatabaseLost }),
      },
      logger,
    );
    stack.push(() => db.close());
    logger.info({ database: db.location }, 'database ready');
    options.abort?.throwIfAborted();

    let temporal = options.temporal;
    let temporalUiUrl: string | undefined;
    if (options.parts.devServer && temporal.devServer.enabled) {
      const dev = temporal.devServer;
      logger.info({ dbFile: dev.dbFile }, 'starting the Temporal dev server');
      const server = await startDevServer({
        cliPath: temporalCliPath(),
        ip: dev.ip,
        port: dev.port,
        uiPort: dev.uiPort,
        // The Web UI decodes payloads through the API's codec server (the API starts after the dev server, on a known port).
        ...(options.parts.api && app.port !== 0 && { uiCodecEndpoint: uiCodecEndpoint(app.host, app.port) }),
        dbFile: dev.dbFile,
        namespace: temporal.namespace,
        logger,
      });
      stack.push(() => server.stop());
      runInBackground(server.pid, logger);
      temporal = { ...temporal, address: server.address };
      temporalUiUrl = server.uiUrl;
      options.abort?.throwIfAborted();
    }

    // Lazy, so that the API can start and report "Temporal unreachable" on /readyz instead of exiting.
    const connection = Connection.lazy(connectionOptions(temporal));
    stack.push(() => connection.close());
    // /readyz asks on its own connection without the retrying interceptor: a probe answers at once
    // and leaves no retry behind that could outlive the process's connections.
    const probeConnection = Connection.lazy({ ...connectionOptions(temporal), interceptors: [] });
    stack.push(() => probeConnection.close());
    const temporalProbe = () => probeConnection.workflowService.getSystemInfo({});
    const dataConverter = rulebookDataConverter({ current: resolvePayloadKey(app.payloadKey, app.dataDir), previous: app.payloadOldKeys });
    // Rulebook's own identity in Temporal histories: a command an operator sent with Temporal's tools carries theirs.
    const client = new Client({ connection, namespace: temporal.namespace, dataConverter, identity: rulebookClientIdentity });
    // Encrypted attributes are sealed under the payload keys too (key handling: src/encryption/attribute-cipher.ts).
    const attributeCipher = new AttributeCipher(resolvePayloadKey(app.payloadKey, app.dataDir), app.payloadOldKeys);

    // Every process commits the rules it uses to the database first (src/use-cases/rule-change.ts):
    // a start with profiles removed while customers hold them refuses (or applies the change) as a reload does.
    const rules = new RuleRegistry(app.rulesDir, logger, (previous, next) => commitRuleChange(db, previous, next));
    stack.push(async () => rules.close());
    await rules.start();
    if (app.watchRules) rules.watch();
    logger.info({ version: rules.current.version, dir: app.rulesDir, applied: rules.status().lastReload.applied }, 'rules loaded');

    if (options.parts.worker) {
      options.abort?.throwIfAborted();
      const worker = await createRulebookWorker({
        temporal,
        workflowBundle: options.workflowBundle ?? (await bundleWorkflows()),
        deps: { db, rules, client, attributeCipher },
        dataConverter,
      });
      // Workflows set Rulebook's search attributes, which Temporal refuses unless registered in the namespace:
      // checked once the worker has connected (a Temporal out of reach fails just above), before it takes any task.
      const registered = await ensureSearchAttributes(client.connection, temporal.namespace);
      if (registered.length > 0) logger.info({ registered, namespace: temporal.namespace }, 'search attributes registered');
      const running = worker.run();
      stack.push(() => stopWorker(worker, running));
      logger.info({ taskQueue: temporal.taskQueue }, 'worker running');
      const relay = startIntentRelay(
        db,
        { client, taskQueue: temporal.taskQueue },
        {
          onError: (error) => logger.warn({ err: error }, 'relaying workflow intents failed'),
          ...(app.workflowIntentHorizonMs !== undefined && { policy: { horizonMs: app.workflowIntentHorizonMs } }),
        },
      );
      stack.push(() => relay.stop());
      if (app.smtpUrl || app.smsGatewayUrl) {
        const email = app.smtpUrl ? smtpSender(app.smtpUrl, app.smtpFrom) : undefined;
        const sms = app.smsGatewayUrl
          ? httpSmsSender(app.smsGatewayUrl, { ...(app.smsGatewayToken && { token: app.smsGatewayToken }) })
          : undefined;
        const delivery = startOutboxDelivery(
          db,
          { ...(email && { email }), ...(sms && { sms }) },
          1_000,
          (error) => logger.warn({ err: error }, 'outbox delivery failed'),
          app.outboxHorizonMs === undefined ? {} : { horizonMs: app.outboxHorizonMs },
          // Rendered from the templates of the rules in use when each message leaves.
          textsFromRules(() => rules.current, logger),
        );
        stack.push(async () => {
          await delivery.stop();
          email?.close();
        });
        logger.info({ channels: [...(email ? ['email'] : []), ...(sms ? ['sms'] : [])] }, 'delivering reminders');
      }
    }

    let apiUrl: string | undefined;
    let generatedToken: string | undefined;
    if (options.parts.api) {
      options.abort?.throwIfAborted();
      // Before the first request: a phone stored in another form than E.164 would be neither found nor unique.
      await normaliseStoredPhones(db, rules, logger);
      const { tokens, generated } = resolveApiTokens(app.apiTokens, app.dataDir);
      generatedToken = generated;
      if (!generated) {
        logger.warn(
          { tokens: tokens.length, personalData: app.personalDataTokens },
          'API_TOKENS hold every scope (customers:read-personal only those in API_PERSONAL_DATA_TOKENS), and what they do is recorded as token-<n>: ' +
            'make a scoped credential per system or person with `npx rulebook credentials create --name <name> --scopes <scopes>` and retire these',
        );
      }
      const schemas = loadApiSchemas();
      const server = await listen(
        createApp(
          {
            db,
            temporal: client,
            temporalProbe,
            taskQueue: temporal.taskQueue,
            ...(app.erasureGracePeriodMs !== undefined && { erasureGracePeriodMs: app.erasureGracePeriodMs }),
            rules,
            tokens,
            // A one-machine install (token generated under the data dir, next to the payload key) is its own administrator:
            // it reads personal data in clear, and its own Temporal histories.
            personalDataReaders: new Set([...app.personalDataTokens, ...(generated ? ['token-1'] : [])]),
            attributeCipher,
            payloadCodec: dataConverter.payloadCodecs![0]!,
            codecCorsOrigins: app.codecCorsOrigins ?? defaultCodecCorsOrigins(temporal.devServer.uiPort),
            rateLimitPerMinute: app.apiRateLimit,
            logger,
            validator: new SchemaValidator(schemas),
          },
          schemas,
        ),
        app.host,
        app.port,
      );
      stack.push(() => closeServer(server));
      stack.push(reencryptInBackground(db, rules, attributeCipher, logger));
      const { port } = server.address() as AddressInfo;
      apiUrl = `http://${app.host.includes(':') ? `[${app.host}]` : app.host}:${port}`;
    }

    return { apiUrl, generatedToken, temporalAddress: temporal.address, temporalUiUrl, db, client, rules, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Moves encrypted attribute values sealed under a former key (or kept in clear from before their
 * attribute was declared encrypted) to the current key, without delaying the start; returns how to
 * stop it. Values under keys no longer configured are left alone and reported.
 */
function reencryptInBackground(db: Database, rules: RuleRegistry, cipher: AttributeCipher, logger: Logger): () => Promise<void> {
  let stopping = false;
  const pass = reencryptAttributeValues(db, cipher.forCatalog(rules.current.attributes), { stopped: () => stopping }).then(
    (report) => {
      if (report.customers + report.attributeChanges > 0) logger.info({ report }, 'encrypted attribute values moved to the current key');
      if (Object.keys(report.unreadable).length > 0) {
        logger.warn(
          { unreadable: report.unreadable },
          'some encrypted attribute values are sealed under keys that are not configured: add those keys to RULEBOOK_PAYLOAD_OLD_KEYS',
        );
      }
    },
    (error: unknown) =>
      logger.warn({ err: error }, 're-encrypting attribute values failed; run `rulebook re-encrypt` once the cause is fixed'),
  );
  return async () => {
    stopping = true;
    await pass;
  };
}

/**
 * Brings phones stored before numbers were read into E.164 to that form (src/store/stored-phone-numbers.ts);
 * logs what it did by customer id, and what it left for people to look at. A failure is logged, not fatal.
 */
async function normaliseStoredPhones(db: Database, rules: RuleRegistry, logger: Logger): Promise<void> {
  try {
    const report = await normaliseStoredPhoneNumbers(db, rules.current.settings.defaultPhoneRegion);
    if (report.normalised > 0) logger.info({ normalised: report.normalised }, 'stored phone numbers brought to E.164');
    if (report.clashes.length > 0) {
      logger.warn(
        { clashes: report.clashes.slice(0, 100), count: report.clashes.length },
        'customers hold the same phone number written differently; each was left as it was: merge it into the customer holding the number (POST /v1/customers/{heldBy}/merge)',
      );
    }
    if (report.unreadable.length > 0) {
      logger.warn(
        { customerIds: report.unreadable.slice(0, 100), count: report.unreadable.length },
        'stored phone numbers that are no valid number (or lack a country code and settings.defaultPhoneRegion) were left as they were',
      );
    }
  } catch (error) {
    logger.warn({ err: error }, 'bringing stored phone numbers to E.164 failed; the next start tries again');
  }
}

/** The API's codec server as the browser showing the dev server's Web UI reaches it. */
export function uiCodecEndpoint(host: string, port: number): string {
  const reachable = ['0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}${temporalCodecPath}`;
}

async function stopWorker(worker: Worker, running: Promise<void>): Promise<void> {
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running;
}

function listen(app: ReturnType<typeof createApp>, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
    answerClientErrorsAsProblems(server);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}
