import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { loadTemporalConfig } from '../../../temporal.config';
import { loadAppConfig } from '../../../src/config/app-config';
import { ConfigError } from '../../../src/config/config-error';

describe('Temporal settings', () => {
  it('default to a local dev server persisted under the data dir', () => {
    const config = loadTemporalConfig({ RULEBOOK_DATA_DIR: '/var/lib/rulebook' });
    expect(config).toMatchObject({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'rulebook',
      devServer: { enabled: true, uiPort: 8233, dbFile: '/var/lib/rulebook/temporal/dev-server.sqlite' },
    });
    expect(config.tls).toBeUndefined();
  });

  it('use a configured cluster instead of the dev server', () => {
    const config = loadTemporalConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_NAMESPACE: 'prod' });
    expect(config).toMatchObject({ address: 'temporal.internal:7233', namespace: 'prod', devServer: { enabled: false } });
  });

  it('turn on TLS for a Temporal Cloud API key', () => {
    const config = loadTemporalConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'key' });
    expect(config.apiKey).toBe('key');
    expect(config.tls).toBeDefined();
  });

  it('refuse a client certificate without its key, naming the missing variable', () => {
    expect(() => loadTemporalConfig({ TEMPORAL_TLS_CLIENT_CERT_PATH: '/etc/cert.pem' })).toThrowError(
      /TEMPORAL_TLS_CLIENT_KEY_PATH: .*both/,
    );
    expect(() => loadTemporalConfig({ TEMPORAL_TLS_CERT: '/etc/cert.pem' })).toThrowError(/TEMPORAL_TLS_CLIENT_KEY_PATH: .*both/);
  });

  it("read Temporal's standard names, as the temporal CLI does (@temporalio/envconfig)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rulebook-tls-'));
    writeFileSync(path.join(dir, 'ca.pem'), 'CA');
    writeFileSync(path.join(dir, 'client.pem'), 'CERT');
    writeFileSync(path.join(dir, 'client.key'), 'KEY');
    const config = loadTemporalConfig({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: path.join(dir, 'ca.pem'),
      TEMPORAL_TLS_CLIENT_CERT_PATH: path.join(dir, 'client.pem'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: path.join(dir, 'client.key'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.example',
      TEMPORAL_GRPC_META_X_TENANT: 'shop-1',
    });
    const tls = config.tls as TLSConfig;
    expect(tls.serverNameOverride).toBe('temporal.example');
    expect(text(tls.serverRootCACertificate)).toBe('CA');
    expect([text(tls.clientCertPair?.crt), text(tls.clientCertPair?.key)]).toEqual(['CERT', 'KEY']);
    expect(config.devServer.enabled).toBe(false);
    expect(Object.values(config.metadata ?? {})).toEqual(['shop-1']);
  });

  it('still read the TLS names of earlier releases, with a deprecation warning', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rulebook-tls-'));
    writeFileSync(path.join(dir, 'ca.pem'), 'CA');
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listen);
    try {
      const config = loadTemporalConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_TLS_CA: path.join(dir, 'ca.pem') });
      expect(text((config.tls as TLSConfig).serverRootCACertificate)).toBe('CA');
    } finally {
      await new Promise((resolve) => setImmediate(resolve));
      process.off('warning', listen);
    }
    expect(warnings.join('\n')).toMatch(/TEMPORAL_TLS_CA is deprecated: use TEMPORAL_TLS_SERVER_CA_CERT_PATH/);
    expect(() => loadTemporalConfig({ TEMPORAL_TLS_CA: '/a.pem', TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/b.pem' })).toThrowError(
      /TEMPORAL_TLS_CA: .*differs from TEMPORAL_TLS_SERVER_CA_CERT_PATH/,
    );
  });

  it('refuse a port that is not a number', () => {
    expect(() => loadTemporalConfig({ TEMPORAL_UI_PORT: 'eighty' })).toThrowError(ConfigError);
  });
});

const text = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

