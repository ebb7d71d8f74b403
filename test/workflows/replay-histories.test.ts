/**
 * Running workflows outlive a deploy (an erasure waits 45 days): the workflow code of this release
 * must replay the recorded histories of every earlier release without a determinism error.
 * Histories are recorded with RECORD_WORKFLOW_HISTORIES (test/support/workflow-history-recorder.ts).
 */
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import * as workflows from '../../workflows/index';

const historiesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');
const releases = readdirSync(historiesDir).sort();

function loadHistories(release: string) {
  return readdirSync(path.join(historiesDir, release))
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({
      workflowType: file.split('--')[0]!,
      workflowId: file.replace(/\.json$/, ''),
      history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(historiesDir, release, file), 'utf8'))),
    }));
}

describe('recorded workflow histories', () => {
  it('cover every workflow type of this release', () => {
    const recorded = new Set(releases.flatMap((release) => loadHistories(release).map((entry) => entry.workflowType)));
    expect([...recorded].sort()).toEqual(Object.keys(workflows).sort());
  });

  it.each(releases)('of release %s replay on the current workflow code', async (release) => {
    const histories = loadHistories(release);
    const failures: string[] = [];
    const results = Worker.runReplayHistories({ workflowBundle: { codePath: inject('workflowBundlePath') } }, histories);
    for await (const result of results) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(histories.length).toBeGreaterThan(0);
  });
});
