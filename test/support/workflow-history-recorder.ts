/**
 * Records the histories of the workflows a test environment started, so that later releases can
 * replay them (`test/workflows/replay-histories.test.ts`). Off unless RECORD_WORKFLOW_HISTORIES
 * names a folder, e.g. `RECORD_WORKFLOW_HISTORIES=test/workflows/histories/2026-11-29 npx vitest run test/workflows`.
 */
import type { Client, WorkflowClientInterceptor } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface HistoryRecorder {
  /** Client interceptors that note every workflow started (or signalled-with-start). */
  interceptors: WorkflowClientInterceptor[];
  /** Writes the histories of the noted workflows that have closed. */
  save(client: Client): Promise<void>;
}

/** A recorder writing into RECORD_WORKFLOW_HISTORIES, or undefined when recording is off. */
export function historyRecorderFromEnv(): HistoryRecorder | undefined {
  const folder = process.env.RECORD_WORKFLOW_HISTORIES;
  if (!folder) return undefined;
  const started = new Map<string, string>();
  return {
    interceptors: [
      {
        async startWithDetails(input, next) {
          started.set(input.options.workflowId, input.workflowType);
          return next(input);
        },
        async signalWithStart(input, next) {
          started.set(input.options.workflowId, input.workflowType);
          return next(input);
        },
      },
    ],
    async save(client) {
      mkdirSync(folder, { recursive: true });
      for (const [workflowId, workflowType] of started) {
        const handle = client.workflow.getHandle(workflowId);
        const { status } = await handle.describe();
        if (status.name === 'RUNNING') continue;
        const history = await handle.fetchHistory();
        const file = `${workflowType}--${workflowId.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`;
        writeFileSync(path.join(folder, file), `${JSON.stringify(historyToObject(history))}\n`);
      }
    },
  };
}

const { History } = temporal.api.history.v1;

/** A history as plain JSON (64-bit numbers and enums as strings, bytes as base64); `History.fromObject` reads it back. */
function historyToObject(history: temporal.api.history.v1.IHistory): Record<string, unknown> {
  return History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
}
