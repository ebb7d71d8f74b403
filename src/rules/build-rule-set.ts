/**
 * The checks a schema cannot express, and compilation: known and unencrypted attributes,
 * operators that fit the type, unique ids, existing references. Works on schema-valid documents.
 */
import { compileCondition, type CompiledCondition, type ConditionScope } from './check-conditions';
import { factProblems, type KnownProfiles } from './check-facts';
import { didYouMean, listOrNone } from './did-you-mean';
import type { RuleFileKind } from './rule-files';
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
  /**
   * Files that did not load (YAML or schema problems, reported there), with what could be read of
   * them: references to what they define are not reported again as missing.
   */
  refused?: RefusedDocument[];
}

/** A rule file that did not load; `data` is what its YAML holds, undefined when it could not be read. */
export interface RefusedDocument {
  kind: RuleFileKind;
  file: string;
  data: unknown;
}

/** A problem left unreported because it only follows from `because` not loading. */
export interface FollowOn {
  file: string;
  because: string;
}

/** Checks and compiles; returns the rule set (without version and files) or the problems found. */
export function buildRuleSet(
  documents: ValidDocuments,
  problems: UnplacedProblem[],
  followOns: FollowOn[] = [],
): Omit<RuleSet, 'version' | 'files'> | undefined {
  const { settings, attributes } = documents;
  if (!settings || !attributes) return undefined;
  const before = problems.length;
  const unloaded = new Unloaded(documents.refused ?? [], followOns);
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
  profileSets.forEach((set, index) => {
    if (new Set(set.profiles.map((profile) => profile.id)).size < set.profiles.length)
      unloaded.addBroken(documents.profileSets[index]!.file, 'profile', [`${set.id}/*`]);
  });
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
  const scenarios = documents.scenarios.map((doc) => buildScenario(doc, profileSets, catalog, unloaded, problems));
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
  const tests = documents.tests.flatMap((doc) => buildTests(doc, { profileSets, groups, scenarios, catalog, unloaded }, problems));
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
    const ids = set.profiles.map((profile) => profile.id);
    problems.push({
      file: doc.file,
      pointer: '/profileSet/defaultProfile',
      message: `the default profile "${set.defaultProfile}" is not a profile of this set`,
      fix: `Use one of: ${listOrNone(ids, '(no profiles)')}${didYouMean(set.defaultProfile, ids)}`,
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
    recalculateOnRuleChange: set.assignment === 'automatic' && set.recalculateOnRuleChange !== false,
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
  unloaded: Unloaded,
  problems: UnplacedProblem[],
): CompiledScenario {
  const scenario = doc.data.scenario;
  const [setId = '', profileId = ''] = scenario.profile.split('/');
  const set = profileSets.find((candidate) => candidate.id === setId);
  if ((!set || !set.profiles.some((profile) => profile.id === profileId)) && !unloaded.explains(doc.file, 'profile', scenario.profile)) {
    const known = [
      ...profileSets.flatMap((candidate) => candidate.profiles.map((profile) => `${candidate.id}/${profile.id}`)),
      ...unloaded.ids('profile'),
    ];
    problems.push({
      file: doc.file,
      pointer: '/scenario/profile',
      message: `scenario "${scenario.id}" names profile "${scenario.profile}", which does not exist`,
      fix: `Write "setId/profileId" with one of: ${known.join(', ') || '(no profiles defined)'}${didYouMean(scenario.profile, known)}`,
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

interface TestScope {
  profileSets: CompiledProfileSet[];
  groups: CompiledGroup[];
  scenarios: CompiledScenario[];
  catalog: { attributes: ConditionScope['attributes'] };
  unloaded: Unloaded;
}

/**
 * The test cases, with every name they use checked: the facts against attributes.yaml (known ids,
 * values of the declared type, dropdown options), and the profile sets, profiles, groups and
 * scenarios they assign, activate or expect. Names a file that did not load may define are left to
 * that file's own problem.
 */
function buildTests(doc: ValidDocument<RuleTestsFile>, scope: TestScope, problems: UnplacedProblem[]): LocatedTestCase[] {
  const { profileSets, groups, scenarios, catalog, unloaded } = scope;
  const groupIds = [...groups.map((group) => group.id), ...unloaded.ids('group')];
  const scenarioIds = [...scenarios.map((scenario) => scenario.id), ...unloaded.ids('scenario')];
  const known: KnownProfiles = {
    sets: new Map(profileSets.map((set) => [set.id, set.profiles.map((profile) => profile.id)])),
    incomplete: unloaded.has('profileSet'),
  };
  const setIds = [...known.sets.keys(), ...unloaded.ids('profileSet')];
  return doc.data.cases.map((testCase, index) => {
    const pointer = `/cases/${index}/expect`;
    const missing = (at: string, what: string, id: string, candidates: string[], none: string, where?: 'key') =>
      problems.push({
        file: doc.file,
        pointer: at,
        ...(where && { at: where }),
        message: `the test expects ${what}, which does not exist`,
        fix: `Use one of: ${listOrNone(candidates, none)}${didYouMean(id, candidates)}`,
      });
    for (const problem of factProblems(testCase.facts, `/cases/${index}/facts`, catalog.attributes, known)) {
      const [, setId] = /^\/cases\/\d+\/facts\/profiles\/(.+)$/.exec(problem.pointer) ?? [];
      if (setId !== undefined && unloaded.explains(doc.file, 'profileSet', setId)) continue;
      problems.push({ file: doc.file, ...problem });
    }
    (testCase.activateProfiles ?? []).forEach((name, position) => {
      const [setId = '', profileId = ''] = name.split('/');
      const set = profileSets.find((candidate) => candidate.id === setId);
      const exists = set && (profileId === '*' || set.profiles.some((profile) => profile.id === profileId));
      if (exists || unloaded.explains(doc.file, 'profile', name)) return;
      const candidates = profileSets.flatMap((candidate) => [
        `${candidate.id}/*`,
        ...candidate.profiles.map((profile) => `${candidate.id}/${profile.id}`),
      ]);
      problems.push({
        file: doc.file,
        pointer: `/cases/${index}/activateProfiles/${position}`,
        message: `the test activates "${name}", which is not a profile`,
        fix: `Write "setId/profileId" or "setId/*" with one of: ${listOrNone(candidates, '(no profiles defined)')}${didYouMean(name, candidates)}`,
      });
    });
    for (const [setId, profileId] of Object.entries(testCase.expect.profiles ?? {})) {
      const set = profileSets.find((candidate) => candidate.id === setId);
      if (!set) {
        if (!unloaded.explains(doc.file, 'profileSet', setId)) {
          missing(`${pointer}/profiles/${setId}`, `profile set "${setId}"`, setId, setIds, '(no profile sets are defined)', 'key');
        }
      } else if (
        profileId !== null &&
        !set.profiles.some((profile) => profile.id === profileId) &&
        !unloaded.explains(doc.file, 'profile', `${setId}/${profileId}`)
      ) {
        missing(
          `${pointer}/profiles/${setId}`,
          `profile "${profileId}"`,
          profileId,
          set.profiles.map((profile) => profile.id),
          '(the set has no profiles)',
        );
      }
    }
    for (const [kind, ids] of Object.entries(testCase.expect.groups ?? {})) {
      ids.forEach((id, position) => {
        if (groups.some((group) => group.id === id) || unloaded.explains(doc.file, 'group', id)) return;
        missing(`${pointer}/groups/${kind}/${position}`, `group "${id}"`, id, groupIds, '(no groups are defined)');
      });
    }
    const scenario = testCase.expect.scenario;
    if (scenario && !scenarios.some((candidate) => candidate.id === scenario) && !unloaded.explains(doc.file, 'scenario', scenario)) {
      missing(`${pointer}/scenario`, `scenario "${scenario}"`, scenario, scenarioIds, '(no dunning scenarios are defined)');
    }
    return { ...testCase, file: doc.file, line: doc.lineOf(`/cases/${index}`) };
  });
}

type Defined = 'group' | 'profileSet' | 'profile' | 'scenario';

/**
 * What the files that did not load may define, as far as their YAML can be read: a groups file
 * refused for a typo in one `kind` still names its groups. A file whose YAML cannot be read may
 * define anything of its kind.
 */
class Unloaded {
  private readonly defines: Array<{ file: string; what: Defined; ids?: string[] }> = [];

  constructor(
    refused: readonly RefusedDocument[],
    private readonly followOns: FollowOn[],
  ) {
    for (const { kind, file, data } of refused) {
      const read = data as Record<string, unknown> | undefined;
      if (kind === 'groups') {
        const list = read?.groups;
        this.defines.push({ file, what: 'group', ...(Array.isArray(list) && { ids: strings(list.map((group) => field(group, 'id'))) }) });
      } else if (kind === 'profileSet') {
        const set = read?.profileSet;
        const setId = field(set, 'id');
        const profiles = field(set, 'profiles');
        this.defines.push({ file, what: 'profileSet', ...(typeof setId === 'string' && { ids: [setId] }) });
        this.defines.push({
          file,
          what: 'profile',
          ...(typeof setId === 'string' &&
            Array.isArray(profiles) && {
              ids: [`${setId}/*`, ...strings(profiles.map((profile) => field(profile, 'id'))).map((id) => `${setId}/${id}`)],
            }),
        });
      } else if (kind === 'dunning') {
        const id = field(read?.scenario, 'id');
        this.defines.push({ file, what: 'scenario', ...(typeof id === 'string' && { ids: [id] }) });
      }
    }
  }

  /** Whether a file of this kind did not load. */
  has(what: Defined): boolean {
    return this.defines.some((entry) => entry.what === what);
  }

  /** The ids files that did not load are seen to define. */
  ids(what: Defined): string[] {
    return this.defines.flatMap((entry) => (entry.what === what ? (entry.ids ?? []).filter((id) => !id.endsWith('/*')) : []));
  }

  /** A file that loaded but whose `what` ids cannot be trusted (an id used twice): references to them (`ids`) follow from its problem. */
  addBroken(file: string, what: Defined, ids?: string[]): void {
    this.defines.push({ file, what, ...(ids && { ids }) });
  }

  /**
   * Whether `id`, missing where `file` names it, may be defined by a file that did not load; if so the
   * missing reference is recorded as following from that file, not reported. Any file of the kind
   * that did not load may: what can be read of it may stop short of the id (a file saved half-written).
   */
  explains(file: string, what: Defined, id: string): boolean {
    // A profile is `set/profile`: only a file of that set (or one whose set cannot be read) may define it.
    const wildcard = `${id.split('/')[0]}/*`;
    const definer = this.defines.find((entry) => entry.what === what && (what !== 'profile' || !entry.ids || entry.ids.includes(wildcard)));
    if (definer) this.followOns.push({ file, because: definer.file });
    return definer !== undefined;
  }
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

function strings(values: unknown[]): string[] {
  return values.filter((value): value is string => typeof value === 'string');
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
