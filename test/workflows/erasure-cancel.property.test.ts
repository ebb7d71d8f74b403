/**
 * A cancel, whenever it comes, is either accepted — and then the customer is never erased — or
 * refused at once with the reason. Cancels are fired at random moments on the time-skipping server:
 * during the grace period, while blocked, and during each of the workflow's activities (the window
 * that a crash widens to the activity timeout), through the same process function the HTTP API uses.
 */
import fc from 'fast-check';
import { Context } from '@temporalio/activity';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, TryAgainLaterError } from '../../src/errors';
import { cancelErasure, getErasure, requestErasure, type ErasureProcessDeps } from '../../src/use-cases/erasure-process';
import { loadRuleSet } from '../../src/rules/load-rules';
import { getCustomer } from '../../src/store/customer-store';
import { listErasureCertificates } from '../../src/store/erasure-store';
import { getTimeline } from '../../src/store/timeline-store';
import type { ErasureOutcome } from '../../workflows/erasure';
import { shippedRules } from '../support/rule-dirs';
import { testData } from '../support/factories';
import { useTimeSkippingWorld } from '../support/time-skipping';

const gracePeriodDays = 45;
const erasureSteps = ['markErasurePending', 'erasureBlockers', 'recordErasureBlocked', 'stopCustomerWorkflows', 'eraseCustomer'] as const;
type ErasureStep = (typeof erasureSteps)[number];

/** Where a cancel is fired: inside an activity (before or after its work), or after some days of waiting. */
type CancelPoint = { during: ErasureStep; occurrence: number; afterWork: boolean } | { afterDays: number };

interface Scenario {
  /** An unpaid invoice keeps the erasure blocked until it is paid at the second blockers check. */
  blocked: boolean;
  cancel: CancelPoint;
}

/** Runs `hook` inside the first matching activity call, once; other calls go straight through. */
interface ActivityHook {
  customerId: string;
  step: ErasureStep;
  occurrence: number;
  afterWork: boolean;
  run: () => Promise<void>;
  seen: number;
}

