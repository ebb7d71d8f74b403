/**
 * An import job as the workflow `import-{importId}` runs it: read the uploaded file, check its
 * columns, and apply every row not yet processed, each in its own transaction with its outcome — so
 * a crashed attempt resumes where it stopped and never applies a row twice. The worker's activity
 * calls it, so this module imports no workflow code.
 */
import type { AttributeCipher } from '../encryption/attribute-cipher';
import { readTableFile, TableFileError, type TableFile } from '../files/read-table-file';
import { yieldToEventLoop } from '../files/yield-to-event-loop';
import type { RuleSet } from '../rules/rule-set';
import type { Database } from '../store/database';
import {
  finishImportJob,
  getImportJob,
  importedRowsSoFar,
  importFile,
  processImportRow,
  startImportRows,
} from '../store/import-jobs-store';
import { customerColumns, importCustomerRow, importGroupMemberRow, unknownCustomerColumns } from '../store/import-rows';

/** Report progress every this many rows (the database has it row by row). */
const progressEvery = 50;

/** Applies every row not yet processed and returns the job's status; `progress` hears how many rows are done. */
export async function runImportJob(
  deps: { db: Database; attributeCipher: AttributeCipher },
  ruleSet: RuleSet,
  importId: string,
  progress: (processed: number) => void = () => {},
): Promise<string> {
  const { db } = deps;
  const job = await getImportJob(db, importId);
  if (job.status !== 'in-process') return job.status;
  let table: TableFile;
  try {
    table = await readTableFile(await importFile(db, importId), job.format);
  } catch (error) {
    if (error instanceof TableFileError) return (await finishImportJob(db, importId, { failure: error.message })).status;
    throw error;
  }
  const headerProblem = job.target === 'customers' ? customerHeaderProblem(ruleSet, table.header) : memberHeaderProblem(table.header);
  if (headerProblem) return (await finishImportJob(db, importId, { failure: headerProblem })).status;
  await startImportRows(db, importId, table.header, table.rows.length);
  const sealer = deps.attributeCipher.forCatalog(ruleSet.attributes);
  for (const [index, row] of table.rows.entries()) {
    if (index < job.processedRows) continue;
    // A row the reader could not read faithfully is reported as it is, never applied.
    // A rejected row is kept for the error file without the values of encrypted attributes: those are stored sealed or not at all.
    const { cells: recordedCells, hide } = withoutEncryptedCells(ruleSet, table.header, row.cells);
    await processImportRow(db, importId, { number: row.number, cells: recordedCells }, async (tx) => {
      if (row.problem) return hide(row.problem.detail);
      if (job.target === 'customers') return hide(await importCustomerRow(tx, ruleSet, job, table.header, row, sealer));
      // "replace" empties the group with the first row that goes in, in that row's transaction: a
      // file whose every row is rejected leaves the group as it was.
      const replaceMembers = job.mode === 'replace' && (await importedRowsSoFar(tx, importId)) === 0;
      const phoneRegion = ruleSet.settings.defaultPhoneRegion;
      return hide(await importGroupMemberRow(tx, job.groupId!, table.header, row, { replaceMembers, phoneRegion }));
    });
    if (index % progressEvery === 0) progress(index + 1);
    // Between rows, outside any transaction: the API may share this process.
    await yieldToEventLoop();
  }
  const unreadable = table.rows.find((row) => row.problem);
  return (
    await finishImportJob(db, importId, {
      unreadable: unreadable && `row ${unreadable.number} cannot be read: ${unreadable.problem!.summary}`,
    })
  ).status;
}

/**
 * The row's cells with those of encrypted attributes emptied — and, when the file has an encrypted
 * column, every cell under no column name too (a stray comma shifts values past their column) —
 * and `hide`, which takes the emptied values out of an error text that quotes them.
 */
function withoutEncryptedCells(ruleSet: RuleSet, header: string[], cells: string[]) {
  const encrypted = header.map((name) => ruleSet.attributes.get(name)?.encrypted === true);
  const hasEncrypted = encrypted.some(Boolean);
  const hiddenAt = (index: number) => encrypted[index] === true || (hasEncrypted && !header[index]);
  const hidden = cells.filter((cell, index) => cell !== '' && hiddenAt(index));
  return {
    cells: cells.map((cell, index) => (hiddenAt(index) ? '' : cell)),
    hide: (text: string | undefined) =>
      hidden.reduce((scrubbed, value) => scrubbed?.split(value).join('(hidden: encrypted attribute)'), text),
  };
}

/** Why a customer import's header cannot be imported: unknown columns, or neither email nor phone. */
function customerHeaderProblem(ruleSet: RuleSet, header: string[]): string | undefined {
  const unknown = unknownCustomerColumns(ruleSet, header);
  if (unknown.length > 0) {
    const allowed = [
      ...customerColumns,
      ...[...ruleSet.attributes.values()].filter((a) => a.source === 'attribute' && !customerColumns.includes(a.id)).map((a) => a.id),
    ];
    // A file without a header row has customer data in its first row: the failure outlives erasures, so it
    // names only what looks like a column name (an attribute id) and counts the rest.
    const named = unknown.filter((name) => /^[a-z][a-z0-9_]{0,62}$/.test(name));
    const others = unknown.length - named.length;
    const listed = [
      ...named.slice(0, 10),
      ...(named.length > 10 ? [`${named.length - 10} more`] : []),
      ...(others > 0 ? [`${others} cells that are not column names`] : []),
    ];
    return `Unknown columns: ${listed.join(', ')}. The first row must name the columns: ${allowed.join(', ')} (attribute columns as declared in rules/attributes.yaml).`;
  }
  if (!header.includes('email') && !header.includes('phone')) return 'The file needs an email or a phone column.';
  return undefined;
}

/** Why a group import's header cannot be imported: neither email nor phone. */
function memberHeaderProblem(header: string[]): string | undefined {
  if (!header.includes('email') && !header.includes('phone'))
    return 'A group import needs a column named email or phone (or both); other columns are ignored.';
  return undefined;
}
