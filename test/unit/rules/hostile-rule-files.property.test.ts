/**
 * Hostile rule files: alias bombs, absurd nesting, huge files, broken YAML, wrong encodings, things
 * that are not files, and random input. Each is refused with problems that name the file, the line
 * and column, what is wrong and how to fix it — never a crash, a hang, or a new rule set.
 */
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createLogger } from '../../../src/logging/logger';
import { maxRuleFileBytes } from '../../../src/rules/read-rule-files';
import { RuleRegistry } from '../../../src/rules/rule-registry';
import { maxAliasCount, maxNestingDepth, maxValueCount } from '../../../src/rules/yaml-source';
import { ruleDirWith, shippedRules } from '../../support/rule-dirs';
import { aliasBomb, expectClearProblems, group, leaf, loadProblems, minimalRulesWith, validGroup } from '../../support/hostile-rule-files';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A copy of the shipped rules with `files` applied, removed after the test. */
function rulesWith(files: Record<string, string | Buffer | null>): string {
  const { dir, remove } = ruleDirWith(files);
  cleanups.push(remove);
  return dir;
}

/** The shipped settings and attributes plus `files` (quicker to load than every shipped rule), removed after the test. */
function fewRulesWith(files: Record<string, string | Buffer | null>): string {
  const { dir, remove } = minimalRulesWith(files);
  cleanups.push(remove);
  return dir;
}

/** The problems of the shipped settings and attributes plus one hostile file, checked for clarity; the file must not load. */
function problemsWith(relative: string, content: string | Buffer) {
  const problems = loadProblems(fewRulesWith({ [relative]: content }));
  expectClearProblems(problems, relative);
  return problems;
}

const at = (problem: { line: number; column: number }) => `${problem.line}:${problem.column}`;

