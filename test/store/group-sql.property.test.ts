/**
 * Group membership computed in the database (condition → SQL) equals the in-memory evaluation, on
 * random customers and random condition trees — missing values, case, recurring dates and 29
 * February included — on every store back-end.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { conditionTrees } from '../support/condition-trees';
import { compileCondition } from '../../src/rules/check-conditions';
import { toPredicate } from '../../src/rules/compile-conditions';
import { operatorContext } from '../../src/rules/evaluate';
import type { FactValues } from '../../src/rules/fact-values';
import { loadRuleSet } from '../../src/rules/load-rules';
import { findOperator, operatorNames } from '../../src/rules/operators';
import type { UnplacedProblem } from '../../src/rules/rule-problems';
import type { CompiledGroup, RuleSet } from '../../src/rules/rule-set';
import type { AttributeDefinition, Condition, ReturnsWindow, Weekday } from '../../src/rules/rule-types';
import { loadCustomerFacts } from '../../src/store/customer-facts-store';
import type { Database } from '../../src/store/database';
import { membershipSql } from '../../src/store/group-store';
import { shippedRules } from '../support/rule-dirs';
import { useTestDatabase } from '../support/test-databases';

const shipped = loadRuleSet(shippedRules);
const usable = [...shipped.attributes.values()].filter((attribute) => !attribute.encrypted);

const texts = ['Mumbai', 'MUMBAI', 'mumbai', 'Navi Mumbai', 'Pune', 'München', 'MÜNCHEN', 'İstanbul', 'a', ''];
const days = fc
  .integer({ min: Date.UTC(1960, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const dates = fc.oneof({ weight: 5, arbitrary: days }, fc.constantFrom('2000-02-29', '1996-02-28', '1990-12-31', '1991-01-01'));

/** A typed value for an attribute, as the API would store it. */
function attributeValue(attribute: AttributeDefinition): fc.Arbitrary<unknown> {
  switch (attribute.type) {
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 12_000 }), fc.constantFrom(5000, 0.1, 4999.99));
    case 'text':
      return fc.constantFrom(...texts);
    case 'dropdown':
      return fc.constantFrom(...attribute.options!);
    case 'boolean':
      return fc.boolean();
    case 'date':
      return dates;
  }
}

const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 5, 1) }).map((ms) => new Date(ms).toISOString());

const customer = fc.record({
  attributes: fc.record(
    Object.fromEntries(
      usable
        .filter((attribute) => attribute.source === 'attribute' && !['name', 'email', 'phone'].includes(attribute.id))
        .map((attribute) => [attribute.id, attributeValue(attribute)]),
    ),
    { requiredKeys: [] },
  ),
  name: fc.option(fc.constantFrom(...texts), { nil: null }),
  erased: fc.boolean().map((erased) => erased && Math.random() < 0.1),
  orders: fc.array(
    fc.record({
      value: fc.integer({ min: 0, max: 1_000_000 }).map((cents) => cents / 100),
      items: fc.integer({ min: 1, max: 5 }),
      status: fc.constantFrom('placed', 'delivered', 'cancelled', 'returned-to-origin', 'returned'),
      paymentMethod: fc.constantFrom('cod', 'card'),
      placedAt: instant,
    }),
    { maxLength: 3 },
  ),
  returns: fc.array(fc.record({ items: fc.integer({ min: 1, max: 3 }), at: instant }), { maxLength: 4 }),
  invoices: fc.array(
    fc.record({
      amount: fc.integer({ min: 0, max: 500_000 }).map((cents) => cents / 100),
      paid: fc.integer({ min: 0, max: 300_000 }).map((cents) => cents / 100),
    }),
    { maxLength: 2 },
  ),
});

type Customer = typeof customer extends fc.Arbitrary<infer T> ? T : never;

async function insertPopulation(db: Database, population: Customer[]): Promise<void> {
  for (const [index, person] of population.entries()) {
    const id = `P${String(index).padStart(4, '0')}`;
    await db.query(`INSERT INTO customers (id, name, attributes, erasure_state) VALUES ($1, $2, $3, $4)`, [
      id,
      person.name,
      JSON.stringify(person.attributes),
      person.erased ? 'erased' : 'none',
    ]);
    for (const [n, order] of person.orders.entries()) {
      await db.query(
        `INSERT INTO orders (id, customer_id, value, currency, channel, payment_method, items, status, placed_at, request)
         VALUES ($1, $2, $3, 'INR', 'storefront', $4, $5, $6, $7, '{}')`,
        [`${id}-o${n}`, id, order.value, order.paymentMethod, order.items, order.status, order.placedAt],
      );
    }
    for (const [n, item] of person.returns.entries()) {
      await db.query(`INSERT INTO returns (id, customer_id, items, returned_at, request) VALUES ($1, $2, $3, $4, '{}')`, [
        `${id}-r${n}`,
        id,
        item.items,
        item.at,
      ]);
    }
    for (const [n, invoice] of person.invoices.entries()) {
      await db.query(
        `INSERT INTO invoices (id, customer_id, amount, currency, due_date, issued_at, request) VALUES ($1, $2, $3, 'INR', '2026-01-01', '2025-12-01', '{}')`,
        [`${id}-i${n}`, id, invoice.amount],
      );
      if (invoice.paid > 0)
        await db.query(`INSERT INTO payments (id, invoice_id, amount, paid_at, request) VALUES ($1, $2, $3, '2026-01-02', '{}')`, [
          `${id}-p${n}`,
          `${id}-i${n}`,
          invoice.paid,
        ]);
    }
  }
}

