/**
 * The due release and a delivery in flight at the due moment take their locks in one order — the
 * order row, then its hold — so they never deadlock (before, the release locked the holds first: a
 * deadlock cost deadlock_timeout and, when the release was the victim, its whole batch).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { releaseCodHold } from '../../src/store/cod-store';
import { releaseCodHoldsDue } from '../../src/use-cases/expire-cod-hold';
import { aCustomer, anOrder } from '../support/factories';
import { useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();
const deadlocks = async () =>
  Number(
    (
      await rulebook.system.db.query<{ n: string }>('SELECT deadlocks::text AS n FROM pg_stat_database WHERE datname = current_database()')
    )[0]!.n,
  );

describe('due release vs a delivery in flight', () => {
  it('takes its locks in the order a delivery takes them (no deadlock)', async () => {
    expect((await rulebook.post('/v1/customers', aCustomer({ id: 'DL-1' }))).status).toBe(201);
    expect((await rulebook.post('/v1/orders', anOrder({ id: 'DL-O1', customerId: 'DL-1', value: 100, paymentMethod: 'cod' }))).status).toBe(
      201,
    );
    const before = await deadlocks();
    let release: Promise<number> | undefined;
    // The delivery's steps, as recordOrderEvent takes them: the order row first, then the hold.
    await rulebook.system.db.transaction(async (tx) => {
      await tx.query("SELECT 1 FROM orders WHERE id = 'DL-O1' FOR UPDATE");
      release ??= releaseCodHoldsDue(rulebook.system.db, new Date('2100-01-01T00:00:00Z'));
      await sleep(300);
      await releaseCodHold(tx, 'DL-O1', 'delivered');
    });
    await release;
    await sleep(500); // statistics are reported by the backends asynchronously
    expect(await deadlocks()).toBe(before);
  });
});
