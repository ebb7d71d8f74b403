/** A hostile rule file met by a reload over HTTP: 422 with every problem, and the rule set in use stays. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { group, leaf } from '../support/hostile-rule-files';
import { body, useTestSystem } from '../support/running-system';

describe('the running rule set over HTTP', () => {
  const rulebook = useTestSystem({ rules: {}, env: { RULEBOOK_WATCH_RULES: 'false' } });

  it.each([
    ['an alias inside its own anchor', 'groups/circular.yaml', group('&loop { not: *loop }'), /inside its own anchor/],
    [
      'conditions nested 10,000 levels deep',
      'groups/deep.yaml',
      group(`${'{ all: [ '.repeat(10_000)}${leaf}${' ] }'.repeat(10_000)}`),
      /nests more than 64 levels/,
    ],
    ['a folder named like a rule file', 'groups/folder.yaml', null, /not a regular file/],
  ])('answers 422 with the problems and keeps the rule set in use when a reload finds %s', async (_name, relative, content, message) => {
    const before = await body(await rulebook.api('/v1/rules'));
    const target = path.join(rulebook.rulesDir, relative);
    if (content === null) mkdirSync(target);
    else writeFileSync(target, content);
    try {
      const res = await rulebook.api('/v1/rules/reload', { method: 'POST' });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = await body(res);
      expect(problem.detail).toMatch(/previous rule set stays in use/);
      expect(problem.problems).toEqual([
        expect.objectContaining({ file: expect.stringContaining(relative), message: expect.stringMatching(message) }),
      ]);

      const after = await body(await rulebook.api('/v1/rules'));
      expect(after.version).toBe(before.version);
      expect(after.groups).toEqual(before.groups);
      expect(after.lastReload).toMatchObject({ ok: false, version: before.version });
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });
});
