/**
 * Two processes on one database, one of which missed a rule change: its reload must not take the
 * database back to older rules (issue 12: a profile another process's rules added would lose its
 * holders). A start commits the files it was deployed with; a reload commits only over the rules
 * it used until then, or rules the database already holds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules';
import { RuleRegistry } from '../../src/rules/rule-registry';
import { RuleSetInvalidError } from '../../src/rules/rule-problems';
import { getCustomerProfiles, setProfile } from '../../src/store/profile-store';
import { readDefinedProfiles } from '../../src/store/rule-profiles-store';
import { commitRuleChange } from '../../src/use-cases/rule-change';
import { testData } from '../support/factories';
import { ruleDirWith, shippedRules } from '../support/rule-dirs';
import { useTestDatabase } from '../support/test-databases';

const accountTypes = readFileSync(path.join(shippedRules, 'profiles/account-type.yaml'), 'utf8');
/** The shipped account types with one more profile, `extra`. */
const withProfile = (extra: string) =>
  accountTypes.replace(
    '    - id: to-assign\n',
    `    - id: ${extra}\n      name: ${extra}\n      description: A profile one release adds.\n      active: true\n      priority: 0\n    - id: to-assign\n`,
  );
const folders = [
  ruleDirWith({ tests: null }),
  ruleDirWith({ 'profiles/account-type.yaml': withProfile('wholesale'), tests: null }),
  ruleDirWith({ 'profiles/account-type.yaml': withProfile('retail'), tests: null }),
];
const [shipped, withWholesale, withRetail] = folders.map((folder) => loadRuleSet(folder.dir));
afterAll(() => folders.forEach((folder) => folder.remove()));

describe('a reload by a process that missed a rule change', () => {
  const test = useTestDatabase();

  it("is refused, naming both versions, and leaves the database and the other rules' holders as they were", async () => {
    const { db } = test;
    await commitRuleChange(db, undefined, shipped!);
    // Process A takes the new release's rules, and a customer is given the profile they add.
    await commitRuleChange(db, shipped, withWholesale!);
    await testData(db).customer({ id: 'C-stale-1' });
    await db.transaction((tx) =>
      setProfile(tx, { customerId: 'C-stale-1', setId: 'account-type', profileId: 'wholesale', assignedBy: 'ar' }),
    );

    // Process B still runs the shipped rules; its reload (its files unchanged, or other ones) is refused.
    for (const files of [shipped!, withRetail!]) {
      const refused = await commitRuleChange(db, shipped, files).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RuleSetInvalidError);
      const [problem] = (refused as RuleSetInvalidError).problems;
      expect(problem!.message).toContain(`the rules in force (${withWholesale!.version}) were committed by another process`);
      expect(problem!.message).toContain(`its files now say ${files.version}`);
      expect(problem!.fix).toMatch(/same rule files/);
    }
    expect((await readDefinedProfiles(db)).version).toBe(withWholesale!.version);
    expect((await getCustomerProfiles(db, 'C-stale-1'))['account-type']).toMatchObject({ profileId: 'wholesale' });
  });

  it('goes through once its files are the rules in force: nothing to change', async () => {
    const { db } = test;
    expect(await commitRuleChange(db, shipped, withWholesale!)).toEqual({ moved: [], disconnected: [] });
    expect((await readDefinedProfiles(db)).version).toBe(withWholesale!.version);
  });
});

const watchedRules = ruleDirWith({ tests: null });
const accountTypeFile = path.join(watchedRules.dir, 'profiles/account-type.yaml');
afterAll(() => watchedRules.remove());

describe('a process whose reload was refused as stale', () => {
  const test = useTestDatabase();

  it('takes the rules in force by itself once its files are those rules', async () => {
    const { db } = test;
    const logger = pino({ level: 'silent' });
    const commit = (previous: Parameters<typeof commitRuleChange>[1], next: Parameters<typeof commitRuleChange>[2]) =>
      commitRuleChange(db, previous, next);
    // Two processes (an API and a worker) on one folder and one database.
    const api = new RuleRegistry(watchedRules.dir, logger, commit);
    const worker = new RuleRegistry(watchedRules.dir, logger, commit);
    await api.start();
    await worker.start();
    try {
      // Saved once: the API reloads it; the worker has not yet.
      writeFileSync(accountTypeFile, withProfile('wholesale'));
      expect((await api.reload()).ok).toBe(true);
      // Saved again a moment later: the worker reads this one first — refused, another process committed the one before.
      writeFileSync(accountTypeFile, withProfile('retail'));
      const refused = await worker.reload();
      expect(refused.ok).toBe(false);
      expect(refused.problems![0]!.message).toMatch(/committed by another process/);
      // The API reloads the same files: they are now the rules in force, and the worker's watcher takes them.
      expect((await api.reload()).ok).toBe(true);
      const inForce = loadRuleSet(watchedRules.dir).version;
      expect((await readDefinedProfiles(db)).version).toBe(inForce);
      worker.watch({ checkEveryMs: 100 });
      await expect.poll(() => worker.current.version, { timeout: 5_000, interval: 100 }).toBe(inForce);
    } finally {
      worker.close();
      api.close();
    }
  });
});
