/** What a command prints, for tests of the `rulebook` CLI. */
import { vi } from 'vitest';

/**
 * Collects every line written with console.log and console.error, instead of printing it, until
 * the spies are restored (`vi.restoreAllMocks()`, which the calling test file runs after each test).
 */
export function captureConsole(): string[] {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
  return lines;
}
