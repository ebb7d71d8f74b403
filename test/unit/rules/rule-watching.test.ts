/**
 * The running service's rules follow the files on disk (issue 13): the version of the files now,
 * and a watcher that survives rename-saves (sed -i, vim, git checkout) and atomic writes.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/rules/load-rules';
import { ruleFolderVersion } from '../../../src/rules/rule-folder-version';
import { RuleRegistry } from '../../../src/rules/rule-registry';
import { ruleDirWith } from '../../support/rule-dirs';

const logger = pino({ level: 'silent' });
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function rulesDir(): string {
  const dir = ruleDirWith({ tests: null });
  cleanups.push(() => dir.remove());
  return dir.dir;
}

const setFile = (dir: string) => path.join(dir, 'profiles/return-behaviour.yaml');
const named = (dir: string, name: string) => readFileSync(setFile(dir), 'utf8').replace(/^ {2}name: .*$/m, `  name: ${name}`);
const setName = (registry: RuleRegistry) => registry.current.profileSets.find((set) => set.id === 'return-behaviour')!.name;

/** What `sed -i` and vim do: write a new file next to it, then rename it over the old one (a new inode). */
function saveByRename(file: string, content: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.swp`);
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

describe('the version of the rule files on disk', () => {
  it('is the version their rule set gets, changes with any file, and is undefined without the folder', () => {
    const dir = rulesDir();
    const version = ruleFolderVersion(dir);
    expect(version).toBe(loadRuleSet(dir).version);
    writeFileSync(setFile(dir), named(dir, 'Returns'));
    expect(ruleFolderVersion(dir)).not.toBe(version);
    expect(ruleFolderVersion(dir)).toBe(loadRuleSet(dir).version);
    // A file the loader would refuse still counts.
    writeFileSync(path.join(dir, 'groups/broken.yaml'), Buffer.from([0xff, 0xfe, 0x00]));
    expect(ruleFolderVersion(dir)).toMatch(/^sha256:/);
    const empty = mkdtempSync(path.join(tmpdir(), 'rulebook-none-'));
    rmSync(empty, { recursive: true });
    expect(ruleFolderVersion(empty)).toBeUndefined();
  });

  it('shows on the status whether the files differ from the rules in use', async () => {
    const dir = rulesDir();
    const registry = new RuleRegistry(dir, logger);
    expect(registry.status().onDisk).toEqual({ version: registry.current.version, differs: false, watched: false });
    writeFileSync(setFile(dir), named(dir, 'Returns'));
    expect(registry.status().onDisk).toMatchObject({ version: loadRuleSet(dir).version, differs: true });
    await registry.reload();
    expect(registry.status().onDisk).toMatchObject({ version: registry.current.version, differs: false });
  });
});

describe('the rules watcher', () => {
  it('runs the last version of a file saved by rename five times in a row, without a reload call', async () => {
    const dir = rulesDir();
    const registry = new RuleRegistry(dir, logger);
    cleanups.push(() => registry.close());
    registry.watch();
    for (let save = 1; save <= 5; save++) {
      saveByRename(setFile(dir), named(dir, `Return behaviour ${save}`));
      await expect.poll(() => setName(registry), { timeout: 10_000, interval: 50 }).toBe(`Return behaviour ${save}`);
      expect(registry.status()).toMatchObject({ lastReload: { ok: true }, onDisk: { differs: false, watched: true } });
    }
  });

  it('takes a file replaced by an editor’s atomic write (delete, then create) and a folder created after the start', async () => {
    const dir = rulesDir();
    const registry = new RuleRegistry(dir, logger);
    cleanups.push(() => registry.close());
    registry.watch();
    const content = named(dir, 'Atomic');
    rmSync(setFile(dir));
    writeFileSync(setFile(dir), content);
    await expect.poll(() => setName(registry), { timeout: 10_000, interval: 50 }).toBe('Atomic');
    writeFileSync(
      path.join(dir, 'groups/late.yaml'),
      readFileSync(path.join(dir, 'groups/seed-examples.yaml'), 'utf8').replaceAll('id: ', 'id: late-'),
    );
    await expect
      .poll(() => registry.current.groups.some((group) => group.id.startsWith('late-')), { timeout: 10_000, interval: 50 })
      .toBe(true);
  });

  it('finds a change no event announced at its next check, and does not retry refused files until they change', async () => {
    const dir = rulesDir();
    const registry = new RuleRegistry(dir, logger);
    cleanups.push(() => registry.close());
    let reloads = 0;
    const reload = registry.reload.bind(registry);
    registry.reload = () => {
      reloads++;
      return reload();
    };
    registry.watch({ checkEveryMs: 100 });
    writeFileSync(path.join(dir, 'groups/broken.yaml'), 'groups: [');
    await expect.poll(() => registry.status().lastReload.ok, { timeout: 10_000, interval: 50 }).toBe(false);
    const attempts = reloads;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(reloads).toBe(attempts);
    expect(registry.status().onDisk).toMatchObject({ differs: true });
    rmSync(path.join(dir, 'groups/broken.yaml'));
    await expect.poll(() => registry.status().lastReload.ok, { timeout: 10_000, interval: 50 }).toBe(true);
  });
});
