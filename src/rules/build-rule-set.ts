/**
 * The checks a schema cannot express, and compilation: known and unencrypted attributes,
 * operators that fit the type, unique ids, existing references. Works on schema-valid documents.
 */
import { compileCondition, type CompiledCondition, type ConditionScope } from './check-conditions';
import { toPredicate } from './compile-conditions';
import { isKnownPhoneRegion } from '../contacts/phone-number';
import { isKnownTimeZone } from './calendar';
import { buildMessageTemplates, checkStepTemplates } from './message-templates';
import type { UnplacedProblem } from './rule-problems';
import type { CompiledGroup, CompiledProfile, CompiledProfileSet, CompiledScenario, LocatedTestCase, RuleSet } from './rule-set';
import type {
  AttributeCatalogFile,
  Condition,
  DunningScenarioFile,
  GroupsFile,
  MessageTemplateFile,
  ProfileDefinition,
  ProfileSetFile,
  RemovedProfile,
  RuleTestsFile,
  SettingsFile,
} from './rule-types';

export interface ValidDocument<T> {
  file: string;
  data: T;
  lineOf(pointer: string): number;
}

export interface ValidDocuments {
  settings?: ValidDocument<SettingsFile>;
  attributes?: ValidDocument<AttributeCatalogFile>;
  profileSets: ValidDocument<ProfileSetFile>[];
  groups: ValidDocument<GroupsFile>[];
  scenarios: ValidDocument<DunningScenarioFile>[];
  tests: ValidDocument<RuleTestsFile>[];
  templates: ValidDocument<MessageTemplateFile>[];
  /** Ids of template files refused by their schema (reported there): steps naming them are not reported again. */
  refusedTemplateIds?: string[];
}

/** Checks and compiles; returns the rule set (without version and files) or the problems found. */
export function buildRuleSet(documents: ValidDocuments, problems: UnplacedProblem[]): Omit<RuleSet, 'version' | 'files'> | undefined {
  const { settings, attributes } = documents;
  if (!settings || !attributes) return undefined;
  const before = problems.length;
  if (!isKnownTimeZone(settings.data.settings.timeZone)) {
    problems.push({
      file: settings.file,
      pointer: '/settings/timeZone',
      message: `"${settings.data.settings.timeZone}" is not a known time zone`,
      fix: 'Use an IANA time zone name such as Asia/Kolkata or Europe/Paris',
    });
  }
  const phoneRegion = settings.data.settings.defaultPhoneRegion;
  if (phoneRegion !== undefined && !isKnownPhoneRegion(phoneRegion)) {
    problems.push({
      file: settings.file,
      pointer: '/settings/defaultPhoneRegion',
      message: `"${phoneRegion}" is not a region whose phone numbers Rulebook can read`,
      fix: 'Use an ISO 3166-1 alpha-2 code such as IN, GB (not UK) or US, or leave the field out to require country codes',
    });
  }
  const catalog = buildCatalog(attributes, problems);
  const profileSets = documents.profileSets.map((doc) => buildProfileSet(doc, catalog, problems));
  reportDuplicates(
    documents.profileSets.map((doc, index) => ({ id: profileSets[index]!.id, file: doc.file, pointer: '/profileSet/id' })),
    'profile set',
    problems,
  );
  const groups = documents.groups.flatMap((doc) =>
    doc.data.groups.map((group, index) => buildGroup(group, doc.file, `/groups/${index}`, catalog, problems)),
  );
  reportDuplicates(
    documents.groups.flatMap((doc) =>
      doc.data.groups.map((group, index) => ({ id: group.id, file: doc.file, pointer: `/groups/${index}/id` })),
    ),
    'group',
    problems,
  );
  const scenarios = documents.scenarios.map((doc) => buildScenario(doc, profileSets, catalog, problems));
  reportDuplicates(
    documents.scenarios.map((doc) => ({ id: doc.data.scenario.id, file: doc.file, pointer: '/scenario/id' })),
    'dunning scenario',
    problems,
  );
  reportDuplicates(
    documents.scenarios.map((doc) => ({ id: doc.data.scenario.profile, file: doc.file, pointer: '/scenario/profile' })),
    'scenario for profile',
    problems,
  );
  const templates = buildMessageTemplates(documents.templates, settings.data.settings, problems);
  reportDuplicates(
    documents.templates.map((doc) => ({ id: doc.data.template.id, file: doc.file, pointer: '/template/id' })),
    'message template',
    problems,
  );
  checkStepTemplates(documents.scenarios, templates, new Set(documents.refusedTemplateIds), problems);
  const tests = documents.tests.flatMap((doc) => buildTests(doc, profileSets, groups, scenarios, problems));
  if (problems.length > before) return undefined;
  return { settings: settings.data.settings, attributes: catalog.attributes, profileSets, groups, scenarios, tests, templates };
}

