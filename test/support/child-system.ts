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
  const { DATABASE_URL: _server, TEMPORAL_ADDRESS: _address, API_TOKENS: _tokens, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bootstrap/start.ts'], {
    cwd: projectRoot,
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  while (!output.includes('Stop with Ctrl-C')) {
    if (child.exitCode !== null) throw new Error(`Rulebook exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`Rulebook did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    apiUrl: /API\s+(http:\/\/\S+)/.exec(output)![1]!,
    token: env.API_TOKENS?.split(',')[0] ?? /API token\s+([0-9a-f]{64})/.exec(output)![1]!,
    output: () => output,
  };
}

/** Sends a signal and waits for the process to exit; returns its exit code. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  // A process that ended by a signal has no exit code but a signal code.
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}