describe('rule files', () => {
  describe('with aliases', () => {
    it('refuses a YAML alias bomb without expanding it', () => {
      const problems = problemsWith('groups/bomb.yaml', aliasBomb());
      expect(problems).toHaveLength(1);
      expect(problems[0]!.message).toBe(
        `the aliases (*name) in this file expand to too many copies (more than ${maxAliasCount}); the file looks like an "alias bomb" and was not expanded`,
      );
      expect(at(problems[0]!)).toBe('2:8');
    });

    it('refuses an alias used inside its own anchor, which would make the data circular', () => {
      const problems = problemsWith('groups/circular.yaml', group('&loop { not: *loop }'));
      expect(problems).toEqual([
        expect.objectContaining({ line: 6, message: expect.stringMatching(/an alias is used inside its own anchor/) }),
      ]);
    });

    it('refuses an alias whose anchor does not exist, pointing at the alias', () => {
      const problems = problemsWith('groups/unknown-alias.yaml', group('*nowhere'));
      expect(problems).toEqual([
        expect.objectContaining({ line: 6, column: 11, message: 'YAML syntax: the alias *nowhere refers to no anchor &nowhere before it' }),
      ]);
    });

    it('counts the values of an alias each time it is used, however few aliases there are', () => {
      const hundred = Array(100).fill(1).join(',');
      const problems = problemsWith(
        'groups/wide.yaml',
        `a: &a [${hundred}]\ngroups: [${Array(Math.ceil(maxValueCount / 100))
          .fill('*a')
          .join(',')}]\n`,
      );
      expect(problems).toEqual([
        expect.objectContaining({
          line: 2,
          column: 10,
          message: expect.stringMatching(/^the file holds more than [\d,]+ values \(an alias counts/),
        }),
      ]);
    });

    it('still accepts an alias that repeats a condition', () => {
      const twoGroups = `${group(`&in-pune ${leaf}`)}  - id: hostile-too\n    name: Too\n    description: Same condition\n    kind: conditional\n    when: *in-pune\n`;
      expect(loadProblems(fewRulesWith({ 'groups/aliases.yaml': twoGroups }))).toEqual([]);
    });
  });

  describe('nested deeply', () => {
    const levels = 10_000;
    // Block style grows by its indentation: 200 levels already take most of the size limit.
    const blockAll = (depth: number) =>
      group('') +
      Array.from({ length: depth }, (_, level) => `${' '.repeat(6 + 4 * level)}all:\n${' '.repeat(6 + 4 * level)}  -\n`).join('') +
      `${' '.repeat(6 + 4 * depth)}${leaf}\n`;

    it.each([
      ['all: conditions', group(`${'{ all: [ '.repeat(levels)}${leaf}${' ] }'.repeat(levels)}`), 6],
      ['any: conditions', group(`${'{ any: [ '.repeat(levels)}${leaf}${' ] }'.repeat(levels)}`), 6],
      ['not: conditions', group(`${'{ not: '.repeat(levels)}${leaf}${' }'.repeat(levels)}`), 6],
      ['flow sequences', `groups: ${'['.repeat(levels)}${']'.repeat(levels)}\n`, 1],
      ['block sequences on one line', `groups:\n${'- '.repeat(levels)}x\n`, 2],
    ])('refuses %s nested 10,000 levels deep with a clear problem, not a stack overflow', (_name, text, line) => {
      const problems = problemsWith('groups/deep.yaml', text);
      expect(problems).toEqual([
        expect.objectContaining({ line, message: `the YAML nests more than ${maxNestingDepth} levels deep here` }),
      ]);
      expect(problems[0]!.fix).toMatch(/^Flatten it/);
    });

    it('refuses all: conditions nested 200 levels deep in block style', () => {
      const problems = problemsWith('groups/deep.yaml', blockAll(200));
      expect(problems).toEqual([expect.objectContaining({ message: `the YAML nests more than ${maxNestingDepth} levels deep here` })]);
    });

    it(`draws the line at exactly ${maxNestingDepth} levels`, () => {
      const nested = (depth: number) => `groups: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}\n`;
      expect(problemsWith('groups/deep.yaml', nested(maxNestingDepth)).map((problem) => problem.message)).not.toContainEqual(
        expect.stringMatching(/nests more than/),
      );
      expect(problemsWith('groups/deep.yaml', nested(maxNestingDepth + 1)).map((problem) => problem.message)).toEqual([
        expect.stringMatching(/nests more than/),
      ]);
    });

    it('still accepts conditions nested as deep as people write them', () => {
      expect(loadProblems(fewRulesWith({ 'groups/deep.yaml': blockAll(12) }))).toEqual([]);
    });
  });

  describe('that are huge', () => {
    /** `head` padded with a comment to exactly `bytes` bytes. */
    const padded = (head: string, bytes: number) => `${head}#${'x'.repeat(bytes - Buffer.byteLength(head) - 2)}\n`;

    it('refuses a file over the size limit without reading it, naming the file and the limit', () => {
      const problems = problemsWith('groups/huge.yaml', padded(validGroup, 5_000_000));
      expect(problems).toEqual([
        expect.objectContaining({
          file: expect.stringMatching(/groups\/huge\.yaml$/),
          line: 1,
          column: 1,
          message: `the file has 5,000,000 bytes, more than the limit of ${maxRuleFileBytes.toLocaleString('en-US')} bytes (256 KiB) for a rule file`,
          fix: 'Split it into several files',
        }),
      ]);
    });

    it('accepts a file of exactly the size limit', () => {
      expect(loadProblems(fewRulesWith({ 'groups/big.yaml': padded(validGroup, maxRuleFileBytes) }))).toEqual([]);
    });

    it('refuses more values than the limit, even in a small file', () => {
      const problems = problemsWith('groups/many.yaml', `groups: [${Array(maxValueCount).fill('1').join(',')}]\n`);
      expect(problems).toEqual([
        expect.objectContaining({ line: 1, column: 1, message: expect.stringMatching(/^the file holds more than [\d,]+ values/) }),
      ]);
    });

    // Schema validation slows down with the square of the problems; the value limit bounds it (a hang
    // would hit the test's timeout; timings belong in bench/).
    it('checks a file full of mistakes up to the value limit', () => {
      const problems = problemsWith(
        'groups/mistakes.yaml',
        `groups: [${Array(maxValueCount - 2)
          .fill('{}')
          .join(',')}]\n`,
      );
      expect(problems.length).toBeGreaterThan(maxValueCount - 3);
    });

    it('keeps messages short when a value is huge', () => {
      const id = 'X'.repeat(100_000);
      const problems = problemsWith(
        'groups/long.yaml',
        validGroup.replace('id: hostile', `id: ${id}`).replace('name: Café', `? ${id}\n    : 1\n    name: Café`),
      );
      expect(problems.map((problem) => problem.message)).toEqual([
        expect.stringMatching(/^"XXXX.*\.\.\. is not a valid value here$/),
        expect.stringMatching(/^"XXXX.*\.\.\. is not a known field here$/),
      ]);
    });
  });

  describe('with broken YAML', () => {
    it.each([
      [
        'duplicate keys',
        validGroup.replace('name: Café', 'name: Café\n    name: Again'),
        '4:5',
        'YAML syntax: the key "name" is not unique: it appears twice in the same mapping',
        /^Keep only one/,
      ],
      [
        'duplicate keys in a flow mapping',
        group('{ fact: city, operator: equals, fact: city }'),
        '6:43',
        'YAML syntax: the key "fact" is not unique: it appears twice in the same mapping',
        /^Keep only one/,
      ],
      [
        'tabs used for indentation',
        validGroup.replace('    name:', '\tname:'),
        '3:1',
        'YAML syntax: a tab is used for indentation',
        /^Indent with spaces only/,
      ],
      [
        'two documents in one file',
        `${validGroup}---\n${validGroup}`,
        '7:1',
        'YAML syntax: a second YAML document starts here, but a rule file holds one',
        /"---"/,
      ],
    ])('refuses %s, saying where and how to fix it', (_name, text, where, message, fix) => {
      const problems = problemsWith('groups/broken.yaml', text);
      expect(problems[0]).toMatchObject({ message, fix: expect.stringMatching(fix) });
      expect(at(problems[0]!)).toBe(where);
    });

    it.each([
      [
        'an empty file',
        '',
        'the file is empty (it holds no YAML value, at most comments)',
        'Start it with groups: (see schemas/rules/groups.schema.json)',
      ],
      [
        'a file of comments only',
        '# nothing yet\n',
        'the file is empty (it holds no YAML value, at most comments)',
        'Start it with groups: (see schemas/rules/groups.schema.json)',
      ],
      [
        'a list at the top',
        '- id: hostile\n',
        'the file holds [{"id":"hostile"}], not a mapping of fields',
        'Start it with groups: (see schemas/rules/groups.schema.json)',
      ],
      [
        'a scenario that is plain text',
        'just some notes\n',
        'the file holds "just some notes", not a mapping of fields',
        'Start it with scenario: (see schemas/rules/dunning-scenario.schema.json)',
      ],
    ])('refuses %s, saying what the file must start with', (_name, text, message, fix) => {
      const relative = fix.includes('scenario') ? 'dunning/notes.yaml' : 'groups/empty.yaml';
      expect(problemsWith(relative, text)).toEqual([expect.objectContaining({ line: 1, column: 1, message, fix })]);
    });
  });

  describe('in the wrong encoding', () => {
    const utf16 = (text: string, bigEndian: boolean) => (bigEndian ? Buffer.from(text, 'utf16le').swap16() : Buffer.from(text, 'utf16le'));
    const utf32le = (text: string) =>
      Buffer.concat(Array.from(text, (char) => char).map((char) => Buffer.from(new Uint32Array([char.codePointAt(0)!]).buffer)));
    const bytes = (...values: number[]) => Buffer.from(values);
    const png = Buffer.concat([
      bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52),
      Buffer.alloc(64, 0xa5),
    ]);

    it.each([
      [
        'UTF-16 with a byte order mark',
        Buffer.concat([bytes(0xff, 0xfe), utf16(validGroup, false)]),
        '1:1',
        /^the file is encoded as UTF-16 \(little-endian\), not UTF-8/,
      ],
      [
        'UTF-16 big-endian with a byte order mark',
        Buffer.concat([bytes(0xfe, 0xff), utf16(validGroup, true)]),
        '1:1',
        /^the file is encoded as UTF-16 \(big-endian\), not UTF-8/,
      ],
      [
        'UTF-16 without a byte order mark',
        utf16(validGroup, false),
        '1:1',
        /^the file looks encoded as UTF-16 \(little-endian\) without a byte order mark/,
      ],
      [
        'UTF-16 big-endian without a byte order mark',
        utf16(validGroup, true),
        '1:1',
        /^the file looks encoded as UTF-16 \(big-endian\) without a byte order mark/,
      ],
      [
        'UTF-32 with a byte order mark',
        Buffer.concat([bytes(0xff, 0xfe, 0, 0), utf32le(validGroup)]),
        '1:1',
        /^the file is encoded as UTF-32 \(little-endian\), not UTF-8/,
      ],
      [
        'Latin-1 bytes that are not UTF-8',
        Buffer.from(validGroup, 'latin1'),
        '3:14',
        /^the file is not valid UTF-8: byte 0xE9 here is not UTF-8 \(the file may have been saved as Latin-1/,
      ],
      ['binary garbage', png, '1:1', /^the file is not valid UTF-8: byte 0x89 here is not UTF-8 \(the file looks binary/],
    ])('refuses %s, asking for UTF-8', (_name, content, where, message) => {
      const problems = problemsWith('groups/encoded.yaml', content);
      expect(problems).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(message),
          fix: 'Save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8)',
        }),
      ]);
      expect(at(problems[0]!)).toBe(where);
    });

    it.each([
      ['a NUL byte', validGroup.replace('Pune', 'Pu\0ne'), '6:52', /^the file contains a NUL byte \(U\+0000\)/],
      [
        'a control character',
        validGroup.replace('Pune', 'Pu\x07ne'),
        '6:52',
        /^the file contains the control character U\+0007, which YAML does not allow$/,
      ],
    ])('refuses %s, pointing at it', (_name, text, where, message) => {
      const problems = problemsWith('groups/control.yaml', text);
      expect(problems).toEqual([
        expect.objectContaining({ message: expect.stringMatching(message), fix: expect.stringMatching(/^Remove/) }),
      ]);
      expect(at(problems[0]!)).toBe(where);
    });

    it('accepts a UTF-8 byte order mark, with positions as the editor shows them', () => {
      const bom = bytes(0xef, 0xbb, 0xbf);
      expect(loadProblems(fewRulesWith({ 'groups/bom.yaml': Buffer.concat([bom, Buffer.from(validGroup)]) }))).toEqual([]);
      const problems = problemsWith('groups/bom.yaml', Buffer.concat([bom, Buffer.from(validGroup.replace('equals', 'greaterThan'))]));
      expect(problems).toEqual([expect.objectContaining({ pointer: '/groups/0/when/operator', line: 6, column: 35 })]);
    });
  });

  describe('that are not files', () => {
    it.each([
      [
        'a folder named like a rule file',
        (dir: string) => mkdirSync(path.join(dir, 'groups/folder.yaml')),
        'groups/folder.yaml',
        /^this is not a regular file/,
      ],
      [
        'a named pipe, which would block a read forever',
        (dir: string) => execFileSync('mkfifo', [path.join(dir, 'groups/pipe.yaml')]),
        'groups/pipe.yaml',
        /^this is not a regular file/,
      ],
      [
        'a link to nothing',
        (dir: string) => symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dir, 'groups/link.yaml')),
        'groups/link.yaml',
        /^the file cannot be read \(ENOENT\)$/,
      ],
    ])('refuses %s', (_name, create, relative, message) => {
      const dir = fewRulesWith({ 'groups/valid.yaml': validGroup });
      create(dir);
      const problems = loadProblems(dir);
      expectClearProblems(problems, relative);
      expect(problems).toEqual([expect.objectContaining({ message: expect.stringMatching(message) })]);
    });
  });

  describe('made of random input', () => {
    // One small folder (settings and attributes only) is rewritten for every run: quick to load.
    let dir: string;
    beforeAll(() => {
      const rules = minimalRulesWith({});
      dir = rules.dir;
      return rules.remove;
    });
    const folders = fc.constantFrom('groups', 'profiles', 'dunning', 'tests');

    /** Writes `content` as the only rule file of its kind and checks the outcome: loads, or clear problems in that file. */
    function loadsOrExplains(folder: string, content: string | Uint8Array): void {
      for (const other of ['groups', 'profiles', 'dunning', 'tests']) rmSync(path.join(dir, other), { recursive: true, force: true });
      mkdirSync(path.join(dir, folder));
      writeFileSync(path.join(dir, folder, 'random.yaml'), content);
      const problems = loadProblems(dir);
      if (problems.length > 0) expectClearProblems(problems, `${folder}/random.yaml`);
    }

    const yamlPieces = [
      'groups:',
      'profileSet:',
      'scenario:',
      'cases:',
      'when:',
      'all:',
      'any:',
      'not:',
      '- ',
      '? ',
      ': ',
      ', ',
      '[',
      ']',
      '{',
      '}',
      '&a ',
      '*a',
      '&b ',
      '*b',
      '<<: ',
      '!!str ',
      '!!binary ',
      '!!map ',
      '!custom ',
      '"',
      "'",
      '#',
      '|',
      '>-',
      '---',
      '...',
      '%YAML 1.2',
      '\n',
      '\n  ',
      '\n    ',
      '\t',
      '\r\n',
      '\0',
      '\u00e9',
      '\ufeff',
      '\u2028',
      '~',
      'null',
      'true',
      '.nan',
      '-.inf',
      '0x1F',
      '1e999',
      '2026-02-30',
      'id: x',
      'fact: city',
      'operator: equals',
      'operator: between',
      'value: 5',
      'value: [1, 2]',
      'recurring: true',
    ];
    const yamlish = fc
      .array(fc.oneof(fc.constantFrom(...yamlPieces), fc.string({ maxLength: 4 })), { maxLength: 60 })
      .map((parts) => parts.join(''));
    const shippedTexts = ['groups/seed-examples.yaml', 'profiles/return-behaviour.yaml', 'dunning/standard.yaml', 'tests/groups.yaml'].map(
      (file) => ({
        folder: file.split('/')[0]!,
        text: readFileSync(path.join(shippedRules, file), 'utf8'),
      }),
    );

    it('never throws anything but the rule problems error on arbitrary text', () => {
      fc.assert(fc.property(folders, fc.string({ unit: 'binary', maxLength: 300 }), loadsOrExplains), { numRuns: 100 });
    });

    it('never throws anything but the rule problems error on arbitrary bytes', () => {
      fc.assert(fc.property(folders, fc.uint8Array({ maxLength: 300 }), loadsOrExplains), { numRuns: 100 });
    });

    it('never throws anything but the rule problems error on YAML-like text', () => {
      fc.assert(fc.property(folders, yamlish, loadsOrExplains), { numRuns: 200 });
    });

    it('never throws anything but the rule problems error on damaged copies of the shipped files', () => {
      const edit = fc.record({
        at: fc.nat(),
        remove: fc.nat({ max: 6 }),
        insert: fc.oneof(fc.constantFrom(...yamlPieces), fc.string({ maxLength: 3 })),
      });
      fc.assert(
        fc.property(fc.constantFrom(...shippedTexts), fc.array(edit, { minLength: 1, maxLength: 4 }), ({ folder, text }, edits) => {
          let damaged = text;
          for (const { at: offset, remove, insert } of edits) {
            const position = offset % (damaged.length + 1);
            damaged = damaged.slice(0, position) + insert + damaged.slice(position + remove);
          }
          loadsOrExplains(folder, damaged);
        }),
        { numRuns: 120 },
      );
    });

    it('never throws anything but the rule problems error on arbitrary data written as YAML', () => {
      const data = fc.oneof(
        fc.jsonValue({ maxDepth: 5 }),
        fc.dictionary(fc.constantFrom('groups', 'profileSet', 'scenario', 'cases'), fc.jsonValue({ maxDepth: 5 }), { minKeys: 1 }),
      );
      // Block style from the YAML library, and flow style as JSON (which is YAML too).
      const writers = fc.constantFrom(
        (value: unknown) => stringify(value),
        (value: unknown) => `${JSON.stringify(value)}\n`,
      );
      fc.assert(
        fc.property(folders, data, writers, (folder, value, write) => loadsOrExplains(folder, write(value))),
        { numRuns: 100 },
      );
    });
  });
});

