/**
 * The event path records decisions with the tracing closures (traceDecision), not json-rules-engine
 * (explain, the reference): both must give the same record — on the shipped rules and on generated
 * rule sets, for any customer at any time — and on an event the record must be json-rules-engine's
 * record of the sets and groups the trigger concerns, entry for entry.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildRuleSet } from '../../../src/rules/build-rule-set';
import { evaluationTime, type EvaluationTime } from '../../../src/rules/evaluate';
import { explain } from '../../../src/rules/explain';
import { loadRuleSet } from '../../../src/rules/load-rules';
import type { UnplacedProblem } from '../../../src/rules/rule-problems';
import type { RuleSet } from '../../../src/rules/rule-set';
import type {
  AttributeCatalogFile,
  AttributeDefinition,
  AttributeType,
  DunningScenarioFile,
  GroupsFile,
  MessageTemplateFile,
  ProfileSetFile,
  RecalculationEvent,
  SettingsFile,
  Weekday,
} from '../../../src/rules/rule-types';
import { withActiveProfiles } from '../../../src/rules/run-rule-tests';
import { traceDecision } from '../../../src/rules/trace-decision';
import { triggerScope, type RecalculationTrigger } from '../../../src/rules/trigger-scope';
import { leavesOver } from '../../support/condition-leaves';
import { conditionTrees } from '../../support/condition-trees';
import { shippedRules } from '../../support/rule-dirs';

const readRuleFile = <T>(file: string) => parseYaml(readFileSync(path.join(shippedRules, file), 'utf8')) as T;
const settingsFile = readRuleFile<SettingsFile>('settings.yaml');
const attributesFile = readRuleFile<AttributeCatalogFile>('attributes.yaml');
const usable = attributesFile.attributes.filter((attribute) => !attribute.encrypted);

const events: RecalculationEvent[] = [
  'return-created',
  'order-created',
  'order-delivered',
  'invoice-created',
  'payment-received',
  'attributes-changed',
];
const triggers: RecalculationTrigger[] = [...events, 'return-left-window'];

// Values near the shipped thresholds (5 returns, ₹5,000), so that conditions come out both ways.
const number = fc.integer({ min: 0, max: 6000 });
const day = fc
  .date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const date = fc.oneof(day, fc.constantFrom('2000-02-29', '2028-02-29'));
const words = fc.constantFrom('Mumbai', 'MUMBAI', 'Navi Mumbai', 'Pune', '');

const leaf = leavesOver(usable, {
  numbers: number,
  texts: ['Mumbai', 'mum', 'Pune', ''],
  dates: date,
  dayCounts: fc.integer({ min: 1, max: 400 }),
});
const condition = conditionTrees(leaf);

const typedValue = (attribute: AttributeDefinition): fc.Arbitrary<unknown> =>
  ({
    number: number as fc.Arbitrary<unknown>,
    text: words,
    dropdown: fc.constantFrom(...(attribute.options ?? []), 'other'),
    boolean: fc.boolean(),
    date: fc.oneof(
      date,
      fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((at) => at.toISOString()),
    ),
  })[attribute.type satisfies AttributeType];

/** A customer's facts: any of the catalogue's, mostly well typed, sometimes null or of the wrong type, and held profiles. */
function customers(profileIds: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown>> {
  const values = Object.fromEntries(
    usable.map((attribute) => [
      attribute.id,
      fc.oneof({ weight: 8, arbitrary: typedValue(attribute) }, fc.constant(null), fc.constant('not a value'), fc.constant(42)),
    ]),
  );
  return fc
    .tuple(fc.record(values, { requiredKeys: [] }), fc.dictionary(fc.constantFrom('account-type', 'set0', 'set1', 'set2'), profileIds))
    .map(([facts, profiles]) => (Object.keys(profiles).length > 0 ? { ...facts, profiles } : facts));
}

const instants = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2032-01-01T00:00:00Z'), noInvalidDate: true });
/** An instant, zone and first day of the week: both paths decide at one evaluation time made from them. */
const moments = fc.record({
  now: instants,
  timeZone: fc.constantFrom('Asia/Kolkata', 'UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'),
  firstDayOfWeek: fc.constantFrom<Weekday>('monday', 'sunday'),
});
const timeOf = (ruleSet: RuleSet, { now, ...overrides }: { now: Date; timeZone: string; firstDayOfWeek: Weekday }): EvaluationTime =>
  evaluationTime(ruleSet, now, overrides);

const document = <T>(file: string, data: T) => ({ file, data, lineOf: () => 1 });
const profileIds = ['p0', 'p1', 'p2', 'p3'];

/** One profile set: automatic (every profile with conditions) or manual (none), a default or not. */
const profileSet = (index: number): fc.Arbitrary<ProfileSetFile> =>
  fc
    .record({
      automatic: fc.boolean(),
      recalculateOn: fc.uniqueArray(fc.constantFrom(...events), { maxLength: 3 }),
      profiles: fc.array(fc.record({ active: fc.boolean(), priority: fc.integer({ min: 0, max: 2 }), when: condition }), {
        minLength: 1,
        maxLength: 4,
      }),
      defaultIndex: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
    })
    .map(({ automatic, recalculateOn, profiles, defaultIndex }) => ({
      profileSet: {
        id: `set${index}`,
        name: `Set ${index}`,
        assignment: automatic ? 'automatic' : 'manual',
        ...(automatic && { recalculateOn }),
        ...(defaultIndex !== undefined && defaultIndex < profiles.length && { defaultProfile: profileIds[defaultIndex] }),
        profiles: profiles.map((profile, position) => ({
          id: profileIds[position]!,
          name: profileIds[position]!,
          active: profile.active,
          priority: profile.priority,
          ...(automatic && { when: profile.when }),
        })),
      },
    }));

const groupsFile: fc.Arbitrary<GroupsFile> = fc
  .array(fc.option(condition, { freq: 5, nil: undefined }), { maxLength: 6 })
  .map((conditions) => ({
    groups: conditions.map((when, index) => ({
      id: `g${index}`,
      name: `g${index}`,
      description: 'generated',
      kind: when ? 'conditional' : 'static',
      ...(when && { when }),
    })),
  }));

interface GeneratedRules {
  sets: ProfileSetFile[];
  groups: GroupsFile;
  scenarios: DunningScenarioFile[];
}

/** The files of a rule set: one to three generated profile sets, up to six groups, and scenarios tied to some of its profiles. */
const generatedRules: fc.Arbitrary<GeneratedRules> = fc
  .integer({ min: 1, max: 3 })
  .chain((count) => fc.tuple(fc.tuple(...Array.from({ length: count }, (_, index) => profileSet(index))), groupsFile, fc.nat()))
  .map(([sets, groups, seed]) => {
    const tied = sets.flatMap((set) => set.profileSet.profiles.map((profile) => `${set.profileSet.id}/${profile.id}`));
    const scenarios: DunningScenarioFile[] = tied
      .filter((_, index) => (seed >> index) & 1)
      .map((profile, index) => ({
        scenario: {
          id: `scenario${index}`,
          name: `Scenario ${index}`,
          profile,
          steps: [{ id: 'first', offsetDays: 0, action: 'email', template: 'reminder' }],
          stopWhen: ['paid'],
        },
      }));
    return { sets, groups, scenarios };
  });

/** The message template the generated scenarios' steps name. */
const reminderTemplate: MessageTemplateFile = {
  template: { id: 'reminder', name: 'Reminder', email: { subject: 'Invoice {{ invoice.id }}', body: 'Due on {{ invoice.dueDate }}' } },
};

/** The generated files built as the loader builds rule files (with the shipped settings and attributes). */
function build({ sets, groups, scenarios }: GeneratedRules): RuleSet {
  const problems: UnplacedProblem[] = [];
  const built = buildRuleSet(
    {
      settings: document('settings.yaml', settingsFile),
      attributes: document('attributes.yaml', attributesFile),
      profileSets: sets.map((set, index) => document(`profiles/set${index}.yaml`, set)),
      groups: [document('groups/generated.yaml', groups)],
      scenarios: scenarios.map((scenario, index) => document(`dunning/${index}.yaml`, scenario)),
      tests: [],
      templates: [document('templates/reminder.yaml', reminderTemplate)],
    },
    problems,
  );
  if (!built) throw new Error(`generated invalid rules: ${JSON.stringify(problems)}`);
  return { ...built, version: 'generated', files: [] };
}

const heldProfiles = fc.constantFrom(...profileIds, 'key-account', 'to-assign', 'gone');

describe('decision records from the tracing closures', () => {
  const shipped = loadRuleSet(shippedRules);
  const shippedWithReturners = withActiveProfiles(shipped, ['return-behaviour/*']);

  it("equal json-rules-engine's on the shipped rules, key order included, for random customers at random times (1,000 cases)", async () => {
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(shipped, shippedWithReturners),
        customers(fc.constantFrom('key-account', 'export', 'standard', 'to-assign', 'gone')),
        moments,
        async (ruleSet, facts, moment) => {
          const at = timeOf(ruleSet, moment);
          const reference = await explain(ruleSet, facts, at);
          const traced = traceDecision(ruleSet, facts, at);
          expect(traced).toStrictEqual(reference);
          expect(JSON.stringify(traced.record)).toBe(JSON.stringify(reference.record));
          outcomes.add(JSON.stringify(reference.decision));
        },
      ),
      { numRuns: 1000 },
    );
    // Many different decisions, or the property proves little.
    expect(outcomes.size).toBeGreaterThan(30);
  });

  it("equal json-rules-engine's on generated rule sets, for random customers, times, zones and weeks (400 cases)", async () => {
    let matchedProfiles = 0;
    let matchedGroups = 0;
    await fc.assert(
      fc.asyncProperty(generatedRules, customers(heldProfiles), moments, async (rules, facts, moment) => {
        const ruleSet = build(rules);
        const at = timeOf(ruleSet, moment);
        const reference = await explain(ruleSet, facts, at);
        const traced = traceDecision(ruleSet, facts, at);
        expect(traced).toStrictEqual(reference);
        expect(JSON.stringify(traced.record)).toBe(JSON.stringify(reference.record));
        if (reference.record.profiles.some((set) => set.assignment === 'automatic' && set.candidates.some((c) => c.matched === true)))
          matchedProfiles++;
        if (reference.decision.groups.length > 0) matchedGroups++;
      }),
      { numRuns: 400 },
    );
    expect(matchedProfiles).toBeGreaterThan(40);
    expect(matchedGroups).toBeGreaterThan(40);
  });

  it("cover what a trigger concerns, each entry as json-rules-engine's, and keep the held profile of every set not recalculated (400 cases)", async () => {
    let partial = 0;
    await fc.assert(
      fc.asyncProperty(
        generatedRules,
        customers(heldProfiles),
        moments,
        fc.constantFrom(...triggers),
        async (rules, facts, moment, trigger) => {
          const ruleSet = build(rules);
          const at = timeOf(ruleSet, moment);
          const scope = triggerScope(ruleSet, trigger);
          const reference = await explain(ruleSet, facts, at);
          const { decision, record } = traceDecision(ruleSet, facts, at, scope);
          const inScope = <T>(entries: T[], id: (entry: T) => string, ids: string[]) => entries.filter((entry) => ids.includes(id(entry)));
          const setIds = scope.profileSets.map((set) => set.id);
          const groupIds = scope.groups.map((group) => group.id);
          expect(record.profiles).toStrictEqual(inScope(reference.record.profiles, (set) => set.setId, setIds));
          expect(record.groups).toStrictEqual(inScope(reference.record.groups, (group) => group.groupId, groupIds));
          expect(record.facts).toStrictEqual(
            Object.fromEntries(Object.entries(reference.record.facts).filter(([id]) => scope.factIds.includes(id))),
          );
          expect([record.ruleSetVersion, record.evaluatedAt, record.today, record.timeZone]).toEqual([
            reference.record.ruleSetVersion,
            reference.record.evaluatedAt,
            reference.record.today,
            reference.record.timeZone,
          ]);
          const held = (facts.profiles ?? {}) as Record<string, string>;
          for (const set of ruleSet.profileSets) {
            const expected =
              setIds.includes(set.id) || set.assignment === 'manual' ? reference.decision.profiles[set.id] : (held[set.id] ?? null);
            expect(decision.profiles[set.id]).toBe(expected);
          }
          expect(decision.groups).toEqual(reference.decision.groups.filter((id) => groupIds.includes(id)));
          // The scenario follows the profiles the customer holds after the recalculation.
          const tied = ruleSet.scenarios.find((scenario) => decision.profiles[scenario.profile.setId] === scenario.profile.profileId);
          expect(record.scenario.scenarioId).toBe(tied?.id ?? null);
          if (setIds.length < ruleSet.profileSets.length || groupIds.length < ruleSet.groups.length) partial++;
        },
      ),
      { numRuns: 400 },
    );
    expect(partial).toBeGreaterThan(200);
  });
});
