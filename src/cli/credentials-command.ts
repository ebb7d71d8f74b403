import { parseArgs } from 'node:util';
import { apiOptions, apiTarget, callApi } from './api-client';

const help = `rulebook credentials create --name NAME --scopes SCOPE,SCOPE… [--api URL] [--token TOKEN]
rulebook credentials list
rulebook credentials revoke --name NAME

API credentials: each has a name — what timelines and the audit trail record as the actor of what it
does — and scopes (e.g. events:write for a shop's order system; customers:read for a report; GET
/openapi.json lists them all). "create" prints the token once: Rulebook keeps only its SHA-256.
A credential holds at most the scopes of the one that makes it (credentials:admin is needed).
"revoke" stops a token within 5 seconds; the credential stays listed. Talks to the running API.`;

interface Credential {
  name: string;
  scopes: string[];
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  token?: string;
}

/** `rulebook credentials create|list|revoke`. */
export async function credentialsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, scopes: { type: 'string' }, ...apiOptions },
  });
  const action = positionals[0];
  if (values.help) {
    console.log(help);
    return 0;
  }
  const target = apiTarget(values);
  if (action === 'create' && values.name && values.scopes) {
    const scopes = values.scopes
      .split(',')
      .map((scope) => scope.trim())
      .filter(Boolean);
    const made = await callApi<Credential>(target, 'POST', '/v1/credentials', { name: values.name, scopes });
    console.log(`Credential ${made.name} (${made.scopes.join(', ')}). Its token, shown this once:\n\n  ${made.token}\n`);
    return 0;
  }
  if (action === 'list') {
    const { credentials } = await callApi<{ credentials: Credential[] }>(target, 'GET', '/v1/credentials');
    for (const credential of credentials) {
      const state = credential.revokedAt ? `revoked ${credential.revokedAt}` : 'active';
      console.log(`${credential.name}  ${state}  made ${credential.createdAt} by ${credential.createdBy}  ${credential.scopes.join(',')}`);
    }
    if (credentials.length === 0) console.log('No credentials yet: make one with `rulebook credentials create --name NAME --scopes …`.');
    return 0;
  }
  if (action === 'revoke' && values.name) {
    const revoked = await callApi<Credential>(target, 'POST', `/v1/credentials/${encodeURIComponent(values.name)}/revoke`);
    console.log(`Credential ${revoked.name} revoked at ${revoked.revokedAt}: its token stops working within 5 seconds.`);
    return 0;
  }
  console.error(help);
  return 2;
}