function valueFor(attribute: AttributeDefinition, operator: string, recurring: boolean): fc.Arbitrary<unknown> {
  const spec = findOperator(attribute.type, operator)!;
  switch (spec.value) {
    case 'none':
      return fc.constant(undefined);
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 12_000 }), fc.constantFrom(0, 1, 5, 20, 5000, 50_000));
    case 'numberRange':
      return fc
        .tuple(fc.integer({ min: 0, max: 12_000 }), fc.integer({ min: 0, max: 12_000 }))
        .map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
    case 'text':
      return fc.constantFrom(...texts, 'mum', 'BAI', 'ü');
    case 'textList':
      return fc.uniqueArray(fc.constantFrom(...texts), { minLength: 1, maxLength: 3 });
    case 'option':
      return fc.constantFrom(...attribute.options!);
    case 'optionList':
      return fc.uniqueArray(fc.constantFrom(...attribute.options!), { minLength: 1 });
    case 'dayCount':
      return fc.integer({ min: 1, max: 800 });
    case 'date':
      return recurring
        ? fc.oneof(
            dates.map((date) => date.slice(5)),
            dates,
          )
        : dates;
    case 'dateRange':
      return recurring
        ? fc.tuple(
            dates.map((date) => date.slice(5)),
            dates.map((date) => date.slice(5)),
          )
        : fc.tuple(dates, dates).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
  }
}

const leaf: fc.Arbitrary<Condition> = fc.constantFrom(...usable).chain((attribute) =>
  fc.constantFrom(...operatorNames(attribute.type)).chain((operator) =>
    (findOperator(attribute.type, operator)!.recurring ? fc.boolean() : fc.constant(false)).chain((recurring) =>
      valueFor(attribute, operator, recurring).map((value) => ({
        fact: attribute.id,
        operator,
        ...(value !== undefined && { value }),
        ...(recurring && { recurring: true }),
      })),
    ),
  ),
);

const condition = conditionTrees(leaf);

const moments = ['2025-01-15T10:00:00Z', '2026-02-28T20:00:00Z', '2026-12-31T18:45:00Z', '2028-02-29T00:30:00Z'];
const zones = ['Asia/Kolkata', 'UTC', 'America/Los_Angeles'];
const windows: ReturnsWindow[] = ['1 month', '12 months', 'unlimited'];
const weekStarts: Weekday[] = ['monday', 'sunday'];

describe('group membership in SQL', () => {
  const test = useTestDatabase();
  const factsCache = new Map<string, Map<string, FactValues>>();

  beforeAll(async () => {
    await insertPopulation(test.db, fc.sample(customer, 120));
  });

  it('equals the in-memory evaluation on random customers and condition trees (1,000 cases)', async () => {
    let nonEmpty = 0;
    let notEveryone = 0;
    await fc.assert(
      fc.asyncProperty(
        condition,
        fc.constantFrom(...moments),
        fc.constantFrom(...zones),
        fc.constantFrom(...windows),
        fc.constantFrom(...weekStarts),
        async (when, moment, timeZone, returnsWindow, firstDayOfWeek) => {
          const ruleSet: RuleSet = { ...shipped, settings: { ...shipped.settings, timeZone, returnsWindow, firstDayOfWeek } };
          const problems: UnplacedProblem[] = [];
          const compiled = compileCondition(when, '/when', { file: 'generated', attributes: ruleSet.attributes, problems });
          expect(problems).toEqual([]);
          const group: CompiledGroup = {
            id: 'g',
            name: 'g',
            description: 'g',
            kind: 'conditional',
            condition: compiled!,
            predicate: toPredicate(compiled!),
          };
          const now = new Date(moment);

          const key = `${moment}|${timeZone}|${returnsWindow}`;
          if (!factsCache.has(key)) factsCache.set(key, await loadCustomerFacts(test.db, ruleSet, now));
          const context = operatorContext(ruleSet.settings, now);
          const inMemory = [...factsCache.get(key)!].filter(([, facts]) => group.predicate!(facts, context)).map(([id]) => id);

          const { where, params } = membershipSql(ruleSet, group, now);
          const rows = await test.db.query<{ id: string }>(`SELECT c.id FROM customers c WHERE ${where} ORDER BY c.id`, params.values);
          expect(rows.map((row) => row.id)).toEqual(inMemory);
          if (inMemory.length > 0) nonEmpty++;
          if (inMemory.length < factsCache.get(key)!.size) notEveryone++;
        },
      ),
      { numRuns: 1000 },
    );
    // The property says little unless groups are neither always empty nor always everyone.
    expect(nonEmpty).toBeGreaterThan(200);
    expect(notEveryone).toBeGreaterThan(200);
  }, 300_000);
});
