/**
 * `rulebook validate --against URL` (POST /v1/rules/check): before a reload refuses a rule change
 * that removes a manual profile customers hold without a tombstone, CI or a pre-commit hook learns
 * it with the reload's own problem — and nothing in the database changes. With a tombstone it says
 * what the reload would do, which the reload then does.
 */
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { captureConsole } from '../support/console-output';
import { aCustomer, aReturn } from '../support/factories';
import { ruleDirWith, shippedRules } from '../support/rule-dirs';
import { body, testToken, useTestSystem } from '../support/running-system';

const shipped = (file: string) => readFileSync(path.join(shippedRules, file), 'utf8');
const returnBehaviour = shipped('profiles/return-behaviour.yaml').replaceAll('active: false', 'active: true');
const accountTypeWithoutExport = (tombstones = '') =>
  shipped('profiles/account-type.yaml').replace(/ {4}- id: export\n( {6}.*\n)+?(?= {4}- id)/, '') + tombstones;
const exportToStandard = '  removedProfiles:\n    - { id: export, replacedBy: standard }\n';

const rulebook = useTestSystem({
  rules: { 'profiles/return-behaviour.yaml': returnBehaviour, tests: null },
  env: { RULEBOOK_WATCH_RULES: 'false' },
});

/** Candidate rule folders, as an analyst's working tree would hold them. */
const withoutExport = ruleDirWith({
  'profiles/return-behaviour.yaml': returnBehaviour,
  'profiles/account-type.yaml': accountTypeWithoutExport(),
  'dunning/export.yaml': null,
  tests: null,
});
const withTombstone = ruleDirWith({
  'profiles/return-behaviour.yaml': returnBehaviour,
  'profiles/account-type.yaml': accountTypeWithoutExport(exportToStandard),
  'dunning/export.yaml': null,
  tests: null,
});
afterAll(() => [withoutExport, withTombstone].forEach((dir) => dir.remove()));
afterEach(() => vi.restoreAllMocks());

const validateAgainst = async (dir: string) => {
  const lines = captureConsole();
  const code = await main(['validate', dir, '--against', rulebook.system.apiUrl!, '--token', testToken]);
  vi.restoreAllMocks();
  return { code, output: lines.join('\n') };
};
const accountTypeOf = async (customerId: string) =>
  (await body(await rulebook.api(`/v1/customers/${customerId}`))).profiles['account-type']?.profileId;
const definedInDatabase = async () =>
  (
    await rulebook.system.db.query<{ id: string }>(
      "SELECT set_id || '/' || profile_id AS id FROM rule_profiles ORDER BY set_id, profile_id",
    )
  ).map((row) => row.id);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let before: { version: string; lastReload: unknown; defined: string[] };

beforeAll(async () => {
  for (const id of ['VA-1', 'VA-2']) {
    expect(
      (await rulebook.post('/v1/customers', aCustomer({ id, email: `${id.toLowerCase()}@example.com`, phone: undefined }))).status,
    ).toBe(201);
    expect((await rulebook.put(`/v1/customers/${id}/profiles/account-type`, { profileId: 'export', assignedBy: 'ops.priya' })).status).toBe(
      200,
    );
  }
  // A first-time returner: an automatic profile the last test removes.
  expect((await rulebook.post('/v1/returns', aReturn({ id: 'VA-R-1', email: 'returner@example.com' }))).status).toBe(201);
  const status = await body(await rulebook.api('/v1/rules'));
  before = { version: status.version, lastReload: status.lastReload, defined: await definedInDatabase() };
  expect(before.defined).toContain('account-type/export');
});

/** Nothing a check does is seen anywhere: the holders, the rules in use, the defined profiles, the timelines. */
async function expectNothingChanged() {
  expect(await accountTypeOf('VA-1')).toBe('export');
  expect(await accountTypeOf('VA-2')).toBe('export');
  const status = await body(await rulebook.api('/v1/rules'));
  expect({ version: status.version, lastReload: status.lastReload }).toEqual({ version: before.version, lastReload: before.lastReload });
  expect(await definedInDatabase()).toEqual(before.defined);
  const [changes] = await rulebook.system.db.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM customer_profiles WHERE assigned_by = 'rules:profile-removed'",
  );
  expect(changes!.count).toBe(0);
}