describe('cancelling an erasure at any moment', () => {
  let process: ErasureProcessDeps;
  const hooks: ActivityHook[] = [];
  /** Runs while the customer is being restored after an accepted cancel. */
  let duringRestore: ((customerId: string) => Promise<void>) | undefined;
  let runs = 0;

  const world = useTimeSkippingWorld(
    () => loadRuleSet(shippedRules),
    (activities) => {
      const wrapped = { ...activities } as Record<string, (...args: never[]) => Promise<unknown>>;
      for (const step of erasureSteps) {
        const activity = activities[step] as (...args: never[]) => Promise<unknown>;
        wrapped[step] = async (...args: never[]) => {
          const customerId = (args[0] as unknown as { customerId: string }).customerId;
          const hook = hooks.find((candidate) => candidate.customerId === customerId && candidate.step === step);
          const fire = hook && ++hook.seen === hook.occurrence;
          if (fire && !hook.afterWork) await hook.run();
          const result = await activity(...args);
          if (fire && hook.afterWork) await hook.run();
          // The blocking invoice is paid between the first and the second check.
          if (step === 'erasureBlockers' && Context.current().info.attempt === 1) await payBlockingInvoiceAfterFirstCheck(customerId);
          return result;
        };
      }
      wrapped.restoreAfterCancelledErasure = async (...args: never[]) => {
        await duringRestore?.((args[0] as unknown as { customerId: string }).customerId);
        return (activities.restoreAfterCancelledErasure as (...args: never[]) => Promise<unknown>)(...args);
      };
      return wrapped as unknown as typeof activities;
    },
  );

  beforeAll(() => {
    process = {
      client: world.env.client,
      db: world.test.db,
      taskQueue: world.taskQueue,
      gracePeriodMs: () => gracePeriodDays * 86_400_000,
      now: () => new Date(lastKnownTime),
    };
  });

  let lastKnownTime = Date.now();
  const blockersChecked = new Map<string, number>();
  /** Customers whose erasure an unpaid invoice blocks (its id: INV-<customer>). */
  const blockingInvoices = new Set<string>();
  async function payBlockingInvoiceAfterFirstCheck(customerId: string) {
    const checks = (blockersChecked.get(customerId) ?? 0) + 1;
    blockersChecked.set(customerId, checks);
    if (checks === 1 && blockingInvoices.has(customerId)) await testData(world.test.db).payment({ invoiceId: `INV-${customerId}` });
  }

  /** Runs one scenario; returns whether the cancel was accepted, the refusal, and the outcome. */
  async function runScenario(scenario: Scenario) {
    const customerId = `C-prop-${++runs}`;
    await testData(world.test.db).customer({ id: customerId, email: `${customerId}@example.com`, name: 'Prop Person' });
    if (scenario.blocked) {
      await testData(world.test.db).invoice({ id: `INV-${customerId}`, customerId, amount: 900 });
      blockingInvoices.add(customerId);
    }
    let accepted: boolean | undefined;
    let refusal: string | undefined;
    const cancel = async () => {
      try {
        const view = await cancelErasure(process, customerId, { reason: 'asked to stop', cancelledBy: 'ops.prop' });
        accepted = true;
        // Accepted means the status says so at once.
        expect(['cancelling', 'cancelled']).toContain(view.state);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        accepted = false;
        refusal = error.detail;
      }
    };
    if ('during' in scenario.cancel) {
      hooks.push({
        customerId,
        step: scenario.cancel.during,
        occurrence: scenario.cancel.occurrence,
        afterWork: scenario.cancel.afterWork,
        run: cancel,
        seen: 0,
      });
    }
    lastKnownTime = await world.env.currentTimeMs();
    await requestErasure(process, customerId, { reason: 'customer asked', requestedBy: 'ops.prop' });
    // Under load the start may be left to the relay: the request then answers `waiting`.
    const handle = await world.startedWorkflow(`erasure-${customerId}`);
    if ('afterDays' in scenario.cancel) {
      // Past the grace period the cancel comes once the erasure has run: letting the server skip time
      // while the erasure's activities run (env.sleep over day 45) sometimes made the time-skipping
      // server refuse the workflow's next task ("invalid history builder state for action") and the
      // run hang; waiting for the result skips time only while nothing runs.
      if (scenario.cancel.afterDays < gracePeriodDays) await world.env.sleep(`${scenario.cancel.afterDays} days`);
      else await handle.result();
      await cancel();
    }
    const outcome = (await handle.result()) as ErasureOutcome;
    return { customerId, accepted, refusal, outcome };
  }

  const scenarios = fc.record({
    blocked: fc.boolean(),
    cancel: fc.oneof(
      fc.record({ during: fc.constantFrom(...erasureSteps), occurrence: fc.integer({ min: 1, max: 2 }), afterWork: fc.boolean() }),
      fc.record({ afterDays: fc.integer({ min: 1, max: 50 }) }),
    ),
  });

  it('answers a request made while a cancel is restoring the customer with "repeat in a few seconds", and then starts it', async () => {
    const customerId = 'C-recancel';
    await testData(world.test.db).customer({ id: customerId, email: 'recancel@example.com' });
    lastKnownTime = await world.env.currentTimeMs();
    const first = await requestErasure(process, customerId, { reason: 'asked', requestedBy: 'ops' });
    let repeat: unknown;
    duringRestore = async (id) => {
      if (id !== customerId) return;
      duringRestore = undefined;
      repeat = await requestErasure(process, customerId, { reason: 'asked again', requestedBy: 'ops' }).catch((error: unknown) => error);
    };
    await cancelErasure(process, customerId, { reason: 'mistake', cancelledBy: 'ops' });
    expect(await world.env.client.workflow.getHandle(`erasure-${customerId}`).result()).toMatchObject({ state: 'cancelled' });
    expect(repeat).toBeInstanceOf(TryAgainLaterError);
    expect((repeat as Error).message).toMatch(/being cancelled; repeat this request in a few seconds/);
    const second = await requestErasure(process, customerId, { reason: 'asked again', requestedBy: 'ops' });
    expect(second.requestId).not.toBe(first.requestId);
    expect(second.started).toBe(true);
  });

  it('never erases after an accepted cancel, and refuses a cancel only once the erasure is under way', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { customerId, accepted, refusal, outcome } = await runScenario(scenario);
        const customer = await getCustomer(world.test.db, customerId);
        const kinds = (await getTimeline(world.test.db, customerId)).entries.map((entry) => entry.kind);
        const status = await getErasure(process, customerId);
        if (accepted) {
          expect(outcome.state).toBe('cancelled');
          expect(status.state).toBe('cancelled');
          expect(customer).toMatchObject({ email: `${customerId}@example.com`, erasureState: 'none' });
          expect(kinds).toContain('erasure-cancelled');
          expect(kinds).not.toContain('erasure-completed');
          expect(await listErasureCertificates(world.test.db, customerId)).toEqual([]);
          return;
        }
        // Not fired (the step never ran twice, or a hook on a step this scenario does not reach), or refused.
        expect(outcome.state).toBe('erased');
        expect(status.state).toBe('erased');
        expect(customer).toMatchObject({ email: null, erasureState: 'erased' });
        if (accepted === false) expect(refusal).toMatch(/already (erasing|erased)/);
      }),
      {
        numRuns: Number(process_env('ERASURE_CANCEL_RUNS') ?? 25),
        examples: [
          // The defect: a cancel that arrives while the blockers are checked after the grace period.
          [{ blocked: false, cancel: { during: 'erasureBlockers', occurrence: 1, afterWork: false } }],
          [{ blocked: true, cancel: { during: 'erasureBlockers', occurrence: 2, afterWork: true } }],
          [{ blocked: true, cancel: { during: 'recordErasureBlocked', occurrence: 1, afterWork: true } }],
          [{ blocked: false, cancel: { during: 'markErasurePending', occurrence: 1, afterWork: false } }],
          [{ blocked: false, cancel: { during: 'eraseCustomer', occurrence: 1, afterWork: false } }],
          [{ blocked: false, cancel: { during: 'stopCustomerWorkflows', occurrence: 1, afterWork: true } }],
        ],
      },
    );
  }, 240_000);
});

function process_env(name: string): string | undefined {
  return globalThis.process.env[name];
}
