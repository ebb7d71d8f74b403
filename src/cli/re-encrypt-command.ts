import { parseArgs } from 'node:util';
import { apiOptions, apiTarget, callApi } from './api-client';

const help = `rulebook re-encrypt [--api URL] [--token TOKEN]

Seals every stored value of an encrypted attribute (rules/attributes.yaml, encrypted: true) under the
current payload key RULEBOOK_PAYLOAD_KEY: run it after a key rotation, before removing the former key
from RULEBOOK_PAYLOAD_OLD_KEYS. Prints how many rows moved and, per key id, the values whose key is not
configured. Talks to the running API (POST /v1/encrypted-attributes/re-encrypt); reveals no value.`;

interface Report {
  currentKeyId: string;
  customers: number;
  attributeChanges: number;
  unreadable: Record<string, number>;
}

/** `rulebook re-encrypt`: exit 1 while values remain under keys that are not configured. */
export async function reencryptCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: apiOptions });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const report = await callApi<Report>(apiTarget(values), 'POST', '/v1/encrypted-attributes/re-encrypt');
  console.log(
    `Re-encrypted under key ${report.currentKeyId}: ${report.customers} customers, ${report.attributeChanges} attribute-history rows.`,
  );
  const unreadable = Object.entries(report.unreadable);
  for (const [keyId, count] of unreadable) {
    console.log(
      `  ${count} values are sealed under key ${keyId}, which is not configured: add it to RULEBOOK_PAYLOAD_OLD_KEYS and run again.`,
    );
  }
  return unreadable.length > 0 ? 1 : 0;
}
