/**
 * The one typed place for Temporal settings. The connection is read as every Temporal tool reads it
 * (@temporalio/envconfig, the same names as the `temporal` CLI): TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_API_KEY, TEMPORAL_TLS, TEMPORAL_TLS_CLIENT_CERT_PATH / _DATA, TEMPORAL_TLS_CLIENT_KEY_PATH /
 * _DATA, TEMPORAL_TLS_SERVER_CA_CERT_PATH / _DATA, TEMPORAL_TLS_SERVER_NAME,
 * TEMPORAL_TLS_DISABLE_HOST_VERIFICATION, TEMPORAL_GRPC_META_*, and a profile of a TOML config file
 * when TEMPORAL_CONFIG_FILE or TEMPORAL_PROFILE names one. Rulebook's own settings have defaults that
 * suit a laptop: without an address, `npm start` runs a local dev server.
 */
import path from 'node:path';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { ConfigError, readInteger } from './src/config/config-error';
import { resolveDataDir } from './src/config/data-dir';

export interface DevServerConfig {
  /** True when no Temporal address is configured: `npm start` then runs its own dev server. */
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
  /** `undefined` for plain-text connections (local dev server); `true`: TLS with the system's CAs. */
  tls?: TLSConfig | boolean;
  /** API key for Temporal Cloud (implies TLS). */
  apiKey?: string;
  /** gRPC headers for every call (TEMPORAL_GRPC_META_<NAME>). */
  metadata?: Record<string, string>;
  devServer: DevServerConfig;
}

/**
 * Names of earlier releases and the standard names that replaced them; still read, with a
 * deprecation warning.
 */
export const deprecatedTemporalVariables: Readonly<Record<string, string>> = {
  TEMPORAL_TLS_CERT: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
  TEMPORAL_TLS_CA: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
};

const warned = new Set<string>();

/** Reads the Temporal settings from the environment (and the TOML profile it names, if any). */
export function loadTemporalConfig(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const standard = withStandardNames(env);
  const devPort = readInteger(env, 'TEMPORAL_DEV_SERVER_PORT', 7233, { min: 1, max: 65535 });
  const devIp = env.TEMPORAL_DEV_SERVER_IP ?? '127.0.0.1';
  const hasCertificate = Boolean(standard.TEMPORAL_TLS_CLIENT_CERT_PATH || standard.TEMPORAL_TLS_CLIENT_CERT_DATA);
  const hasKey = Boolean(standard.TEMPORAL_TLS_CLIENT_KEY_PATH || standard.TEMPORAL_TLS_CLIENT_KEY_DATA);
  if (hasCertificate !== hasKey) {
    throw new ConfigError(
      hasCertificate ? 'TEMPORAL_TLS_CLIENT_KEY_PATH' : 'TEMPORAL_TLS_CLIENT_CERT_PATH',
      'a client certificate needs both a certificate and a key',
      'Set TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH (or their _DATA forms) together, or neither',
    );
  }
  const useFile = Boolean(env.TEMPORAL_CONFIG_FILE || env.TEMPORAL_PROFILE);
  let loaded: ReturnType<typeof loadClientConnectConfig>;
  try {
    loaded = loadClientConnectConfig({ overrideEnvVars: standard, disableFile: !useFile, configFileStrict: useFile });
  } catch (error) {
    throw new ConfigError(
      useFile ? 'TEMPORAL_CONFIG_FILE' : 'TEMPORAL_TLS_CLIENT_CERT_PATH',
      `the Temporal connection settings cannot be read: ${(error as Error).message}`,
      'Check the files the TEMPORAL_TLS_* variables (or the TOML profile) name',
    );
  }
  const { connectionOptions } = loaded;
  const address = connectionOptions.address || `${devIp}:${devPort}`;
  const tls = connectionOptions.tls === false || connectionOptions.tls === null ? undefined : connectionOptions.tls;
  return {
    address,
    namespace: loaded.namespace || 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE || 'rulebook',
    ...(tls !== undefined && { tls }),
    ...(connectionOptions.apiKey && typeof connectionOptions.apiKey === 'string' && { apiKey: connectionOptions.apiKey }),
    ...(connectionOptions.metadata &&
      Object.keys(connectionOptions.metadata).length > 0 && { metadata: connectionOptions.metadata as Record<string, string> }),
    devServer: {
      enabled: !connectionOptions.address,
      ip: devIp,
      port: devPort,
      uiPort: readInteger(env, 'TEMPORAL_UI_PORT', 8233, { min: 1, max: 65535 }),
      dbFile: env.TEMPORAL_DEV_DB_FILE || path.join(resolveDataDir(env), 'temporal', 'dev-server.sqlite'),
    },
  };
}

/**
 * The environment with the deprecated names of earlier releases moved to Temporal's standard ones
 * (a warning once per name); both set to different values is refused. Empty values count as unset,
 * as they did before.
 */
function withStandardNames(env: NodeJS.ProcessEnv): Record<string, string> {
  const standard = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''),
  );
  for (const [old, current] of Object.entries(deprecatedTemporalVariables)) {
    const value = standard[old];
    if (value === undefined) continue;
    delete standard[old];
    if (standard[current] !== undefined && standard[current] !== value) {
      throw new ConfigError(old, `is deprecated and differs from ${current}`, `Set ${current} only (Temporal's standard name)`);
    }
    standard[current] = value;
    if (!warned.has(old)) {
      warned.add(old);
      process.emitWarning(`${old} is deprecated: use ${current}, the name every Temporal tool reads.`, {
        type: 'DeprecationWarning',
        code: 'RULEBOOK_TEMPORAL_ENV',
      });
    }
  }
  return standard;
}
