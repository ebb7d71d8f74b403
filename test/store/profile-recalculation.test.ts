/**
 * Profile recalculation on an event: after the facts are read, the decision record, every profile
 * change and its timeline entry are kept in one statement, exactly as before (one row per held
 * profile, one timeline entry per change, in set order, naming the record).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules';
import type { Queryable } from '../../src/store/database';
import { getCustomerProfiles } from '../../src/store/profile-store';
import { getTimeline } from '../../src/store/timeline-store';
import { decisionRecord, recalculateProfiles, type RecalculationTrigger } from '../../src/use-cases/profile-recalculation';
import { testData } from '../support/factories';
import { ruleDirWith, shippedRules } from '../support/rule-dirs';
import { useTestDatabase } from '../support/test-databases';

// The shipped rules with the returner profiles active, and a second set recalculated on returns.
const rules = ruleDirWith({
  'profiles/return-behaviour.yaml': readFileSync(path.join(shippedRules, 'profiles/return-behaviour.yaml'), 'utf8').replaceAll(
    'active: false',
    'active: true',
  ),
  'profiles/any-returner.yaml': `profileSet:
  id: any-returner
  name: Any returner
  assignment: automatic
  recalculateOn: [return-created]
  profiles:
    - { id: returned, name: Returned, active: true, priority: 1, minimumReturns: 1 }
`,
  'groups/returns.yaml': `groups:
  - { id: frequent-returners, name: Frequent returners, description: Three returns or more., kind: conditional, when: { fact: returns_in_window, operator: greaterThanInclusive, value: 3 } }
`,
});
afterAll(() => rules.remove());
const ruleSet = loadRuleSet(rules.dir);

describe('profile recalculation', () => {
  const test = useTestDatabase();

  /** Recalculates in a transaction, counting the statements it runs. */
  async function recalculate(customerId: string, now: Date, trigger: RecalculationTrigger) {
    let statements = 0;
    const outcome = await test.db.transaction((tx) => {
      const counted: Queryable = {
        query: (sql, params) => {
          statements++;
          return tx.query(sql, params);
        },
        exec: (sql) => tx.exec(sql),
      };
      return recalculateProfiles(counted, ruleSet, customerId, now, trigger);
    });
    return { ...outcome, statements };
  }

  /** The customer's profile changes, oldest first (the timeline lists the newest first). */
  const profileChanges = async (customerId: string) =>
    (await getTimeline(test.db, customerId)).entries
      .filter((entry) => entry.kind === 'profile-changed')
      .map((entry) => entry.detail)
      .reverse();

  it('keeps the record, the changed profiles and their timeline entries in one statement after the facts', async () => {
    const data = testData(test.db);
    const { id } = await data.customer();
    await data.return({ customerId: id, returnedAt: '2026-11-20T10:00:00Z' });

    const outcome = await recalculate(id, new Date('2026-11-21T10:00:00Z'), 'return-created');

    expect(outcome.statements).toBe(2);
    expect(outcome.changed).toEqual([
      { setId: 'any-returner', to: 'returned' },
      { setId: 'return-behaviour', to: 'first-time-returner' },
    ]);
    expect(outcome.profiles).toMatchObject({
      'account-type': 'to-assign',
      'any-returner': 'returned',
      'return-behaviour': 'first-time-returner',
    });
    const held = await getCustomerProfiles(test.db, id);
    expect(held['return-behaviour']).toMatchObject({
      profileId: 'first-time-returner',
      assignedBy: 'rules:return-created',
      decisionId: outcome.decisionRecordId,
    });
    expect(await profileChanges(id)).toEqual([
      { setId: 'any-returner', from: null, to: 'returned', by: 'rules:return-created', decisionId: outcome.decisionRecordId },
      {
        setId: 'return-behaviour',
        from: null,
        to: 'first-time-returner',
        by: 'rules:return-created',
        decisionId: outcome.decisionRecordId,
      },
    ]);
    const { trigger, record } = await decisionRecord(test.db, outcome.decisionRecordId);
    expect(trigger).toBe('return-created');
    // The record covers what a return concerns: the sets recalculated on returns, the groups reading returns.
    expect(record.profiles.map((set) => [set.setId, set.profileId])).toEqual([
      ['any-returner', 'returned'],
      ['return-behaviour', 'first-time-returner'],
    ]);
    expect(record.groups).toEqual([
      {
        groupId: 'frequent-returners',
        kind: 'conditional',
        matched: false,
        conditions: { fact: 'returns_in_window', operator: 'greaterThanInclusive', value: 3, factValue: 1, result: false },
      },
    ]);
    expect(record.facts).toEqual({ returns_in_window: 1 });
  });

  it('keeps only the record when nothing changes, and removes a profile the rules no longer give', async () => {
    const data = testData(test.db);
    const { id } = await data.customer();
    await data.return({ customerId: id, returnedAt: '2026-11-20T10:00:00Z' });
    await recalculate(id, new Date('2026-11-21T10:00:00Z'), 'return-created');

    const again = await recalculate(id, new Date('2026-11-22T10:00:00Z'), 'return-created');
    expect(again.changed).toEqual([]);
    expect(await profileChanges(id)).toHaveLength(2);
    expect((await decisionRecord(test.db, again.decisionRecordId)).record.profiles).toHaveLength(2);

    // Two years on the return has left the window: both sets give no profile.
    const aged = await recalculate(id, new Date('2028-11-22T10:00:00Z'), 'return-left-window');
    expect(aged.statements).toBe(2);
    expect(aged.changed).toEqual([
      { setId: 'any-returner', to: null },
      { setId: 'return-behaviour', to: null },
    ]);
    expect(await getCustomerProfiles(test.db, id)).toEqual({});
    expect((await profileChanges(id)).slice(2)).toEqual([
      { setId: 'any-returner', from: 'returned', to: null, by: 'rules:return-left-window', decisionId: aged.decisionRecordId },
      {
        setId: 'return-behaviour',
        from: 'first-time-returner',
        to: null,
        by: 'rules:return-left-window',
        decisionId: aged.decisionRecordId,
      },
    ]);
  });
});
