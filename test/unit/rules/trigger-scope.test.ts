/** What an event's decision record covers: the sets it recalculates, the groups whose facts it changes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadRuleSet } from '../../../src/rules/load-rules';
import type { AttributeCatalogFile } from '../../../src/rules/rule-types';
import { derivedFactsChangedBy, triggerScope, type RecalculationTrigger } from '../../../src/rules/trigger-scope';
import { ruleDirWith, shippedRules } from '../../support/rule-dirs';

const group = (id: string, when: string) => `  - { id: ${id}, name: ${id}, description: ${id}, kind: conditional, when: ${when} }\n`;
const rules = ruleDirWith({
  'groups/by-event.yaml':
    'groups:\n' +
    group('frequent-returners', '{ fact: returns_in_window, operator: greaterThanInclusive, value: 3 }') +
    group('in-debt', '{ fact: outstanding_amount, operator: greaterThan, value: 0 }') +
    group('big-spenders', '{ fact: total_spent, operator: greaterThan, value: 10000 }') +
    group('cod-nearly-used', '{ fact: cod_available_limit, operator: lessThan, value: 1000 }') +
    group(
      'gold-returners',
      '{ all: [{ fact: loyalty_tier, operator: is, value: gold }, { fact: returned_percentage, operator: greaterThan, value: 50 }] }',
    ),
});
afterAll(() => rules.remove());
const ruleSet = loadRuleSet(rules.dir);

const covered = (trigger: RecalculationTrigger) => {
  const scope = triggerScope(ruleSet, trigger);
  return { sets: scope.profileSets.map((set) => set.id), groups: scope.groups.map((candidate) => candidate.id) };
};

describe('the rules an event concerns', () => {
  it('are, for a return, the sets recalculated on returns and the groups reading returns', () => {
    expect(covered('return-created')).toEqual({ sets: ['return-behaviour'], groups: ['frequent-returners', 'gold-returners'] });
    expect(covered('return-left-window')).toEqual(covered('return-created'));
  });

  it('are, for other events, the groups reading the facts the event moves, whether or not a set listens', () => {
    // Groups come in rule order: groups/by-event.yaml is read before groups/seed-examples.yaml.
    expect(covered('order-created')).toEqual({
      sets: [],
      groups: ['big-spenders', 'cod-nearly-used', 'gold-returners', 'high-value-mumbai'],
    });
    expect(covered('order-delivered')).toEqual({ sets: ['return-behaviour'], groups: ['cod-nearly-used'] });
    expect(covered('invoice-created')).toEqual({ sets: [], groups: ['in-debt'] });
    expect(covered('payment-received')).toEqual({ sets: [], groups: ['in-debt'] });
    expect(covered('attributes-changed')).toEqual({
      sets: [],
      groups: ['gold-returners', 'birthday-this-week', 'high-value-mumbai', 'premium-users'],
    });
  });

  it('name the facts their conditions read, in order of first use, inactive profiles included', () => {
    expect(triggerScope(ruleSet, 'return-created').factIds).toEqual(['returns_in_window', 'loyalty_tier', 'returned_percentage']);
  });

  it('leave no derived fact of the shipped catalogue to the catch-all (every one is moved by some event)', () => {
    const catalogue = parseYaml(readFileSync(path.join(shippedRules, 'attributes.yaml'), 'utf8')) as AttributeCatalogFile;
    const named = new Set(Object.values(derivedFactsChangedBy).flat());
    const derived = catalogue.attributes.filter((attribute) => attribute.source === 'derived').map((attribute) => attribute.id);
    expect(derived.filter((id) => !named.has(id))).toEqual([]);
  });

  it('include a group reading a derived fact no event names, on every event', () => {
    const catalogue = readFileSync(path.join(shippedRules, 'attributes.yaml'), 'utf8');
    const withNewFact = ruleDirWith({
      'attributes.yaml': `${catalogue}\n  - { id: loyalty_points, label: Loyalty points, type: number, source: derived, personal: false, encrypted: false }\n`,
      'groups/points.yaml': 'groups:\n' + group('many-points', '{ fact: loyalty_points, operator: greaterThan, value: 100 }'),
    });
    try {
      const rulesWithNewFact = loadRuleSet(withNewFact.dir);
      for (const trigger of ['return-created', 'invoice-created', 'attributes-changed'] as const) {
        expect(triggerScope(rulesWithNewFact, trigger).groups.map((candidate) => candidate.id)).toContain('many-points');
      }
    } finally {
      withNewFact.remove();
    }
  });
});