describe('rulebook validate --against the running service', () => {
  it('refuses a held manual profile removed without a tombstone with the problem the reload would give, exit 1', async () => {
    const { code, output } = await validateAgainst(withoutExport.dir);

    expect(code).toBe(1);
    // Named as the local validation names the file, at the set's profiles.
    const file = escape(path.join(withoutExport.dir, 'profiles/account-type.yaml'));
    expect(output).toMatch(
      new RegExp(
        `^${file}:\\d+:3 /profileSet/profiles: profile "export" is removed from manual set "account-type", but 2 customers hold it \\(VA-1, VA-2\\); ` +
          'the rule change is refused and the rules in use stay in place\\. ' +
          escape('Move them first with `npx rulebook profiles reassign --set account-type --from export --to <profile> --apply`'),
        'm',
      ),
    );
    expect(output).toContain(`1 problem: the service at ${rulebook.system.apiUrl} would refuse a reload of ${withoutExport.dir}`);
    await expectNothingChanged();
  });

  it('with a tombstone, exits 0 and says the reload would move the holders — moving nobody', async () => {
    const { code, output } = await validateAgainst(withTombstone.dir);

    expect(code).toBe(0);
    expect(output).toContain(
      `The service at ${rulebook.system.apiUrl} would accept a reload of ${withTombstone.dir}: ` +
        'a reload would move 2 customers from account-type/export to account-type/standard.',
    );
    await expectNothingChanged();
  });

  it('answers POST /v1/rules/check with what a reload would do, counting the holders of removed automatic profiles', async () => {
    const res = await rulebook.post('/v1/rules/check', { rules: filesOf(withTombstone.dir, { withoutFirstTimeReturner: true }) });

    expect(res.status).toBe(200);
    const check = await body(res);
    expect(check).toMatchObject({
      ok: true,
      version: expect.stringMatching(/^sha256:/),
      committedVersion: before.version,
      problems: [],
      wouldApply: {
        moved: [{ setId: 'account-type', from: 'export', to: 'standard', customers: 2 }],
        disconnected: [{ setId: 'return-behaviour', profileId: 'first-time-returner', customers: 1, reason: 'automatic-set' }],
        recalculation: { customers: 1 },
      },
    });
    await expectNothingChanged();
  });

  it('warns, accepting the reload, when reminders still to go out name a template the candidate no longer defines', async () => {
    expect((await rulebook.post('/v1/customers', aCustomer({ id: 'VA-3', email: 'va-3@example.com' }))).status).toBe(201);
    expect((await rulebook.put('/v1/customers/VA-3/profiles/account-type', { profileId: 'standard', assignedBy: 'ar' })).status).toBe(200);
    const dueDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const invoice = { id: 'INV-va-3', customerId: 'VA-3', amount: 2000, currency: 'INR', dueDate, issuedAt: new Date().toISOString() };
    expect((await rulebook.post('/v1/invoices', invoice)).status).toBe(201);
    const withoutSms = ruleDirWith({
      'profiles/return-behaviour.yaml': returnBehaviour,
      'dunning/standard.yaml': shipped('dunning/standard.yaml').replace(/ {4}- id: sms-reminder\n( {6}.*\n)+?(?= {4}- id)/, ''),
      'templates/overdue-sms.yaml': null,
      tests: null,
    });
    try {
      const { code, output } = await validateAgainst(withoutSms.dir);

      expect(code).toBe(0);
      expect(output).toContain('a reload would move or disconnect no customer');
      expect(output).toMatch(
        /^warning: .*: template "overdue-sms" is not defined in these rules, but 1 running reminder sequence \(e\.g\. dunning-INV-va-3\) still names it for an SMS; those will be sent with the generic text\. Keep rules\/templates\/overdue-sms\.yaml until those sequences have ended/m,
      );
      await expectNothingChanged();
    } finally {
      withoutSms.remove();
    }
  });

  it('refuses file paths outside the rules layout (422), and is documented in /openapi.json', async () => {
    const res = await rulebook.post('/v1/rules/check', { rules: { '../etc/passwd.yaml': 'x' } });
    expect(res.status).toBe(422);
    const openApi = await body(await rulebook.api('/openapi.json'));
    expect(openApi.paths['/v1/rules/check'].post.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/RuleCheck',
    });
    expect(openApi.components.schemas.RuleCheckRequest).toBeDefined();
  });

  it('predicts what the reload then does', async () => {
    copyFileSync(path.join(withTombstone.dir, 'profiles/account-type.yaml'), path.join(rulebook.rulesDir, 'profiles/account-type.yaml'));
    rmSync(path.join(rulebook.rulesDir, 'dunning/export.yaml'));

    const res = await rulebook.api('/v1/rules/reload', { method: 'POST' });

    expect(res.status).toBe(200);
    expect((await body(res)).lastReload.applied).toMatchObject({
      moved: [{ setId: 'account-type', from: 'export', to: 'standard', customers: 2 }],
      disconnected: [],
    });
    expect(await accountTypeOf('VA-1')).toBe('standard');
    // Checked again, the same rules change nothing more.
    const { code, output } = await validateAgainst(withTombstone.dir);
    expect(code).toBe(0);
    expect(output).toContain('a reload would move or disconnect no customer.');
  });
});

/** The rule files of `dir` without the test cases, as the CLI sends them; optionally without one automatic profile. */
function filesOf(dir: string, options: { withoutFirstTimeReturner?: boolean } = {}): Record<string, string> {
  const files: Record<string, string> = {};
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  for (const file of ['settings.yaml', 'attributes.yaml']) files[file] = read(file);
  for (const folder of ['profiles', 'groups', 'dunning', 'templates']) {
    for (const name of readdirSync(path.join(dir, folder)).filter((entry) => /\.ya?ml$/.test(entry)))
      files[`${folder}/${name}`] = read(`${folder}/${name}`);
  }
  if (options.withoutFirstTimeReturner) {
    files['profiles/return-behaviour.yaml'] = files['profiles/return-behaviour.yaml']!.replace(
      / {4}- id: first-time-returner\n( {6}.*\n)+?(?= {4}- id)/,
      '',
    );
  }
  return files;
}
