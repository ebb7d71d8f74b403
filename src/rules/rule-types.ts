/**
 * The shape of the analysts' rule files, after YAML parsing and JSON Schema validation. The JSON
 * Schemas in schemas/rules/ describe exactly these types; keep both in step.
 *
 * Files under rules/:
 *   settings.yaml           → SettingsFile
 *   attributes.yaml         → AttributeCatalogFile
 *   profiles/*.yaml         → ProfileSetFile      (one profile set per file)
 *   groups/*.yaml           → GroupsFile          (any number of groups per file)
 *   dunning/*.yaml          → DunningScenarioFile (one scenario per file)
 *   tests/*.yaml            → RuleTestsFile       (rule test cases, run by `rulebook test`)
 *   templates/*.yaml        → MessageTemplateFile (one message template per file)
 */

/** Returns are counted over this window, ending now. */
export type ReturnsWindow = '1 month' | '3 months' | '6 months' | '12 months' | '24 months' | 'unlimited';
export const returnsWindows: readonly ReturnsWindow[] = ['1 month', '3 months', '6 months', '12 months', '24 months', 'unlimited'];

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface Settings {
  returnsWindow: ReturnsWindow;
  /** IANA time zone, e.g. Asia/Kolkata: decides what "today" and "this week" mean. */
  timeZone: string;
  firstDayOfWeek: Weekday;
  /** ISO 4217 code, e.g. INR. */
  currency: string;
  /** COD limit per customer, and the longest time in transit before a hold is released for review (default 30 days). */
  cod: { totalLimitPerUser: number; longestTransitDays?: number };
  erasure: { gracePeriodDays: number };
  /**
   * ISO 3166-1 alpha-2 region (e.g. IN) in which a phone number written without its country code is
   * read; without it, every phone number must carry its country code.
   */
  defaultPhoneRegion?: string;
  /** The merchant as message templates name it ({{ company.name }}, {{ company.contact }}). */
  company?: { name: string; contact?: string };
}
export interface SettingsFile {
  settings: Settings;
}

export type AttributeType = 'text' | 'number' | 'boolean' | 'date' | 'dropdown';

/** A customer attribute or a built-in derived fact, with what conditions may do with it. */
export interface AttributeDefinition {
  /** Fact id used in conditions: lower snake case, e.g. total_spent. Dotted paths are not allowed. */
  id: string;
  label: string;
  description?: string;
  type: AttributeType;
  /** Dropdown options (required for, and only for, dropdown). */
  options?: string[];
  /** attribute: stored per customer and set through the API; derived: computed from events. */
  source: 'attribute' | 'derived';
  /** Holds personal data: erased with the customer, never logged. */
  personal: boolean;
  /** Stored encrypted: conditions may not use it. */
  encrypted: boolean;
}
export interface AttributeCatalogFile {
  attributes: AttributeDefinition[];
}

/**
 * A condition tree: exactly one of all / any / not, or a leaf { fact, operator, value?, recurring? }.
 * (The schema lists all keys as optional; the loader checks that exactly one form is used.)
 */
export type Condition = AllCondition | AnyCondition | NotCondition | LeafCondition;
export interface AllCondition {
  all: Condition[];
}
export interface AnyCondition {
  any: Condition[];
}
export interface NotCondition {
  not: Condition;
}
export interface LeafCondition {
  fact: string;
  operator: string;
  value?: unknown;
  /** Dates only: ignore the year (birthdays, anniversaries). */
  recurring?: boolean;
}

/** The seed-000 short form of a return-behaviour profile; compiles to conditions. */
export interface ReturnsShortForm {
  /** Returns counted in the window, at least this many. */
  minimumReturns?: number;
  /** Returned-product percentage strictly greater than / lower than. */
  returnedPercentage?: { greaterThan?: number; lowerThan?: number };
}

export interface ProfileDefinition extends ReturnsShortForm {
  id: string;
  name: string;
  description?: string;
  /** "Assign automatically on new return": inactive profiles are never assigned by rules. */
  active: boolean;
  /** Higher wins when several active profiles match; ties go to the profile listed first. */
  priority: number;
  /** Conditions besides the short form (AND-ed with it). */
  when?: Condition;
}