function buildCatalog(doc: ValidDocument<AttributeCatalogFile>, problems: UnplacedProblem[]) {
  reportDuplicates(
    doc.data.attributes.map((attribute, index) => ({ id: attribute.id, file: doc.file, pointer: `/attributes/${index}/id` })),
    'attribute',
    problems,
  );
  return { attributes: new Map(doc.data.attributes.map((attribute) => [attribute.id, attribute])) };
}

function scope(file: string, catalog: { attributes: ConditionScope['attributes'] }, problems: UnplacedProblem[]): ConditionScope {
  return { file, attributes: catalog.attributes, problems };
}

function buildProfileSet(
  doc: ValidDocument<ProfileSetFile>,
  catalog: { attributes: ConditionScope['attributes'] },
  problems: UnplacedProblem[],
): CompiledProfileSet {
  const set = doc.data.profileSet;
  const at = (index: number) => `/profileSet/profiles/${index}`;
  reportDuplicates(
    set.profiles.map((profile, index) => ({ id: profile.id, file: doc.file, pointer: `${at(index)}/id` })),
    'profile',
    problems,
  );
  if (set.defaultProfile !== undefined && !set.profiles.some((profile) => profile.id === set.defaultProfile)) {
    problems.push({
      file: doc.file,
      pointer: '/profileSet/defaultProfile',
      message: `the default profile "${set.defaultProfile}" is not a profile of this set`,
      fix: `Use one of: ${set.profiles.map((profile) => profile.id).join(', ')}`,
    });
  }
  const profiles = set.profiles.map((profile, index): CompiledProfile => {
    const parts = profileConditionParts(profile, at(index));
    if (set.assignment === 'manual' && parts.length > 0) {
      problems.push({
        file: doc.file,
        pointer: at(index),
        message: `profile "${profile.id}" has conditions, but its set is assigned manually`,
        fix: 'Remove the conditions, or make the set automatic (assignment: automatic)',
      });
    }
    if (set.assignment === 'automatic' && parts.length === 0 && profile.id !== set.defaultProfile) {
      problems.push({
        file: doc.file,
        pointer: at(index),
        message: `automatic profile "${profile.id}" has no conditions and would match every customer`,
        fix: "Add when, minimumReturns or returnedPercentage, or make it the set's defaultProfile",
      });
    }
    const compiled = compileParts(parts, at(index), scope(doc.file, catalog, problems));
    return withPredicate(
      { id: profile.id, name: profile.name, active: profile.active, priority: profile.priority, order: index },
      compiled,
    );
  });
  const candidates = rankCandidates(profiles);
  const removedProfiles = checkRemovedProfiles(doc, problems);
  return {
    id: set.id,
    name: set.name,
    assignment: set.assignment,
    recalculateOn: set.recalculateOn ?? [],
    ...(set.defaultProfile !== undefined && { defaultProfile: set.defaultProfile }),
    profiles,
    candidates,
    ...(removedProfiles.length > 0 && { removedProfiles }),
    source: { file: doc.file, line: doc.lineOf('/profileSet/profiles') },
  };
}

/**
 * The tombstones of a manual set (`removedProfiles`): each names a profile no longer listed and a
 * replacement that is listed, once. The schema already refuses them in automatic sets.
 */
