/**
 * The version of the rule files on disk now, without loading them: the content hash a load of the
 * folder would name its rule set (`contentVersion`), read in a few milliseconds (files are read and
 * decoded, never parsed). The running service compares it with the version in use to know whether
 * its rules are those on disk (GET /v1/rules, `rulebook status`) and to reload when they are not.
 */
import { decodeRuleFile } from './decode-rule-file';
import { contentVersion } from './load-rules';
import { readRuleFolder } from './read-rule-files';
import { ruleFileKind } from './rule-files';
import { RuleSetInvalidError } from './rule-problems';

/**
 * The content hash of the rule files in `dir`; equal to the version of the rule set loaded from
 * them when they are valid. A file that cannot be read or decoded counts by its refusal, so the
 * version still changes with it; undefined when the folder itself is missing.
 */
export function ruleFolderVersion(dir: string): string | undefined {
  let files;
  try {
    ({ files } = readRuleFolder(dir));
  } catch (error) {
    if (error instanceof RuleSetInvalidError) return undefined;
    throw error;
  }
  const texts: Array<{ path: string; text: string }> = [];
  for (const source of files) {
    if ('refused' in source) {
      texts.push({ path: source.path, text: `\0refused: ${source.refused.message}` });
      continue;
    }
    if (!ruleFileKind(source.path)) continue;
    const bytes = typeof source.content === 'string' ? Buffer.from(source.content, 'utf8') : source.content;
    const decoded = decodeRuleFile(bytes);
    texts.push({ path: source.path, text: 'text' in decoded ? decoded.text : `\0refused: ${decoded.problem.message}` });
  }
  return contentVersion(texts);
}
