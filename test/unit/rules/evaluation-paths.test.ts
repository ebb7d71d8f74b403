/**
 * The fast path (compiled closures) and the explained path (json-rules-engine) must decide alike,
 * on any condition tree and any facts — missing, null, wrong types and recurring dates included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionTrees } from '../../support/condition-trees';
import { compileCondition } from '../../../src/rules/check-conditions';
import { evaluate } from '../../../src/rules/evaluate';
import { explain } from '../../../src/rules/explain';
import { loadRuleSet } from '../../../src/rules/load-rules';
import { operatorNames, findOperator } from '../../../src/rules/operators';
import type { UnplacedProblem } from '../../../src/rules/rule-problems';
import type { RuleSet } from '../../../src/rules/rule-set';
import type { AttributeDefinition, AttributeType, Condition, Weekday } from '../../../src/rules/rule-types';
import { shippedRules } from '../../support/rule-dirs';

const attribute = (id: string, type: AttributeType, options?: string[]): AttributeDefinition => ({
  id,
  label: id,
  type,
  source: 'attribute',
  personal: false,
  encrypted: false,
  ...(options && { options }),
});

const catalog = new Map(
  [
    attribute('spent', 'number'),
    attribute('orders', 'number'),
    attribute('city', 'text'),
    attribute('tier', 'dropdown', ['bronze', 'silver', 'gold']),
    attribute('premium', 'boolean'),
    attribute('birthdate', 'date'),
    attribute('last_order', 'date'),
  ].map((definition) => [definition.id, definition]),
);

const dateString = fc
  .date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const leapDay = fc.constantFrom('2000-02-29', '1996-02-29', '2028-02-29');
const anyDate = fc.oneof(dateString, leapDay);
const monthDay = anyDate.map((date) => date.slice(5));

function valueFor(type: AttributeType, operator: string, recurring: boolean): fc.Arbitrary<unknown> {
  const spec = findOperator(type, operator)!;
  switch (spec.value) {
    case 'none':
      return fc.constant(undefined);
    case 'number':
      return fc.integer({ min: -10, max: 10_000 });
    case 'numberRange':
      return fc
        .tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }))
        .map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
    case 'text':
      return fc.constantFrom('Mumbai', 'mum', 'bai', 'Pune', '');
    case 'textList':
      return fc.uniqueArray(fc.constantFrom('Mumbai', 'Pune', 'Delhi'), { minLength: 1 });
    case 'option':
      return fc.constantFrom('bronze', 'silver', 'gold');
    case 'optionList':
      return fc.uniqueArray(fc.constantFrom('bronze', 'silver', 'gold'), { minLength: 1 });
    case 'dayCount':
      return fc.integer({ min: 1, max: 400 });
    case 'date':
      return recurring ? fc.oneof(monthDay, anyDate) : anyDate;
    case 'dateRange':
      return recurring ? fc.tuple(monthDay, monthDay) : fc.tuple(anyDate, anyDate).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
  }
}

const leaf: fc.Arbitrary<Condition> = fc.constantFrom(...catalog.values()).chain((definition) =>
  fc.constantFrom(...operatorNames(definition.type)).chain((operator) => {
    const recurringAllowed = findOperator(definition.type, operator)!.recurring;
    return (recurringAllowed ? fc.boolean() : fc.constant(false)).chain((recurring) =>
      valueFor(definition.type, operator, recurring).map((value) => ({
        fact: definition.id,
        operator,
        ...(value !== undefined && { value }),
        ...(recurring && { recurring: true }),
      })),
    );
  }),
);

const condition = conditionTrees(leaf);

const factValue = (type: AttributeType): fc.Arbitrary<unknown> => {
  const typed = {
    number: fc.integer({ min: -10, max: 10_000 }),
    text: fc.constantFrom('Mumbai', 'MUMBAI', 'Navi Mumbai', 'Pune', ''),
    dropdown: fc.constantFrom('bronze', 'silver', 'gold', 'other'),
    boolean: fc.boolean(),
    date: fc.oneof(
      anyDate,
      fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString()),
    ),
  }[type];
  return fc.oneof({ weight: 6, arbitrary: typed }, fc.constant(null), fc.constant('not a value'), fc.constant(42));
};

const facts = fc.record(Object.fromEntries([...catalog.values()].map((definition) => [definition.id, factValue(definition.type)])), {
  requiredKeys: [],
});

/** A rule set whose only content is one conditional group with `when`. */
function ruleSetWithGroup(when: Condition, base: RuleSet): RuleSet {
  const problems: UnplacedProblem[] = [];
  const compiled = compileCondition(when, '/when', { file: 'generated', attributes: catalog, problems });
  if (!compiled) throw new Error(`generated an invalid condition: ${JSON.stringify(problems)}`);
  return {
    ...base,
    attributes: catalog,
    profileSets: [],
    scenarios: [],
    groups: [{ id: 'g', name: 'g', description: 'g', kind: 'conditional', condition: compiled, predicate: undefined }],
  };
}

