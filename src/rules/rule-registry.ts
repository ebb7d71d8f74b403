/**
 * The rule set in use by a running service: loaded at start, reloaded when files change or on
 * request. An invalid edit never replaces the set in use; its problems are kept for GET /v1/rules.
 *
 * Watching (`watch()`): file events are only a hint, the content hash of the files is the truth.
 * chokidar watches each folder of the rules tree (a rename-save — sed -i, vim, git checkout, an
 * editor's atomic write — replaces a file's inode, which Node's recursive fs.watch loses for good);
 * every event, and a check every few seconds besides (a network or container file system may send
 * no event at all, and an event may come while a reload runs), compares the version of the files on
 * disk (rule-folder-version.ts) with the last one reloaded, and reloads when it differs.
 */
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from 'pino';
import { loadRuleSet } from './load-rules';
import { ruleFolderVersion } from './rule-folder-version';
import { RulesCommittedElsewhereError, RuleSetInvalidError, type RuleProblem } from './rule-problems';
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

/** How often a watching registry compares the files on disk with the rules in use, whatever the events say. */
const defaultCheckEveryMs = 3_000;

/** The rule files on disk as GET /v1/rules shows them next to the version in use. */
export interface RulesOnDisk {
  /** Content hash of the files now (the version a reload would use when they are valid); null when the folder is missing. */
  version: string | null;
  /** Whether they differ from the rules in use: a reload is pending, or was refused (`lastReload`). */
  differs: boolean;
  /** Whether the service reloads by itself when they change (RULEBOOK_WATCH_RULES). */
  watched: boolean;
}

export class RuleRegistry {
  private ruleSet: RuleSet;
  private loadedAt: string;
  private last: ReloadOutcome;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private checker?: NodeJS.Timeout;
  private checking = false;
  private checkAgain = false;
  /** The version on disk when the last reload (or the start) read the files: the watcher reloads when the files differ from it. */
  private readFromDisk?: string;

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
    this.readFromDisk = ruleFolderVersion(dir);
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

  /** Version, load time, the outcome of the last reload attempt, and the files on disk now. */
  status() {
    return { version: this.ruleSet.version, loadedAt: this.loadedAt, lastReload: this.last, onDisk: this.onDisk() };
  }

  /** The version of the files on disk now, and whether they differ from the rules in use. */
  onDisk(): RulesOnDisk {
    const version = ruleFolderVersion(this.dir) ?? null;
    return { version, differs: version !== this.ruleSet.version, watched: this.watcher !== undefined };
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
    // Read before the files are loaded: an edit made while loading differs from it, and is reloaded next.
    const onDisk = ruleFolderVersion(this.dir);
    try {
      const next = loadRuleSet(this.dir);
      const applied = this.commit ? await this.commit(this.ruleSet, next) : undefined;
      const changed = next.version !== this.ruleSet.version;
      this.ruleSet = next;
      if (changed) this.loadedAt = at;
      this.last = { at, ok: true, version: next.version, ...(applied !== undefined && { applied }) };
      this.readFromDisk = onDisk;
      if (changed) this.logger.info({ version: next.version, applied }, 'rules reloaded');
    } catch (error) {
      // Any other failure (the database away) leaves readFromDisk as it was: the next check tries again.
      if (!(error instanceof RuleSetInvalidError)) throw error;
      const repeated = this.last?.ok === false && JSON.stringify(this.last.problems) === JSON.stringify(error.problems);
      // Refused because another process committed other rules: the same files are tried again at the next check,
      // and go through once the rules in force are theirs. Files refused for what they say are not read again until they change.
      if (!(error instanceof RulesCommittedElsewhereError)) this.readFromDisk = onDisk;
      this.last = { at, ok: false, version: this.ruleSet.version, problems: error.problems };
      if (!repeated)
        this.logger.warn(
          { problems: error.problems.length, kept: this.ruleSet.version },
          'rules invalid or refused; previous rule set kept',
        );
    }
    return this.last;
  }

  /**
   * Reloads whenever the rule files differ from those last read: on every file event under the
   * rules folder (after `settleMs` of quiet) and at least every `checkEveryMs`. Files unchanged
   * since the last reload — also when that reload was refused — are not reloaded again.
   */
  watch(options: { checkEveryMs?: number } = {}): void {
    if (this.watcher) return;
    this.watcher = watch(this.dir, { ignoreInitial: true, atomic: true });
    this.watcher.on('all', () => this.checkSoon());
    this.watcher.on('error', (error) =>
      this.logger.warn({ err: error }, 'watching the rules folder failed; its files are still checked every few seconds'),
    );
    this.checker = setInterval(() => {
      // A file event's check is on its way: it comes once the files are quiet.
      if (!this.timer) void this.check();
    }, options.checkEveryMs ?? defaultCheckEveryMs);
    this.checker.unref();
  }

  /** Checks the files after `settleMs` without a further event: editors write a file in several steps. */
  private checkSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, settleMs);
  }

  /** Reloads when the files on disk differ from those last read; one check at a time (a check asked for meanwhile runs after it). */
  private async check(): Promise<void> {
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.checkAgain = false;
        await this.reloading;
        if (ruleFolderVersion(this.dir) !== this.readFromDisk) await this.reload();
      } while (this.checkAgain);
    } catch (error) {
      // A bug in the loader (or the database away) must not take the service down on a file change: the set in use stays.
      this.logger.error({ err: error }, 'reloading the rules failed unexpectedly; previous rule set kept, tried again at the next check');
    } finally {
      this.checking = false;
    }
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    clearInterval(this.checker);
    void this.watcher?.close();
  }
}
