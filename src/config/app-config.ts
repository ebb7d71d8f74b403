import ms from 'ms';
import { ConfigError, readInteger } from './config-error';
import path from 'node:path';
import { resolveDataDir } from './data-dir';
import { projectRoot } from './project-root';

export interface AppConfig {
  /** Interface the HTTP API binds to; loopback unless configured otherwise. */
  host: string;
  port: number;
  /** `postgres://…` to use a PostgreSQL server of your own; unset for the embedded server under the data dir. */
  databaseUrl?: string;
  dataDir: string;
  /** Connections to the PostgreSQL server per process. */
  poolSize: number;
  /** Bearer tokens accepted on /v1; unset means "generate one and keep it under the data dir". */
  apiTokens?: string[];
  /** Requests per minute each token may send to one API process; 0: unlimited. */
  apiRateLimit: number;
  /** Tokens allowed to read encrypted attributes in clear, as `token-<n>` (position in the token list). */
  personalDataTokens: string[];
  logLevel: string;
  /** Key (32 bytes) encrypting workflow payloads; unset: generated under the data dir. */
  payloadKey?: Buffer;
  /** Former keys, still accepted for decryption after a rotation. */
  payloadOldKeys: Buffer[];
  /** SMTP server for reminder emails (smtp://user:pass@host:port); unset: emails stay queued. */
  smtpUrl?: string;
  smtpFrom: string;
  /** How long an unsent reminder is retried before it is given up (dead); unset: 3 days. */
  outboxHorizonMs?: number;
  /** How long a workflow intent is retried (Temporal unreachable) before it is given up (dead); unset: 7 days. */
  workflowIntentHorizonMs?: number;
  /** HTTP gateway that takes SMS reminders (POST JSON); unset: SMS stay queued. */
  smsGatewayUrl?: string;
  /** Bearer token for the SMS gateway. */
  smsGatewayToken?: string;
  /** Overrides the erasure grace period of rules/settings.yaml (tests and demos); unset in production. */
  erasureGracePeriodMs?: number;
  /** The rules folder the service runs and watches. */
  rulesDir: string;
  /** Reload the rules when their files change. */
  watchRules: boolean;
  /** Origins of the Temporal Web UI allowed to call the codec routes (CORS); unset: the dev server UI's. */
  codecCorsOrigins?: string[];
}

/** 100 requests a second on average: far above what one integration needs, far below what starves the others. */
const defaultRateLimitPerMinute = 6_000;

/** Reads the application settings (everything but Temporal's) from the environment. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const apiTokens = readTokens(env);
  return {
    host: env.HOST || '127.0.0.1',
    port: readInteger(env, 'PORT', 3000, { min: 0, max: 65535 }),
    databaseUrl: readDatabaseUrl(env),
    dataDir: resolveDataDir(env),
    poolSize: readInteger(env, 'DATABASE_POOL_SIZE', 10, { min: 1, max: 500 }),
    apiTokens,
    personalDataTokens: readPersonalDataTokens(env, apiTokens?.length ?? 1),
    apiRateLimit: readInteger(env, 'API_RATE_LIMIT', defaultRateLimitPerMinute, { min: 0, max: 100_000_000 }),
    logLevel: env.LOG_LEVEL || 'info',
    ...(env.RULEBOOK_PAYLOAD_KEY && { payloadKey: readKey('RULEBOOK_PAYLOAD_KEY', env.RULEBOOK_PAYLOAD_KEY) }),
    ...(env.SMTP_URL && { smtpUrl: readServiceUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:'], 'smtp://user:pass@mail.example:587') }),
    smtpFrom: env.SMTP_FROM || 'Rulebook <reminders@localhost>',
    ...(env.OUTBOX_DELIVERY_HORIZON && { outboxHorizonMs: readHorizon(env, 'OUTBOX_DELIVERY_HORIZON') }),
    ...(env.WORKFLOW_INTENT_HORIZON && { workflowIntentHorizonMs: readHorizon(env, 'WORKFLOW_INTENT_HORIZON') }),
    ...(env.SMS_GATEWAY_URL && { smsGatewayUrl: readHttpUrl('SMS_GATEWAY_URL', env.SMS_GATEWAY_URL) }),
    ...(env.SMS_GATEWAY_TOKEN && { smsGatewayToken: env.SMS_GATEWAY_TOKEN }),
    payloadOldKeys: (env.RULEBOOK_PAYLOAD_OLD_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean)
      .map((key) => readKey('RULEBOOK_PAYLOAD_OLD_KEYS', key)),
    ...(env.RULEBOOK_ERASURE_GRACE_PERIOD && { erasureGracePeriodMs: readDuration(env, 'RULEBOOK_ERASURE_GRACE_PERIOD') }),
    rulesDir: path.resolve(env.RULEBOOK_RULES_DIR || path.join(projectRoot, 'rules')),
    watchRules: env.RULEBOOK_WATCH_RULES !== 'false',
    ...(env.RULEBOOK_CODEC_CORS_ORIGINS !== undefined && { codecCorsOrigins: readOrigins(env, 'RULEBOOK_CODEC_CORS_ORIGINS') }),
  };
}

function readDatabaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.DATABASE_URL;
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError(
      'DATABASE_URL',
      'must start with postgres:// or postgresql://',
      'Use e.g. postgres://user:password@127.0.0.1:5432/rulebook, or unset it for the embedded database',
    );
  }
  return url;
}

function readTokens(env: NodeJS.ProcessEnv): string[] | undefined {
  if (!env.API_TOKENS) return undefined;
  const tokens = env.API_TOKENS.split(',')
    .map((token) => token.trim())
    .filter(Boolean);
  const tooShort = tokens.findIndex((token) => token.length < 16);
  if (tokens.length === 0 || tooShort >= 0) {
    throw new ConfigError(
      'API_TOKENS',
      tokens.length === 0 ? 'holds no token' : `token number ${tooShort + 1} is shorter than 16 characters`,
      'Give a comma-separated list of random tokens of at least 16 characters (e.g. `openssl rand -hex 32`)',
    );
  }
  return tokens;
}

/** `token-2,token-3` (or `2,3`): positions in API_TOKENS, as the logs name the callers. */
function readPersonalDataTokens(env: NodeJS.ProcessEnv, tokenCount: number): string[] {
  const entries = (env.API_PERSONAL_DATA_TOKENS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const position = /^(?:token-)?([1-9][0-9]{0,5})$/.exec(entry)?.[1];
    if (!position || Number(position) > tokenCount) {
      throw new ConfigError(
        'API_PERSONAL_DATA_TOKENS',
        position
          ? `"${entry}" names no token: there ${tokenCount === 1 ? 'is 1 token' : `are ${tokenCount} tokens`}`
          : `"${entry}" is not a token position`,
        'List the positions in API_TOKENS of the tokens allowed to read encrypted attributes, as the logs name them: e.g. token-2,token-3',
      );
    }
    return `token-${Number(position)}`;
  });
}

