/**
 * Committing a rule set to the database before it is used (issue 12: profile removal, safe in both
 * directions). Every start and every reload runs `commitRuleChange` with the rules it is about to
 * use; in one transaction, under the rule-commit lock (two processes on one database take turns):
 *
 * - a profile gone from a **manual** set while customers hold it refuses the whole rule set
 *   (RuleSetInvalidError naming the set, the profile, how many hold it and the reassign command),
 *   unless the set's tombstone (`removedProfiles: [{ id, replacedBy }]`) says where they go: then
 *   each holder moves as a manual profile change does (src/use-cases/manual-profile-change.ts:
 *   customer locked, change on the timeline, reminder sequences of the old profile ended with
 *   `profile-changed`, the new profile's scenario of the new rules started for what is still owed);
 * - a profile gone from an **automatic** set is taken from its holders (each on the timeline), and
 *   a durable job (`profile-recalculation-{id}`, queued through the workflow-intent outbox in the
 *   same transaction) recalculates them with the new rules;
 * - a whole set gone takes its profiles from their holders (there is nothing left to move them to);
 * - the database's list of defined profiles (rule_profiles) becomes the new rules'; from then on a
 *   trigger refuses any other profile, also from a process still running the old rules;
 * - an automatic set whose decisions the new rules change (issue 13: a profile activated,
 *   deactivated or added, conditions or priorities changed, the returns window…; compared with what
 *   the database recorded at the last commit, src/rules/set-decision-rules.ts) has every customer
 *   recalculated by the same durable job, unless its file says `recalculateOnRuleChange: false`
 *   (then each customer at their next event).
 *
 * `checkRuleChange` runs the same planning (planRuleChange) in a read-only snapshot and only reports
 * it: the refusals and what a commit would do (POST /v1/rules/check, `rulebook validate --against`).
 */
import { randomUUID } from 'node:crypto';
import { scopeOf } from '../rules/decision-record';
import {
  expectedChanges,
  planProfileChange,
  refusedRemovals,
  type DefinedProfile,
  type DisconnectedHolders,
  type HeldRemoval,
  type MovedHolders,
  type ProfileChangePlan,
  type ProfileRemoval,
} from '../rules/profile-removal';
import { evaluate, evaluationTime, type EvaluationTime } from '../rules/evaluate';
import { RulesCommittedElsewhereError, RuleSetInvalidError, type RuleProblem } from '../rules/rule-problems';
import type { CompiledProfileSet, CompiledScenario, RuleSet } from '../rules/rule-set';
import { decisionRulesToRecord, setsDecidingDifferently, type SetChange } from '../rules/set-decision-rules';
import { lockCustomer } from '../store/customer-store';
import { loadCustomerFacts } from '../store/customer-facts-store';
import type { Database, Queryable } from '../store/database';
import { templatesInUse, type TemplateInUse } from '../store/dunning-store';
import { profileHolders } from '../store/profile-reassignment';
import {
  committedRuleVersion,
  countHoldersOfAny,
  createRecalculationJob,
  disconnectHolders,
  finishRecalculationJob,
  getRecalculationJob,
  holdersOf,
  lockDefinedProfiles,
  lockProfilesForRemoval,
  markManyRecalculated,
  markRecalculated,
  pendingRecalculations,
  readDefinedProfiles,
  readOnlySnapshot,
  recentRecalculationJobs,
  runningScenariosOfProfile,
  writeAutomaticSets,
  writeDefinedProfiles,
  type KnownRules,
} from '../store/rule-profiles-store';
import { queueIntents } from '../store/workflow-intent-store';
import { startIntent } from '../temporal/workflow-intents';
import { followProfileChange } from './dunning-process';
import { recalculateSetsIn } from './profile-recalculation';
import { moveHoldersIn } from './manual-profile-change';
import { profileRecalculation } from '../../workflows/profile-recalculation';
import { NotFoundError } from '../errors';

/** Who profile changes made by a rule change are by, on the timeline and in customer_profiles. */
export const ruleChangeActor = 'rules:profile-removed';

/** Who profile changes made by a job recalculating sets whose decisions a rule change changed are by (trigger `rule-change`). */
export const ruleChangeRecalculationActor = 'rules:rule-change';

