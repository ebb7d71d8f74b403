/**
 * An export job as the workflow `export-{exportId}` runs it: the file written page by page, the
 * progress recorded as it goes, and the file stored. The worker's activity calls it, so this module
 * imports no workflow code.
 */
import { writeTableFile } from '../files/write-table-file';
import type { RuleSet } from '../rules/rule-set';
import type { Database } from '../store/database';
import { exportHeader, exportProgress, exportRows, finishExportJob, getExportJob } from '../store/export-jobs-store';

/** Writes and stores the export file and returns the job's status; `progress` hears how many rows are written. */
export async function runExportJob(
  db: Database,
  ruleSet: RuleSet,
  exportId: string,
  progress: (written: number) => void = () => {},
): Promise<string> {
  const job = await getExportJob(db, exportId);
  if (job.status !== 'in-process') return job.status;
  let rows = 0;
  const file = await writeTableFile(job.format, exportHeader(ruleSet), exportRows(db, ruleSet, job.filters), async (written) => {
    rows = written;
    await exportProgress(db, exportId, written);
    progress(written);
  });
  await finishExportJob(db, exportId, { file, rows });
  return 'complete';
}
