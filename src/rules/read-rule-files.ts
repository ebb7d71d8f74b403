/** Finds the rule files in a rules folder, reads them safely and parses them with positions. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { UnplacedProblem } from './rule-problems';
import { parseYamlWithPositions, type ParsedYaml } from './yaml-source';

export type RuleFileKind = 'settings' | 'attributes' | 'profileSet' | 'groups' | 'dunning' | 'tests';

export interface RuleFile {
  kind: RuleFileKind;
  /** Path as shown in messages (relative to the working directory). */
  file: string;
  text: string;
  parsed: ParsedYaml;
}

/** A rule file larger than this is refused: rules are small, and huge files are a mistake or an attack. */
export const maxRuleFileBytes = 1024 * 1024;

const folderKinds: Record<string, RuleFileKind> = { profiles: 'profileSet', groups: 'groups', dunning: 'dunning', tests: 'tests' };
const topLevelKinds: Record<string, RuleFileKind> = { 'settings.yaml': 'settings', 'attributes.yaml': 'attributes' };

/** Reads every rule file under `dir`; files that cannot be read or parsed become problems. */
export function readRuleFiles(dir: string): { files: RuleFile[]; problems: UnplacedProblem[] } {
  const files: RuleFile[] = [];
  const problems: UnplacedProblem[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { files, problems: [{ file: display(dir), pointer: '', message: 'the rules folder does not exist', fix: 'Give the path of a folder with settings.yaml and attributes.yaml' }] };
  }
  for (const [name, kind] of Object.entries(topLevelKinds)) {
    const absolute = path.join(dir, name);
    if (!existsSync(absolute)) {
      problems.push({ file: display(absolute), pointer: '', message: `${name} is missing`, fix: `Create ${name}; every rule set needs one` });
      continue;
    }
    readOne(absolute, kind, files, problems);
  }
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory() && folderKinds[entry.name]) {
      for (const file of yamlFilesIn(absolute)) readOne(file, folderKinds[entry.name]!, files, problems);
    } else if (entry.isFile() && isYaml(entry.name) && !topLevelKinds[entry.name]) {
      problems.push({
        file: display(absolute),
        pointer: '',
        message: 'this file is not in a place where rules are read',
        fix: 'Move it to profiles/, groups/, dunning/ or tests/, or rename it to settings.yaml or attributes.yaml',
      });
    }
  }
  return { files, problems };
}

function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter(isYaml)
    .sort()
    .map((name) => path.join(dir, name));
}

function isYaml(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml');
}

function readOne(absolute: string, kind: RuleFileKind, files: RuleFile[], problems: UnplacedProblem[]): void {
  const file = display(absolute);
  const size = statSync(absolute).size;
  if (size > maxRuleFileBytes) {
    problems.push({ file, pointer: '', message: `the file has ${size} bytes, more than the limit of ${maxRuleFileBytes}`, fix: 'Split it into several files' });
    return;
  }
  const bytes = readFileSync(absolute);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) {
    problems.push({ file, pointer: '', message: 'the file is not valid UTF-8', fix: 'Save it as UTF-8 (without other encodings such as Latin-1 or UTF-16)' });
    return;
  }
  files.push({ kind, file, text, parsed: parseYamlWithPositions(text) });
}

function display(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') ? absolute : relative;
}