describe('the running rule set', () => {
  const logger = createLogger({ level: 'silent', pretty: false });
  const hostileFiles: Array<[string, string, string | Buffer, RegExp]> = [
    ['an alias bomb', 'groups/bomb.yaml', aliasBomb(), /alias bomb/],
    ['an alias inside its own anchor', 'groups/circular.yaml', group('&loop { not: *loop }'), /inside its own anchor/],
    [
      'conditions nested 10,000 levels deep',
      'groups/deep.yaml',
      group(`${'{ not: '.repeat(10_000)}${leaf}${' }'.repeat(10_000)}`),
      /nests more than/,
    ],
    ['a 5 MB file', 'groups/huge.yaml', `${validGroup}${'#'.repeat(5_000_000)}\n`, /more than the limit/],
    [
      'the groups file saved as UTF-16',
      'groups/seed-examples.yaml',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(readFileSync(path.join(shippedRules, 'groups/seed-examples.yaml'), 'utf8'), 'utf16le'),
      ]),
      /UTF-16/,
    ],
    ['the settings with a NUL byte', 'settings.yaml', `${readFileSync(path.join(shippedRules, 'settings.yaml'), 'utf8')}\0`, /NUL byte/],
  ];

  it.each(hostileFiles)('stays in place when a reload finds %s, and reports the problems', async (_name, relative, content, message) => {
    const dir = rulesWith({});
    const registry = new RuleRegistry(dir, logger);
    const before = registry.current;
    writeFileSync(path.join(dir, relative), content);

    const outcome = await registry.reload();

    expect(outcome).toMatchObject({ ok: false, version: before.version });
    // Rules elsewhere that use what the hostile file no longer defines have problems of their own.
    expectClearProblems(
      outcome.problems!.filter((problem) => problem.file.endsWith(relative)),
      relative,
    );
    expect(outcome.problems!.map((problem) => problem.message)).toContainEqual(expect.stringMatching(message));
    expect(registry.current).toBe(before);
    expect(registry.current.groups.map((found) => found.id)).toContain('high-value-mumbai');
    expect(registry.status()).toMatchObject({ version: before.version, lastReload: { ok: false, problems: outcome.problems } });
  });

  it('takes the fixed rules once the hostile file is gone', async () => {
    const dir = rulesWith({});
    const registry = new RuleRegistry(dir, logger);
    const before = registry.current.version;
    writeFileSync(path.join(dir, 'groups/circular.yaml'), group('&loop { not: *loop }'));
    expect((await registry.reload()).ok).toBe(false);
    writeFileSync(path.join(dir, 'groups/circular.yaml'), validGroup);
    expect(await registry.reload()).toMatchObject({ ok: true });
    expect(registry.current.version).not.toBe(before);
    expect(registry.current.groups.map((found) => found.id)).toContain('hostile');
  });

  it('stays in place when the watcher finds a hostile file, without taking the service down', async () => {
    const dir = rulesWith({});
    const registry = new RuleRegistry(dir, logger);
    cleanups.push(() => registry.close());
    const before = registry.current;
    registry.watch();
    writeFileSync(path.join(dir, 'groups/circular.yaml'), group('&loop { not: *loop }'));
    await expect
      .poll(() => registry.status().lastReload, { timeout: 5_000, interval: 50 })
      .toMatchObject({ ok: false, problems: [expect.objectContaining({ message: expect.stringMatching(/inside its own anchor/) })] });
    expect(registry.current).toBe(before);
  });
});
