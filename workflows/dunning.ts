/**
 * A payment reminder sequence for one invoice (seed 001). Its steps were resolved from the
 * customer's scenario when the invoice came in and are pinned here with the rule-set version:
 * later edits of the YAML apply to new invoices, never to running sequences.
 */
import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { DunningActivities } from '../activities/dunning-activities';
import type { PinnedStep } from '../src/store/dunning-store';

export interface DunningInput {
  invoiceId: string;
  customerId: string;
  scenarioId: string;
  profileId: string;
  ruleSetVersion: string;
  /** The invoice's due date, "YYYY-MM-DD"; steps fire at its start (UTC) plus their offset in days. */
  dueDate: string;
  steps: PinnedStep[];
}

export type StepState = 'pending' | 'done' | 'skipped';

export interface DunningPlan {
  invoiceId: string;
  scenarioId: string;
  ruleSetVersion: string;
  state: 'running' | 'paused' | 'ended';
  endReason?: string;
  steps: Array<PinnedStep & { at: string; state: StepState }>;
}

/** A payment was recorded: the sequence checks what is still owed (a full payment ends it). */
export const paymentSignal = defineSignal<[]>('payment');
/** Pause the reminders (e.g. a dispute), with a reason. */
export const pauseSignal = defineSignal<[{ reason: string }]>('pause');
/** Resume after a pause. */
export const resumeSignal = defineSignal<[]>('resume');
/** End the sequence for another reason than payment (written-off, promise-to-pay, profile-changed …). */
export const stopSignal = defineSignal<[{ reason: string }]>('stop');
/** The plan: each step's time and state. */
export const planQuery = defineQuery<DunningPlan>('plan');

const { runDunningStep, checkInvoicePaid, recordDunningState } = proxyActivities<DunningActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

const day = 86_400_000;

/** Runs the pinned steps in order until the invoice is paid or the steps run out. */
export async function dunning(input: DunningInput): Promise<DunningPlan> {
  const dueAt = Date.parse(`${input.dueDate}T00:00:00Z`);
  const steps = input.steps.map((step) => ({ ...step, at: new Date(dueAt + step.offsetDays * day).toISOString(), state: 'pending' as StepState }));
  let paused = false;
  let paymentToCheck = false;
  let ended: string | undefined;
  setHandler(paymentSignal, () => {
    paymentToCheck = true;
  });
  setHandler(pauseSignal, () => {
    paused = true;
  });
  setHandler(resumeSignal, () => {
    paused = false;
  });
  let stopReason: string | undefined;
  setHandler(stopSignal, ({ reason }) => {
    stopReason = typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : 'stopped';
  });
  setHandler(planQuery, () => ({
    invoiceId: input.invoiceId,
    scenarioId: input.scenarioId,
    ruleSetVersion: input.ruleSetVersion,
    state: ended ? 'ended' : paused ? 'paused' : 'running',
    ...(ended && { endReason: ended }),
    steps,
  }));

  const end = async (reason: string) => {
    ended = reason;
    await recordDunningState({ invoiceId: input.invoiceId, state: 'ended', endReason: reason });
  };

  for (const step of steps) {
    // Wait for the step's time, a payment to check, or a pause (which holds everything until resumed).
    for (;;) {
      if (stopReason) {
        await end(stopReason);
        return endedPlan(input, steps, ended);
      }
      if (paymentToCheck) {
        paymentToCheck = false;
        if (await checkInvoicePaid({ invoiceId: input.invoiceId })) {
          await end('paid');
          return endedPlan(input, steps, ended);
        }
      }
      if (paused) {
        await recordDunningState({ invoiceId: input.invoiceId, state: 'paused' });
        await condition(() => !paused || stopReason !== undefined);
        await recordDunningState({ invoiceId: input.invoiceId, state: 'running' });
        continue;
      }
      const wait = Date.parse(step.at) - Date.now();
      if (wait <= 0) break;
      await condition(() => paymentToCheck || paused || stopReason !== undefined, wait);
    }
    const outcome = await runDunningStep({ ...input, step });
    if (outcome === 'paid') {
      await end('paid');
      return endedPlan(input, steps, ended);
    }
    step.state = outcome === 'skipped' ? 'skipped' : 'done';
  }
  await end('all-steps-done');
  return endedPlan(input, steps, ended);
}

function endedPlan(input: DunningInput, steps: DunningPlan['steps'], ended: string | undefined): DunningPlan {
  return { invoiceId: input.invoiceId, scenarioId: input.scenarioId, ruleSetVersion: input.ruleSetVersion, state: 'ended', ...(ended && { endReason: ended }), steps };
}
