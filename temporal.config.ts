/**
 * The one typed place for Temporal settings. Every value comes from an environment variable with a
 * default that suits a laptop: without TEMPORAL_ADDRESS, `npm start` runs a local dev server.
 */
import path from 'node:path';
import { ConfigError, readInteger } from './src/config/config-error';
import { resolveDataDir } from './src/config/data-dir';

export interface TemporalTlsConfig {
  /** Client certificate (PEM) for mTLS, e.g. a Temporal Cloud namespace certificate. */
  clientCertPath?: string;
  clientKeyPath?: string;
  /** Extra certificate authority (PEM) for self-hosted clusters with a private CA. */
  serverRootCaPath?: string;
  serverNameOverride?: string;
}

export interface DevServerConfig {
  /** True when no TEMPORAL_ADDRESS is configured: `npm start` then runs its own dev server. */
  enabled: boolean;
  ip: string;
  port: number;
  uiPort: number;
  /** SQLite file that keeps the dev server's workflows across restarts. */
  dbFile: string;
}

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /** `undefined` for plain-text connections (local dev server). */
  tls?: TemporalTlsConfig;
  /** API key for Temporal Cloud (implies TLS). */
  apiKey?: string;
  devServer: DevServerConfig;
}

/** Reads the Temporal settings from the environment. */
export function loadTemporalConfig(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const devPort = readInteger(env, 'TEMPORAL_DEV_SERVER_PORT', 7233, { min: 1, max: 65535 });
  const devIp = env.TEMPORAL_DEV_SERVER_IP ?? '127.0.0.1';
  const address = env.TEMPORAL_ADDRESS || `${devIp}:${devPort}`;
  const apiKey = env.TEMPORAL_API_KEY || undefined;
  return {
    address,
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE || 'rulebook',
    tls: readTls(env, apiKey !== undefined),
    apiKey,
    devServer: {
      enabled: !env.TEMPORAL_ADDRESS,
      ip: devIp,
      port: devPort,
      uiPort: readInteger(env, 'TEMPORAL_UI_PORT', 8233, { min: 1, max: 65535 }),
      dbFile: env.TEMPORAL_DEV_DB_FILE || path.join(resolveDataDir(env), 'temporal', 'dev-server.sqlite'),
    },
  };
}

function readTls(env: NodeJS.ProcessEnv, required: boolean): TemporalTlsConfig | undefined {
  const tls: TemporalTlsConfig = {
    clientCertPath: env.TEMPORAL_TLS_CERT || undefined,
    clientKeyPath: env.TEMPORAL_TLS_KEY || undefined,
    serverRootCaPath: env.TEMPORAL_TLS_CA || undefined,
    serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME || undefined,
  };
  if (Boolean(tls.clientCertPath) !== Boolean(tls.clientKeyPath)) {
    throw new ConfigError(
      tls.clientCertPath ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT',
      'a client certificate needs both a certificate and a key',
      'Set TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY together, or neither',
    );
  }
  const wanted = required || env.TEMPORAL_TLS === 'true' || Object.values(tls).some(Boolean);
  return wanted ? tls : undefined;
}