function checkRemovedProfiles(doc: ValidDocument<ProfileSetFile>, problems: UnplacedProblem[]): RemovedProfile[] {
  const set = doc.data.profileSet;
  const removed = set.removedProfiles ?? [];
  const listed = set.profiles.map((profile) => profile.id);
  const at = (index: number) => `/profileSet/removedProfiles/${index}`;
  reportDuplicates(
    removed.map((tombstone, index) => ({ id: tombstone.id, file: doc.file, pointer: `${at(index)}/id` })),
    'removed profile',
    problems,
  );
  removed.forEach((tombstone, index) => {
    if (listed.includes(tombstone.id)) {
      problems.push({
        file: doc.file,
        pointer: `${at(index)}/id`,
        message: `profile "${tombstone.id}" is listed in profiles and also marked removed`,
        fix: `Delete "${tombstone.id}" from profiles to remove it, or delete its removedProfiles entry to keep it`,
      });
    }
    if (!listed.includes(tombstone.replacedBy)) {
      problems.push({
        file: doc.file,
        pointer: `${at(index)}/replacedBy`,
        message: `replacedBy "${tombstone.replacedBy}" is not a profile of set "${set.id}", so the holders of "${tombstone.id}" would have nowhere to go`,
        fix: `Use one of: ${listed.join(', ')}`,
      });
    }
  });
  return removed.map(({ id, replacedBy }) => ({ id, replacedBy }));
}

/** Active profiles with conditions, most suitable first: higher priority, then listed earlier. */
export function rankCandidates(profiles: CompiledProfile[]): CompiledProfile[] {
  return profiles.filter((profile) => profile.active && profile.predicate).sort((a, b) => b.priority - a.priority || a.order - b.order);
}

/**
 * The seed-000 short form as conditions — at least `minimumReturns` returns in the window, the
 * returned percentage strictly between the bounds — AND-ed with `when`. Each part keeps the
 * pointer of the field it was written in, so problems point there.
 */
function profileConditionParts(profile: ProfileDefinition, pointer: string): Array<[Condition, string]> {
  const parts: Array<[Condition, string]> = [];
  if (profile.minimumReturns !== undefined) {
    parts.push([
      { fact: 'returns_in_window', operator: 'greaterThanInclusive', value: profile.minimumReturns },
      `${pointer}/minimumReturns`,
    ]);
  }
  const bounds = profile.returnedPercentage;
  if (bounds?.greaterThan !== undefined) {
    parts.push([
      { fact: 'returned_percentage', operator: 'greaterThan', value: bounds.greaterThan },
      `${pointer}/returnedPercentage/greaterThan`,
    ]);
  }
  if (bounds?.lowerThan !== undefined) {
    parts.push([{ fact: 'returned_percentage', operator: 'lessThan', value: bounds.lowerThan }, `${pointer}/returnedPercentage/lowerThan`]);
  }
  if (profile.when) parts.push([profile.when, `${pointer}/when`]);
  return parts;
}

function compileParts(parts: Array<[Condition, string]>, pointer: string, conditionScope: ConditionScope): CompiledCondition | undefined {
  const compiled = parts.map(([condition, at]) => compileCondition(condition, at, conditionScope));
  if (compiled.length === 0 || !compiled.every(Boolean)) return undefined;
  return compiled.length === 1 ? compiled[0] : { kind: 'all', pointer, children: compiled as CompiledCondition[] };
}

function withPredicate<T extends object>(
  target: T,
  condition: CompiledCondition | undefined,
): T & { condition?: CompiledCondition; predicate?: ReturnType<typeof toPredicate> } {
  return condition ? { ...target, condition, predicate: toPredicate(condition) } : target;
}

function buildGroup(
  group: GroupsFile['groups'][number],
  file: string,
  pointer: string,
  catalog: { attributes: ConditionScope['attributes'] },
  problems: UnplacedProblem[],
): CompiledGroup {
  const compiled = group.when && compileCondition(group.when, `${pointer}/when`, scope(file, catalog, problems));
  return withPredicate({ id: group.id, name: group.name, description: group.description, kind: group.kind }, compiled);
}

