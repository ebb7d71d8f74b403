/** The running service and its rules: version, reload on request and on file change, explain. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleDirWith } from '../support/rule-dirs';
import { body, startTestSystem, type TestSystem } from '../support/running-system';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/test-databases';

describe('rules in the running service', () => {
  let location: TestDatabaseLocation;
  let rulebook: TestSystem;
  const rules = ruleDirWith({});
  const settingsFile = path.join(rules.dir, 'settings.yaml');
  const original = readFileSync(settingsFile, 'utf8');

  beforeAll(async () => {
    location = await createTestDatabaseLocation();
    rulebook = await startTestSystem(location, { RULEBOOK_RULES_DIR: rules.dir });
  });

  afterAll(async () => {
    await rulebook?.system.stop();
    await location?.drop();
    rules.remove();
  });

  async function version(): Promise<string> {
    return (await body(await rulebook.api('/v1/rules'))).version;
  }

  it('reports the version in use and what the rules define', async () => {
    const status = await body(await rulebook.api('/v1/rules'));
    expect(status.version).toMatch(/^sha256:/);
    expect(status.groups).toContainEqual({ id: 'high-value-mumbai', kind: 'conditional' });
    expect(status.scenarios).toContainEqual({ id: 'standard', profile: 'account-type/standard' });
  });

  it('keeps the rule set in use when a reload finds invalid rules, answering with every problem', async () => {
    const before = await version();
    writeFileSync(settingsFile, original.replace('firstDayOfWeek: monday', 'firstDayOfWeek: someday'));
    const res = await rulebook.api('/v1/rules/reload', { method: 'POST' });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await body(res);
    expect(problem.problems).toEqual([expect.objectContaining({ pointer: '/settings/firstDayOfWeek', line: expect.any(Number), column: expect.any(Number) })]);
    expect(problem.detail).toMatch(/previous rule set stays in use/);
    expect(await version()).toBe(before);
  });

  it('reloads by itself when a rule file changes', async () => {
    const before = await version();
    writeFileSync(settingsFile, original.replace('totalLimitPerUser: 50000', 'totalLimitPerUser: 70000'));
    let now = before;
    for (let attempt = 0; attempt < 50 && now === before; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      now = await version();
    }
    expect(now).not.toBe(before);
    expect(rulebook.system.rules.current.settings.cod.totalLimitPerUser).toBe(70000);
  });

  it('explains the decision for given facts', async () => {
    const res = await rulebook.api('/v1/rules/explain', {
      method: 'POST',
      json: { facts: { total_spent: 6000, city: 'Mumbai', profiles: { 'account-type': 'export' } }, at: '2026-12-31T10:00:00+05:30' },
    });
    expect(res.status).toBe(200);
    const { decision, record } = await body(res);
    expect(decision).toMatchObject({ groups: ['high-value-mumbai'], scenario: 'export' });
    expect(record.ruleSetVersion).toBe(await version());
  });

  it('plans erasures after the grace period of the settings (45 days)', async () => {
    await rulebook.api('/v1/customers', { method: 'POST', json: { id: 'C-grace', email: 'grace@example.com' } });
    const requested = Date.now();
    const res = await rulebook.api('/v1/customers/C-grace/erasure', { method: 'POST', json: { reason: 'asked', requestedBy: 'ops' } });
    expect(res.status).toBe(202);
    const days = (Date.parse((await body(res)).eraseAt) - requested) / 86_400_000;
    expect(days).toBeGreaterThan(44.99);
    expect(days).toBeLessThan(45.01);
    await rulebook.api('/v1/customers/C-grace/erasure/cancel', { method: 'POST', json: { reason: 'test over', cancelledBy: 'ops' } });
  });

  it('refuses facts with ids that are not fact ids', async () => {
    const res = await rulebook.api('/v1/rules/explain', { method: 'POST', json: { facts: { '__proto__x': 1 } } });
    expect(res.status).toBe(422);
  });
});
