/** What a rule change does to the profiles it removes, decided before anything is written. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/rules/load-rules';
import { definedProfiles, expectedChanges, planProfileChange, refusedRemovals } from '../../../src/rules/profile-removal';
import { RuleSetInvalidError } from '../../../src/rules/rule-problems';
import { ruleDirWith, shippedRules } from '../../support/rule-dirs';

const shipped = (file: string) => readFileSync(path.join(shippedRules, file), 'utf8');
const withoutExport = shipped('profiles/account-type.yaml').replace(/ {4}- id: export\n( {6}.*\n)+?(?= {4}- id)/, '');
const dirs: Array<{ remove(): void }> = [];
const rulesWith = (files: Record<string, string | null>) => {
  const dir = ruleDirWith({ tests: null, ...files });
  dirs.push(dir);
  return loadRuleSet(dir.dir);
};
afterAll(() => dirs.forEach((dir) => dir.remove()));

const shippedRuleSet = rulesWith({});
const known = definedProfiles(shippedRuleSet);

describe('planning a rule change', () => {
  it('finds nothing to do when the rules define what the database knows', () => {
    expect(planProfileChange(known, shippedRuleSet)).toEqual({ removals: [], added: [] });
  });

  it('refuses a profile gone from a manual set without a tombstone, once customers hold it', () => {
    const next = rulesWith({ 'profiles/account-type.yaml': withoutExport, 'dunning/export.yaml': null });
    const { removals } = planProfileChange(known, next);
    expect(removals).toEqual([{ setId: 'account-type', profileId: 'export', action: 'refuse-if-held' }]);
    expect(refusedRemovals(next, [{ removal: removals[0]!, count: 0, sample: [] }])).toEqual([]);
    const [problem] = refusedRemovals(next, [{ removal: removals[0]!, count: 1, sample: ['C-1'] }]);
    expect(problem!.message).toBe(
      'profile "export" is removed from manual set "account-type", but 1 customer holds it (C-1); the rule change is refused and the rules in use stay in place',
    );
    expect(problem!.file).toMatch(/profiles\/account-type\.yaml$/);
  });

  it('moves the holders to the replacement a tombstone names, which may be a profile the change adds', () => {
    const renamed = withoutExport.replace(
      '- id: standard',
      '- id: international\n      name: International\n      active: true\n      priority: 0\n    - id: standard',
    );
    const next = rulesWith({
      'profiles/account-type.yaml': `${renamed}  removedProfiles:\n    - { id: export, replacedBy: international }\n`,
      'dunning/export.yaml': null,
    });
    expect(planProfileChange(known, next)).toEqual({
      removals: [{ setId: 'account-type', profileId: 'export', action: 'move', to: 'international' }],
      added: [{ setId: 'account-type', profileId: 'international' }],
    });
  });

  it('disconnects the holders of a profile gone from an automatic set, and of a whole set gone that was automatic', () => {
    const next = rulesWith({
      'profiles/return-behaviour.yaml': shipped('profiles/return-behaviour.yaml').replace(/ {4}- id: serial-returner\n( {6}.*\n)+/, ''),
    });
    expect(planProfileChange([...known, { setId: 'old-set', profileId: 'gone' }], next, new Set(['old-set'])).removals).toEqual([
      { setId: 'old-set', profileId: 'gone', action: 'disconnect', reason: 'set-removed' },
      { setId: 'return-behaviour', profileId: 'serial-returner', action: 'disconnect', reason: 'automatic-set' },
    ]);
  });

  it('refuses, while held, a whole set gone that is not known to have been automatic: its file deleted or its id renamed', () => {
    const next = rulesWith({});
    const plan = planProfileChange([...known, { setId: 'service-tier', profileId: 'gold' }], next);
    expect(plan.removals).toEqual([{ setId: 'service-tier', profileId: 'gold', action: 'refuse-if-held', setRemoved: true }]);
    const [problem, ...others] = refusedRemovals(next, [{ removal: plan.removals[0]!, count: 2, sample: ['C-1', 'C-2'] }]);
    expect(others).toEqual([]);
    expect(problem!.message).toContain('manual profile set "service-tier" is gone from the rules');
    expect(problem!.message).toContain('2 customers hold its profile "gold" (C-1, C-2)');
    expect(problem!.fix).toContain('npx rulebook profiles reassign --set service-tier --from gold');
  });
});

describe('what committing a plan would do to customers', () => {
  it('moves the holders a tombstone sends elsewhere and disconnects those of automatic and removed sets; refusals and empty profiles do nothing', () => {
    expect(
      expectedChanges([
        { removal: { setId: 'account-type', profileId: 'export', action: 'move', to: 'standard' }, count: 3, sample: ['C-1'] },
        { removal: { setId: 'account-type', profileId: 'old', action: 'move', to: 'standard' }, count: 0, sample: [] },
        { removal: { setId: 'account-type', profileId: 'vip', action: 'refuse-if-held' }, count: 2, sample: ['C-2'] },
        {
          removal: { setId: 'return-behaviour', profileId: 'serial-returner', action: 'disconnect', reason: 'automatic-set' },
          count: 5,
          sample: [],
        },
        { removal: { setId: 'old-set', profileId: 'gone', action: 'disconnect', reason: 'set-removed' }, count: 1, sample: [] },
      ]),
    ).toEqual({
      moved: [{ setId: 'account-type', from: 'export', to: 'standard', customers: 3 }],
      disconnected: [
        { setId: 'return-behaviour', profileId: 'serial-returner', customers: 5, reason: 'automatic-set' },
        { setId: 'old-set', profileId: 'gone', customers: 1, reason: 'set-removed' },
      ],
    });
  });

  it('does nothing when nobody holds a removed profile', () => {
    expect(expectedChanges([])).toEqual({ moved: [], disconnected: [] });
  });
});

describe('tombstones in a profile set file', () => {
  const refused = (tombstones: string, profiles = withoutExport) => {
    try {
      rulesWith({ 'profiles/account-type.yaml': profiles + tombstones, 'dunning/export.yaml': null });
    } catch (error) {
      if (error instanceof RuleSetInvalidError) return error.problems;
      throw error;
    }
    return [];
  };

  it('refuses a replacement that is not a profile of the set', () => {
    expect(refused('  removedProfiles:\n    - { id: export, replacedBy: nowhere }\n')).toEqual([
      expect.objectContaining({ pointer: '/profileSet/removedProfiles/0/replacedBy', fix: 'Use one of: key-account, standard, to-assign' }),
    ]);
  });

  it('refuses a tombstone for a profile still listed', () => {
    expect(refused('  removedProfiles:\n    - { id: standard, replacedBy: to-assign }\n')).toEqual([
      expect.objectContaining({ pointer: '/profileSet/removedProfiles/0/id' }),
    ]);
  });

  it('refuses tombstones in an automatic set, whose rules recalculate the holders', () => {
    const problems = (() => {
      try {
        rulesWith({
          'profiles/return-behaviour.yaml': `${shipped('profiles/return-behaviour.yaml')}  removedProfiles:\n    - { id: gone, replacedBy: serial-returner }\n`,
        });
      } catch (error) {
        if (error instanceof RuleSetInvalidError) return error.problems;
        throw error;
      }
      return [];
    })();
    expect(problems).toEqual([expect.objectContaining({ pointer: '/profileSet/removedProfiles' })]);
  });
});
