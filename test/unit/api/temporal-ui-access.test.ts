/**
 * The Temporal Web UI's access to the codec routes: CORS for its origin only, and a sign-in cookie
 * signed with the API token (src/api/temporal-ui-access.ts); the summaries and search attributes a
 * workflow gets at its start hold ids only (src/temporal/workflow-presentation.ts).
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerAuth, callerName } from '../../../src/api/auth';
import {
  codecCors,
  codecSessionAuth,
  codecSignInPath,
  defaultCodecCorsOrigins,
  mountCodecSignIn,
  temporalCodecPath,
} from '../../../src/api/temporal-ui-access';
import { loadAppConfig } from '../../../src/config/app-config';
import { workflowPresentation } from '../../../src/temporal/workflow-presentation';

const tokens = ['first-token-0123456789', 'second-token-0123456789'];
const ui = 'http://127.0.0.1:8233';

describe('codec routes for the Temporal Web UI', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const app = express();
    app.use(temporalCodecPath, codecCors(defaultCodecCorsOrigins()), codecSessionAuth(tokens, new Set()));
    mountCodecSignIn(app, tokens);
    app.use(
      '/v1',
      bearerAuth(tokens, async () => undefined, new Set()),
    );
    app.post(`${temporalCodecPath}/decode`, (_req, res) => {
      res.json({ caller: callerName(res) });
    });
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(401).json({ detail: error.message });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const signIn = (token: string) =>
    fetch(`${base}${codecSignInPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
      redirect: 'manual',
    });
  const decode = (headers: Record<string, string>) =>
    fetch(`${base}${temporalCodecPath}/decode`, {
      method: 'POST',
      headers: { origin: ui, 'content-type': 'application/json', ...headers },
      body: '{}',
    });

  it("answers the UI's preflight without credentials, and no other origin's", async () => {
    const preflight = await fetch(`${base}${temporalCodecPath}/decode`, {
      method: 'OPTIONS',
      headers: { origin: ui, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ui);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, X-Namespace');
    const other = await fetch(`${base}${temporalCodecPath}/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('signs a browser in with an API token, as that caller, and refuses other tokens and forged cookies', async () => {
    expect((await fetch(`${base}${codecSignInPath}`)).headers.get('content-type')).toMatch(/text\/html/);
    expect((await signIn('not-a-token-of-ours-000')).status).toBe(401);
    const signedIn = await signIn(tokens[1]!);
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^rulebook_temporal_codec=2\.\d+\.[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/v1\/temporal-codec; Expires=.*; HttpOnly; SameSite=Strict$/,
    );
    const session = cookie.split(';')[0]!;
    const answer = await decode({ cookie: session });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ caller: 'token-2' });
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');

    const [name, value] = session.split('=') as [string, string];
    const [position, expires, mac] = value.split('.') as [string, string, string];
    expect((await decode({ cookie: `${name}=1.${expires}.${mac}` })).status).toBe(401);
    expect((await decode({ cookie: `${name}=${position}.${Number(expires) + 1}.${mac}` })).status).toBe(401);
    expect((await decode({})).status).toBe(401);
    // A header wins over the cookie: a wrong token is refused even with a valid session.
    expect((await decode({ cookie: session, authorization: 'Bearer wrong-token-0000000000' })).status).toBe(401);
  });

  it('reads the allowed origins from RULEBOOK_CODEC_CORS_ORIGINS', () => {
    expect(loadAppConfig({ RULEBOOK_CODEC_CORS_ORIGINS: 'https://temporal.example.com, http://127.0.0.1:8233' }).codecCorsOrigins).toEqual([
      'https://temporal.example.com',
      'http://127.0.0.1:8233',
    ]);
    expect(() => loadAppConfig({ RULEBOOK_CODEC_CORS_ORIGINS: 'https://temporal.example.com/ui' })).toThrowError(/not an origin/);
  });
});

describe('workflow presentation', () => {
  it('summarises an erasure and a reminder sequence by ids, with their search attributes', () => {
    const erasure = workflowPresentation('erasure', [
      {
        customerId: 'C-1001',
        requestId: 'r-1',
        requestedBy: 'ops.priya',
        reason: 'Aarav asked by email',
        requestedAt: '2026-11-30T10:00:00.000Z',
        eraseAt: '2027-01-14T10:00:00.000Z',
      },
    ]);
    expect(erasure.staticSummary).toBe('Erasure of customer C-1001, erased at 2027-01-14T10:00:00.000Z unless cancelled');
    expect(`${erasure.staticSummary} ${erasure.staticDetails}`).not.toMatch(/Aarav|ops\.priya/);
    expect(erasure.typedSearchAttributes?.map((pair) => [pair.key.name, pair.value])).toEqual([
      ['RulebookCustomerId', 'C-1001'],
      ['RulebookEraseAt', new Date('2027-01-14T10:00:00.000Z')],
      ['RulebookErasureState', 'waiting'],
    ]);
    const dunning = workflowPresentation('dunning', [{ invoiceId: 'INV-1', customerId: 'C-1', scenarioId: 'standard-reminders' }]);
    expect(dunning.typedSearchAttributes?.map((pair) => [pair.key.name, pair.value])).toEqual([
      ['RulebookCustomerId', 'C-1'],
      ['RulebookDunningScenario', 'standard-reminders'],
    ]);
    expect(workflowPresentation('somethingElse', [])).toEqual({});
  });
});