/** What committing a rule set changed in the database. */
export interface RuleChangeSummary {
  /** Holders of profiles removed from manual sets, moved to the tombstone's `replacedBy`. */
  moved: MovedHolders[];
  /** Holders of profiles removed from automatic sets (or of removed sets), who now hold none in the set. */
  disconnected: DisconnectedHolders[];
  /**
   * The job recalculating the disconnected holders of automatic sets, and every customer in the sets
   * whose decisions the change changed (`changed`) (GET /v1/rules/recalculations/{id}).
   */
  recalculation?: { id: string; customers: number; changed?: Array<{ setId: string; change: SetChange }> };
  /**
   * Accepted, but worth knowing: message templates the new rules no longer define (or no longer give
   * a channel's part) while reminders still to go out name them; those send the generic text.
   */
  warnings?: RuleProblem[];
}

/** The workflow id of a recalculation job. */
export function recalculationWorkflowId(jobId: string): string {
  return `profile-recalculation-${jobId}`;
}

/**
 * Commits `next` to the database before it is used (see the file comment); `previous` is the rule
 * set in use until now (none at start), whose scenarios tell which reminder sequences followed a
 * removed profile. Throws RuleSetInvalidError, changing nothing, when a removal is refused, or when
 * another process committed other rules since `previous` (staleReloadProblem).
 */
export async function commitRuleChange(db: Database, previous: RuleSet | undefined, next: RuleSet): Promise<RuleChangeSummary> {
  return db.transaction(async (tx) => {
    const known = await lockDefinedProfiles(tx);
    const stale = staleReloadProblem(known.version, previous, next);
    if (stale) throw new RulesCommittedElsewhereError([stale]);
    const summary: RuleChangeSummary = { moved: [], disconnected: [] };
    // Locking: from here on nobody can be given a removed profile; whoever got one before is counted now.
    const automatic = automaticSetIds(previous, known);
    const { plan, held, problems } = await planRuleChange(tx, known.profiles, next, { lock: true, automaticSetIds: automatic });
    if (plan.removals.length === 0 && plan.added.length === 0 && known.version === next.version && known.automaticSets) return summary;
    if (problems.length > 0) throw new RuleSetInvalidError(problems);

    // New profiles first: a tombstone may send holders to a profile this change adds (a rename).
    await writeDefinedProfiles(tx, { version: next.version, added: plan.added, removed: [] });
    const toRecalculate: string[] = [];
    const recalculated: Array<{ setId: string; profileId: string; holders: number }> = [];
    for (const { removal, count } of held) {
      if (count === 0) continue;
      const stopRules = await rulesToEndSequences(tx, previous, next, removal);
      if (removal.action === 'move') {
        // As a change by hand moves a customer; the new profile's scenario (of the new rules) starts.
        const moved = await moveHoldersIn(tx, next, {
          setId: removal.setId,
          from: removal.profileId,
          to: removal.to,
          by: ruleChangeActor,
          reason: 'profile removed from the rules',
          stopRules,
        });
        summary.moved.push({ setId: removal.setId, from: removal.profileId, to: removal.to, customers: moved });
      } else if (removal.action === 'disconnect') {
        const customers = await disconnectHolders(tx, {
          setId: removal.setId,
          profileId: removal.profileId,
          by: ruleChangeActor,
          reason: removal.reason === 'set-removed' ? 'profile set removed from the rules' : 'profile removed from the rules',
          ruleSetVersion: next.version,
          batch: randomUUID(),
        });
        if (stopRules.scenarios.some((scenario) => scenario.profile.setId === removal.setId)) {
          for (const customerId of customers)
            await followProfileChange(tx, next, { customerId, setId: removal.setId, profileId: null }, stopRules);
        }
        summary.disconnected.push({
          setId: removal.setId,
          profileId: removal.profileId,
          customers: customers.length,
          reason: removal.reason,
        });
        if (removal.reason === 'automatic-set' && customers.length > 0) {
          toRecalculate.push(...customers);
          recalculated.push({ setId: removal.setId, profileId: removal.profileId, holders: customers.length });
        }
      }
    }
    // Before this release's first commit the database knows nothing of what the sets decided with: the profiles held are taken as decided.
    const changed = known.automaticSets ? setsDecidingDifferently(known.automaticSets, next) : [];
    if (toRecalculate.length > 0 || changed.length > 0) {
      const id = randomUUID();
      const customerIds = [...new Set(toRecalculate)].sort();
      const customers = await createRecalculationJob(tx, { id, ruleSetVersion: next.version, removed: recalculated, changed, customerIds });
      if (customers > 0) {
        await queueIntents(tx, [
          startIntent(profileRecalculation, { workflowId: recalculationWorkflowId(id), args: [{ jobId: id }], policy: 'once' }),
        ]);
        summary.recalculation = { id, customers, ...(changed.length > 0 && { changed }) };
      }
    }
    await writeAutomaticSets(tx, decisionRulesToRecord(known.automaticSets, next));
    await writeDefinedProfiles(tx, { version: next.version, added: [], removed: plan.removals });
    const warnings = missingTemplateWarnings(next, await templatesInUse(tx));
    return { ...summary, ...(warnings.length > 0 && { warnings }) };
  });
}