describe('application settings', () => {
  it('limit each token to 6,000 requests a minute unless told otherwise, 0 meaning no limit', () => {
    expect(loadAppConfig({}).apiRateLimit).toBe(6_000);
    expect(loadAppConfig({ API_RATE_LIMIT: '0' }).apiRateLimit).toBe(0);
    expect(() => loadAppConfig({ API_RATE_LIMIT: 'lots' })).toThrowError(/API_RATE_LIMIT/);
  });

  it('bind the API to loopback on port 3000 by default', () => {
    expect(loadAppConfig({})).toMatchObject({ host: '127.0.0.1', port: 3000, databaseUrl: undefined, apiTokens: undefined });
  });

  it('leave the erasure grace period to the rules unless overridden', () => {
    expect(loadAppConfig({}).erasureGracePeriodMs).toBeUndefined();
    expect(loadAppConfig({ RULEBOOK_ERASURE_GRACE_PERIOD: '2 hours' }).erasureGracePeriodMs).toBe(7_200_000);
  });

  it('run and watch the shipped rules folder by default', () => {
    expect(loadAppConfig({})).toMatchObject({ rulesDir: expect.stringMatching(/\/rules$/), watchRules: true });
  });

  it('read comma-separated API tokens', () => {
    const tokens = loadAppConfig({ API_TOKENS: 'aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb' }).apiTokens;
    expect(tokens).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
  });

  it('refuse short API tokens, saying how to make good ones', () => {
    expect(() => loadAppConfig({ API_TOKENS: 'secret' })).toThrowError(/API_TOKENS: .*shorter than 16.*openssl rand/);
  });

  it('refuse a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => loadAppConfig({ DATABASE_URL: 'mysql://x' })).toThrowError(/DATABASE_URL: must start with postgres/);
  });

  it('read the payload encryption keys, refusing keys that are not 32 bytes of base64', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadAppConfig({ RULEBOOK_PAYLOAD_KEY: key, RULEBOOK_PAYLOAD_OLD_KEYS: `${key},${key}` })).toMatchObject({
      payloadKey: Buffer.alloc(32, 7),
      payloadOldKeys: [Buffer.alloc(32, 7), Buffer.alloc(32, 7)],
    });
    expect(() => loadAppConfig({ RULEBOOK_PAYLOAD_KEY: 'c2hvcnQ=' })).toThrowError(
      /RULEBOOK_PAYLOAD_KEY: a key must be 32 bytes.*openssl rand -base64 32/,
    );
  });

  it('let no token read encrypted attributes unless API_PERSONAL_DATA_TOKENS names it by position', () => {
    expect(loadAppConfig({}).personalDataTokens).toEqual([]);
    const tokens = { API_TOKENS: 'aaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbb,cccccccccccccccc' };
    expect(loadAppConfig({ ...tokens, API_PERSONAL_DATA_TOKENS: 'token-2, 3' }).personalDataTokens).toEqual(['token-2', 'token-3']);
    expect(loadAppConfig({ API_PERSONAL_DATA_TOKENS: 'token-1' }).personalDataTokens).toEqual(['token-1']); // the generated token
    expect(() => loadAppConfig({ ...tokens, API_PERSONAL_DATA_TOKENS: 'token-4' })).toThrowError(
      /API_PERSONAL_DATA_TOKENS: "token-4" names no token: there are 3 tokens/,
    );
    expect(() => loadAppConfig({ ...tokens, API_PERSONAL_DATA_TOKENS: 'aaaaaaaaaaaaaaaa' })).toThrowError(
      /API_PERSONAL_DATA_TOKENS: .*not a token position.*token-2/,
    );
  });

  it('refuse a grace period that is not a duration', () => {
    expect(() => loadAppConfig({ RULEBOOK_ERASURE_GRACE_PERIOD: 'soon' })).toThrowError(/RULEBOOK_ERASURE_GRACE_PERIOD/);
  });
});

describe('reminder delivery settings', () => {
  it('read the SMS gateway and the delivery horizon', () => {
    const config = loadAppConfig({
      SMS_GATEWAY_URL: 'https://sms.example/v1/messages',
      SMS_GATEWAY_TOKEN: 't',
      OUTBOX_DELIVERY_HORIZON: '2 days',
    });
    expect(config).toMatchObject({
      smsGatewayUrl: 'https://sms.example/v1/messages',
      smsGatewayToken: 't',
      outboxHorizonMs: 2 * 86_400_000,
    });
  });

  it('refuse a gateway that is not an http(s) URL, naming the variable', () => {
    expect(() => loadAppConfig({ SMS_GATEWAY_URL: 'smtp://nope' })).toThrow(ConfigError);
    expect(() => loadAppConfig({ SMS_GATEWAY_URL: 'smtp://nope' })).toThrow(/SMS_GATEWAY_URL/);
  });

  it('refuse credentials in the gateway URL without repeating them', () => {
    expect(() => loadAppConfig({ SMS_GATEWAY_URL: 'https://user:s3cret@sms.example/v1' })).toThrow(/SMS_GATEWAY_TOKEN/);
    expect(() => loadAppConfig({ SMS_GATEWAY_URL: 'ftp://user:s3cret@sms.example/v1' })).not.toThrow(/s3cret/);
  });

  it('refuse an SMTP URL that is not one, and a horizon shorter than a minute', () => {
    expect(() => loadAppConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
    expect(() => loadAppConfig({ OUTBOX_DELIVERY_HORIZON: '3' })).toThrow(/shorter than a minute/);
  });
});