describe('fast and explained evaluation', () => {
  const base = loadRuleSet(shippedRules);

  it('decide alike on random condition trees and random customers (1,000 cases)', async () => {
    const { toPredicate } = await import('../../../src/rules/compile-conditions');
    let matched = 0;
    await fc.assert(
      fc.asyncProperty(
        condition,
        facts,
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2032-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('Asia/Kolkata', 'UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'),
        fc.constantFrom<Weekday>('monday', 'sunday', 'saturday'),
        async (when, customer, now, timeZone, firstDayOfWeek) => {
          const ruleSet = ruleSetWithGroup(when, base);
          ruleSet.groups[0]!.predicate = toPredicate(ruleSet.groups[0]!.condition!);
          const overrides = { timeZone, firstDayOfWeek };
          const fast = evaluate(ruleSet, customer, now, overrides);
          const { decision } = await explain(ruleSet, customer, now, overrides);
          expect(decision.groups).toEqual(fast.groups);
          if (fast.groups.length > 0) matched++;
        },
      ),
      { numRuns: 1000 },
    );
    // Both outcomes must be well represented, or the property proves little.
    expect(matched).toBeGreaterThan(150);
    expect(matched).toBeLessThan(850);
  });

  it('give every concurrent run its own result (no shared engine state)', async () => {
    const customers = Array.from({ length: 2000 }, (_, index) => ({
      total_spent: index % 2 === 0 ? 9000 : 100,
      city: index % 3 === 0 ? 'Mumbai' : 'Pune',
      premium_member: index % 5 === 0,
      birthdate: index % 7 === 0 ? '1990-01-02' : '1990-07-01',
    }));
    const now = new Date('2026-12-31T10:00:00+05:30');
    const explained = await Promise.all(customers.map((customer) => explain(base, customer, now)));
    const wrong = explained.filter(
      ({ decision }, index) => JSON.stringify(decision) !== JSON.stringify(evaluate(base, customers[index]!, now)),
    );
    expect(wrong).toHaveLength(0);
    expect(new Set(explained.map(({ decision }) => decision.groups.join(','))).size).toBeGreaterThan(4);
  });
});

describe('decision record', () => {
  const ruleSet = loadRuleSet(shippedRules);
  const now = new Date('2026-12-31T10:00:00+05:30');

  it('names the rule-set version, the facts used and each condition with the value it saw', async () => {
    const { record } = await explain(ruleSet, { total_spent: 6000, city: 'Pune', email: 'x@example.com' }, now);
    expect(record.ruleSetVersion).toBe(ruleSet.version);
    expect(record.today).toBe('2026-12-31');
    expect(record.facts).toEqual({ total_spent: 6000, city: 'Pune' });
    const mumbai = record.groups.find((group) => group.groupId === 'high-value-mumbai')!;
    expect(mumbai).toMatchObject({
      matched: false,
      conditions: {
        all: [
          { fact: 'total_spent', operator: 'greaterThan', value: 5000, factValue: 6000, result: true },
          { fact: 'city', operator: 'equals', value: 'Mumbai', factValue: 'Pune', result: false },
        ],
        result: false,
      },
    });
  });

  it('marks inactive profiles as not evaluated and explains a missing scenario', async () => {
    const { record } = await explain(ruleSet, { returns_in_window: 30, profiles: { 'account-type': 'to-assign' } }, now);
    const returners = record.profiles.find((set) => set.setId === 'return-behaviour')!;
    expect(returners.profileId).toBeNull();
    expect(returners.candidates.every((candidate) => candidate.matched === 'not-evaluated')).toBe(true);
    expect(record.scenario).toEqual({ scenarioId: null, reason: expect.stringMatching(/left out of automatic reminders/) });
  });
});
