/**
 * A Temporal Web UI operators can read (issue 13, part 3), on the test run's dev server: the API as
 * codec server turns an erasure's input and status query result into readable JSON (for the UI's
 * origin, signed in, and for the CLI with a token) and refuses callers without a token; the erasure
 * is listed by its search attributes, in Temporal and by GET /v1/erasures; a workflow cancellation
 * requested in Temporal ("Request Cancellation") is refused and recorded, so that the API and
 * Temporal keep telling the same state.
 */
import type { Payload } from '@temporalio/common';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { temporalCliPath } from '../../src/temporal/temporal-executables';
import { erasureStateAttribute } from '../../workflows/search-attributes';
import { aCustomer } from '../support/factories';
import { body, testToken, useTestSystem } from '../support/running-system';

const run = promisify(execFile);
const otherToken = 'operator-without-decryption-0123456789';
const uiOrigin = 'http://127.0.0.1:8233';

/** A payload in the codec protocol's JSON form (metadata values and data in base64). */
function asJson(payload: Payload) {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}

/** The JSON a decoded payload holds. */
function readable(payload: { data: string }): unknown {
  return JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
}

describe('the Temporal Web UI and CLI read Rulebook', () => {
  // The test token may decrypt (API_PERSONAL_DATA_TOKENS); the second one may not.
  const rulebook = useTestSystem({ env: { API_TOKENS: otherToken, API_PERSONAL_DATA_TOKENS: 'token-1' } });
  const untilDone = { timeout: 15_000, interval: 100 };

  async function requestedErasure() {
    const customerId = `C-tui-${randomUUID().slice(0, 8)}`;
    await rulebook.post('/v1/customers', aCustomer({ id: customerId }));
    expect((await rulebook.post(`/v1/customers/${customerId}/erasure`, { reason: 'customer asked', requestedBy: 'ops.ui' })).status).toBe(
      202,
    );
    const handle = await rulebook.startedWorkflow(`erasure-${customerId}`);
    return { customerId, handle };
  }

  it("decodes an erasure's input and status query result to readable JSON, and refuses callers without a token", async () => {
    const { customerId, handle } = await requestedErasure();
    const history = await handle.fetchHistory();
    const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    expect(Buffer.from(input.data!).toString('latin1')).not.toContain(customerId);
    const query = await rulebook.system.client.workflowService.queryWorkflow({
      namespace: 'default',
      execution: { workflowId: handle.workflowId },
      query: { queryType: 'status' },
    });
    const answer = query.queryResult!.payloads![0]!;
    const payloads = { payloads: [asJson(input), asJson(answer)] };

    // As the Web UI sends it: from its origin, with the namespace, signed in by a cookie (no token header).
    const preflight = await fetch(`${rulebook.system.apiUrl}/v1/temporal-codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: uiOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/i);
    const signIn = await fetch(`${rulebook.system.apiUrl}/temporal-codec/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: testToken }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/v1\/temporal-codec/);
    const fromUi = await fetch(`${rulebook.system.apiUrl}/v1/temporal-codec/decode`, {
      method: 'POST',
      headers: { origin: uiOrigin, 'content-type': 'application/json', 'x-namespace': 'default', cookie: cookie.split(';')[0]! },
      body: JSON.stringify(payloads),
    });
    expect(fromUi.status).toBe(200);
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    const decoded = (await fromUi.json()) as { payloads: Array<{ data: string }> };
    expect(readable(decoded.payloads[0]!)).toMatchObject({ customerId, requestedBy: 'ops.ui via token-1', reason: 'customer asked' });
    expect(readable(decoded.payloads[1]!)).toMatchObject({ customerId, state: 'waiting' });

    // Without a token or cookie: 401; a token not allowed to read personal data: 403; another namespace: 422.
    const anonymous = await fetch(`${rulebook.system.apiUrl}/v1/temporal-codec/decode`, {
      method: 'POST',
      headers: { origin: uiOrigin, 'content-type': 'application/json', 'x-namespace': 'default' },
      body: JSON.stringify(payloads),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    const forged = await fetch(`${rulebook.system.apiUrl}/v1/temporal-codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `rulebook_temporal_codec=1.9999999999.${'A'.repeat(43)}` },
      body: JSON.stringify(payloads),
    });
    expect(forged.status).toBe(401);
    const notAllowed = await rulebook.api('/v1/temporal-codec/decode', {
      method: 'POST',
      json: payloads,
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect(notAllowed.status).toBe(403);
    const otherNamespace = await rulebook.api('/v1/temporal-codec/decode', {
      method: 'POST',
      json: payloads,
      headers: { 'x-namespace': 'billing' },
    });
    expect(otherNamespace.status).toBe(422);
    // Another origin gets no CORS headers: a browser keeps its page from reading the answer.
    const elsewhere = await fetch(`${rulebook.system.apiUrl}/v1/temporal-codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();

    // The CLI, as README shows it: the status query printed as readable JSON.
    const { stdout } = await run(
      temporalCliPath(),
      [
        'workflow',
        'query',
        '--address',
        inject('temporalAddress'),
        '--namespace',
        'default',
        '--workflow-id',
        handle.workflowId,
        '--type',
        'status',
        '--codec-endpoint',
        `${rulebook.system.apiUrl}/v1/temporal-codec`,
        '--codec-auth',
        `Bearer ${testToken}`,
        '--output',
        'json',
      ],
      { timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toMatchObject({ queryResult: [{ customerId, state: 'waiting' }] });

    // A signal sent through the codec lands encrypted in the history, and the workflow reads it.
    await run(
      temporalCliPath(),
      [
        'workflow',
        'signal',
        '--address',
        inject('temporalAddress'),
        '--namespace',
        'default',
        '--workflow-id',
        handle.workflowId,
        '--name',
        'cancel',
        '--input',
        JSON.stringify({ reason: 'test over', cancelledBy: 'ops.cli' }),
        '--codec-endpoint',
        `${rulebook.system.apiUrl}/v1/temporal-codec`,
        '--codec-auth',
        `Bearer ${testToken}`,
      ],
      { timeout: 30_000 },
    );
    await expect
      .poll(async () => (await body(await rulebook.api(`/v1/customers/${customerId}/erasure`))).state, untilDone)
      .toBe('cancelled');
    const signalled = (await handle.fetchHistory()).events!.find((event) => event.workflowExecutionSignaledEventAttributes)!;
    const sent = signalled.workflowExecutionSignaledEventAttributes!.input!.payloads![0]!;
    expect(Buffer.from(sent.metadata!.encoding!).toString()).toBe('binary/encrypted');
    expect(Buffer.from(sent.data!).toString('latin1')).not.toContain('test over');
  });

  it('lists erasures by their search attributes, in Temporal and by GET /v1/erasures', async () => {
    const { customerId, handle } = await requestedErasure();
    const description = await handle.describe();
    expect(await description.staticSummary()).toMatch(new RegExp(`Erasure of customer ${customerId}`));
    const listed = async () => {
      const ids: string[] = [];
      for await (const workflow of rulebook.system.client.workflow.list({
        query: `RulebookErasureState = 'waiting' AND RulebookCustomerId = '${customerId}'`,
      }))
        ids.push(workflow.workflowId);
      return ids;
    };
    await expect.poll(listed, untilDone).toEqual([handle.workflowId]);
    const waiting = async () => (await body(await rulebook.api('/v1/erasures?state=waiting&limit=500'))).erasures;
    await expect
      .poll(waiting, untilDone)
      .toContainEqual(expect.objectContaining({ customerId, state: 'waiting', workflowId: handle.workflowId, workflowStatus: 'RUNNING' }));
    expect((await rulebook.api('/v1/erasures?state=asleep')).status).toBe(422);
    // Pages: `next` is Temporal's page token sealed with the payload key; anything else is refused at once.
    await requestedErasure();
    const first = await body(await rulebook.api('/v1/erasures?limit=1'));
    expect(first.erasures).toHaveLength(1);
    const second = await body(await rulebook.api(`/v1/erasures?limit=1&after=${first.next}`));
    expect(second.erasures).toHaveLength(1);
    expect(second.erasures[0].workflowId).not.toBe(first.erasures[0].workflowId);
    const started = performance.now();
    expect((await rulebook.api('/v1/erasures?after=AAAA')).status).toBe(422);
    expect(performance.now() - started).toBeLessThan(2_000);

    expect((await rulebook.post(`/v1/customers/${customerId}/erasure/cancel`, { reason: 'test over', cancelledBy: 'ops.ui' })).status).toBe(
      200,
    );
    await expect.poll(async () => (await handle.describe()).typedSearchAttributes.get(erasureStateAttribute), untilDone).toBe('cancelled');
    await expect
      .poll(async () => (await body(await rulebook.api('/v1/erasures?state=cancelled&limit=500'))).erasures, untilDone)
      .toContainEqual(expect.objectContaining({ customerId, state: 'cancelled', workflowStatus: 'COMPLETED' }));
  });

  it('refuses a workflow cancellation requested in Temporal, records it, and the API and Temporal agree', async () => {
    const { customerId, handle } = await requestedErasure();
    const erasure = async () => body(await rulebook.api(`/v1/customers/${customerId}/erasure`));
    await expect.poll(async () => (await erasure()).state, untilDone).toBe('waiting');

    // What "Request Cancellation" in the Web UI and `temporal workflow cancel` do.
    await handle.cancel();
    await expect
      .poll(async () => (await erasure()).timeline.map((entry: { event: string }) => entry.event), untilDone)
      .toContain('cancel-refused');
    const refused = (await erasure()).timeline.find((entry: { event: string }) => entry.event === 'cancel-refused');
    expect(refused.detail).toMatchObject({ by: 'temporal', because: expect.stringMatching(/carries no reason/) });
    expect((await erasure()).state).toBe('waiting');
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect((await handle.describe()).typedSearchAttributes.get(erasureStateAttribute)).toBe('waiting');
    const customerTimeline = async () =>
      (await body(await rulebook.api(`/v1/customers/${customerId}/timeline`))).entries.map((entry: { kind: string }) => entry.kind);
    await expect.poll(customerTimeline, untilDone).toContain('erasure-cancel-refused');

    // The erasure can still be cancelled the way that carries a reason; both then say cancelled.
    const cancelled = await rulebook.post(`/v1/customers/${customerId}/erasure/cancel`, {
      reason: 'requested by mistake',
      cancelledBy: 'ops.ui',
    });
    expect(cancelled.status).toBe(200);
    expect(await handle.result()).toMatchObject({ state: 'cancelled', cancelledBy: 'ops.ui via token-1' });
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    expect((await erasure()).state).toBe('cancelled');
  });
});
