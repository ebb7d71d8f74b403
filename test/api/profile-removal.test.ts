/**
 * Removing a profile from the rules, safe in both directions (issue 12; seeds 000 and 001): a manual
 * profile that customers hold is not removed until they have somewhere to go; an automatic one
 * disconnects its holders, whom a durable job recalculates with the new rules. Whatever happens,
 * no customer holds a profile the rules in force do not define.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockCustomer } from '../../src/store/customer-store';
import { setProfile } from '../../src/store/profile-store';
import { aCustomer, anInvoice, aReturn } from '../support/factories';
import { shippedRules } from '../support/rule-dirs';
import { body, useTestSystem } from '../support/running-system';

const shipped = (file: string) => readFileSync(path.join(shippedRules, file), 'utf8');
const returnBehaviour = shipped('profiles/return-behaviour.yaml').replaceAll('active: false', 'active: true');
const accountType = shipped('profiles/account-type.yaml');
/** The account types without `export` (and, when given, the set's tombstones). */
const accountTypeWithoutExport = (tombstones = '') => accountType.replace(/ {4}- id: export\n( {6}.*\n)+?(?= {4}- id)/, '') + tombstones;

const rulebook = useTestSystem({
  rules: { 'profiles/return-behaviour.yaml': returnBehaviour, tests: null },
  env: { RULEBOOK_WATCH_RULES: 'false' },
});
const write = (file: string, content: string | null) => {
  const target = path.join(rulebook.rulesDir, file);
  if (content === null) rmSync(target, { force: true });
  else writeFileSync(target, content);
};
const reload = () => rulebook.api('/v1/rules/reload', { method: 'POST' });
const profilesOf = async (customerId: string) => (await body(await rulebook.api(`/v1/customers/${customerId}`))).profiles;
const profileChanges = async (customerId: string) =>
  (await body(await rulebook.api(`/v1/customers/${customerId}/timeline?limit=100`))).entries.filter(
    (entry: { kind: string }) => entry.kind === 'profile-changed',
  );

/** The invoice's reminder sequences as recorded, oldest first. */
const sequencesOf = (invoiceId: string) =>
  rulebook.system.db.query<{ scenario_id: string; state: string; end_reason: string | null }>(
    'SELECT scenario_id, state, end_reason FROM dunning_sequences WHERE invoice_id = $1 ORDER BY sequence_no',
    [invoiceId],
  );

/** Profiles customers hold that the rules in use do not define: must always be none. */
async function undefinedProfilesHeld(): Promise<Array<{ customer_id: string; set_id: string; profile_id: string }>> {
  const defined = rulebook.system.rules.current.profileSets.flatMap((set) => set.profiles.map((profile) => `${set.id}/${profile.id}`));
  return rulebook.system.db.query(
    `SELECT customer_id, set_id, profile_id FROM customer_profiles WHERE NOT (set_id || '/' || profile_id = ANY($1::text[]))`,
    [defined],
  );
}

async function customerWith(id: string, profileId?: string) {
  expect((await rulebook.post('/v1/customers', aCustomer({ id, email: `${id.toLowerCase()}@example.com`, phone: undefined }))).status).toBe(
    201,
  );
  if (profileId) {
    const res = await rulebook.put(`/v1/customers/${id}/profiles/account-type`, { profileId, assignedBy: 'ops.priya' });
    expect(res.status).toBe(200);
  }
}

