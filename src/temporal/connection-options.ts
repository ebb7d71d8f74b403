import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { TemporalConfig } from '../../temporal.config';

/** Connection options shared by the client and the worker: address, TLS, API key and gRPC headers (read by temporal.config.ts). */
export function connectionOptions(config: TemporalConfig): {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
  metadata?: Record<string, string>;
} {
  return {
    address: config.address,
    ...(config.tls !== undefined && { tls: config.tls }),
    ...(config.apiKey && { apiKey: config.apiKey }),
    ...(config.metadata && { metadata: config.metadata }),
  };
}
