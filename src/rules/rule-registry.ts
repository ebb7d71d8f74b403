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
}

/** Wait this long after the last file event before reloading: editors write files in several steps. */
const settleMs = 200;

export class RuleRegistry {
  private ruleSet: RuleSet;
  private loadedAt: string;
  private last: ReloadOutcome;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;

  /** Loads `dir`; throws RuleSetInvalidError when the rules are invalid at start. */
  constructor(
    readonly dir: string,
    private readonly logger: Logger,
  ) {
    this.ruleSet = loadRuleSet(dir);
    this.loadedAt = new Date().toISOString();
    this.last = { at: this.loadedAt, ok: true, version: this.ruleSet.version };
  }

  /** The rule set in use. */
  get current(): RuleSet {
    return this.ruleSet;
  }

  /** Version, load time and the outcome of the last reload attempt. */
  status() {
    return { version: this.ruleSet.version, loadedAt: this.loadedAt, lastReload: this.last };
  }

  /** Reloads from disk; keeps the rule set in use when the new one is invalid. */
  reload(): ReloadOutcome {
    const at = new Date().toISOString();
    try {
      const next = loadRuleSet(this.dir);
      const changed = next.version !== this.ruleSet.version;
      this.ruleSet = next;
      if (changed) this.loadedAt = at;
      this.last = { at, ok: true, version: next.version };
      if (changed) this.logger.info({ version: next.version }, 'rules reloaded');
    } catch (error) {
      if (!(error instanceof RuleSetInvalidError)) throw error;
      this.last = { at, ok: false, version: this.ruleSet.version, problems: error.problems };
      this.logger.warn({ problems: error.problems.length, kept: this.ruleSet.version }, 'rules invalid; previous rule set kept');
    }
    return this.last;
  }

  /** Reloads whenever a file under the rules folder changes. */
  watch(): void {
    this.watcher = watch(this.dir, { recursive: true }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        // A bug in the loader must not take the service down on a file change: the set in use stays.
        try {
          this.reload();
        } catch (error) {
          this.logger.error({ err: error }, 'reloading the rules failed unexpectedly; previous rule set kept');
        }
      }, settleMs);
    });
    this.watcher.on('error', (error) => this.logger.warn({ err: error }, 'watching the rules folder failed; use POST /v1/rules/reload'));
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}