describe('removing a profile of a manual set that customers hold', () => {
  it('refuses the reload, naming the set, the profile, how many hold it and the reassign command', async () => {
    await customerWith('PRM-1', 'export');
    await customerWith('PRM-2', 'export');
    await customerWith('PRM-3', 'standard');
    write('profiles/account-type.yaml', accountTypeWithoutExport());
    write('dunning/export.yaml', null);

    const res = await reload();

    expect(res.status).toBe(422);
    const problem = await body(res);
    expect(problem.problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/profiles\/account-type\.yaml$/),
        pointer: '/profileSet/profiles',
        message: expect.stringContaining(
          'profile "export" is removed from manual set "account-type", but 2 customers hold it (PRM-1, PRM-2)',
        ),
        fix: expect.stringContaining('npx rulebook profiles reassign --set account-type --from export --to <profile> --apply'),
      }),
    ]);
    expect(problem.detail).toMatch(/previous rule set stays in use/);
    expect(problem.problems[0].fix).toMatch(/removedProfiles: \[\{ id: export, replacedBy: <profile> \}\]/);
  });

  it('keeps the previous rule set in use, shows the refusal on GET /v1/rules, and the holders can still be moved', async () => {
    const status = await body(await rulebook.api('/v1/rules'));
    expect(status.lastReload).toMatchObject({ ok: false, problems: [expect.objectContaining({ pointer: '/profileSet/profiles' })] });
    expect(status.profileSets).toContainEqual(
      expect.objectContaining({ id: 'account-type', profiles: expect.arrayContaining(['export']) }),
    );
    expect((await profilesOf('PRM-1'))['account-type']).toMatchObject({ profileId: 'export' });
    const dryRun = await rulebook.post('/v1/profile-sets/account-type/profiles/export/reassign', { to: 'standard', reassignedBy: 'ops' });
    expect(dryRun.status).toBe(200);
    expect(await body(dryRun)).toMatchObject({ dryRun: true, count: 2 });
  });

  it('refuses a tombstone whose replacedBy is not a profile of the set, saying which are', async () => {
    write('profiles/account-type.yaml', accountTypeWithoutExport('  removedProfiles:\n    - { id: export, replacedBy: international }\n'));

    const res = await reload();

    expect(res.status).toBe(422);
    expect((await body(res)).problems).toEqual([
      expect.objectContaining({
        pointer: '/profileSet/removedProfiles/0/replacedBy',
        message: expect.stringContaining('replacedBy "international" is not a profile of set "account-type"'),
        fix: 'Use one of: key-account, standard, to-assign',
      }),
    ]);
    expect((await profilesOf('PRM-2'))['account-type']).toMatchObject({ profileId: 'export' });
  });

  it("moves the holders to the tombstone's replacement in the reload, each on their timeline, ending their reminders", async () => {
    expect((await rulebook.post('/v1/invoices', anInvoice({ id: 'PRM-INV-1', customerId: 'PRM-1' }))).status).toBe(201);
    await rulebook.startedWorkflow('dunning-PRM-INV-1');
    write('profiles/account-type.yaml', accountTypeWithoutExport('  removedProfiles:\n    - { id: export, replacedBy: standard }\n'));

    const res = await reload();

    expect(res.status).toBe(200);
    const status = await body(res);
    expect(status.lastReload).toMatchObject({
      ok: true,
      applied: { moved: [{ setId: 'account-type', from: 'export', to: 'standard', customers: 2 }], disconnected: [] },
    });
    expect(status.profileSets).toContainEqual(
      expect.objectContaining({ id: 'account-type', profiles: ['key-account', 'standard', 'to-assign'] }),
    );
    for (const id of ['PRM-1', 'PRM-2']) {
      expect((await profilesOf(id))['account-type']).toMatchObject({ profileId: 'standard', assignedBy: 'rules:profile-removed' });
      expect((await profileChanges(id))[0].detail).toMatchObject({
        setId: 'account-type',
        from: 'export',
        to: 'standard',
        by: 'rules:profile-removed',
      });
    }
    expect((await profilesOf('PRM-3'))['account-type']).toMatchObject({ profileId: 'standard', assignedBy: 'ops.priya via token-1' });
    // As after a change by hand: the export reminders of PRM-1's invoice end (stopWhen: profile-changed)
    // and those of the profile it moved to start, as the invoice's second sequence.
    expect(await sequencesOf('PRM-INV-1')).toEqual([
      { scenario_id: 'export', state: 'ended', end_reason: 'profile-changed' },
      { scenario_id: 'standard', state: 'running', end_reason: null },
    ]);
    const sequence = await rulebook.startedWorkflow('dunning-PRM-INV-1');
    expect(await sequence.result()).toMatchObject({ state: 'ended', endReason: 'profile-changed' });
    const next = await rulebook.startedWorkflow('dunning-PRM-INV-1~2');
    expect((await next.describe()).status.name).toBe('RUNNING');
    expect(await body(await rulebook.api('/v1/invoices/PRM-INV-1/dunning'))).toMatchObject({
      sequenceNo: 2,
      scenarioId: 'standard',
      startedOn: 'profile-changed',
      state: 'running',
    });
    expect(await undefinedProfilesHeld()).toEqual([]);
  });

  it('never lets anyone hold the removed profile again: the API answers 404, the database refuses it', async () => {
    await customerWith('PRM-4');
    const res = await rulebook.put('/v1/customers/PRM-4/profiles/account-type', { profileId: 'export', assignedBy: 'ops' });
    expect(res.status).toBe(404);
    await expect(
      rulebook.system.db.transaction((tx) =>
        setProfile(tx, { customerId: 'PRM-4', setId: 'account-type', profileId: 'export', assignedBy: 'x' }),
      ),
    ).rejects.toMatchObject({ code: 'RBP01' });
    expect(await undefinedProfilesHeld()).toEqual([]);
  });
});

