/**
 * A payment reminder sequence for one invoice (seed 001). Its steps were resolved from the
 * customer's scenario when the invoice came in and are pinned here with the rule-set version:
 * later edits of the YAML apply to new invoices, never to running sequences.
 */
import {
  ApplicationFailure,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { databaseStep } from './activity-options';
import { customerIdAttribute } from './search-attributes';
import type { DunningActivities } from '../activities/dunning-activities';
import type { PinnedStep } from '../src/store/dunning-store';

export interface DunningInput {
  invoiceId: string;
  customerId: string;
  scenarioId: string;
  profileId: string;
  ruleSetVersion: string;
  /**
   * The invoice's due date, "YYYY-MM-DD". Each step fires at its pinned `at` (the start of its day in
   * the account's time zone); steps pinned without one, before 2026-11-30, at the due date's start
   * in UTC plus their offset in days.
   */
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

/**
 * The invoice now belongs to another customer (a merge moved it): the sequence is listed under that
 * customer in Temporal (RulebookCustomerId). Its steps find the invoice's customer themselves.
 */
export const customerMovedSignal = defineSignal<[{ customerId: string }]>('customerMoved');

/**
 * Operator commands, answered: the update returns the plan as it then stands, or is refused (an
 * ended sequence cannot be paused, resumed or stopped). For example
 * `temporal workflow update start --wait-for-stage accepted --workflow-id dunning-<invoiceId> --name stop --input '{"reason":"written-off"}'`
 * (exit code 0: accepted; README says why not `update execute`).
 * The signals of the same names stay accepted, for callers of earlier releases; they go through the same handlers.
 */
/** Pause the reminders (e.g. a dispute), with a reason. Pausing a paused sequence changes nothing. */
export const pauseUpdate = defineUpdate<DunningPlan, [{ reason: string }]>('pause');
/** Resume after a pause. Resuming a running sequence changes nothing. */
export const resumeUpdate = defineUpdate<DunningPlan, []>('resume');
/** End the sequence for another reason than payment (written-off, promise-to-pay, profile-changed …); answers once it has ended. */
export const stopUpdate = defineUpdate<DunningPlan, [{ reason: string }]>('stop');
export const pauseSignal = defineSignal<[{ reason: string }]>('pause');
export const resumeSignal = defineSignal<[]>('resume');
export const stopSignal = defineSignal<[{ reason: string }]>('stop');
/** The plan: each step's time and state. */
export const planQuery = defineQuery<DunningPlan>('plan');

const { runDunningStep, checkInvoicePaid, recordDunningState } = proxyActivities<DunningActivities>(databaseStep);

const day = 86_400_000;

/** Runs the pinned steps in order until the invoice is paid or the steps run out. */
export async function dunning(input: DunningInput): Promise<DunningPlan> {
  const dueAt = Date.parse(`${input.dueDate}T00:00:00Z`);
  const steps: DunningPlan['steps'] = input.steps.map((step) => ({
    ...step,
    at: step.at ?? new Date(dueAt + step.offsetDays * day).toISOString(),
    state: 'pending',
  }));
  let paused = false;
  let paymentToCheck = false;
  let ended: string | undefined;
  let stopReason: string | undefined;
  const plan = (): DunningPlan => ({
    invoiceId: input.invoiceId,
    scenarioId: input.scenarioId,
    ruleSetVersion: input.ruleSetVersion,
    state: ended ? 'ended' : paused ? 'paused' : 'running',
    ...(ended && { endReason: ended }),
    steps,
  });
  const pause = () => {
    paused = true;
  };
  const resume = () => {
    paused = false;
  };
  const stop = ({ reason }: { reason: string }) => {
    stopReason ??= typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : 'stopped';
  };
  /** Refuses a command once the sequence has ended (or a stop is on its way). */
  const refuseIfEnded = (command: string) => {
    if (ended !== undefined || stopReason !== undefined) {
      throw ApplicationFailure.nonRetryable(
        `the reminder sequence has ${ended ? `ended (${ended})` : `been stopped (${stopReason})`}: it cannot be ${command}`,
        'SequenceEnded',
      );
    }
  };
  setHandler(paymentSignal, () => {
    paymentToCheck = true;
  });
  setHandler(customerMovedSignal, ({ customerId }) => {
    upsertSearchAttributes([{ key: customerIdAttribute, value: customerId }]);
  });
  setHandler(pauseSignal, pause);
  setHandler(resumeSignal, resume);
  setHandler(stopSignal, stop);
  setHandler(
    pauseUpdate,
    () => {
      pause();
      return plan();
    },
    { validator: (_request: { reason: string }) => refuseIfEnded('paused') },
  );
  setHandler(
    resumeUpdate,
    () => {
      resume();
      return plan();
    },
    { validator: () => refuseIfEnded('resumed') },
  );
  setHandler(
    stopUpdate,
    async (request: { reason: string }) => {
      stop(request);
      await condition(() => ended !== undefined);
      return plan();
    },
    { validator: (_request: { reason: string }) => refuseIfEnded('stopped') },
  );
  setHandler(planQuery, plan);

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
  return {
    invoiceId: input.invoiceId,
    scenarioId: input.scenarioId,
    ruleSetVersion: input.ruleSetVersion,
    state: 'ended',
    ...(ended && { endReason: ended }),
    steps,
  };
}
