/**
 * The reminder sequence as a state machine, on the time-skipping server with fake activities (no
 * database): each step at due date + offset and in order, pause and resume, stop with a reason, a
 * payment that ends it, steps that are skipped. The fakes note what the workflow asked of them, at
 * the server's (skipped) time, and answer what the test tells them.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { DunningActivities } from '../../activities/dunning-activities';
import type { PinnedStep } from '../../src/store/dunning-store';
import {
  dunning,
  pauseSignal,
  pauseUpdate,
  paymentSignal,
  planQuery,
  resumeSignal,
  resumeUpdate,
  stopSignal,
  stopUpdate,
  type DunningPlan,
} from '../../workflows/dunning';
import { bundleWorker, sleepUntil, useTimeSkippingEnvironment } from '../support/time-skipping';

const hour = 3_600_000;
const day = 24 * hour;
const steps: PinnedStep[] = [
  { id: 'before-due', offsetDays: -5, action: 'email', template: 'reminder-before-due' },
  { id: 'week-late', offsetDays: 7, action: 'sms', template: 'overdue-sms' },
  { id: 'call', offsetDays: 15, action: 'call-task', template: 'overdue-call' },
];

type StepOutcome = Awaited<ReturnType<DunningActivities['runDunningStep']>>;

/** What the fakes answer: each step's outcome (done unless said), and whether the invoice is paid when asked. */
interface Answers {
  step?: Partial<Record<string, StepOutcome>>;
  paid?: () => boolean;
  /** Holds the recording of the end until it resolves (the workflow has ended, but is still running). */
  endRecorded?: Promise<void>;
}

/** Fake dunning activities and what the workflow asked of them. */
function fakeActivities(answers: Answers = {}) {
  const ran: Array<{ step: string; at: number }> = [];
  const recorded: string[] = [];
  let paymentChecks = 0;
  const activities: DunningActivities = {
    async runDunningStep({ step }) {
      ran.push({ step: step.id, at: Context.current().info.currentAttemptScheduledTimestampMs });
      return answers.step?.[step.id] ?? 'done';
    },
    async checkInvoicePaid() {
      paymentChecks += 1;
      return answers.paid?.() ?? false;
    },
    async recordDunningState({ state, endReason }) {
      if (state === 'ended') await answers.endRecorded;
      recorded.push(endReason ? `${state}: ${endReason}` : state);
    },
  };
  return { activities, ran, recorded, paymentChecks: () => paymentChecks };
}

const stepStates = (plan: DunningPlan) => plan.steps.map((step) => step.state);