function buildScenario(
  doc: ValidDocument<DunningScenarioFile>,
  profileSets: CompiledProfileSet[],
  catalog: { attributes: ConditionScope['attributes'] },
  problems: UnplacedProblem[],
): CompiledScenario {
  const scenario = doc.data.scenario;
  const [setId = '', profileId = ''] = scenario.profile.split('/');
  const set = profileSets.find((candidate) => candidate.id === setId);
  if (!set || !set.profiles.some((profile) => profile.id === profileId)) {
    const known = profileSets.flatMap((candidate) => candidate.profiles.map((profile) => `${candidate.id}/${profile.id}`));
    problems.push({
      file: doc.file,
      pointer: '/scenario/profile',
      message: `scenario "${scenario.id}" names profile "${scenario.profile}", which does not exist`,
      fix: `Write "setId/profileId" with one of: ${known.join(', ') || '(no profiles defined)'}`,
    });
  }
  reportDuplicates(
    scenario.steps.map((step, index) => ({ id: step.id, file: doc.file, pointer: `/scenario/steps/${index}/id` })),
    'step',
    problems,
  );
  const steps = scenario.steps.map((step, index) => {
    const compiled = step.when && compileCondition(step.when, `/scenario/steps/${index}/when`, scope(doc.file, catalog, problems));
    return withPredicate({ ...step }, compiled);
  });
  return { ...scenario, profile: { setId, profileId }, steps };
}

function buildTests(
  doc: ValidDocument<RuleTestsFile>,
  profileSets: CompiledProfileSet[],
  groups: CompiledGroup[],
  scenarios: CompiledScenario[],
  problems: UnplacedProblem[],
): LocatedTestCase[] {
  return doc.data.cases.map((testCase, index) => {
    const pointer = `/cases/${index}/expect`;
    const missing = (at: string, what: string, known: string[]) =>
      problems.push({
        file: doc.file,
        pointer: at,
        message: `the test expects ${what}, which does not exist`,
        fix: `Use one of: ${known.join(', ')}`,
      });
    for (const [setId, profileId] of Object.entries(testCase.expect.profiles ?? {})) {
      const set = profileSets.find((candidate) => candidate.id === setId);
      if (!set)
        missing(
          `${pointer}/profiles/${setId}`,
          `profile set "${setId}"`,
          profileSets.map((candidate) => candidate.id),
        );
      else if (profileId !== null && !set.profiles.some((profile) => profile.id === profileId)) {
        missing(
          `${pointer}/profiles/${setId}`,
          `profile "${profileId}"`,
          set.profiles.map((profile) => profile.id),
        );
      }
    }
    const groupIds = groups.map((group) => group.id);
    for (const [kind, ids] of Object.entries(testCase.expect.groups ?? {})) {
      ids.forEach((id, position) => {
        if (!groupIds.includes(id)) missing(`${pointer}/groups/${kind}/${position}`, `group "${id}"`, groupIds);
      });
    }
    const scenario = testCase.expect.scenario;
    if (scenario && !scenarios.some((candidate) => candidate.id === scenario)) {
      missing(
        `${pointer}/scenario`,
        `scenario "${scenario}"`,
        scenarios.map((candidate) => candidate.id),
      );
    }
    return { ...testCase, file: doc.file, line: doc.lineOf(`/cases/${index}`) };
  });
}

/** Reports every repetition of an id after its first use, pointing at the repetition. */
function reportDuplicates(entries: Array<{ id: string; file: string; pointer: string }>, what: string, problems: UnplacedProblem[]): void {
  const first = new Map<string, { file: string; pointer: string }>();
  for (const entry of entries) {
    const earlier = first.get(entry.id);
    if (!earlier) {
      first.set(entry.id, entry);
      continue;
    }
    problems.push({
      file: entry.file,
      pointer: entry.pointer,
      message: `duplicate ${what} id "${entry.id}" (first used in ${earlier.file} at ${earlier.pointer})`,
      fix: 'Give each one its own id',
    });
  }
}