describe('removing a whole manual set that customers hold (its file deleted, or its id renamed)', () => {
  const serviceTier = [
    'profileSet:',
    '  id: service-tier',
    '  name: Service tier',
    '  description: Chosen by hand.',
    '  assignment: manual',
    '  profiles:',
    ...['gold', 'silver'].flatMap((id) => [
      `    - id: ${id}`,
      `      name: ${id}`,
      `      description: ${id}.`,
      '      active: true',
      '      priority: 0',
    ]),
    '',
  ].join('\n');

  it('refuses the reload like a single removed profile, and the holders keep their profile', async () => {
    write('profiles/service-tier.yaml', serviceTier);
    expect((await body(await reload())).lastReload.ok).toBe(true);
    expect((await rulebook.post('/v1/customers', aCustomer({ id: 'PR-TIER-1', phone: undefined }))).status).toBe(201);
    expect((await rulebook.put('/v1/customers/PR-TIER-1/profiles/service-tier', { profileId: 'gold', assignedBy: 'ops' })).status).toBe(
      200,
    );

    write('profiles/service-tier.yaml', null);
    try {
      const res = await reload();
      expect(res.status).toBe(422);
      const messages = (await body(res)).problems.map((problem: { message: string }) => problem.message).join('\n');
      expect(messages).toMatch(
        /manual profile set "service-tier" is gone from the rules .* 1 customer holds its profile "gold" \(PR-TIER-1\)/,
      );
      expect((await profilesOf('PR-TIER-1'))['service-tier']).toMatchObject({ profileId: 'gold' });
    } finally {
      write('profiles/service-tier.yaml', serviceTier);
    }
    expect((await body(await reload())).lastReload.ok).toBe(true);
  });
});

describe('a reload racing an assignment of the profile it removes', () => {
  it('waits for the assignment and moves that customer too', async () => {
    // Put `export` back, then remove it again while an assignment to it has not committed.
    write('profiles/account-type.yaml', accountType);
    write('dunning/export.yaml', shipped('dunning/export.yaml'));
    expect((await reload()).status).toBe(200);
    await customerWith('PRM-RACE');
    let assigned!: () => void;
    let commit!: () => void;
    const assignedNow = new Promise<void>((resolve) => (assigned = resolve));
    const commitNow = new Promise<void>((resolve) => (commit = resolve));
    // What PUT /v1/customers/{id}/profiles/{set} does, held open between its write and its commit.
    const assignment = rulebook.system.db.transaction(async (tx) => {
      await lockCustomer(tx, 'PRM-RACE');
      await setProfile(tx, { customerId: 'PRM-RACE', setId: 'account-type', profileId: 'export', assignedBy: 'ops' });
      assigned();
      await commitNow;
    });
    await assignedNow;
    write('profiles/account-type.yaml', accountTypeWithoutExport('  removedProfiles:\n    - { id: export, replacedBy: key-account }\n'));
    write('dunning/export.yaml', null);

    const reloading = reload();
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await assignment;
    const res = await reloading;

    expect(res.status).toBe(200);
    expect((await profilesOf('PRM-RACE'))['account-type']).toMatchObject({ profileId: 'key-account' });
    expect(await undefinedProfilesHeld()).toEqual([]);
  });
});

describe('a start with a held profile removed while the service was down', () => {
  it('refuses to start, as a reload refuses, until the file says where the holders go; then moves them', async () => {
    write('profiles/account-type.yaml', accountType.replace(/ {4}- id: key-account\n( {6}.*\n)+?(?= {4}- id)/, ''));
    write('dunning/key-account.yaml', null);
    await expect(rulebook.restart()).rejects.toMatchObject({
      problems: [
        expect.objectContaining({ message: expect.stringContaining('profile "key-account" is removed from manual set "account-type"') }),
      ],
    });

    write(
      'profiles/account-type.yaml',
      accountType.replace(/ {4}- id: key-account\n( {6}.*\n)+?(?= {4}- id)/, '') +
        '  removedProfiles:\n    - { id: key-account, replacedBy: standard }\n',
    );
    await rulebook.restart();

    expect((await profilesOf('PRM-RACE'))['account-type']).toMatchObject({ profileId: 'standard', assignedBy: 'rules:profile-removed' });
    expect(await undefinedProfilesHeld()).toEqual([]);
  });
});

