/**
 * The worker and the Temporal dev server run at background priority: every thread of them, not
 * only the one whose id is the pid (on Linux the priority is per thread).
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInBackground } from '../../src/bootstrap/background-priority';
import { createLogger } from '../../src/logging/logger';

/** The nice value of each thread of `pid`, from /proc/<pid>/task/<tid>/stat (field 19). */
function threadNiceness(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((thread) => {
    const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('background priority', () => {
  it('lowers every thread of a process that started its threads before', async () => {
    // A Node process has started its worker threads (V8 platform, libuv) once it prints.
    const child = spawn(process.execPath, ['-e', 'console.log("up"); setTimeout(() => {}, 10_000)'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise((resolve) => child.stdout.once('data', resolve));
      const pid = child.pid!;
      expect(threadNiceness(pid).length).toBeGreaterThan(1);
      runInBackground(pid, createLogger({ level: 'silent', pretty: false }));
      // Ten steps below this process's own priority (0 here, unless the tests themselves run niced).
      expect(new Set(threadNiceness(pid))).toEqual(new Set([Math.min(os.getPriority() + 10, 19)]));
    } finally {
      child.kill();
    }
  });
});
