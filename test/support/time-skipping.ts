/**
 * The time-skipping Temporal test server (a local executable, see global-setup.ts) with workers on
 * the run's workflow bundle: alone, for workflows tested with fake activities
 * (`useTimeSkippingEnvironment`), or with the real activities over a real test database
 * (`useTimeSkippingWorld`).
 */
import { startIntentRelay } from '../../src/outbox/workflow-intent-relay';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { randomBytes, randomUUID } from 'node:crypto';
import { inject, vi } from 'vitest';
import { createActivities } from '../../activities/index';
import { AttributeCipher } from '../../src/encryption/attribute-cipher';
import type { RuleSet } from '../../src/rules/rule-set';
import { openTestDatabase, type TestDatabase } from './test-databases';
import { useForAll } from './use-for-all';
import { historyRecorderFromEnv } from './workflow-history-recorder';
import { addSearchAttributes } from '../../src/temporal/search-attribute-registration';

/** A time-skipping server and how to end it (saving the histories to record first, if any). */
async function startTimeSkippingEnvironment(): Promise<{ env: TestWorkflowEnvironment; teardown(): Promise<void> }> {
  const recorder = historyRecorderFromEnv();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('testServerPath') } },
    ...(recorder && { client: { interceptors: { workflow: recorder.interceptors } } }),
  });
  // The workflows set Rulebook's search attributes, which the server refuses unless registered (as a worker does at start).
  await addSearchAttributes(env.connection, env.namespace ?? 'default');
  return {
    env,
    async teardown() {
      await recorder?.save(env.client);
      await env.teardown();
    },
  };
}

/** A worker of `env` running the bundled workflows (bundled once per run) with `activities`, on a task queue of its own. */
export async function bundleWorker(env: TestWorkflowEnvironment, activities: object): Promise<{ worker: Worker; taskQueue: string }> {
  const taskQueue = `time-skipping-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities,
  });
  return { worker, taskQueue };
}

/**
 * A time-skipping server for the tests of this file or `describe` block, without a database: each
 * test runs a `bundleWorker` with the activities it fakes, as the SDK's own tests do.
 */
export function useTimeSkippingEnvironment(): { readonly env: TestWorkflowEnvironment } {
  const current = useForAll('The time-skipping server', startTimeSkippingEnvironment, (environment) => environment.teardown());
  return {
    get env() {
      return current().env;
    },
  };
}

export interface TimeSkippingWorld {
  env: TestWorkflowEnvironment;
  test: TestDatabase;
  taskQueue: string;
  /** The handle of a workflow a use case started or queued, once the relay has delivered its start. */
  startedWorkflow(workflowId: string): Promise<WorkflowHandle>;
  stop(): Promise<void>;
}

type Activities = ReturnType<typeof createActivities>;

/**
 * Starts the server, a fresh database, a worker whose activities use `ruleSet` and the relay of
 * workflow intents;
 * `wrapActivities` lets a test act while an activity runs (e.g. send a cancel mid-step).
 */
export async function startTimeSkippingWorld(
  ruleSet: RuleSet,
  wrapActivities: (activities: Activities) => Activities = (activities) => activities,
): Promise<TimeSkippingWorld> {
  const [environment, test] = await Promise.all([startTimeSkippingEnvironment(), openTestDatabase()]);
  const activities = wrapActivities(
    createActivities({ db: test.db, rules: { current: ruleSet }, attributeCipher: new AttributeCipher(randomBytes(32)) }),
  );
  const { worker, taskQueue } = await bundleWorker(environment.env, activities);
  const running = worker.run();
  // As in a worker process: what use cases queue for Temporal is delivered (a start the use case could not deliver at once, too).
  const relay = startIntentRelay(test.db, { client: environment.env.client, taskQueue }, { intervalMs: 20 });
  return {
    env: environment.env,
    test,
    taskQueue,
    startedWorkflow: async (workflowId) => {
      const handle = environment.env.client.workflow.getHandle(workflowId);
      await vi.waitFor(() => handle.describe(), { timeout: 10_000, interval: 50 });
      return handle;
    },
    async stop() {
      await relay.stop();
      worker.shutdown();
      await running;
      await environment.teardown();
      await test.dispose();
    },
  };
}

/**
 * A time-skipping world for the tests of this file or `describe` block: started before them with
 * the rule set `ruleSet()` gives (read then, not at collection), stopped after them. The returned
 * object reaches the world's parts once it runs.
 */
export function useTimeSkippingWorld(
  ruleSet: () => RuleSet,
  wrapActivities?: (activities: Activities) => Activities,
): Omit<TimeSkippingWorld, 'stop'> {
  const current = useForAll(
    'The time-skipping world',
    () => startTimeSkippingWorld(ruleSet(), wrapActivities),
    (world) => world.stop(),
  );
  return {
    get env() {
      return current().env;
    },
    get test() {
      return current().test;
    },
    get taskQueue() {
      return current().taskQueue;
    },
    startedWorkflow: (workflowId) => current().startedWorkflow(workflowId),
  };
}

/** Lets the time-skipping server's clock run on to `at` (ms since the epoch); at least a millisecond. */
export async function sleepUntil(env: TestWorkflowEnvironment, at: number): Promise<void> {
  await env.sleep(Math.max(at - (await env.currentTimeMs()), 1));
}
