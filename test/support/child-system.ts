/** Rulebook's `npm start` entry point in a child process, as a user or an operator runs it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../src/config/project-root';

export interface ChildSystem {
  child: ChildProcess;
  apiUrl: string;
  token: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
}

/**
 * Starts `src/bootstrap/start.ts` with `env` on top of a clean environment (no inherited database,
 * Temporal address or tokens) and waits for its "running" banner.
 */
export async function startChildSystem(env: Record<string, string>, children: ChildProcess[]): Promise<ChildSystem> {
  const { child, output } = await startBootstrapProcess('start', { LOG_LEVEL: 'warn', ...env }, 'Stop with Ctrl-C', children);
  return {
    child,
    apiUrl: /API\s+(http:\/\/\S+)/.exec(output())![1]!,
    token: env.API_TOKENS?.split(',')[0] ?? /API token\s+([0-9a-f]{64})/.exec(output())![1]!,
    output,
  };
}

/**
 * Starts one of the entry points in src/bootstrap (`start`, `api-main`, `worker-main`) in a child
 * process with `env` on top of a clean environment, and waits until its output shows `ready`.
 */
export async function startBootstrapProcess(entry: 'start' | 'api-main' | 'worker-main', env: Record<string, string>, ready: string, children: ChildProcess[]) {
  const { DATABASE_URL: _server, TEMPORAL_ADDRESS: _address, API_TOKENS: _tokens, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', `src/bootstrap/${entry}.ts`], {
    cwd: projectRoot,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  while (!output.includes(ready)) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${entry} did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, output: () => output };
}

/** Sends a signal and waits for the process to exit; returns its exit code. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  // A process that ended by a signal has no exit code but a signal code.
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}