describe('the dunning workflow (time-skipping, fake activities)', () => {
  const server = useTimeSkippingEnvironment();
  let sequences = 0;

  /**
   * Runs `test` with a worker of the fakes and a sequence due ten days from the server's now;
   * `at(offsetDays)` is the moment a step with that offset is due.
   */
  async function withSequence(
    answers: Answers,
    test: (sequence: {
      handle: WorkflowHandle<typeof dunning>;
      fakes: ReturnType<typeof fakeActivities>;
      at(offsetDays: number): number;
      sleepUntil(ms: number): Promise<void>;
    }) => Promise<void>,
  ): Promise<void> {
    const { env } = server;
    const fakes = fakeActivities(answers);
    const { worker, taskQueue } = await bundleWorker(env, fakes.activities);
    const dueDate = new Date((await env.currentTimeMs()) + 10 * day).toISOString().slice(0, 10);
    const due = Date.parse(`${dueDate}T00:00:00Z`);
    const invoiceId = `INV-fake-${++sequences}`;
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(dunning, {
        workflowId: `dunning-${invoiceId}`,
        taskQueue,
        args: [{ invoiceId, customerId: 'C-fake', scenarioId: 'test', profileId: 'standard', ruleSetVersion: 'v-test', dueDate, steps }],
      });
      await test({
        handle,
        fakes,
        at: (offsetDays) => due + offsetDays * day,
        sleepUntil: (ms) => sleepUntil(env, ms),
      });
    });
  }

  it('runs each step at the due date plus its offset, in order, and ends when the steps run out', async () => {
    await withSequence({}, async ({ handle, fakes, at, sleepUntil }) => {
      await sleepUntil(at(-5) + hour);
      expect(stepStates(await handle.query(planQuery))).toEqual(['done', 'pending', 'pending']);
      await sleepUntil(at(7) - hour);
      expect(fakes.ran.map((run) => run.step)).toEqual(['before-due']);

      const plan = await handle.result();
      expect(plan).toMatchObject({ state: 'ended', endReason: 'all-steps-done' });
      expect(stepStates(plan)).toEqual(['done', 'done', 'done']);
      expect(fakes.ran.map((run) => run.step)).toEqual(['before-due', 'week-late', 'call']);
      // Each step was asked for at its moment, not before and not much later.
      for (const [index, run] of fakes.ran.entries()) {
        const dueAt = at(steps[index]!.offsetDays);
        expect(run.at, run.step).toBeGreaterThanOrEqual(dueAt);
        expect(run.at - dueAt, run.step).toBeLessThan(hour);
      }
      expect(plan.steps.map((step) => Date.parse(step.at))).toEqual(steps.map((step) => at(step.offsetDays)));
      expect(fakes.recorded).toEqual(['ended: all-steps-done']);
    });
  });

  it('holds every step while paused, and runs the overdue ones once resumed', async () => {
    await withSequence({}, async ({ handle, fakes, at, sleepUntil }) => {
      await sleepUntil(at(-5) + hour);
      await handle.signal(pauseSignal, { reason: 'disputed' });
      await expect
        .poll(() => handle.query(planQuery))
        .toMatchObject({ state: 'paused', steps: [{ state: 'done' }, { state: 'pending' }, { state: 'pending' }] });

      await sleepUntil(at(15) + day);
      expect(await handle.query(planQuery)).toMatchObject({
        state: 'paused',
        steps: [{ state: 'done' }, { state: 'pending' }, { state: 'pending' }],
      });
      expect(fakes.ran.map((run) => run.step)).toEqual(['before-due']);
      expect(fakes.recorded).toEqual(['paused']);

      const resumedAt = await server.env.currentTimeMs();
      await handle.signal(resumeSignal);
      const plan = await handle.result();
      expect(stepStates(plan)).toEqual(['done', 'done', 'done']);
      expect(fakes.ran.slice(1).map((run) => run.step)).toEqual(['week-late', 'call']);
      for (const run of fakes.ran.slice(1)) expect(run.at, run.step).toBeGreaterThanOrEqual(resumedAt);
      expect(fakes.recorded).toEqual(['paused', 'running', 'ended: all-steps-done']);
    });
  });

  it('ends with the reason it is stopped for, leaving the later steps pending', async () => {
    await withSequence({}, async ({ handle, fakes, at, sleepUntil }) => {
      await sleepUntil(at(-5) + hour);
      await handle.signal(stopSignal, { reason: ' written-off ' });
      const plan = await handle.result();
      expect(plan).toMatchObject({ state: 'ended', endReason: 'written-off' });
      expect(stepStates(plan)).toEqual(['done', 'pending', 'pending']);
      expect(fakes.ran.map((run) => run.step)).toEqual(['before-due']);
      expect(fakes.recorded).toEqual(['ended: written-off']);
    });
  });

  it('calls a stop without a reason "stopped", and ends a paused sequence without a resume', async () => {
    await withSequence({}, async ({ handle, fakes }) => {
      await handle.signal(pauseSignal, { reason: 'disputed' });
      await expect.poll(() => handle.query(planQuery)).toMatchObject({ state: 'paused' });
      await handle.signal(stopSignal, { reason: '  ' });
      expect(await handle.result()).toMatchObject({ state: 'ended', endReason: 'stopped' });
      expect(fakes.ran).toEqual([]);
      expect(fakes.recorded[0]).toBe('paused');
      expect(fakes.recorded.at(-1)).toBe('ended: stopped');
    });
  });

  it('answers the pause and resume Updates with the plan, holding the steps in between', async () => {
    await withSequence({}, async ({ handle, fakes, at, sleepUntil }) => {
      await sleepUntil(at(-5) + hour);
      const paused = await handle.executeUpdate(pauseUpdate, { args: [{ reason: 'disputed' }] });
      expect(paused).toMatchObject({ state: 'paused', steps: [{ state: 'done' }, { state: 'pending' }, { state: 'pending' }] });
      expect(await handle.executeUpdate(pauseUpdate, { args: [{ reason: 'again' }] })).toMatchObject({ state: 'paused' });
      await sleepUntil(at(7) + day);
      expect(fakes.ran.map((run) => run.step)).toEqual(['before-due']);

      expect(await handle.executeUpdate(resumeUpdate)).toMatchObject({ state: 'running' });
      const plan = await handle.result();
      expect(stepStates(plan)).toEqual(['done', 'done', 'done']);
      expect(fakes.recorded).toEqual(['paused', 'running', 'ended: all-steps-done']);
    });
  });

  it('answers the stop Update once the sequence has ended, with the reason', async () => {
    await withSequence({}, async ({ handle, fakes, at, sleepUntil }) => {
      await sleepUntil(at(-5) + hour);
      const stopped = await handle.executeUpdate(stopUpdate, { args: [{ reason: 'written-off' }] });
      expect(stopped).toMatchObject({
        state: 'ended',
        endReason: 'written-off',
        steps: [{ state: 'done' }, { state: 'pending' }, { state: 'pending' }],
      });
      expect(await handle.result()).toEqual(stopped);
      expect(fakes.recorded).toEqual(['ended: written-off']);
    });
  });

  it('refuses pause, resume and stop once the sequence has ended, saying why', async () => {
    let recordEnd = () => {};
    const endRecorded = new Promise<void>((resolve) => (recordEnd = resolve));
    await withSequence({ endRecorded }, async ({ handle }) => {
      try {
        await handle.executeUpdate(stopUpdate, { args: [{ reason: 'promise-to-pay' }] });
        // Ended, still recording the end: the workflow runs, and its validators refuse.
        const commands = [
          ['paused', () => handle.executeUpdate(pauseUpdate, { args: [{ reason: 'disputed' }] })],
          ['resumed', () => handle.executeUpdate(resumeUpdate)],
          ['stopped', () => handle.executeUpdate(stopUpdate, { args: [{ reason: 'written-off' }] })],
        ] as const;
        for (const [command, send] of commands) {
          const error = await send().catch((caught: unknown) => caught);
          expect(error, command).toBeInstanceOf(WorkflowUpdateFailedError);
          const cause = (error as WorkflowUpdateFailedError).cause;
          expect(cause, command).toBeInstanceOf(ApplicationFailure);
          expect(cause, command).toMatchObject({
            type: 'SequenceEnded',
            nonRetryable: true,
            message: `the reminder sequence has ended (promise-to-pay): it cannot be ${command}`,
          });
        }
      } finally {
        recordEnd();
      }
      expect(await handle.result()).toMatchObject({ state: 'ended', endReason: 'promise-to-pay' });
    });
  });

  it('goes on after a payment that leaves something owed, and ends at one that leaves nothing', async () => {
    let paid = false;
    await withSequence({ paid: () => paid }, async ({ handle, fakes, at, sleepUntil }) => {
      await sleepUntil(at(-5) + hour);
      await handle.signal(paymentSignal);
      await expect.poll(fakes.paymentChecks).toBe(1);
      expect(await handle.query(planQuery)).toMatchObject({
        state: 'running',
        steps: [{ state: 'done' }, { state: 'pending' }, { state: 'pending' }],
      });

      await sleepUntil(at(7) + hour);
      paid = true;
      await handle.signal(paymentSignal);
      const plan = await handle.result();
      expect(plan).toMatchObject({ state: 'ended', endReason: 'paid' });
      expect(stepStates(plan)).toEqual(['done', 'done', 'pending']);
      expect(fakes.paymentChecks()).toBe(2);
      expect(fakes.recorded).toEqual(['ended: paid']);
    });
  });

  it('marks a step skipped when its condition does not hold, and ends as paid when a step finds the invoice paid', async () => {
    await withSequence({ step: { 'week-late': 'skipped', call: 'paid' } }, async ({ handle, fakes }) => {
      const plan = await handle.result();
      expect(plan).toMatchObject({ state: 'ended', endReason: 'paid' });
      expect(stepStates(plan)).toEqual(['done', 'skipped', 'pending']);
      expect(fakes.ran.map((run) => run.step)).toEqual(['before-due', 'week-late', 'call']);
      expect(fakes.recorded).toEqual(['ended: paid']);
    });
  });
});
