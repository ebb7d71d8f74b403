/**
 * Loads a rule set all-or-nothing: parse every file with positions, validate each against its
 * JSON Schema, run the checks a schema cannot express, and compile. Any problem anywhere means no
 * rule set — every problem is reported at once, each with file:line:column.
 *
 * The rules come as files in memory (`loadRuleSetFromFiles`): a rules folder is one source of them
 * (`loadRuleSet`), rule files sent over HTTP for an impact preview are another.
 */
import { createHash } from 'node:crypto';
import { buildRuleSet, type ValidDocument, type ValidDocuments } from './build-rule-set';
import { readRuleFolder } from './read-rule-files';
import { parseRuleFiles, type RuleFile, type RuleFileSource } from './rule-files';
import { RuleSetInvalidError, type RuleProblem, type UnplacedProblem } from './rule-problems';
import { schemaProblems } from './rule-schemas';
import type { RuleSet } from './rule-set';

/** Loads and compiles the rules in the folder `dir`, or throws RuleSetInvalidError listing every problem. */
export function loadRuleSet(dir: string): RuleSet {
  const { files, name } = readRuleFolder(dir);
  return loadRuleSetFromFiles(files, { name });
}

/**
 * Compiles rule files held in memory, or throws RuleSetInvalidError listing every problem. Problems
 * name a file by `name(path)` (default: its path); the version depends on paths and texts only,
 * so the same files give the same version from a folder or from memory.
 */
export function loadRuleSetFromFiles(sources: readonly RuleFileSource[], options: { name?: (path: string) => string } = {}): RuleSet {
  const { files, problems: placed } = parseRuleFiles(sources, options.name ?? ((path) => path));
  const unplaced: UnplacedProblem[] = [];
  const documents: ValidDocuments = { profileSets: [], groups: [], scenarios: [], tests: [], templates: [], refusedTemplateIds: [] };

  for (const file of files) {
    if (file.parsed.problems.length > 0) {
      placed.push(...file.parsed.problems.map((problem) => ({ file: file.file, pointer: '', ...problem })));
      continue;
    }
    const found = schemaProblems(file.kind, file.file, file.parsed.data);
    if (found.length > 0) {
      unplaced.push(...found);
      if (file.kind === 'template') documents.refusedTemplateIds!.push(...templateIdOf(file.parsed.data));
      continue;
    }
    addDocument(documents, file);
  }

  const compiled = buildRuleSet(documents, unplaced);
  const byFile = new Map(files.map((file) => [file.file, file]));
  for (const problem of unplaced) {
    const { at, inside, ...rest } = problem;
    const position = byFile.get(problem.file)?.parsed.position(problem.pointer, at, inside) ?? { line: 1, column: 1 };
    placed.push({ ...rest, ...position });
  }
  if (placed.length > 0 || !compiled) throw new RuleSetInvalidError(sortProblems(placed));
  return { ...compiled, version: contentVersion(files), files: files.map((file) => file.file) };
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
    case 'template':
      documents.templates.push(doc);
      break;
  }
}

/** The id a template file refused by its schema gives itself, if it gives one: steps naming it are not reported again. */
function templateIdOf(data: unknown): string[] {
  const id = (data as { template?: { id?: unknown } } | null)?.template?.id;
  return typeof id === 'string' ? [id] : [];
}

function sortProblems(problems: RuleProblem[]): RuleProblem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** A short content hash over every file's path and text: equal rules, equal version. */
function contentVersion(files: RuleFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(file.path).update('\0').update(file.text).update('\0');
  }
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}
