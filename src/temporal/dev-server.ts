/**
 * Runs the Temporal dev server (from the Temporal CLI) as a child process and waits until it
 * accepts requests. Used by `npm start` and the test suite.
 */
import { Connection } from '@temporalio/client';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { devServerSearchAttributeFlags } from './search-attribute-registration';

export interface DevServerOptions {
  cliPath: string;
  ip: string;
  port: number;
  /** Web UI port; `undefined` runs headless. */
  uiPort?: number;
  /** The Web UI's codec server (`--ui-codec-endpoint`), e.g. the API's `/v1/temporal-codec`, so that the UI shows payloads decrypted. */
  uiCodecEndpoint?: string;
  dbFile: string;
  namespace: string;
  logger: Logger;
  /** Faster, less durable SQLite settings for throw-away test servers. */
  forTests?: boolean;
  startupTimeoutMs?: number;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  pid: number;
  stop(): Promise<void>;
}

/** The dev server exited or did not become ready; the message carries its last output. */
export class DevServerError extends Error {
  override name = 'DevServerError';
}

/** Starts the dev server and resolves once its namespace answers. */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    options.ip,
    '--port',
    String(options.port),
    '--db-filename',
    options.dbFile,
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...(options.uiPort === undefined ? ['--headless'] : ['--ui-port', String(options.uiPort)]),
    ...(options.uiPort !== undefined && options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
    // Rulebook's search attributes (workflows/search-attributes.ts), registered before any workflow sets them.
    ...devServerSearchAttributeFlags(),
    ...(options.forTests ? ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF'] : []),
  ];
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const recentOutput: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      recentOutput.push(line);
      if (recentOutput.length > 20) recentOutput.shift();
      options.logger.debug({ devServer: line }, 'temporal dev server');
    }
  };
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const address = `${options.ip}:${options.port}`;
  const stop = async () => {
    if (!running) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitUntilReady(address, options.namespace, options.startupTimeoutMs ?? 60_000, () => running);
  } catch (error) {
    await stop();
    throw new DevServerError(`${(error as Error).message}\nLast output of the dev server:\n${recentOutput.join('\n')}`);
  }
  return {
    address,
    ...(options.uiPort !== undefined && { uiUrl: `http://${options.ip}:${options.uiPort}` }),
    pid: child.pid!,
    stop,
  };
}

async function waitUntilReady(address: string, namespace: string, timeoutMs: number, isRunning: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isRunning()) throw new Error(`The Temporal dev server exited during start-up (is port ${address} in use?)`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`The Temporal dev server at ${address} was not ready within ${timeoutMs} ms: ${String(lastError)}`);
}
