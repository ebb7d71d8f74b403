/** Rulebook's `npm start` entry point in a child process, as a user or an operator runs it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { projectRoot } from '../../src/config/project-root';

export interface ChildSystem {
  child: ChildProcess;
  apiUrl: string;
  token: string;
  /** The worker's own process, a child of `child`, as the banner names it. */
  workerPid: number;
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
    workerPid: Number(/Processes\s+API \d+, worker (\d+)/.exec(output())![1]),
    output,
  };
}

/**
 * Starts one of the entry points in src/bootstrap (`start`, `api-main`, `worker-main`) in a child
 * process with `env` on top of a clean environment, and waits until its output shows `ready`.
 */
export async function startBootstrapProcess(
  entry: 'start' | 'api-main' | 'worker-main',
  env: Record<string, string>,
  ready: string,
  children: ChildProcess[],
) {
  const { DATABASE_URL: _server, TEMPORAL_ADDRESS: _address, API_TOKENS: _tokens, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', `src/bootstrap/${entry}.ts`], {
    cwd: projectRoot,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output = childOutput(child);
  await output.shows(ready, entry, 120_000);
  return { child, output: output.text };
}

/** What a child process writes to stdout and stderr, collected as it comes. */
export function childOutput(child: ChildProcess): {
  text(): string;
  /**
   * Resolves with the first match of `expected` once the output holds it; rejects with the whole
   * output when the child (named `name`) ends first, or after `timeoutMs`.
   */
  shows(expected: string | RegExp, name: string, timeoutMs: number): Promise<RegExpExecArray>;
} {
  let text = '';
  // Called on each new piece of output, and once when the child has ended and its output is all read ('close').
  const onChange = new Set<() => void>();
  let closed = false;
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    for (const check of onChange) check();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  child.once('close', () => {
    closed = true;
    for (const check of onChange) check();
  });
  return {
    text: () => text,
    shows: (expected, name, timeoutMs) =>
      new Promise((resolve, reject) => {
        const pattern = typeof expected === 'string' ? new RegExp(expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : expected;
        const settle = (outcome: () => void) => {
          clearTimeout(timer);
          onChange.delete(check);
          outcome();
        };
        const check = () => {
          const match = pattern.exec(text);
          if (match) settle(() => resolve(match));
          else if (closed) settle(() => reject(new Error(`${name} exited with ${child.exitCode ?? child.signalCode}:\n${text}`)));
        };
        const timer = setTimeout(
          () => settle(() => reject(new Error(`${name} did not come up within ${timeoutMs} ms:\n${text}`))),
          timeoutMs,
        );
        onChange.add(check);
        check();
      }),
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

/** Whether process `pid` runs; one that has ended but is not reaped yet (a zombie) does not. Reads /proc (Linux). */
export function processRuns(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The running processes whose command line holds `text`, with that command line. Reads /proc (Linux). */
export function processesWith(text: string): Array<{ pid: number; parent: number; commandLine: string }> {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return commandLine.includes(text) && processRuns(Number(entry)) ? [{ pid: Number(entry), parent, commandLine }] : [];
      } catch {
        return [];
      }
    });
}
