/**
 * Returns leaving the window move the customer down at that moment (time-skipping server, real
 * activities on a real database): no daily batch, no waiting for the next return.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recalculateProfiles } from '../../src/use-cases/profile-recalculation';
import { loadRuleSet } from '../../src/rules/load-rules';
import { getCustomerProfiles } from '../../src/store/profile-store';
import { nextReturnExpiry } from '../../src/store/returns-window-store';
import { getTimeline } from '../../src/store/timeline-store';
import { nextRecalculationQuery, rescheduleSignal, returnsWindow } from '../../workflows/returns-window';
import { ruleDirWith, shippedRules } from '../support/rule-dirs';
import { testData } from '../support/factories';
import { useTimeSkippingWorld } from '../support/time-skipping';

const day = 86_400_000;

describe('returns window (time-skipping)', () => {
  /** The shipped rules with the returner profiles on and a 3-month returns window. */
  const ruleSet = (() => {
    const returners = readFileSync(path.join(shippedRules, 'profiles/return-behaviour.yaml'), 'utf8').replaceAll(
      'active: false',
      'active: true',
    );
    const settings = readFileSync(path.join(shippedRules, 'settings.yaml'), 'utf8').replace(/returnsWindow: .*/, 'returnsWindow: 3 months');
    const rules = ruleDirWith({ 'profiles/return-behaviour.yaml': returners, 'settings.yaml': settings });
    try {
      return loadRuleSet(rules.dir);
    } finally {
      rules.remove();
    }
  })();
  const world = useTimeSkippingWorld(() => ruleSet);

  async function profileOf(customerId: string): Promise<string | undefined> {
    return (await getCustomerProfiles(world.test.db, customerId))['return-behaviour']?.profileId;
  }

  it('moves a normal returner down when the oldest return ages out, and again when the rest do', async () => {
    const customerId = 'C-window';
    const now = await world.env.currentTimeMs();
    await testData(world.test.db).customer({ id: customerId, email: 'window@example.com' });
    const returnedAt = [now - 80 * day, now - 10 * day, now - 10 * day + 1, now - 10 * day + 2, now - 10 * day + 3];
    for (const [index, at] of returnedAt.entries()) {
      await testData(world.test.db).return({ id: `RW-${index}`, customerId, returnedAt: new Date(at).toISOString() });
    }
    await world.test.db.transaction((tx) => recalculateProfiles(tx, ruleSet, customerId, new Date(now), 'return-created'));
    expect(await profileOf(customerId)).toBe('normal-returner');

    const expiry = (await nextReturnExpiry(world.test.db, customerId, '3 months', new Date(now)))!;
    const handle = await world.env.client.workflow.signalWithStart(returnsWindow, {
      workflowId: `returns-window-${customerId}`,
      taskQueue: world.taskQueue,
      args: [{ customerId }],
      signal: rescheduleSignal,
      signalArgs: [{ at: expiry.toISOString() }],
    });
    expect(await handle.query(nextRecalculationQuery)).toBe(expiry.toISOString());

    await world.env.sleep(expiry.getTime() - now + day);
    expect(await profileOf(customerId)).toBe('first-time-returner');
    const moved = (await getTimeline(world.test.db, customerId)).entries.find((entry) => entry.kind === 'profile-changed')!; // newest first
    expect(moved.detail).toMatchObject({ from: 'normal-returner', to: 'first-time-returner', by: 'rules:return-left-window' });
    const next = Date.parse((await handle.query(nextRecalculationQuery))!);
    expect(next).toBeGreaterThan(now + 80 * day);

    await world.env.sleep(next - (await world.env.currentTimeMs()) + day);
    expect(await profileOf(customerId)).toBeUndefined();
    await handle.result();
  });
});
