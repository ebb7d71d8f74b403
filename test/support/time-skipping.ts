/**
 * A time-skipping Temporal test server with a worker running the bundled workflows and the real
 * activities over a real test database.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createActivities } from '../../activities/index';
import { AttributeCipher } from '../../src/encryption/attribute-cipher';
import type { RuleSet } from '../../src/rules/rule-set';
import { openTestDatabase, type TestDatabase } from './test-databases';
import { historyRecorderFromEnv } from './workflow-history-recorder';

export interface TimeSkippingWorld {
  env: TestWorkflowEnvironment;
  test: TestDatabase;
  taskQueue: string;
  stop(): Promise<void>;
}

type Activities = ReturnType<typeof createActivities>;

/**
 * Starts the server, a fresh database and a worker whose activities use `ruleSet`;
 * `wrapActivities` lets a test act while an activity runs (e.g. send a cancel mid-step).
 */
export async function startTimeSkippingWorld(ruleSet: RuleSet, wrapActivities: (activities: Activities) => Activities = (activities) => activities): Promise<TimeSkippingWorld> {
  const recorder = historyRecorderFromEnv();
  const [env, test] = await Promise.all([
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: inject('testServerPath') } },
      ...(recorder && { client: { interceptors: { workflow: recorder.interceptors } } }),
    }),
    openTestDatabase(),
  ]);
  const taskQueue = `time-skipping-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: wrapActivities(createActivities({ db: test.db, rules: { current: ruleSet }, attributeCipher: new AttributeCipher(randomBytes(32)) })),
  });
  const running = worker.run();
  return {
    env,
    test,
    taskQueue,
    async stop() {
      await recorder?.save(env.client);
      worker.shutdown();
      await running;
      await env.teardown();
      await test.dispose();
    },
  };
}
