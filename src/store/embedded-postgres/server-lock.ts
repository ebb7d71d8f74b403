/**
 * Which process runs the embedded PostgreSQL server of a data directory: a small JSON file
 * (`postgres.lock`) created exclusively, so that two starts on one data directory cannot both
 * believe they own the server. A lock left by a process that no longer lives is taken over — and
 * "lives" means the same process, not just the same pid: in a container a restarted Rulebook often
 * gets the pid its killed predecessor had, so the holder's start time is recorded and compared.
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';

/** Where processes that join the server connect: a Unix socket folder, or a loopback port. */
export interface ServerAddress {
  socketDir?: string;
  port: number;
}

export interface LockHolder {
  pid: number;
  /** The holder's boot id and start time (Linux), telling it from a later process with the same pid. */
  identity?: string;
  /** Set once the holder's server is ready for other processes (database created, schema migrated). */
  address?: ServerAddress;
}

export type LockClaim = { claimed: true } | { claimed: false; holder: LockHolder };

/** Lock files this process holds (a second claim from the same process is refused, not taken over). */
const heldHere = new Set<string>();

/** Takes the lock for this process, or names the live process that holds it. */
export async function claimServerLock(file: string): Promise<LockClaim> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(thisProcess()));
      closeSync(fd);
      heldHere.add(file);
      return { claimed: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readServerLock(file);
    if (holder && holderLives(holder, file)) return { claimed: false, holder };
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
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid)) return undefined;
    return {
      pid: parsed.pid,
      ...(typeof parsed.identity === 'string' && { identity: parsed.identity }),
      ...(typeof parsed.address?.port === 'number' && { address: parsed.address }),
    };
  } catch {
    return undefined;
  }
}

/** Records where this process's server is, once others may use it; written whole (rename), never half. */
export function publishAddress(file: string, address: ServerAddress): void {
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify({ ...thisProcess(), address } satisfies LockHolder), { mode: 0o600 });
  renameSync(partial, file);
}

/** Removes the lock if this process holds it. */
export function releaseServerLock(file: string): void {
  if (heldHere.delete(file) && readServerLock(file)?.pid === process.pid) removeFile(file);
}

/** Whether the process that wrote the lock still runs. */
export function holderLives(holder: LockHolder, file: string): boolean {
  if (holder.pid <= 0) return false;
  if (holder.pid === process.pid) return heldHere.has(file);
  if (!isAlive(holder.pid)) return false;
  const identity = processIdentity(holder.pid);
  return !holder.identity || !identity || identity === holder.identity;
}

/** Whether a process with this id runs (one of another user counts: signalling it is refused, not unknown). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Boot id and start time of a process (Linux); undefined where /proc does not tell. */
export function processIdentity(pid: number): string | undefined {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (start time); the command name in parentheses may hold spaces, so count after its ')'.
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return startTime ? `${bootId}:${startTime}` : undefined;
  } catch {
    return undefined;
  }
}

function thisProcess(): LockHolder {
  const identity = processIdentity(process.pid);
  return { pid: process.pid, ...(identity && { identity }) };
}

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
