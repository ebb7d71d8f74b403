/**
 * Reads a rules folder into in-memory rule files, safely: a pipe or device named *.yaml is never
 * opened, an oversized file never read, and a file that cannot be read is handed on as refused, so
 * that its problem is reported with the others. Checking what the files hold is rule-files.ts'.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isRuleFolder, isYaml, maxRuleFileBytes, misplacedFile, ruleFileKind, tooLarge, type RuleFileSource } from './rule-files';
import { RuleSetInvalidError } from './rule-problems';

export { maxRuleFileBytes } from './rule-files';

/**
 * The rule files of the folder `dir`, and how to name each in problems (relative to the working
 * directory, e.g. rules/groups/vip.yaml). Throws RuleSetInvalidError when there is no such folder.
 */
export function readRuleFolder(dir: string): { files: RuleFileSource[]; name: (relative: string) => string } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new RuleSetInvalidError([
      {
        file: displayPath(dir),
        pointer: '',
        line: 1,
        column: 1,
        message: 'the rules folder does not exist',
        fix: 'Give the path of a folder with settings.yaml and attributes.yaml',
      },
    ]);
  }
  const files: RuleFileSource[] = [];
  for (const top of ['settings.yaml', 'attributes.yaml']) {
    // A missing file (or a link to nothing) is left out: the loader reports it as missing.
    if (existsSync(path.join(dir, top))) files.push(readOne(dir, top));
  }
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory() && isRuleFolder(entry.name)) {
      for (const name of yamlNamesIn(path.join(dir, entry.name))) files.push(readOne(dir, `${entry.name}/${name}`));
    } else if (entry.isFile() && isYaml(entry.name) && !ruleFileKind(entry.name)) {
      // Not read at all: it defines nothing where it is.
      files.push({ path: entry.name, refused: misplacedFile });
    }
  }
  return { files, name: (relative) => displayPath(path.join(dir, relative)) };
}

function yamlNamesIn(dir: string): string[] {
  return readdirSync(dir).filter(isYaml).sort();
}

/** The bytes of the file at `relative` in `dir`, or why they were not read. */
function readOne(dir: string, relative: string): RuleFileSource {
  const absolute = path.join(dir, relative);
  try {
    const stats = statSync(absolute);
    // Reading a pipe or a device named *.yaml would block the service forever; a folder cannot be read.
    if (!stats.isFile()) {
      return {
        path: relative,
        refused: {
          message: 'this is not a regular file (it is a folder, pipe or device)',
          fix: 'Replace it with a YAML file, or rename it so that its name does not end in .yaml or .yml',
        },
      };
    }
    if (stats.size > maxRuleFileBytes) return { path: relative, refused: tooLarge(stats.size) };
    return { path: relative, content: readFileSync(absolute) };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      path: relative,
      refused: {
        message: `the file cannot be read (${reason})`,
        fix: 'Check that it exists (a link may point nowhere) and that the service may read it',
      },
    };
  }
}

/** How problems name a file: relative to the working directory when inside it, else absolute. */
export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') ? absolute : relative;
}
