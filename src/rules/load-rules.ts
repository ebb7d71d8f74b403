/**
 * Loads a rule set all-or-nothing: parse every file with positions, validate each against its
 * JSON Schema, run the checks a schema cannot express, and compile. Any problem anywhere means no
 * rule set — every problem is reported at once, each with file:line:column.
 *
 * The rules come as files in memory (`loadRuleSetFromFiles`): a rules folder is one source of them
 * (`loadRuleSet`), rule files sent over HTTP for an impact preview are another.
 */
import { createHash } from 'node:crypto';
import { buildRuleSet, type FollowOn, type ValidDocument, type ValidDocuments } from './build-rule-set';
import { readRuleFolder } from './read-rule-files';
import { parseRuleFiles, type RuleFile, type RuleFileSource } from './rule-files';
import { RuleSetInvalidError, type RuleProblem, type UnplacedProblem } from './rule-problems';
import { schemaProblems, type SchemaContext } from './rule-schemas';
import type { AttributeCatalogFile } from './rule-types';
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
  const documents: ValidDocuments = {
    profileSets: [],
    groups: [],
    scenarios: [],
    tests: [],
    templates: [],
    refusedTemplateIds: [],
    refused: [],
  };
  const context: SchemaContext = {};

  for (const file of files) {
    const refuse = () => {
      documents.refused!.push({ kind: file.kind, file: file.file, data: file.parsed.data });
      if (file.kind === 'template') documents.refusedTemplateIds!.push(...templateIdOf(file.parsed.data, file.path));
    };
    if (file.parsed.problems.length > 0) {
      placed.push(...file.parsed.problems.map((problem) => ({ file: file.file, pointer: '', ...problem })));
      refuse();
      continue;
    }
    const found = schemaProblems(file.kind, file.file, file.parsed.data, context);
    if (found.length > 0) {
      unplaced.push(...found);
      refuse();
      continue;
    }
    // attributes.yaml comes before the files whose conditions name its facts: an unknown operator is said with the fact's own.
    if (file.kind === 'attributes') {
      context.attributes = new Map((file.parsed.data as AttributeCatalogFile).attributes.map((attribute) => [attribute.id, attribute]));
    }
    addDocument(documents, file);
  }

  const followOns: FollowOn[] = [];
  const compiled = buildRuleSet(documents, unplaced, followOns);
  const byFile = new Map(files.map((file) => [file.file, file]));
  for (const problem of unplaced) {
    const { at, inside, ...rest } = problem;
    const position = byFile.get(problem.file)?.parsed.position(problem.pointer, at, inside) ?? { line: 1, column: 1 };
    placed.push({ ...rest, ...position });
  }
  if (placed.length > 0 || !compiled) throw new RuleSetInvalidError(sortProblems(placed), notes(documents, followOns));
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

/**
 * The id a refused template file gives itself, or — when its YAML cannot be read — the one its
 * name gives (templates are named after their id): steps naming it are not reported again.
 */
function templateIdOf(data: unknown, path: string): string[] {
  const id = (data as { template?: { id?: unknown } } | null | undefined)?.template?.id;
  if (typeof id === 'string') return [id];
  return data === undefined ? [path.replace(/^.*\//, '').replace(/\.ya?ml$/, '')] : [];
}

/**
 * One sentence per file that did not load and kept problems from being reported or checked: a
 * groups file refused for a typo would otherwise make every test naming its groups a problem too.
 */
function notes(documents: ValidDocuments, followOns: FollowOn[]): string[] {
  const lines: string[] = [];
  const byCause = new Map<string, FollowOn[]>();
  for (const followOn of followOns) byCause.set(followOn.because, [...(byCause.get(followOn.because) ?? []), followOn]);
  for (const [because, list] of byCause) {
    const files = [...new Set(list.map((followOn) => followOn.file))].join(', ');
    const one = list.length === 1;
    lines.push(
      `${list.length} more problem${one ? '' : 's'} in ${files} ${one ? 'follows' : 'follow'} only from ${because} not loading ` +
        `(${one ? 'it names' : 'they name'} what that file defines) and ${one ? 'is' : 'are'} not shown: correct ${because} first`,
    );
  }
  const base = (documents.refused ?? []).filter((refused) => refused.kind === 'settings' || refused.kind === 'attributes');
  if (base.length > 0) {
    lines.push(
      `${base.map((refused) => refused.file).join(' and ')} did not load, so the facts, operators and references of the other files were not checked: correct ${base.length === 1 ? 'it' : 'them'} first`,
    );
  }
  return lines;
}

function sortProblems(problems: RuleProblem[]): RuleProblem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/**
 * A short content hash over every file's path and text: equal rules, equal version. Also the
 * version of the files on disk that the running service compares with the set in use (rule-folder-version.ts).
 */
export function contentVersion(files: ReadonlyArray<Pick<RuleFile, 'path' | 'text'>>): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(file.path).update('\0').update(file.text).update('\0');
  }
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}
