/** The `rulebook` command as analysts and CI use it. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureConsole } from '../../support/console-output';
import { main } from '../../../src/cli/main';
import { describeReload } from '../../../src/cli/validate-command';
import { projectRoot } from '../../../src/config/project-root';
import { freePort } from '../../../src/net/free-port';
import { loadRuleSet } from '../../../src/rules/load-rules';
import { runRuleTests } from '../../../src/rules/run-rule-tests';
import { ruleDirWith, shippedRules } from '../../support/rule-dirs';

afterEach(() => vi.restoreAllMocks());

describe('rulebook test', () => {
  it('passes every shipped rule test case, covering each seed example', async () => {
    const results = await runRuleTests(loadRuleSet(shippedRules));
    const failed = results.filter((result) => !result.passed);
    expect(failed.map((result) => `${result.testCase.name}: ${result.failures.join('; ')}`)).toEqual([]);
    const names = results.map((result) => result.testCase.name).join('\n');
    for (const window of ['1 month', '3 months', '6 months', '12 months', '24 months', 'unlimited']) {
      for (const threshold of ['first time returner', 'normal returner', 'regular returner', 'serial returner']) {
        expect(names).toMatch(new RegExp(`${window} window.*make a ${threshold}`));
      }
    }
    expect(names).toMatch(/2 January is in the week of|week of .*31 December/i);
    expect(names).toMatch(/29 February/);
    expect(names).toMatch(/Mumbai/);
    expect(names).toMatch(/to-assign|to assign/i);
  });

  it('ends with a one-line summary and exits 0', async () => {
    const lines = captureConsole();
    expect(await main(['test', shippedRules])).toBe(0);
    expect(lines.at(-1)).toMatch(/^\n?\d+ passed, 0 failed$/);
  });

  it('reports a failing expectation with what differed, and exits 1', async () => {
    const { dir, remove } = ruleDirWith({
      'tests/wrong.yaml': [
        'cases:',
        '  - name: a Pune customer is wrongly expected in the Mumbai group',
        '    at: "2026-12-01T10:00:00Z"',
        '    facts: { total_spent: 9000, city: Pune }',
        '    expect: { groups: { include: [high-value-mumbai] } }',
      ].join('\n'),
    });
    try {
      const lines = captureConsole();
      expect(await main(['test', dir])).toBe(1);
      expect(lines).toContainEqual(expect.stringMatching(/^✗ .*wrong\.yaml:2 a Pune customer/));
      expect(lines).toContainEqual('    expected to be in group high-value-mumbai, but is not');
      expect(lines.at(-1)).toMatch(/ 1 failed$/);
    } finally {
      remove();
    }
  });
});

describe('rulebook explain', () => {
  it('prints why a customer got its profiles, groups and scenario', async () => {
    const { dir, remove } = ruleDirWith({});
    try {
      const facts = path.join(dir, 'facts.yaml');
      writeFileSync(facts, 'total_spent: 6000\ncity: Mumbai\nbirthdate: "1990-01-02"\nprofiles: { account-type: export }\n');
      const lines = captureConsole();
      expect(await main(['explain', '--facts', facts, '--at', '2026-12-31T10:00:00+05:30', '--dir', shippedRules])).toBe(0);
      const output = lines.join('\n');
      expect(output).toMatch(/Profile set account-type \(manual\): export — assigned manually/);
      expect(output).toMatch(/Group high-value-mumbai: matches/);
      expect(output).toMatch(/✓ total_spent greaterThan 5000 — saw 6000/);
      expect(output).toMatch(/✓ birthdate occursThisWeek \(recurring\) — saw "1990-01-02"/);
      expect(output).toMatch(/Dunning scenario: export/);
    } finally {
      remove();
    }
  });

  it('refuses a missing --facts with help, exit 2', async () => {
    const lines = captureConsole();
    expect(await main(['explain'])).toBe(2);
    expect(lines.join('\n')).toMatch(/--facts FILE is required/);
  });
});

describe('rulebook validate --against', () => {
  it('says in words what a reload would do to customers', () => {
    expect(describeReload({ moved: [], disconnected: [] })).toBe('a reload would move or disconnect no customer');
    expect(
      describeReload({
        moved: [{ setId: 'account-type', from: 'old', to: 'standard', customers: 3 }],
        disconnected: [
          { setId: 'return-behaviour', profileId: 'serial-returner', customers: 5, reason: 'automatic-set' },
          { setId: 'old-set', profileId: 'gone', customers: 1, reason: 'set-removed' },
        ],
        recalculation: { customers: 5 },
      }),
    ).toBe(
      'a reload would move 3 customers from account-type/old to account-type/standard; ' +
        'disconnect 5 customers from return-behaviour/serial-returner (removed from an automatic set); ' +
        'disconnect 1 customer from old-set/gone (its set is removed); recalculate 5 customers with the new rules (a durable job)',
    );
  });

  it('refuses something that is not a URL, pointing to rulebook diff for git refs, exit 2', async () => {
    const lines = captureConsole();
    expect(await main(['validate', shippedRules, '--against', 'origin/main', '--token', 't'])).toBe(2);
    expect(lines.join('\n')).toMatch(/--against takes the URL of the running service.*rulebook diff --against REF/);
  });

  it('names the URL it cannot reach and how to fix it, exit 2 without a stack trace', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const lines = captureConsole();
    expect(await main(['validate', shippedRules, '--against', url, '--token', 't'])).toBe(2);
    const output = lines.join('\n');
    expect(output).toMatch(/^rules is valid|is valid \(sha256:/);
    expect(output).toContain(`rulebook validate: cannot reach the Rulebook API at ${url} (ECONNREFUSED)`);
    expect(output).toMatch(/Start the service \(npm start\) or give its URL with --against URL/);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('stops at the problems of the files, before asking the service', async () => {
    const { dir, remove } = ruleDirWith({ 'groups/broken.yaml': 'groups: [ {' });
    try {
      const lines = captureConsole();
      expect(await main(['validate', dir, '--against', 'http://127.0.0.1:9', '--token', 't'])).toBe(1);
      expect(lines.join('\n')).not.toMatch(/cannot reach/);
    } finally {
      remove();
    }
  });
});

describe('rulebook command', () => {
  it('runs as an executable, with --help on every command', () => {
    for (const command of ['validate', 'test', 'explain']) {
      const run = spawnSync(process.execPath, ['bin/rulebook.mjs', command, '--help'], { cwd: projectRoot, encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`rulebook ${command}`);
    }
    const validate = spawnSync(process.execPath, ['bin/rulebook.mjs', 'validate'], { cwd: projectRoot, encoding: 'utf8' });
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/^rules is valid \(sha256:/);
  });
});
