import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import path from 'node:path';
import { projectRoot } from '../config/project-root';
import { failureConverterPath } from './data-converter';

/** Entry file of the workflow bundle. */
export const workflowsEntry = path.join(projectRoot, 'workflows', 'index.ts');

/** Bundles the workflow code once (webpack, ~1 s); pass the result to every Worker.create. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: workflowsEntry, failureConverterPath, logger: quietBundlerLogger });
}

const ignore = () => {};
/** The bundler reports progress at info level; we only want its warnings and errors. */
const quietBundlerLogger = {
  log: ignore,
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: (message: string) => console.warn(`[workflow bundle] ${message}`),
  error: (message: string) => console.error(`[workflow bundle] ${message}`),
};
