/**
 * Rule files in memory: where a path puts a file in the rules layout, and how its bytes become
 * YAML with positions. A rules folder and files sent over HTTP both come through here, so a file
 * gets the same checks and the same problems wherever it comes from.
 */
import { decodeRuleFile } from './decode-rule-file';
import type { RuleProblem } from './rule-problems';
import { parseYamlWithPositions, type ParsedYaml } from './yaml-source';

export type RuleFileKind = 'settings' | 'attributes' | 'profileSet' | 'groups' | 'dunning' | 'tests' | 'template';

/** Why a file was not taken in, said at its first line. */
export interface Refusal {
  message: string;
  fix: string;
}

/**
 * A rule file as its caller has it. `path` is its place inside the rules folder, "/"-separated
 * ("settings.yaml", "groups/vip.yaml"): it decides what the file defines and names it in the
 * version hash. `content` is the bytes as stored (checked for their encoding) or text already
 * decoded; `refused` stands for a file that is there but could not or should not be read.
 */
export type RuleFileSource = { path: string; content: Uint8Array | string } | { path: string; refused: Refusal };

export interface RuleFile {
  kind: RuleFileKind;
  /** Place inside the rules folder, "/"-separated. */
  path: string;
  /** Name shown in problems (for a folder: relative to the working directory). */
  file: string;
  text: string;
  parsed: ParsedYaml;
}

/**
 * A rule file larger than this is refused: rules are small (the largest shipped file has 37 KB), and
 * huge files are a mistake or an attack. Parsing YAML takes about 2 ms per KB and blocks the
 * service while it reloads, so the limit also bounds that pause.
 */
export const maxRuleFileBytes = 256 * 1024;

const topLevelKinds: ReadonlyMap<string, RuleFileKind> = new Map([
  ['settings.yaml', 'settings'],
  ['attributes.yaml', 'attributes'],
]);
const folderKinds: ReadonlyMap<string, RuleFileKind> = new Map([
  ['profiles', 'profileSet'],
  ['groups', 'groups'],
  ['dunning', 'dunning'],
  ['tests', 'tests'],
  ['templates', 'template'],
]);

/** What the file at `path` inside the rules folder defines, or undefined when rules are not read there. */
export function ruleFileKind(path: string): RuleFileKind | undefined {
  const parts = path.split('/');
  if (parts.length === 1) return topLevelKinds.get(path);
  return parts.length === 2 && isYaml(parts[1]!) ? folderKinds.get(parts[0]!) : undefined;
}

/** Whether the folder `name` at the top of the rules folder holds rule files. */
export function isRuleFolder(name: string): boolean {
  return folderKinds.has(name);
}

/** Whether `name` is the name of a YAML file. */
export function isYaml(name: string): boolean {
  // Hidden names are editors' and systems' files beside the rules (Emacs's `.#x.yaml` lock, macOS's `._x.yaml`), never rules.
  const base = name.slice(name.lastIndexOf('/') + 1);
  return !base.startsWith('.') && (name.endsWith('.yaml') || name.endsWith('.yml'));
}

/** A YAML file outside the layout: it would silently define nothing. */
export const misplacedFile: Refusal = {
  message: 'this file is not in a place where rules are read',
  fix: 'Move it to profiles/, groups/, dunning/, templates/ or tests/, or rename it to settings.yaml or attributes.yaml',
};

/** The refusal of a file of `bytes` bytes, over the limit. */
export function tooLarge(bytes: number): Refusal {
  return {
    message: `the file has ${bytesText(bytes)}, more than the limit of ${bytesText(maxRuleFileBytes)} (${maxRuleFileBytes / 1024} KiB) for a rule file`,
    fix: 'Split it into several files',
  };
}

/**
 * Decodes and parses every file of the layout, in the layout's order; refused, misplaced, missing
 * and undecodable files become problems, each named by `name(path)`. Other files (a README) are
 * left alone.
 */
export function parseRuleFiles(
  sources: readonly RuleFileSource[],
  name: (path: string) => string,
): { files: RuleFile[]; problems: RuleProblem[] } {
  const files: RuleFile[] = [];
  const problems: RuleProblem[] = [];
  const refuse = (path: string, { message, fix }: Refusal, at = { line: 1, column: 1 }) =>
    void problems.push({ file: name(path), pointer: '', line: at.line, column: at.column, message, fix });
  const paths = uniquePaths(sources);
  for (const [top] of topLevelKinds) {
    if (!paths.has(top)) refuse(top, { message: `${top} is missing`, fix: `Create ${top}; every rule set needs one` });
  }
  for (const source of [...sources].sort(byLayoutOrder)) {
    const kind = ruleFileKind(source.path);
    if ('refused' in source) refuse(source.path, source.refused);
    else if (!kind) {
      if (isYaml(source.path)) refuse(source.path, misplacedFile);
    } else {
      const decoded = decode(source.content);
      if ('problem' in decoded) refuse(source.path, decoded.problem, decoded.problem);
      else
        files.push({ kind, path: source.path, file: name(source.path), text: decoded.text, parsed: parseYamlWithPositions(decoded.text) });
    }
  }
  return { files, problems };
}

/** The paths of the sources; a path given twice is the caller's mistake (a folder or a JSON object cannot hold one twice). */
function uniquePaths(sources: readonly RuleFileSource[]): Set<string> {
  const paths = new Set<string>();
  for (const source of sources) {
    if (paths.has(source.path)) throw new Error(`the rule file ${source.path} is given twice`);
    paths.add(source.path);
  }
  return paths;
}

/** The text of a file's content, checked like bytes read from disk (text is checked as its UTF-8 encoding). */
function decode(content: Uint8Array | string): { text: string } | { problem: Refusal & { line: number; column: number } } {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (bytes.length > maxRuleFileBytes) return { problem: { ...tooLarge(bytes.length), line: 1, column: 1 } };
  return decodeRuleFile(bytes);
}

/**
 * settings.yaml and attributes.yaml first, then the folders by name and the files of each folder
 * by name: profile sets, groups and scenarios are decided in this order, and the first use of an
 * id is the one a duplicate is reported against.
 */
function byLayoutOrder(a: RuleFileSource, b: RuleFileSource): number {
  const rank = (path: string) => (path === 'settings.yaml' ? 0 : path === 'attributes.yaml' ? 1 : 2);
  const [folderA = '', nameA = ''] = a.path.split('/');
  const [folderB = '', nameB = ''] = b.path.split('/');
  return rank(a.path) - rank(b.path) || folderA.localeCompare(folderB) || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0);
}

function bytesText(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}
