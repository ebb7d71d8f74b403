/**
 * The import boundaries of eslint.config.js fire: each snippet is linted in memory as if it were a file of
 * the folder it names, with the project's own config. Only the boundary rules run (no type information is
 * needed for them, so no TypeScript program is built and the file need not exist).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const configFile = path.join(root, 'eslint.config.js');
const boundaryRules = [
  '@typescript-eslint/no-restricted-imports',
  '@typescript-eslint/no-import-type-side-effects',
  'no-restricted-syntax',
];

/** The use-case folder as eslint.config.js names it. */
const { USE_CASES: useCases } = (await import(pathToFileURL(configFile).href)) as { USE_CASES: string };

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: configFile,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => boundaryRules.includes(ruleId),
});

/** What the boundary rules report for `code` as the file `file` (relative to the repository root). */
async function findings(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages;
}

/** `import … from '<use cases>/<module>'` as written in `fromDir` (so the rename of the folder is followed). */
const useCase = (fromDir: string, module: string) => `${path.posix.relative(fromDir, useCases)}/${module}`;

/** [what is broken, file, code]: one import that crosses a boundary. */
const violations: Array<[string, string, string]> = [
  // workflows/: only @temporalio/workflow, its own files, and types
  ['workflow → store', 'workflows/probe.ts', "import { getCustomer } from '../src/store/customer-store';"],
  ['workflow → activity', 'workflows/probe.ts', "import { erasureActivities } from '../activities/erasure-activities';"],
  ['workflow re-exporting activities', 'workflows/probe.ts', "export * from '../activities';"],
  ['workflow → @temporalio/client', 'workflows/probe.ts', "import { Client } from '@temporalio/client';"],
  ['workflow → node:crypto', 'workflows/probe.ts', "import { randomUUID } from 'node:crypto';"],
  ['workflow → a dynamic import', 'workflows/probe.ts', "export const load = () => import('./erasure');"],
  // `import { type A }` keeps the import (verbatimModuleSyntax): the activity module would be bundled.
  ['workflow → activity by an inline type import', 'workflows/probe.ts', "import { type ErasureActivities } from '../activities';"],
  // src/rules/: nothing of store, API, use cases or Temporal
  ['rules → store', 'src/rules/probe.ts', "import { getCustomer } from '../store/customer-store';"],
  ['rules → store (type only)', 'src/rules/probe.ts', "import type { Queryable } from '../store/database';"],
  ['rules → api', 'src/rules/probe.ts', "import { createApp } from '../api/app';"],
  ['rules → use cases', 'src/rules/probe.ts', `import { recordReturn } from '${useCase('src/rules', 'record-return')}';`],
  ['rules → src/temporal', 'src/rules/probe.ts', "import { bundle } from '../temporal/workflow-bundle';"],
  ['rules → @temporalio/*', 'src/rules/probe.ts', "import { proxyActivities } from '@temporalio/workflow';"],
  ['rules → pg', 'src/rules/probe.ts', "import pg from 'pg';"],
  ['rules → express', 'src/rules/probe.ts', "import express from 'express';"],
  // src/store/: no use case, API, activity, workflow or Temporal
  ['store → use cases', 'src/store/probe.ts', `import { recordReturn } from '${useCase('src/store', 'record-return')}';`],
  [
    'store (sub-folder) → use cases',
    'src/store/embedded-postgres/probe.ts',
    `import { recordReturn } from '${useCase('src/store/embedded-postgres', 'record-return')}';`,
  ],
  ['store → api', 'src/store/probe.ts', "import { createApp } from '../api/app';"],
  ['store → activities', 'src/store/probe.ts', "import { erasureActivities } from '../../activities/erasure-activities';"],
  ['store → workflows', 'src/store/probe.ts', "import { erasure } from '../../workflows';"],
  ['store → @temporalio/*', 'src/store/probe.ts', "import { Client } from '@temporalio/client';"],
  // src/api/routes/: no store (value imports; store types may be named)
  ['route → store', 'src/api/routes/probe.ts', "import { getCustomer } from '../../store/customer-store';"],
  // Roundabout relative paths reach the same folders.
  [
    'route → store, out to the root and back',
    'src/api/routes/probe.ts',
    "import { getCustomer } from '../../../src/store/customer-store';",
  ],
  ['workflow → store, through ./..', 'workflows/probe.ts', "import { getCustomer } from './../src/store/customer-store';"],
  ['rules → store, through ./..', 'src/rules/probe.ts', "import { getCustomer } from './../store/customer-store';"],
  ['store → use cases, out to the root and back', 'src/store/probe.ts', `import { recordReturn } from '../../${useCases}/record-return';`],
  // activities/: no API
  ['activity → api', 'activities/probe.ts', "import { createApp } from '../src/api/app';"],
  // src/console/: browser code, talks to the API over HTTP only
  ['console → api', 'src/console/pages/probe.tsx', "import { createApp } from '../../api/app';"],
  ['console → store', 'src/console/probe.ts', "import { getCustomer } from '../store/customer-store';"],
  ['console → use cases', 'src/console/probe.ts', `import { recordReturn } from '${useCase('src/console', 'record-return')}';`],
  ['console → express', 'src/console/probe.ts', "import express from 'express';"],
];

/** [file, code]: what each boundary lets through. */
const allowed: Array<[string, string]> = [
  [
    'workflows/probe.ts',
    `import { condition, proxyActivities } from '@temporalio/workflow';
import type { ErasureActivities } from '../activities/erasure-activities';
import type { PinnedStep } from '../src/store/dunning-store';
import { erasure } from './erasure';
export { dunning } from './dunning';
export const probe = { condition, proxyActivities, erasure };
export type Probe = [ErasureActivities, PinnedStep];`,
  ],
  [
    'src/rules/probe.ts',
    `import { Engine } from 'json-rules-engine';
import { parseCalendarDate } from './calendar';
export const probe = [Engine, parseCalendarDate];`,
  ],
  [
    'src/store/probe.ts',
    `import pg from 'pg';
import type { RuleSet } from '../rules/rule-set';
import { ConflictError } from '../errors';
export const probe: [unknown, unknown, RuleSet?] = [pg, ConflictError];`,
  ],
  [
    'src/api/routes/probe.ts',
    `import type { Queryable } from '../../store/database';
import { recordReturn } from '${useCase('src/api/routes', 'record-return')}';
export const probe = (db: Queryable) => [db, recordReturn];`,
  ],
  [
    'src/console/pages/probe.tsx',
    `import { useState } from 'preact/hooks';
import { maskEmail } from '../../access/masking';
import type { paths } from '../generated/openapi';
export const probe: [unknown, unknown, paths?] = [useState, maskEmail];`,
  ],
  [
    'activities/probe.ts',
    `import { getCustomer } from '../src/store/customer-store';
import { recordReturn } from '${useCase('activities', 'record-return')}';
export const probe = [getCustomer, recordReturn];`,
  ],
];

describe('import boundaries', () => {
  it.each(violations)('report %s (%s)', async (_broken, file, code) => {
    const messages = await findings(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ line: 1, severity: 2 });
    expect(boundaryRules).toContain(messages[0]!.ruleId);
  });

  it.each(allowed)('let through what %s may import', async (file, code) => {
    expect(await findings(file, code)).toEqual([]);
  });
});
