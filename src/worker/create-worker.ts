import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities/index';
import type { TemporalConfig } from '../../temporal.config';
import { connectionOptions } from '../temporal/connection-options';
import { assertWorkerDataConverter } from '../temporal/data-converter';

export interface WorkerSettings {
  temporal: TemporalConfig;
  workflowBundle: WorkflowBundle;
  deps: ActivityDeps;
  /**
   * `rulebookDataConverter(…)`, the same object the client gets: payload codec and the failure
   * converter by path (what Worker.create reads). Required, so that no worker writes plain histories.
   */
  dataConverter: DataConverter;
  /** An existing connection (tests); otherwise one is opened from `temporal`. */
  connection?: NativeConnection;
}

/** Creates the Rulebook worker: the bundled workflows and the activities over their dependencies. */
export async function createRulebookWorker(settings: WorkerSettings): Promise<Worker> {
  assertWorkerDataConverter(settings.dataConverter);
  const connection = settings.connection ?? (await NativeConnection.connect(connectionOptions(settings.temporal)));
  return Worker.create({
    connection,
    namespace: settings.temporal.namespace,
    taskQueue: settings.temporal.taskQueue,
    workflowBundle: settings.workflowBundle,
    activities: createActivities(settings.deps),
    dataConverter: settings.dataConverter,
  });
}
