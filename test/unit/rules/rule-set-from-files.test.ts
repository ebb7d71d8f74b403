/** Rule sets built from files in memory decide, version and report problems exactly as from a folder. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluationTime } from '../../../src/rules/evaluate';
import { explain } from '../../../src/rules/explain';
import { loadRuleSet, loadRuleSetFromFiles } from '../../../src/rules/load-rules';
import { maxRuleFileBytes, type RuleFileSource } from '../../../src/rules/rule-files';
import { RuleSetInvalidError, type RuleProblem } from '../../../src/rules/rule-problems';
import { shippedRules } from '../../support/rule-dirs';

/** Every file under `dir` as in-memory sources, paths "/"-separated. */
function filesIn(dir: string, under = ''): RuleFileSource[] {
  return readdirSync(path.join(dir, under)).flatMap((name) => {
    const relative = under ? `${under}/${name}` : name;
    const absolute = path.join(dir, relative);
    return statSync(absolute).isDirectory() ? filesIn(dir, relative) : [{ path: relative, content: readFileSync(absolute) }];
  });
}

function problemsOf(load: () => unknown): RuleProblem[] {
  try {
    load();
  } catch (error) {
    if (error instanceof RuleSetInvalidError) return error.problems;
    throw error;
  }
  throw new Error('the rules loaded without problems');
}

const shippedFiles = filesIn(shippedRules);
const text = (file: string) => readFileSync(path.join(shippedRules, file), 'utf8');

describe('rule sets from files in memory', () => {
  it('equal the rule set of the folder, version included, whatever order the files come in', () => {
    const fromFolder = loadRuleSet(shippedRules);
    const fromMemory = loadRuleSetFromFiles([...shippedFiles].reverse());
    expect(fromMemory.version).toBe(fromFolder.version);
    expect(fromMemory.files).toEqual(fromFolder.files.map((file) => path.relative(shippedRules, file)));
    expect(fromMemory.profileSets.map((set) => set.id)).toEqual(fromFolder.profileSets.map((set) => set.id));
    expect(fromMemory.groups.map((group) => group.id)).toEqual(fromFolder.groups.map((group) => group.id));
    expect(fromMemory.scenarios.map((scenario) => scenario.id)).toEqual(fromFolder.scenarios.map((scenario) => scenario.id));
  });

  it('take text as well as bytes', () => {
    const asText = shippedFiles.map((file) => ({ path: file.path, content: text(file.path) }));
    expect(loadRuleSetFromFiles(asText).version).toBe(loadRuleSet(shippedRules).version);
  });

  it('report the problems of a folder at the same lines and columns, under the names given', () => {
    const fixture = 'test/fixtures/broken-rules/several-mistakes';
    const fromMemory = problemsOf(() => loadRuleSetFromFiles(filesIn(fixture), { name: (file) => `${fixture}/${file}` }));
    expect(fromMemory).toEqual(problemsOf(() => loadRuleSet(fixture)));
  });

  it('report missing, misplaced, oversized and undecodable files, and leave other files alone', () => {
    const problems = problemsOf(() =>
      loadRuleSetFromFiles([
        { path: 'README.md', content: '# not a rule file' },
        { path: 'notes.yaml', content: 'a: 1\n' },
        { path: 'groups/deeper/vip.yaml', content: 'groups: []\n' },
        { path: 'groups/huge.yaml', content: `groups: []\n${'#'.repeat(maxRuleFileBytes)}\n` },
        { path: 'groups/utf16.yaml', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('groups: []\n', 'utf16le')]) },
      ]),
    );
    expect(problems.map(({ file, line, column, message }) => ({ file, at: `${line}:${column}`, message }))).toEqual([
      { file: 'attributes.yaml', at: '1:1', message: 'attributes.yaml is missing' },
      { file: 'groups/deeper/vip.yaml', at: '1:1', message: 'this file is not in a place where rules are read' },
      { file: 'groups/huge.yaml', at: '1:1', message: expect.stringMatching(/^the file has [\d,]+ bytes, more than the limit/) },
      {
        file: 'groups/utf16.yaml',
        at: '1:1',
        message: expect.stringMatching(/^the file is encoded as UTF-16 \(little-endian\), not UTF-8/),
      },
      { file: 'notes.yaml', at: '1:1', message: 'this file is not in a place where rules are read' },
      { file: 'settings.yaml', at: '1:1', message: 'settings.yaml is missing' },
    ]);
  });
});

describe('evaluation at an evaluation time the caller holds', () => {
  const ruleSet = loadRuleSet(shippedRules);
  const customer = { total_spent: 6000, city: 'Mumbai', premium_member: true, birthdate: '1990-12-30', returns_in_window: 3 };

  it('decides as an evaluation that works out its own', async () => {
    const now = new Date('2026-12-31T10:00:00+05:30');
    const at = evaluationTime(ruleSet, now);
    expect(evaluate(ruleSet, customer, at)).toEqual(evaluate(ruleSet, customer, now));
    expect((await explain(ruleSet, customer, at)).decision).toEqual(evaluate(ruleSet, customer, now));
  });

  it('carries its own settings: another zone in one call leaves the next call alone', () => {
    // 2026-12-27 20:00 UTC is already Monday the 28th in Kiritimati (UTC+14): a new week there.
    const now = new Date('2026-12-27T20:00:00Z');
    const kiritimati = evaluationTime(ruleSet, now, { timeZone: 'Pacific/Kiritimati', firstDayOfWeek: 'monday' });
    const utc = evaluationTime(ruleSet, now, { timeZone: 'UTC', firstDayOfWeek: 'monday' });
    expect(kiritimati.context.today - utc.context.today).toBe(1);
    const sunday = { birthdate: '1990-12-27' };
    expect(evaluate(ruleSet, sunday, kiritimati).groups).not.toContain('birthday-this-week');
    expect(evaluate(ruleSet, sunday, utc).groups).toContain('birthday-this-week');
    expect(evaluate(ruleSet, sunday, kiritimati).groups).not.toContain('birthday-this-week');
  });
});
