/**
 * Which process runs the embedded PostgreSQL server of a data directory: a small JSON file
 * (`postgres.lock`) created exclusively, so that two starts on one data directory cannot both
 * believe they own the server. A lock left by a process that no longer lives is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';

export interface LockHolder {
  pid: number;
  /** Set once the holder's server accepts connections. */
  port?: number;
}

export type LockClaim = { claimed: true } | { claimed: false; holder: LockHolder };

/** Takes the lock for this process, or names the live process that holds it. */
export async function claimServerLock(file: string): Promise<LockClaim> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid } satisfies LockHolder));
      closeSync(fd);
      return { claimed: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readServerLock(file);
    if (holder && isAlive(holder.pid)) return { claimed: false, holder };
    // Unreadable: a holder between creating and writing the file gets a moment to finish.
    if (!holder) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (!readServerLock(file)) removeFile(file);
      continue;
    }
    removeFile(file);
  }
  throw new Error(`could not take ${file}: it keeps changing hands`);
}

/** The holder named in the lock file, or undefined when there is none (or it is half-written). */
export function readServerLock(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, ...(typeof parsed.port === 'number' && { port: parsed.port }) } : undefined;
  } catch {
    return undefined;
  }
}

/** Records the port of this process's server, for processes that join it. */
export function publishPort(file: string, port: number): void {
  writeFileSync(file, JSON.stringify({ pid: process.pid, port } satisfies LockHolder), { mode: 0o600 });
}

/** Removes the lock if this process still holds it. */
export function releaseServerLock(file: string): void {
  if (readServerLock(file)?.pid === process.pid) removeFile(file);
}

/** Whether a process with this id runs (one of another user counts: signalling it is refused, not unknown). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