describe('a tombstone moving holders to a profile whose scenario the same change removes', () => {
  it("ends the old profile's reminders and starts none of the rules replaced: the invoice waits without reminders", async () => {
    write('profiles/account-type.yaml', accountType);
    write('dunning/export.yaml', shipped('dunning/export.yaml'));
    write('dunning/key-account.yaml', shipped('dunning/key-account.yaml'));
    expect((await reload()).status).toBe(200);
    await customerWith('PRM-SC', 'key-account');
    expect((await rulebook.post('/v1/invoices', anInvoice({ id: 'PRM-SC-INV', customerId: 'PRM-SC' }))).status).toBe(201);
    await rulebook.startedWorkflow('dunning-PRM-SC-INV');
    // key-account goes to export, and the export scenario goes with it: export has none in the new rules.
    write(
      'profiles/account-type.yaml',
      accountType.replace(/ {4}- id: key-account\n( {6}.*\n)+?(?= {4}- id)/, '') +
        '  removedProfiles:\n    - { id: key-account, replacedBy: export }\n',
    );
    write('dunning/key-account.yaml', null);
    write('dunning/export.yaml', null);

    const res = await reload();

    expect(res.status).toBe(200);
    expect((await body(res)).lastReload.applied.moved).toEqual([
      { setId: 'account-type', from: 'key-account', to: 'export', customers: 1 },
    ]);
    expect((await profilesOf('PRM-SC'))['account-type']).toMatchObject({ profileId: 'export', assignedBy: 'rules:profile-removed' });
    expect(await sequencesOf('PRM-SC-INV')).toEqual([{ scenario_id: 'key-account', state: 'ended', end_reason: 'profile-changed' }]);
    const sequence = await rulebook.startedWorkflow('dunning-PRM-SC-INV');
    expect(await sequence.result()).toMatchObject({ state: 'ended', endReason: 'profile-changed' });
    const queued = await rulebook.system.db.query(`SELECT 1 FROM workflow_intents WHERE workflow_id LIKE 'dunning-PRM-SC-INV~%'`);
    expect(queued).toEqual([]);
    expect(await undefinedProfilesHeld()).toEqual([]);
  });
});

describe('removing a profile of an automatic set', () => {
  it('disconnects its holders in the reload and recalculates them with the new rules in a durable job', async () => {
    const [one, five] = ['PRA-1', 'PRA-5'];
    await customerWith(one);
    await customerWith(five);
    expect((await rulebook.post('/v1/returns', aReturn({ id: 'PRA-R-1', customerId: one }))).status).toBe(201);
    for (let n = 0; n < 5; n++)
      expect((await rulebook.post('/v1/returns', aReturn({ id: `PRA-R-5-${n}`, customerId: five }))).status).toBe(201);
    expect((await profilesOf(five))['return-behaviour']).toMatchObject({ profileId: 'normal-returner' });
    write('profiles/return-behaviour.yaml', returnBehaviour.replace(/ {4}- id: normal-returner\n( {6}.*\n)+?(?= {4}- id)/, ''));

    const res = await reload();

    expect(res.status).toBe(200);
    const { lastReload } = await body(res);
    expect(lastReload.applied).toMatchObject({
      moved: [],
      disconnected: [{ setId: 'return-behaviour', profileId: 'normal-returner', customers: 1, reason: 'automatic-set' }],
      recalculation: { id: expect.any(String), customers: 1 },
    });
    const jobId = lastReload.applied.recalculation.id as string;
    await expect
      .poll(async () => body(await rulebook.api(`/v1/rules/recalculations/${jobId}`)), { timeout: 15_000, interval: 100 })
      .toMatchObject({ total: 1, done: 1, finishedAt: expect.any(String) });
    expect((await body(await rulebook.api('/v1/rules'))).recalculations).toContainEqual(
      expect.objectContaining({ id: jobId, removed: [{ setId: 'return-behaviour', profileId: 'normal-returner', holders: 1 }] }),
    );
    // Five returns: the most suitable profile left is first-time returner.
    expect((await profilesOf(five))['return-behaviour']).toMatchObject({ profileId: 'first-time-returner' });
    const [recalculated, disconnected] = await profileChanges(five);
    expect(disconnected.detail).toMatchObject({
      setId: 'return-behaviour',
      from: 'normal-returner',
      to: null,
      by: 'rules:profile-removed',
    });
    expect(recalculated.detail).toMatchObject({ setId: 'return-behaviour', from: null, to: 'first-time-returner' });
    expect((await profilesOf(one))['return-behaviour']).toMatchObject({ profileId: 'first-time-returner' });
    expect(await undefinedProfilesHeld()).toEqual([]);
  });

  it('answers 404 for a recalculation job that does not exist', async () => {
    expect((await rulebook.api('/v1/rules/recalculations/no-such-job')).status).toBe(404);
  });
});
