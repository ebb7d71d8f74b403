/**
 * The rule set in use by a running service: loaded at start, reloaded when files change or on
 * request. An invalid edit never replaces the set in use; its problems are kept for GET /v1/rules.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { loadRuleSet } from './load-rules';
import { RuleSetInvalidError, type RuleProblem } from './rule-problems';
import type { RuleSet } from './rule-set';

export interface ReloadOutcome {
  at: string;
  ok: boolean;
  version: string;
  problems?: RuleProblem[];
  /** What committing the new rules changed (customers moved or disconnected, a recalculation job), as `commit` reports it. */
  applied?: unknown;
}

/**
 * Commits a rule set before it is used (src/use-cases/rule-change.ts): given the set in use (none
 * at start) and the new one, it makes the stored data fit the new one, or throws
 * RuleSetInvalidError when the change must be refused (e.g. a profile removed while customers hold
 * it); its answer is kept as the reload's `applied`.
 */
export type RuleCommit = (previous: RuleSet | undefined, next: RuleSet) => Promise<unknown>;

/** Wait this long after the last file event before reloading: editors write files in several steps. */
const settleMs = 200;

export class RuleRegistry {
  private ruleSet: RuleSet;
  private loadedAt: string;
  private last: ReloadOutcome;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;

  /** The reload running now; the next waits for it, so that two commits never race. */
  private reloading: Promise<unknown> = Promise.resolve();

  /**
   * Loads `dir`; throws RuleSetInvalidError when the rules are invalid at start. With `commit`,
   * `start()` must run before the rules are used, and each reload commits the new rules before
   * they replace the set in use.
   */
  constructor(
    readonly dir: string,
    private readonly logger: Logger,
    private readonly commit?: RuleCommit,
  ) {
    this.ruleSet = loadRuleSet(dir);
    this.loadedAt = new Date().toISOString();
    this.last = { at: this.loadedAt, ok: true, version: this.ruleSet.version };
  }

  /**
   * Commits the rules loaded at start, as a reload would (a start after files were edited while the
   * service was down applies or refuses the same way); throws RuleSetInvalidError when refused.
   */
  async start(): Promise<void> {
    if (!this.commit) return;
    const applied = await this.commit(undefined, this.ruleSet);
    this.last = { ...this.last, ...(applied !== undefined && { applied }) };
  }

  /** The rule set in use. */
  get current(): RuleSet {
    return this.ruleSet;
  }

  /** Version, load time and the outcome of the last reload attempt. */
  status() {
    return { version: this.ruleSet.version, loadedAt: this.loadedAt, lastReload: this.last };
  }

  /**
   * Reloads from disk; keeps the rule set in use when the new one is invalid or its commit refuses
   * it (the refusal's problems are the outcome's). Reloads run one after the other.
   */
  reload(): Promise<ReloadOutcome> {
    const run = this.reloading.then(() => this.reloadNow());
    this.reloading = run.catch(() => undefined);
    return run;
  }

  private async reloadNow(): Promise<ReloadOutcome> {
    const at = new Date().toISOString();
    try {
      const next = loadRuleSet(this.dir);
      const applied = this.commit ? await this.commit(this.ruleSet, next) : undefined;
      const changed = next.version !== this.ruleSet.version;
      this.ruleSet = next;
      if (changed) this.loadedAt = at;
      this.last = { at, ok: true, version: next.version, ...(applied !== undefined && { applied }) };
      if (changed) this.logger.info({ version: next.version, applied }, 'rules reloaded');
    } catch (error) {
      if (!(error instanceof RuleSetInvalidError)) throw error;
      this.last = { at, ok: false, version: this.ruleSet.version, problems: error.problems };
      this.logger.warn({ problems: error.problems.length, kept: this.ruleSet.version }, 'rules invalid or refused; previous rule set kept');
    }
    return this.last;
  }

  /** Reloads whenever a file under the rules folder changes. */
  watch(): void {
    this.watcher = watch(this.dir, { recursive: true }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        // A bug in the loader (or the database away) must not take the service down on a file change: the set in use stays.
        this.reload().catch((error: unknown) =>
          this.logger.error({ err: error }, 'reloading the rules failed unexpectedly; previous rule set kept'),
        );
      }, settleMs);
    });
    this.watcher.on('error', (error) => this.logger.warn({ err: error }, 'watching the rules folder failed; use POST /v1/rules/reload'));
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}
