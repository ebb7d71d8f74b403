/** When `npm start` starts a new worker process after one died. */
import { describe, expect, it } from 'vitest';
import { RestartBackoff, workerRestartPolicy } from '../../../src/bootstrap/restart-backoff';

describe('restarting a worker process that died', () => {
  it('waits 1 s, then doubles the wait up to 30 s while new ones keep dying', () => {
    const backoff = new RestartBackoff(workerRestartPolicy);
    const delays = [
      backoff.next(5_000),
      backoff.next(),
      backoff.next(2_000),
      backoff.next(),
      backoff.next(),
      backoff.next(),
      backoff.next(),
    ];
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('waits 1 s again once a worker has run a minute before it died', () => {
    const backoff = new RestartBackoff(workerRestartPolicy);
    for (let death = 0; death < 4; death++) backoff.next();
    expect(backoff.next(60_000)).toBe(1_000);
    expect(backoff.next(59_999)).toBe(2_000);
  });
});
