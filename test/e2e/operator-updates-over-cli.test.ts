/**
 * Operators answered through the Temporal CLI, as README shows it, on the test run's dev server.
 * With the API as codec server (`--codec-endpoint …/v1/temporal-codec`), `temporal workflow update
 * execute` encrypts its input and prints the workflow's answer; without it the CLI sends plain JSON
 * (which the worker lets through) and cannot read the encrypted answer, so only
 * `temporal workflow update start --wait-for-stage accepted` answers, by its exit code.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { temporalCliPath } from '../../src/temporal/temporal-executables';
import { aCustomer, anInvoice } from '../support/factories';
import { body, testToken, useTestSystem } from '../support/running-system';

const run = promisify(execFile);
const otherToken = 'operator-without-decryption-0123456789';

/** How the CLI waits: until the workflow accepted or refused the Update, or until it completed. */
type Wait = 'accepted' | 'completed';

/** `temporal workflow update start --wait-for-stage accepted` or `… update execute`; its exit code and output. */
async function temporalUpdate(
  wait: Wait,
  workflowId: string,
  name: string,
  input?: unknown,
  codec?: { endpoint: string; token: string },
): Promise<{ code: number; output: string }> {
  const args = ['workflow', 'update', ...(wait === 'accepted' ? ['start', '--wait-for-stage', 'accepted'] : ['execute'])];
  if (codec) args.push('--codec-endpoint', codec.endpoint, '--codec-auth', `Bearer ${codec.token}`);
  args.push('--address', inject('temporalAddress'), '--namespace', 'default', '--workflow-id', workflowId, '--name', name);
  if (input !== undefined) args.push('--input', JSON.stringify(input));
  try {
    const { stdout, stderr } = await run(temporalCliPath(), args, { timeout: 30_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The CLI's complaint when the Update completed and its answer came back encrypted. */
const encryptedAnswer = /payload encoding is not supported/;

describe('operator Updates through the Temporal CLI', () => {
  // The test token may decrypt (API_PERSONAL_DATA_TOKENS); a second one may not.
  const rulebook = useTestSystem({ env: { API_TOKENS: otherToken, API_PERSONAL_DATA_TOKENS: 'token-1' } });
  const untilDone = { timeout: 10_000, interval: 100 };
  const codec = () => ({ endpoint: `${rulebook.system.apiUrl}/v1/temporal-codec`, token: testToken });
  const planOf = (invoiceId: string) => async () => body(await rulebook.api(`/v1/invoices/${invoiceId}/dunning`));
  const erasureOf = (customerId: string) => async () => body(await rulebook.api(`/v1/customers/${customerId}/erasure`));

  it('pauses, resumes and stops a reminder sequence, and refuses a stop once it has ended', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-cli-dunning' }));
    await rulebook.put('/v1/customers/C-cli-dunning/profiles/account-type', { profileId: 'standard', assignedBy: 'ar' });
    expect((await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-cli', customerId: 'C-cli-dunning' }))).status).toBe(201);
    // The sequence starts through the outbox; an operator acts on it once it runs.
    await rulebook.startedWorkflow('dunning-INV-cli');

    const pause = await temporalUpdate('accepted', 'dunning-INV-cli', 'pause', { reason: 'disputed' });
    expect(pause.code, pause.output).toBe(0);
    await expect.poll(planOf('INV-cli'), untilDone).toMatchObject({ state: 'paused' });
    const resume = await temporalUpdate('accepted', 'dunning-INV-cli', 'resume');
    expect(resume.code, resume.output).toBe(0);
    await expect.poll(planOf('INV-cli'), untilDone).toMatchObject({ state: 'running' });

    // Through the API's codec server the CLI prints the answer: the plan, ended.
    const stop = await temporalUpdate('completed', 'dunning-INV-cli', 'stop', { reason: 'written-off' }, codec());
    expect(stop.code, stop.output).toBe(0);
    expect(stop.output).toMatch(/Result\s+map\[endReason:written-off .*state:ended/);
    // The plan the API reads is recorded by the workflow's last step, a moment after it answered.
    await expect.poll(planOf('INV-cli'), untilDone).toMatchObject({ state: 'ended', endReason: 'written-off' });

    const again = await temporalUpdate('accepted', 'dunning-INV-cli', 'stop', { reason: 'promise-to-pay' });
    expect(again.code, again.output).toBe(1);
    expect(again.output).toMatch(/workflow execution already completed/);
    expect(await planOf('INV-cli')()).toMatchObject({ state: 'ended', endReason: 'written-off' });
  });

  it('cancels a waiting erasure, refusing a cancel without a reason', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-cli-erasure' }));
    expect((await rulebook.post('/v1/customers/C-cli-erasure/erasure', { reason: 'asked', requestedBy: 'ops.e2e' })).status).toBe(202);

    const noReason = await temporalUpdate('accepted', 'erasure-C-cli-erasure', 'cancel', { reason: ' ', cancelledBy: 'ops.cli' });
    expect(noReason.code, noReason.output).toBe(1);
    // The reason is encrypted like every failure message; the failure's type is not.
    expect(noReason.output).toMatch(/Encoded failure \(type: ErasureCancelRefused/);
    expect(await erasureOf('C-cli-erasure')()).toMatchObject({ state: 'waiting' });

    const cancel = await temporalUpdate('completed', 'erasure-C-cli-erasure', 'cancel', {
      reason: 'requested by mistake',
      cancelledBy: 'ops.cli',
    });
    expect(cancel.output).toMatch(encryptedAnswer);
    await expect.poll(erasureOf('C-cli-erasure'), untilDone).toMatchObject({ state: 'cancelled' });
    expect((await erasureOf('C-cli-erasure')()).timeline.at(-1)).toMatchObject({
      event: 'cancelled',
      detail: { by: 'ops.cli', reason: 'requested by mistake' },
    });
    expect(await body(await rulebook.api('/v1/customers/C-cli-erasure'))).toMatchObject({ erasureState: 'none' });
    // Sent with Temporal's CLI, not through the API: the customer's timeline names who Temporal saw send it.
    const timeline = await body(await rulebook.api('/v1/customers/C-cli-erasure/timeline?limit=100'));
    const cancelled = timeline.entries.find((entry: { kind: string }) => entry.kind === 'erasure-cancelled');
    expect(cancelled.detail).toMatchObject({ cancelledBy: 'ops.cli', temporalIdentity: expect.stringMatching(/\S/) });
    expect(cancelled.detail.temporalIdentity).not.toMatch(/^rulebook@/);
  });

  it('serves as codec server: what it encrypts it decrypts, and it refuses payloads of another key', async () => {
    const plain = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('{"reason":"x"}').toString('base64'),
    };
    const encoded = await body(await rulebook.post('/v1/temporal-codec/encode', { payloads: [plain] }));
    expect(Buffer.from(encoded.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(encoded.payloads[0].data, 'base64').toString('latin1')).not.toContain('reason');
    const decoded = await body(await rulebook.post('/v1/temporal-codec/decode', encoded));
    expect(decoded.payloads).toEqual([plain]);
    const foreign = {
      ...encoded.payloads[0],
      metadata: { ...encoded.payloads[0].metadata, 'encryption-key-id': Buffer.from('elsewhere').toString('base64') },
    };
    const refused = await rulebook.post('/v1/temporal-codec/decode', { payloads: [foreign] });
    expect(refused.status).toBe(422);
    expect(
      (await rulebook.api('/v1/temporal-codec/decode', { method: 'POST', json: encoded, headers: { authorization: 'Bearer wrong' } }))
        .status,
    ).toBe(401);
    // Decrypting needs the permission to read personal data; encrypting does not.
    const asOther = (path: string, json: unknown) =>
      rulebook.api(path, { method: 'POST', json, headers: { authorization: `Bearer ${otherToken}` } });
    expect((await asOther('/v1/temporal-codec/decode', encoded)).status).toBe(403);
    expect((await asOther('/v1/temporal-codec/encode', { payloads: [plain] })).status).toBe(200);
  });
});