/**
 * A reload by a process that missed a commit: the database holds rules (`committed`) that are
 * neither those this process used until now nor those its files say. Another process committed
 * them — a newer release, or the same folder read a moment later — so committing this process's
 * files would take the database back, and disconnect the holders of every profile the other rules
 * added. Refused; the process keeps its rules until its files match. A start (no `previous`)
 * commits its files: a process starts with the rules it was deployed with.
 */
function staleReloadProblem(committed: string | undefined, previous: RuleSet | undefined, next: RuleSet): RuleProblem | undefined {
  if (!previous || !committed || committed === previous.version || committed === next.version) return undefined;
  return {
    file: 'rules',
    line: 1,
    column: 1,
    pointer: '',
    message:
      `the rules in force (${committed}) were committed by another process since this one took ${previous.version}, ` +
      `and its files now say ${next.version}; the reload is refused so as not to take the database back`,
    fix:
      'Give every API and worker process the same rule files (deploy them together); this process reloads by itself once its ' +
      'files match the rules in force, or restart it with the files it should commit',
  };
}

/**
 * The templates that reminders still to go out name (steps of running sequences not yet run, unsent
 * messages) and that `next` no longer defines, or no longer gives the channel's part: a reload is
 * not refused for them — a running sequence keeps its pinned steps — but each of those messages
 * would be sent with the generic text (src/notifications/message-texts.ts).
 */
function missingTemplateWarnings(next: RuleSet, inUse: readonly TemplateInUse[]): RuleProblem[] {
  const warnings: RuleProblem[] = [];
  for (const { template, channel, sequences, queued, example } of inUse) {
    const defined = next.templates.get(template);
    if (defined?.parts.has(channel)) continue;
    const named = [
      ...(sequences > 0 ? [`${sequences} running reminder sequence${sequences === 1 ? '' : 's'} (e.g. ${example})`] : []),
      ...(queued > 0 ? [`${queued} message${queued === 1 ? '' : 's'} queued to send`] : []),
    ].join(' and ');
    warnings.push({
      file: defined?.file ?? '',
      line: 1,
      column: 1,
      pointer: '',
      message:
        `template "${template}" ${defined ? `has no ${channel} part` : 'is not defined'} in these rules, but ${named} still ` +
        `name${sequences + queued === 1 ? 's' : ''} it for ${channel === 'sms' ? 'an SMS' : 'an email'}; those will be sent with the generic text`,
      fix: defined
        ? `Give the template its ${channel} part again`
        : `Keep rules/templates/${template}.yaml until those sequences have ended (GET /v1/invoices/{invoiceId}/dunning), or stop them`,
    });
  }
  return warnings;
}

/** A rule change planned over what the database knows, its removals' holders counted, and the removals it refuses. */
interface PlannedRuleChange {
  plan: ProfileChangePlan;
  held: HeldRemoval[];
  problems: RuleProblem[];
}

/**
 * Plans taking the profiles the database knows as defined (`known`) to those of `next`, counts the
 * holders of each removed profile and finds the removals refused — the part of a commit that writes
 * nothing, shared by commitRuleChange and checkRuleChange. With `lock`, the rows of the removed
 * profiles are locked first (a commit: nobody can be given one of them from then on).
 */
