import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { TemporalConfig } from '../../temporal.config';

/** Connection options shared by the client and the worker: address, TLS and API key. */
export function connectionOptions(config: TemporalConfig): { address: string; tls?: TLSConfig; apiKey?: string } {
  return {
    address: config.address,
    ...(config.tls && { tls: tlsOptions(config.tls) }),
    ...(config.apiKey && { apiKey: config.apiKey }),
  };
}

function tlsOptions(tls: NonNullable<TemporalConfig['tls']>): TLSConfig {
  return {
    ...(tls.serverNameOverride && { serverNameOverride: tls.serverNameOverride }),
    ...(tls.serverRootCaPath && { serverRootCACertificate: readFileSync(tls.serverRootCaPath) }),
    ...(tls.clientCertPath &&
      tls.clientKeyPath && { clientCertPair: { crt: readFileSync(tls.clientCertPath), key: readFileSync(tls.clientKeyPath) } }),
  };
}
