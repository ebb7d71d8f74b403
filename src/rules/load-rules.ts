/**
 * Loads a rules folder all-or-nothing: parse every file with positions, validate each against its
 * JSON Schema, run the checks a schema cannot express, and compile. Any problem anywhere means no
 * rule set — every problem is reported at once, each with file:line:column.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { buildRuleSet, type ValidDocument, type ValidDocuments } from './build-rule-set';
import { readRuleFiles, type RuleFile } from './read-rule-files';
import { RuleSetInvalidError, type RuleProblem, type UnplacedProblem } from './rule-problems';
import { schemaProblems } from './rule-schemas';
import type { RuleSet } from './rule-set';

/** Loads and compiles the rules in `dir`, or throws RuleSetInvalidError listing every problem. */
export function loadRuleSet(dir: string): RuleSet {
  const { files, problems: placed } = readRuleFiles(dir);
  const unplaced: UnplacedProblem[] = [];
  const documents: ValidDocuments = { profileSets: [], groups: [], scenarios: [], tests: [] };

  for (const file of files) {
    if (file.parsed.problems.length > 0) {
      placed.push(...file.parsed.problems.map((problem) => ({ file: file.file, pointer: '', ...problem })));
      continue;
    }
    const found = schemaProblems(file.kind, file.file, file.parsed.data);
    if (found.length > 0) {
      unplaced.push(...found);
      continue;
    }
    addDocument(documents, file);
  }

  const compiled = buildRuleSet(documents, unplaced);
  const byFile = new Map(files.map((file) => [file.file, file]));
  for (const problem of unplaced) {
    const { at, ...rest } = problem;
    const position = byFile.get(problem.file)?.parsed.position(problem.pointer, at) ?? { line: 1, column: 1 };
    placed.push({ ...rest, ...position });
  }
  if (placed.length > 0 || !compiled) throw new RuleSetInvalidError(sortProblems(placed));
  return { ...compiled, version: contentVersion(dir, files), files: files.map((file) => file.file) };
}

function addDocument(documents: ValidDocuments, file: RuleFile): void {
  const doc: ValidDocument<never> = {
    file: file.file,
    data: file.parsed.data as never,
    lineOf: (pointer) => file.parsed.position(pointer).line,
  };
  switch (file.kind) {
    case 'settings':
      documents.settings = doc;
      break;
    case 'attributes':
      documents.attributes = doc;
      break;
    case 'profileSet':
      documents.profileSets.push(doc);
      break;
    case 'groups':
      documents.groups.push(doc);
      break;
    case 'dunning':
      documents.scenarios.push(doc);
      break;
    case 'tests':
      documents.tests.push(doc);
      break;
  }
}

function sortProblems(problems: RuleProblem[]): RuleProblem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** A short content hash over every file's path and text: equal rules, equal version. */
function contentVersion(dir: string, files: RuleFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => a.file.localeCompare(b.file))) {
    hash.update(path.relative(dir, path.resolve(file.file))).update('\0').update(file.text).update('\0');
  }
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}
