/** Finds the rule files in a rules folder, reads them safely and parses them with positions. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeRuleFile } from './decode-rule-file';
import type { RuleProblem } from './rule-problems';
import { parseYamlWithPositions, type ParsedYaml } from './yaml-source';

export type RuleFileKind = 'settings' | 'attributes' | 'profileSet' | 'groups' | 'dunning' | 'tests';

export interface RuleFile {
  kind: RuleFileKind;
  /** Path as shown in messages (relative to the working directory). */
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

const folderKinds: Record<string, RuleFileKind> = { profiles: 'profileSet', groups: 'groups', dunning: 'dunning', tests: 'tests' };
const topLevelKinds: Record<string, RuleFileKind> = { 'settings.yaml': 'settings', 'attributes.yaml': 'attributes' };

/** Reads every rule file under `dir`; files that cannot be read become problems, placed where they can be. */
export function readRuleFiles(dir: string): { files: RuleFile[]; problems: RuleProblem[] } {
  const files: RuleFile[] = [];
  const problems: RuleProblem[] = [];
  const start = { pointer: '', line: 1, column: 1 };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { files, problems: [{ file: display(dir), ...start, message: 'the rules folder does not exist', fix: 'Give the path of a folder with settings.yaml and attributes.yaml' }] };
  }
  for (const [name, kind] of Object.entries(topLevelKinds)) {
    const absolute = path.join(dir, name);
    if (!existsSync(absolute)) {
      problems.push({ file: display(absolute), ...start, message: `${name} is missing`, fix: `Create ${name}; every rule set needs one` });
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
        ...start,
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

function readOne(absolute: string, kind: RuleFileKind, files: RuleFile[], problems: RuleProblem[]): void {
  const file = display(absolute);
  const refuse = (message: string, fix: string, at = { line: 1, column: 1 }) => void problems.push({ file, pointer: '', ...at, message, fix });
  let bytes: Buffer;
  try {
    const stats = statSync(absolute);
    // Reading a pipe or a device named *.yaml would block the service forever; a folder cannot be read.
    if (!stats.isFile()) {
      return refuse('this is not a regular file (it is a folder, pipe or device)', 'Replace it with a YAML file, or rename it so that its name does not end in .yaml or .yml');
    }
    if (stats.size > maxRuleFileBytes) {
      return refuse(`the file has ${bytesText(stats.size)}, more than the limit of ${bytesText(maxRuleFileBytes)} (${maxRuleFileBytes / 1024} KiB) for a rule file`, 'Split it into several files');
    }
    bytes = readFileSync(absolute);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return refuse(`the file cannot be read (${reason})`, 'Check that it exists (a link may point nowhere) and that the service may read it');
  }
  const decoded = decodeRuleFile(bytes);
  if ('problem' in decoded) {
    const { line, column, message, fix } = decoded.problem;
    return refuse(message, fix, { line, column });
  }
  files.push({ kind, file, text: decoded.text, parsed: parseYamlWithPositions(decoded.text) });
}

function bytesText(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}

function display(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') ? absolute : relative;
}