/** Events on which an automatic set is recalculated. */
export type RecalculationEvent =
  'return-created' | 'order-created' | 'order-delivered' | 'invoice-created' | 'payment-received' | 'attributes-changed';

export interface ProfileSet {
  id: string;
  name: string;
  description?: string;
  /** automatic: rules decide; manual: users or systems assign through the API. */
  assignment: 'automatic' | 'manual';
  /** Automatic sets only: events that trigger recalculation. */
  recalculateOn?: RecalculationEvent[];
  /**
   * Automatic sets only: whether a rule change that changes what the set decides recalculates the
   * existing customers at once (a durable job; default true), or only at their next event.
   */
  recalculateOnRuleChange?: boolean;
  /** Profile id given to new customers (e.g. "to-assign"). */
  defaultProfile?: string;
  profiles: ProfileDefinition[];
  /** Manual sets only: profiles deleted from `profiles`, and where their holders go. */
  removedProfiles?: RemovedProfile[];
}

/** A tombstone: a profile deleted from a manual set, whose holders a reload moves to `replacedBy`. */
export interface RemovedProfile {
  id: string;
  replacedBy: string;
}
export interface ProfileSetFile {
  profileSet: ProfileSet;
}

export interface GroupDefinition {
  id: string;
  name: string;
  description: string;
  /** conditional: members follow `when`; static: members are imported through the API. */
  kind: 'conditional' | 'static';
  /** Required for conditional groups, forbidden for static ones. */
  when?: Condition;
}
export interface GroupsFile {
  groups: GroupDefinition[];
}

export type DunningAction = 'email' | 'sms' | 'call-task' | 'formal-notice' | 'letter';
export type DunningStopReason = 'paid' | 'disputed' | 'written-off' | 'promise-to-pay' | 'profile-changed';

export interface DunningStep {
  id: string;
  /** Days from the invoice due date; negative = before it. */
  offsetDays: number;
  action: DunningAction;
  template: string;
  /** Optional condition on the customer's facts at the time of the step. */
  when?: Condition;
}
export interface DunningScenario {
  id: string;
  name: string;
  description?: string;
  /** The profile this scenario applies to, as "setId/profileId". */
  profile: string;
  steps: DunningStep[];
  /** What ends the sequence early. */
  stopWhen: DunningStopReason[];
}
export interface DunningScenarioFile {
  scenario: DunningScenario;
}

/** One rule test: given facts at a time, expect profiles, groups and the dunning scenario. */
export interface RuleTestCase {
  name: string;
  /** ISO 8601 instant of the evaluation. */
  at: string;
  /** Overrides of settings for this case (e.g. another returns window). */
  settings?: Partial<Pick<Settings, 'returnsWindow' | 'timeZone' | 'firstDayOfWeek'>>;
  /**
   * Profiles to treat as active in this case only, as "setId/profileId" or "setId/*": lets analysts
   * test profiles that ship inactive (e.g. the seed's returner profiles) before switching them on.
   */
  activateProfiles?: string[];
  facts: Record<string, unknown>;
  expect: {
    /** Expected profile per set id; null = no profile. Sets not listed are not checked. */
    profiles?: Record<string, string | null>;
    /** Groups the customer must be in / must not be in. */
    groups?: { include?: string[]; exclude?: string[] };
    /** Expected dunning scenario id; null = left out of automatic reminders. */
    scenario?: string | null;
  };
}
export interface RuleTestsFile {
  cases: RuleTestCase[];
}

/** The texts of one reminder (Liquid templates), one part per kind of step that may use it. */
export interface MessageTemplateDefinition {
  id: string;
  name: string;
  description?: string;
  /** Email steps. */
  email?: { subject: string; body: string };
  /** SMS steps. */
  sms?: { text: string };
  /** Letter and formal-notice steps. */
  letter?: { subject: string; body: string };
  /** Call-task steps. */
  call?: { script: string };
}
export interface MessageTemplateFile {
  template: MessageTemplateDefinition;
}
