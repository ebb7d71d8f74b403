/**
 * What operators see where features meet (issue 13, cases found by an adversarial review), on the
 * real running system: an erasure terminated from Temporal in GET /v1/erasures, a reminder sequence
 * moved by a merge in Temporal's list by customer, the problem type pages of requests refused before
 * express, the codec cookie outside the codec routes.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { aCustomer, anInvoice } from '../support/factories';
import { body, testToken, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem({ env: { API_PERSONAL_DATA_TOKENS: 'token-1' } });
const untilDone = { timeout: 15_000, interval: 200 };
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Sends raw bytes and returns the whole answer. */
function raw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('operators and integrators where features meet', () => {
  it('GET /v1/erasures lists an erasure whose workflow an operator terminated in the state GET /v1/customers/{id}/erasure reports (failed)', async () => {
    const customerId = `C-rv13-term-${randomUUID().slice(0, 8)}`;
    await rulebook.post('/v1/customers', aCustomer({ id: customerId }));
    expect((await rulebook.post(`/v1/customers/${customerId}/erasure`, { reason: 'asked', requestedBy: 'ops.rv' })).status).toBe(202);
    const handle = await rulebook.startedWorkflow(`erasure-${customerId}`);
    await handle.terminate('operator ended it');
    const own = await body(await rulebook.api(`/v1/customers/${customerId}/erasure`));
    expect(own.state).toBe('failed');
    // Give visibility time to catch up, then compare.
    await expect
      .poll(
        async () =>
          (await body(await rulebook.api('/v1/erasures?limit=500'))).erasures.find(
            (e: { customerId: string }) => e.customerId === customerId,
          )?.workflowStatus,
        untilDone,
      )
      .toBe('TERMINATED');
    const listed = (await body(await rulebook.api('/v1/erasures?limit=500'))).erasures.find(
      (e: { customerId: string }) => e.customerId === customerId,
    );
    expect(listed.state, 'the list and the erasure itself should agree on the state').toBe(own.state);
    const waiting = (await body(await rulebook.api('/v1/erasures?state=waiting&limit=500'))).erasures.map(
      (e: { customerId: string }) => e.customerId,
    );
    expect(waiting, 'a terminated erasure is not waiting').not.toContain(customerId);
  });

  it("lists a reminder sequence moved by a merge under the survivor's RulebookCustomerId", async () => {
    const survivor = `C-rv13-surv-${randomUUID().slice(0, 6)}`;
    const duplicate = `C-rv13-dup-${randomUUID().slice(0, 6)}`;
    const invoiceId = `INV-rv13-${randomUUID().slice(0, 6)}`;
    for (const id of [survivor, duplicate]) {
      await rulebook.post('/v1/customers', aCustomer({ id }));
      expect((await rulebook.put(`/v1/customers/${id}/profiles/account-type`, { profileId: 'standard', assignedBy: 'ar' })).status).toBe(
        200,
      );
    }
    const invoice = anInvoice({ id: invoiceId, customerId: duplicate, issuedAt: new Date().toISOString(), dueDate: dayFromNow(20) });
    expect((await rulebook.post('/v1/invoices', invoice)).status).toBe(201);
    await rulebook.startedWorkflow(`dunning-${invoiceId}`);
    expect((await rulebook.post(`/v1/customers/${survivor}/merge`, { duplicateId: duplicate, mergedBy: 'ops' })).status).toBe(200);
    const [sequence] = await rulebook.system.db.query<{ customer_id: string; state: string }>(
      "SELECT customer_id, state FROM dunning_sequences WHERE invoice_id = $1 AND state = 'running'",
      [invoiceId],
    );
    expect(sequence).toMatchObject({ customer_id: survivor });
    const listed = async (customerId: string) => {
      const ids: string[] = [];
      for await (const workflow of rulebook.system.client.workflow.list({ query: `RulebookCustomerId = '${customerId}'` }))
        ids.push(workflow.workflowId);
      return ids;
    };
    // Listed under the survivor once the workflow has heard of the merge, and no longer under the duplicate.
    await expect.poll(() => listed(survivor), untilDone).toContain(`dunning-${invoiceId}`);
    expect(await listed(duplicate)).not.toContain(`dunning-${invoiceId}`);
  });

  it('serves a page for every problem type the API answers with, those of requests refused before express included', async () => {
    const apiUrl = rulebook.system.apiUrl!;
    const tooLarge = await raw(apiUrl, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const malformed = await raw(apiUrl, 'GET /healthz HTTP/1.1\r\nHost x\r\n\r\n');
    const types = [tooLarge, malformed].map((answer) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).type as string);
    expect(types).toEqual(['/problems/headers-too-large', '/problems/malformed-request']);
    for (const type of types) {
      const page = await fetch(`${rulebook.system.apiUrl}${type}`);
      expect(page.status, `${type} should resolve to a page`).toBe(200);
    }
  });

  it('accepts the codec session cookie on the codec routes only', async () => {
    const signIn = await fetch(`${rulebook.system.apiUrl}/temporal-codec/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: testToken }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    for (const path of ['/v1/customers', '/v1/temporal-codec/../customers', '/V1/TEMPORAL-CODEC/../customers', '/v1/temporal-codecx']) {
      const res = await fetch(`${rulebook.system.apiUrl}${path}`, { headers: { cookie } });
      expect([401, 404], path).toContain(res.status);
    }
    const other = await fetch(`${rulebook.system.apiUrl}/v1/temporal-codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