async function planRuleChange(
  tx: Queryable,
  known: readonly DefinedProfile[],
  next: RuleSet,
  options: { lock: boolean; automaticSetIds: ReadonlySet<string> },
): Promise<PlannedRuleChange> {
  const plan = planProfileChange(known, next, options.automaticSetIds);
  if (options.lock) await lockProfilesForRemoval(tx, plan.removals);
  const held: HeldRemoval[] = [];
  for (const removal of plan.removals) held.push({ removal, ...(await profileHolders(tx, removal.setId, removal.profileId)) });
  return { plan, held, problems: refusedRemovals(next, held) };
}

/** The sets known to have been automatic: those of the rules in use, and those whose decision rules the database recorded. */
function automaticSetIds(inUse: RuleSet | undefined, known: KnownRules): Set<string> {
  const ids = new Set(Object.keys(known.automaticSets ?? {}));
  for (const set of inUse?.profileSets ?? []) if (set.assignment === 'automatic') ids.add(set.id);
  return ids;
}

/** Whether committing a rule set would be refused, and what it would do to customers (POST /v1/rules/check). */
export interface RuleChangeCheck {
  /** False when a reload of these rules would be refused (`problems` says why). */
  ok: boolean;
  /** The version of the rules checked (none when their files are invalid). */
  version?: string;
  /** The version of the rules last committed to the database (the rules in force), if any. */
  committedVersion?: string;
  /** Each refusal, as a reload would give it. */
  problems: RuleProblem[];
  /** What a reload would accept but is worth knowing (missingTemplateWarnings). */
  warnings: RuleProblem[];
  /** What a reload would do now: as `lastReload.applied`, without the recalculation job's id (there is none yet). */
  wouldApply: {
    moved: MovedHolders[];
    disconnected: DisconnectedHolders[];
    recalculation?: { customers: number; changed?: Array<{ setId: string; change: SetChange }> };
  };
}

/**
 * What committing `next` would do, decided exactly as commitRuleChange decides it (the profiles the
 * database knows, the holders counted now), in a read-only snapshot: nothing is written or locked.
 * A reload a moment later may still differ, should customers be assigned or moved in between.
 */
export async function checkRuleChange(db: Database, next: RuleSet, inUse?: RuleSet): Promise<RuleChangeCheck> {
  return db.transaction(async (tx) => {
    await readOnlySnapshot(tx);
    const known = await readDefinedProfiles(tx);
    const { held, problems } = await planRuleChange(tx, known.profiles, next, {
      lock: false,
      automaticSetIds: automaticSetIds(inUse, known),
    });
    const wouldApply: RuleChangeCheck['wouldApply'] = expectedChanges(held);
    const recalculated = wouldApply.disconnected.filter((change) => change.reason === 'automatic-set');
    // As a commit decides it: sets deciding differently from what the database recorded recalculate every customer.
    const changed = known.automaticSets ? setsDecidingDifferently(known.automaticSets, next) : [];
    const customers = await countHoldersOfAny(tx, recalculated, { everyCustomer: changed.length > 0 });
    if (customers > 0) wouldApply.recalculation = { customers, ...(changed.length > 0 && { changed }) };
    const warnings = missingTemplateWarnings(next, await templatesInUse(tx));
    return {
      ok: problems.length === 0,
      version: next.version,
      ...(known.version && { committedVersion: known.version }),
      problems,
      warnings,
      wouldApply,
    };
  });
}

/**
 * The rules whose scenarios tell which running sequences followed the removed profile: the new
 * scenarios, those of the rules in use until now, and — for sequences whose scenario neither knows
 * (a start after the files changed) — the scenario of the sequence, taken to follow the removed profile.
 */
async function rulesToEndSequences(tx: Queryable, previous: RuleSet | undefined, next: RuleSet, removal: ProfileRemoval): Promise<RuleSet> {
  const scenarios: CompiledScenario[] = [...next.scenarios];
  const known = new Set(scenarios.map((scenario) => scenario.id));
  for (const scenario of previous?.scenarios ?? []) {
    if (known.has(scenario.id)) continue;
    scenarios.push(scenario);
    known.add(scenario.id);
  }
  const holders = await holdersOf(tx, removal.setId, removal.profileId);
  for (const id of await runningScenariosOfProfile(tx, holders, removal.profileId)) {
    if (known.has(id)) continue;
    scenarios.push({ id, name: id, profile: { setId: removal.setId, profileId: removal.profileId }, steps: [], stopWhen: [] });
  }
  return { ...next, scenarios };
}