/** An http(s) URL without credentials in it (fetch refuses them; a token goes in SMS_GATEWAY_TOKEN). The value is never repeated: it may hold secrets. */
function readHttpUrl(variable: string, value: string): string {
  const url = readServiceUrl(variable, value, ['http:', 'https:'], 'https://sms.example/v1/messages');
  const parsed = new URL(url);
  if (parsed.username || parsed.password) {
    throw new ConfigError(
      variable,
      'the URL holds a user name or password',
      'Remove them from the URL and give the token in SMS_GATEWAY_TOKEN',
    );
  }
  return url;
}

function readServiceUrl(variable: string, value: string, protocols: string[], example: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !protocols.includes(url.protocol)) {
    throw new ConfigError(
      variable,
      `the value is not a ${protocols.map((protocol) => protocol.replace(':', '')).join(' or ')} URL`,
      `Write it like ${example}`,
    );
  }
  return value;
}

/** At least a minute: a shorter horizon gives messages up before their first retry. */
function readHorizon(env: NodeJS.ProcessEnv, variable: string): number {
  const horizon = readDuration(env, variable);
  if (horizon < 60_000)
    throw new ConfigError(
      variable,
      `${horizon} ms is shorter than a minute`,
      'Write a duration with its unit, e.g. "3 days" or "12 hours"',
    );
  return horizon;
}

function readKey(variable: string, base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) {
    throw new ConfigError(variable, 'a key must be 32 bytes, written in base64', 'Make one with `openssl rand -base64 32`');
  }
  return key;
}

function readDuration(env: NodeJS.ProcessEnv, variable: string): number {
  const raw = env[variable] ?? '';
  const value = ms(raw as ms.StringValue);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(variable, `"${raw}" is not a duration`, 'Write it like "45 days", "12h" or "30 seconds"');
  }
  return value;
}

/** A comma-separated list of origins (`https://temporal.example.com`), each scheme, host and port only. */
function readOrigins(env: NodeJS.ProcessEnv, variable: string): string[] {
  const entries = (env[variable] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      if (['http:', 'https:'].includes(url.protocol)) origin = url.origin;
    } catch {
      origin = undefined;
    }
    if (!origin || origin !== entry.replace(/\/$/, '')) {
      throw new ConfigError(
        variable,
        `"${entry}" is not an origin`,
        'Give the Temporal Web UI origins as scheme://host[:port], comma-separated, e.g. https://temporal.example.com,http://127.0.0.1:8233',
      );
    }
    return origin;
  });
}
