/** Before merging a rule change: its impact on the real customers, and moving the holders of a removed profile. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureConsole } from '../support/console-output';
import { aReturn } from '../support/factories';
import { main } from '../../src/cli/main';
import { ruleDirWith, shippedRules } from '../support/rule-dirs';
import { body, testToken, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem({ env: { RULEBOOK_WATCH_RULES: 'false' } });
const shipped = (file: string) => readFileSync(path.join(shippedRules, file), 'utf8');

// The candidate switches the returner profiles on, drops the premium-users group and the export profile.
const candidate = ruleDirWith({
  'profiles/return-behaviour.yaml': shipped('profiles/return-behaviour.yaml').replaceAll('active: false', 'active: true'),
  'groups/seed-examples.yaml': shipped('groups/seed-examples.yaml').replace(/ {2}- id: premium-users\n( {4}.*\n|\n)+?(?= {2}- id)/, ''),
  'profiles/account-type.yaml': shipped('profiles/account-type.yaml').replace(/ {4}- id: export\n( {6}.*\n)+?(?= {4}- id)/, ''),
  'dunning/export.yaml': null,
  tests: null,
});

beforeAll(async () => {
  await rulebook.post('/v1/returns', aReturn({ id: 'R-one', email: 'one@example.com' }));
  for (let n = 0; n < 5; n++) await rulebook.post('/v1/returns', aReturn({ id: `R-five-${n}`, email: 'five@example.com' }));
  await rulebook.post('/v1/customers', { id: 'C-premium', email: 'premium@example.com' });
  await rulebook.patch('/v1/customers/C-premium', { changedBy: 't', attributes: { premium_member: true } });
  await rulebook.put('/v1/customers/C-premium/profiles/account-type', { profileId: 'export', assignedBy: 't' });
});

afterAll(() => candidate.remove());

afterEach(() => vi.restoreAllMocks());

describe('rule change impact', () => {
  it('counts who would change profile or group, and the removed profiles customers still hold', async () => {
    const lines = captureConsole();
    const code = await main(['diff', '--dir', candidate.dir, '--api', rulebook.system.apiUrl!, '--token', testToken, '--json']);
    expect(code).toBe(0);
    const impact = JSON.parse(lines.join('\n'));
    expect(impact.customers).toBe(3);
    expect(impact.profiles).toEqual(
      expect.arrayContaining([
        { setId: 'return-behaviour', from: null, to: 'first-time-returner', customers: 1 },
        { setId: 'return-behaviour', from: null, to: 'normal-returner', customers: 1 },
      ]),
    );
    expect(impact.groups).toEqual([{ groupId: 'premium-users', joined: 0, left: 1 }]);
    expect(impact.removedProfilesHeld).toEqual([{ setId: 'account-type', profileId: 'export', customers: 1 }]);
  });

  it('finds no change between the working tree and HEAD when the rules are unchanged', async () => {
    const lines = captureConsole();
    expect(await main(['diff', '--against', 'HEAD', '--dir', shippedRules, '--api', rulebook.system.apiUrl!, '--token', testToken])).toBe(
      0,
    );
    expect(lines.join('\n')).toMatch(/no customer changes profile or group/);
  });

  it('refuses invalid candidate rules with every problem', async () => {
    const res = await rulebook.post('/v1/rules/impact', {
      candidate: { 'settings.yaml': 'settings: {}\n', 'attributes.yaml': 'attributes: []\n' },
    });
    expect(res.status).toBe(422);
    expect((await body(res)).problems.length).toBeGreaterThan(0);
  });
});

describe('profile reassignment before removal', () => {
  it('shows who would move where, then moves them only with --apply', async () => {
    const args = [
      'profiles',
      'reassign',
      '--set',
      'account-type',
      '--from',
      'export',
      '--to',
      'standard',
      '--api',
      rulebook.system.apiUrl!,
      '--token',
      testToken,
    ];
    let lines = captureConsole();
    expect(await main(args)).toBe(0);
    expect(lines).toEqual([
      '1 customers hold account-type/export: C-premium',
      'They would move to account-type/standard. Nothing changed; run again with --apply to move them.',
    ]);
    vi.restoreAllMocks();
    expect((await body(await rulebook.api('/v1/customers/C-premium'))).profiles['account-type'].profileId).toBe('export');

    lines = captureConsole();
    expect(await main([...args, '--apply', '--by', 'analyst.li'])).toBe(0);
    expect(lines).toEqual(['Moved 1 customers from account-type/export to account-type/standard.']);
    expect((await body(await rulebook.api('/v1/customers/C-premium'))).profiles['account-type']).toMatchObject({
      profileId: 'standard',
      assignedBy: 'analyst.li via token-1',
    });
  });

  it('requires a target profile', async () => {
    const lines = captureConsole();
    expect(await main(['profiles', 'reassign', '--set', 'account-type', '--from', 'export'])).toBe(2);
    expect(lines.join('\n')).toMatch(/target profile is required/);
  });
});