/** How many customers a batch of a recalculation job takes at most. */
const recalculationBatch = 200;

/**
 * One batch of a recalculation job (the workflow's activity): recalculates the automatic sets the
 * removed profiles belonged to for the next customers, each in its own transaction under the
 * customer's lock, as an event would; how many are left. Rules older than the job's are reloaded first.
 */
export async function recalculateAfterRuleChange(
  db: Database,
  rules: { readonly current: RuleSet; reload?(): Promise<unknown> },
  jobId: string,
  now = () => new Date(),
): Promise<{ remaining: number }> {
  const job = await getRecalculationJob(db, jobId);
  if (!job || job.finishedAt) return { remaining: 0 };
  let ruleSet = rules.current;
  if (ruleSet.version !== job.ruleSetVersion && ruleSet.version !== (await committedRuleVersion(db))) {
    // This process has not taken the committed rules yet (its watcher is slower): take them, or retry later.
    await rules.reload?.();
    ruleSet = rules.current;
    if (ruleSet.version !== (await committedRuleVersion(db)))
      throw new Error(`The rules in use (${ruleSet.version}) are not those last committed; the recalculation waits for them.`);
  }
  const inJob = new Set([...job.removed.map((removed) => removed.setId), ...job.changed.map((changed) => changed.setId)]);
  const sets = ruleSet.profileSets.filter((set) => set.assignment === 'automatic' && inJob.has(set.id));
  const scope = scopeOf(sets, []);
  const trigger = job.changed.length > 0 ? 'rule-change' : 'profile-removed';
  const assignedBy = job.changed.length > 0 ? ruleChangeRecalculationActor : ruleChangeActor;
  // The batch is decided at once without locks (fast path): a customer whose profiles the rules
  // decide as held is done; the others are recalculated one by one under their lock, as an event would.
  const batch = await pendingRecalculations(db, jobId, recalculationBatch);
  const batchAt = now();
  const decidedAs = await decidedAsHeld(db, ruleSet, sets, batch, evaluationTime(ruleSet, batchAt), scope.factIds);
  await markManyRecalculated(db, jobId, decidedAs);
  const done = new Set(decidedAs);
  for (const customerId of batch.filter((id) => !done.has(id))) {
    await db.transaction(async (tx) => {
      const customer = await lockCustomer(tx, customerId).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      // A customer deleted or merged away since holds nothing to recalculate.
      if (customer && !customer.mergedInto) await recalculateSetsIn(tx, ruleSet, customerId, sets, { trigger, assignedBy }, now());
      await markRecalculated(tx, jobId, customerId);
    });
  }
  if (await finishRecalculationJob(db, jobId)) return { remaining: 0 };
  const after = await getRecalculationJob(db, jobId);
  return { remaining: after ? after.total - after.done : 0 };
}

/**
 * The customers of `customerIds` whose profiles in `sets` the rules decide as they hold them now (or
 * who are gone): nothing to recalculate. Read in one statement, evaluated on the fast path.
 */
async function decidedAsHeld(
  db: Queryable,
  ruleSet: RuleSet,
  sets: readonly CompiledProfileSet[],
  customerIds: string[],
  time: EvaluationTime,
  factIds: readonly string[],
): Promise<string[]> {
  if (customerIds.length === 0) return [];
  if (sets.length === 0) return customerIds;
  const facts = await loadCustomerFacts(db, ruleSet, time.now, customerIds, {}, factIds);
  return customerIds.filter((customerId) => {
    const values = facts.get(customerId);
    if (!values) return true;
    const held = (values.profiles ?? {}) as Record<string, string>;
    const decision = evaluate(ruleSet, values, time);
    return sets.every((set) => (decision.profiles[set.id] ?? null) === (held[set.id] ?? null));
  });
}

/** The recalculation jobs running and the latest finished, for GET /v1/rules. */
export async function recalculationJobs(db: Queryable) {
  return recentRecalculationJobs(db);
}

/** One recalculation job (GET /v1/rules/recalculations/{jobId}); NotFoundError when there is none. */
export async function recalculationJob(db: Queryable, jobId: string) {
  const job = await getRecalculationJob(db, jobId);
  if (!job) throw new NotFoundError(`No profile recalculation job has the id "${jobId}"; GET /v1/rules lists the recent ones.`);
  return job;
}
