/** Import and export jobs as workflows on the time-skipping server, over a real database. */
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules';
import { getCustomer } from '../../src/store/customer-store';
import { createExportJob, exportFile, getExportJob } from '../../src/store/export-jobs-store';
import { createImportJob, getImportJob } from '../../src/store/import-jobs-store';
import { exportJob, importJob } from '../../workflows/file-jobs';
import { shippedRules } from '../support/rule-dirs';
import { useTimeSkippingWorld } from '../support/time-skipping';

describe('file jobs (time-skipping)', () => {
  const world = useTimeSkippingWorld(() => loadRuleSet(shippedRules));

  it('imports every readable row and reports the others', async () => {
    const file = Buffer.from('id,email,phone\nC-fj-1,fj1@example.com,+919800000001\nC-fj-2,not-an-email,\n');
    const job = await createImportJob(world.test.db, {
      target: 'customers',
      groupId: null,
      mode: 'add',
      filename: 'c.csv',
      format: 'csv',
      requestedBy: 'ops.test',
      file,
    });
    const outcome = await world.env.client.workflow.execute(importJob, {
      workflowId: `import-${job.id}`,
      taskQueue: world.taskQueue,
      args: [{ importId: job.id }],
    });
    expect(outcome).toBe('partial');
    expect(await getImportJob(world.test.db, job.id)).toMatchObject({ okRows: 1, errorRows: 1, status: 'partial' });
    expect((await getCustomer(world.test.db, 'C-fj-1')).email).toBe('fj1@example.com');
  });

  it('writes an export file', async () => {
    const job = await createExportJob(world.test.db, { format: 'csv', filters: {}, requestedBy: 'ops.test' });
    const outcome = await world.env.client.workflow.execute(exportJob, {
      workflowId: `export-${job.id}`,
      taskQueue: world.taskQueue,
      args: [{ exportId: job.id }],
    });
    expect(outcome).toBe('complete');
    expect((await getExportJob(world.test.db, job.id)).status).toBe('complete');
    expect((await exportFile(world.test.db, job.id))!.toString()).toContain('C-fj-1');
  });
});
