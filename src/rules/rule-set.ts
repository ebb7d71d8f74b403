/** The compiled rule set: what evaluation runs, built once per load. */
import type { CompiledCondition } from './check-conditions';
import type { Predicate } from './compile-conditions';
import type { MessageTemplate } from './message-templates';
import type {
  AttributeDefinition,
  DunningScenario,
  GroupDefinition,
  ProfileSet,
  RecalculationEvent,
  RemovedProfile,
  RuleTestCase,
  Settings,
} from './rule-types';

export interface CompiledProfile {
  id: string;
  name: string;
  active: boolean;
  priority: number;
  /** Position in its set's file: the tie-break between equal priorities (first listed wins). */
  order: number;
  condition?: CompiledCondition;
  predicate?: Predicate;
}

export interface CompiledProfileSet {
  id: string;
  name: string;
  assignment: ProfileSet['assignment'];
  recalculateOn: RecalculationEvent[];
  /** Automatic sets: a rule change changing what the set decides recalculates every customer at once (true, the default) or at their next event. */
  recalculateOnRuleChange: boolean;
  defaultProfile?: string;
  profiles: CompiledProfile[];
  /** Active profiles by descending priority, then file order: the first match is the most suitable. */
  candidates: CompiledProfile[];
  /** Manual sets: tombstones of deleted profiles and where their holders go (`removedProfiles`). */
  removedProfiles?: RemovedProfile[];
  /** Where the set is written: its file and the line of its `profiles` (problems about removed profiles point there). */
  source?: { file: string; line: number };
}

export interface CompiledGroup {
  id: string;
  name: string;
  description: string;
  kind: GroupDefinition['kind'];
  condition?: CompiledCondition;
  predicate?: Predicate;
}

export interface CompiledScenario extends Omit<DunningScenario, 'profile' | 'steps'> {
  profile: { setId: string; profileId: string };
  steps: Array<DunningScenario['steps'][number] & { condition?: CompiledCondition; predicate?: Predicate }>;
}

export interface LocatedTestCase extends RuleTestCase {
  file: string;
  line: number;
}

export interface RuleSet {
  /** Content hash of every rule file: the rule-set version named in decision records. */
  version: string;
  settings: Settings;
  attributes: ReadonlyMap<string, AttributeDefinition>;
  profileSets: CompiledProfileSet[];
  groups: CompiledGroup[];
  scenarios: CompiledScenario[];
  tests: LocatedTestCase[];
  /** Message templates (rules/templates/*.yaml) by id, parsed and checked. */
  templates: ReadonlyMap<string, MessageTemplate>;
  files: string[];
}
