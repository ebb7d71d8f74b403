/**
 * Which automatic sets a rule change makes decide differently (issue 13): those whose customers a
 * start or reload recalculates at once. Compared with what the database recorded at the last commit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/rules/load-rules';
import { RuleSetInvalidError } from '../../../src/rules/rule-problems';
import { decisionRulesOf, decisionRulesToRecord, setsDecidingDifferently } from '../../../src/rules/set-decision-rules';
import { ruleDirWith, shippedRules } from '../../support/rule-dirs';

const shipped = (file: string) => readFileSync(path.join(shippedRules, file), 'utf8');
const returnBehaviour = shipped('profiles/return-behaviour.yaml');
const active = returnBehaviour.replaceAll('active: false', 'active: true');
const dirs: Array<{ remove(): void }> = [];
const rulesWith = (files: Record<string, string | null>) => {
  const dir = ruleDirWith({ tests: null, ...files });
  dirs.push(dir);
  return loadRuleSet(dir.dir);
};
afterAll(() => dirs.forEach((dir) => dir.remove()));

const shippedRuleSet = rulesWith({});
const activeRuleSet = rulesWith({ 'profiles/return-behaviour.yaml': active });
const recorded = decisionRulesOf(activeRuleSet);
const changedBy = (files: Record<string, string | null>) => setsDecidingDifferently(recorded, rulesWith(files));

describe('automatic sets deciding differently after a rule change', () => {
  it('finds the shipped returner profiles switched on, and nothing when the rules are the same', () => {
    expect(setsDecidingDifferently(decisionRulesOf(shippedRuleSet), activeRuleSet)).toEqual([
      { setId: 'return-behaviour', change: 'rules-changed' },
    ]);
    expect(setsDecidingDifferently(recorded, activeRuleSet)).toEqual([]);
    // Manual sets decide nothing: they are not recorded.
    expect(Object.keys(recorded)).toEqual(['return-behaviour']);
  });

  it('finds a changed threshold, priority, deactivation, added profile, default profile and returns window', () => {
    const rulesChanged = [{ setId: 'return-behaviour', change: 'rules-changed' }];
    expect(changedBy({ 'profiles/return-behaviour.yaml': active.replace('minimumReturns: 5', 'minimumReturns: 4') })).toEqual(rulesChanged);
    expect(changedBy({ 'profiles/return-behaviour.yaml': active.replace('priority: 2', 'priority: 7') })).toEqual(rulesChanged);
    expect(
      changedBy({ 'profiles/return-behaviour.yaml': active.replace(/(id: serial-returner\n(?: {6}.*\n)*? {6}active:) true/, '$1 false') }),
    ).toEqual(rulesChanged);
    const added = `${active}    - { id: big-spender, name: Big spender, active: true, priority: 9, when: { fact: total_spent, operator: greaterThan, value: 100000 } }\n`;
    expect(changedBy({ 'profiles/return-behaviour.yaml': added })).toEqual(rulesChanged);
    const settings = shipped('settings.yaml');
    expect(settings).toMatch(/returnsWindow: 12 months/);
    expect(changedBy({ 'settings.yaml': settings.replace('returnsWindow: 12 months', 'returnsWindow: 6 months') })).toEqual(rulesChanged);
  });

  it('finds a new automatic set, and a set made automatic', () => {
    const vip = `profileSet:
  id: vip
  name: VIP
  assignment: automatic
  recalculateOn: [order-created]
  profiles:
    - { id: vip, name: VIP, active: true, priority: 1, when: { fact: total_spent, operator: greaterThan, value: 50000 } }
`;
    expect(changedBy({ 'profiles/return-behaviour.yaml': active, 'profiles/vip.yaml': vip })).toEqual([
      { setId: 'vip', change: 'set-added' },
    ]);
  });

  it('ignores what decides nothing: names, descriptions, inactive profiles, recalculateOn, and a profile removed (its holders are recalculated as such)', () => {
    const renamed = active
      .replace('name: Normal returner', 'name: Frequent returner')
      .replace('Customer profiles by number', 'Profiles by number');
    expect(changedBy({ 'profiles/return-behaviour.yaml': renamed })).toEqual([]);
    expect(
      changedBy({ 'profiles/return-behaviour.yaml': active.replace('[return-created, order-delivered]', '[return-created]') }),
    ).toEqual([]);
    const withoutNormal = active.replace(/ {4}- id: normal-returner\n( {6}.*\n)+?(?= {4}- id)/, '');
    expect(changedBy({ 'profiles/return-behaviour.yaml': withoutNormal })).toEqual([]);
    // An inactive profile's conditions decide nothing until it is switched on.
    expect(
      setsDecidingDifferently(
        decisionRulesOf(shippedRuleSet),
        rulesWith({ 'profiles/return-behaviour.yaml': returnBehaviour.replace('minimumReturns: 20', 'minimumReturns: 25') }),
      ),
    ).toEqual([]);
    // Other settings and attributes the set's conditions do not read.
    expect(
      changedBy({
        'profiles/return-behaviour.yaml': active,
        'settings.yaml': shipped('settings.yaml').replace(/currency: \w+/, 'currency: EUR'),
      }),
    ).toEqual([]);
  });

  it('leaves out a set that asks to be recalculated only at each next event, and keeps its recorded rules until it asks again', () => {
    const lazy = active
      .replace('  recalculateOnRuleChange: true\n', '  recalculateOnRuleChange: false\n')
      .replace('minimumReturns: 5', 'minimumReturns: 4');
    expect(lazy).toMatch(/^ {2}recalculateOnRuleChange: false$/m);
    const lazyRules = rulesWith({ 'profiles/return-behaviour.yaml': lazy });
    expect(setsDecidingDifferently(recorded, lazyRules)).toEqual([]);
    const kept = decisionRulesToRecord(recorded, lazyRules);
    expect(kept).toEqual(recorded);
    // Switched back on with the threshold changed meanwhile: everyone is recalculated then.
    const eager = rulesWith({ 'profiles/return-behaviour.yaml': active.replace('minimumReturns: 5', 'minimumReturns: 4') });
    expect(setsDecidingDifferently(kept, eager)).toEqual([{ setId: 'return-behaviour', change: 'rules-changed' }]);
    expect(decisionRulesToRecord(kept, eager)).toEqual(decisionRulesOf(eager));
  });

  it('defaults to recalculating, and refuses the switch in a manual set', () => {
    const implicit = rulesWith({ 'profiles/return-behaviour.yaml': active.replace('  recalculateOnRuleChange: true\n', '') });
    expect(implicit.profileSets.find((set) => set.id === 'return-behaviour')!.recalculateOnRuleChange).toBe(true);
    const manual = shipped('profiles/account-type.yaml').replace(
      'assignment: manual',
      'assignment: manual\n  recalculateOnRuleChange: true',
    );
    expect(manual).toMatch(/recalculateOnRuleChange/);
    expect(() => rulesWith({ 'profiles/account-type.yaml': manual })).toThrow(RuleSetInvalidError);
  });
});
