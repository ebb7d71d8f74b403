/**
 * An export job as the workflow `export-{exportId}` runs it: the file written page by page, the
 * progress recorded as it goes, and the file stored. The worker's activity calls it, so this module
 * imports no workflow code.
 */
import { maskedValue, maskEmail, maskName, maskPhone } from '../access/masking';
import { personalAttributeIds } from '../rules/personal-attributes';
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
  const header = exportHeader(ruleSet);
  const pages = job.masked
    ? maskedRows(header, personalAttributeIds(ruleSet), exportRows(db, ruleSet, job.filters))
    : exportRows(db, ruleSet, job.filters);
  const file = await writeTableFile(job.format, header, pages, async (written) => {
    rows = written;
    await exportProgress(db, exportId, written);
    progress(written);
  });
  await finishExportJob(db, exportId, { file, rows });
  return 'complete';
}

/**
 * The rows with email, phone and name masked, and the values of personal attributes (city,
 * birthdate…) as `•••`, for a caller without customers:read-personal.
 */
async function* maskedRows(header: string[], personal: string[], pages: AsyncIterable<string[][]>): AsyncGenerator<string[][]> {
  const hide = () => maskedValue;
  const masks: Record<string, (value: string) => string> = {
    ...Object.fromEntries(personal.map((id) => [id, hide])),
    // The contact columns (personal too) keep enough to recognise a customer.
    email: maskEmail,
    phone: maskPhone,
    name: maskName,
  };
  const columns = header.map((column) => masks[column]);
  for await (const rows of pages) {
    yield rows.map((row) => row.map((cell, index) => (cell && columns[index] ? columns[index](cell) : cell)));
  }
}
