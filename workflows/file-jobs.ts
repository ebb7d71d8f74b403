/**
 * Bulk imports and exports as durable jobs: a crash or a deploy in the middle resumes the job
 * where it stopped (the database records progress row by row), never applying a row twice.
 */
import { proxyActivities } from '@temporalio/workflow';
import { fileJobStep } from './activity-options';
import type { FileJobActivities } from '../activities/file-job-activities';

const { runImport, runExport } = proxyActivities<FileJobActivities>(fileJobStep);

/** Imports the rows of an uploaded file (customers, or members of a static group). */
export async function importJob(input: { importId: string }): Promise<string> {
  return runImport(input);
}

/** Writes a customer export file. */
export async function exportJob(input: { exportId: string }): Promise<string> {
  return runExport(input);
}
