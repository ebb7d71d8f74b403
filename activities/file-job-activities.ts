/** Imports and exports, as activities over the database and the rules in use. */
import { heartbeat } from '@temporalio/activity';
import type { AttributeCipher } from '../src/encryption/attribute-cipher';
import { runExportJob } from '../src/use-cases/run-export-job';
import { runImportJob } from '../src/use-cases/run-import-job';
import type { RuleRegistry } from '../src/rules/rule-registry';
import type { Database } from '../src/store/database';
import { failPermanentlyOnUserErrors } from './fail-permanently';

export interface FileJobActivityDeps {
  db: Database;
  rules: Pick<RuleRegistry, 'current'>;
  /** Seals the values of encrypted attributes that imports set. */
  attributeCipher: AttributeCipher;
}

/** The import and export activities bound to their dependencies. */
export function createFileJobActivities({ db, rules, attributeCipher }: FileJobActivityDeps) {
  return failPermanentlyOnUserErrors({
    /** Applies every row not yet processed; resumes where a crashed attempt stopped. */
    async runImport({ importId }: { importId: string }): Promise<string> {
      return runImportJob({ db, attributeCipher }, rules.current, importId, (processed) => heartbeat({ processed }));
    },
    /** Writes the export file page by page and stores it. */
    async runExport({ exportId }: { exportId: string }): Promise<string> {
      return runExportJob(db, rules.current, exportId, (written) => heartbeat({ written }));
    },
  });
}

export type FileJobActivities = ReturnType<typeof createFileJobActivities>;
