/**
 * Operators answered through the Temporal CLI, as README shows it, on the test run's dev server.
 * The CLI sends its input as plain JSON, which the worker's payload codec lets through. What the
 * workflow answers is encrypted: `temporal workflow update start --wait-for-stage accepted` answers
 * with its exit code alone (0 accepted, 1 refused); `temporal workflow update execute` carries the
 * command out too, then fails to decrypt the answer. What happened is read from the API.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { temporalCliPath } from '../../src/temporal/temporal-executables';
import { aCustomer, anInvoice } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const run = promisify(execFile);

/** How the CLI waits: until the workflow accepted or refused the Update, or until it completed. */
type Wait = 'accepted' | 'completed';

/** `temporal workflow update start --wait-for-stage accepted` or `… update execute`; its exit code and output. */
async function temporalUpdate(wait: Wait, workflowId: string, name: string, input?: unknown): Promise<{ code: number; output: string }> {
  const args = ['workflow', 'update', ...(wait === 'accepted' ? ['start', '--wait-for-stage', 'accepted'] : ['execute'])];
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
  const rulebook = useTestSystem();
  const untilDone = { timeout: 10_000, interval: 100 };
  const planOf = (invoiceId: string) => async () => body(await rulebook.api(`/v1/invoices/${invoiceId}/dunning`));
  const erasureOf = (customerId: string) => async () => body(await rulebook.api(`/v1/customers/${customerId}/erasure`));

  it('pauses, resumes and stops a reminder sequence, and refuses a stop once it has ended', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-cli-dunning' }));
    await rulebook.put('/v1/customers/C-cli-dunning/profiles/account-type', { profileId: 'standard', assignedBy: 'ar' });
    expect((await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-cli', customerId: 'C-cli-dunning' }))).status).toBe(201);

    const pause = await temporalUpdate('accepted', 'dunning-INV-cli', 'pause', { reason: 'disputed' });
    expect(pause.code, pause.output).toBe(0);
    await expect.poll(planOf('INV-cli'), untilDone).toMatchObject({ state: 'paused' });
    const resume = await temporalUpdate('accepted', 'dunning-INV-cli', 'resume');
    expect(resume.code, resume.output).toBe(0);
    await expect.poll(planOf('INV-cli'), untilDone).toMatchObject({ state: 'running' });

    const stop = await temporalUpdate('completed', 'dunning-INV-cli', 'stop', { reason: 'written-off' });
    expect(stop.output).toMatch(encryptedAnswer);
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
  });
});
