/** The running service and its rules: version, reload on request and on file change, explain. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { body, useTestSystem } from '../support/running-system';

describe('rules in the running service', () => {
  const rulebook = useTestSystem({ rules: {} });
  const settingsFile = path.join(rulebook.rulesDir, 'settings.yaml');
  const original = readFileSync(settingsFile, 'utf8');

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
    expect(problem.problems).toEqual([
      expect.objectContaining({ pointer: '/settings/firstDayOfWeek', line: expect.any(Number), column: expect.any(Number) }),
    ]);
    expect(problem.detail).toMatch(/previous rule set stays in use/);
    expect(await version()).toBe(before);
  });

  it('reloads by itself when a rule file changes', async () => {
    const before = await version();
    writeFileSync(settingsFile, original.replace('totalLimitPerUser: 50000', 'totalLimitPerUser: 70000'));
    await expect.poll(version, { timeout: 10_000, interval: 100 }).not.toBe(before);
    expect(rulebook.system.rules.current.settings.cod.totalLimitPerUser).toBe(70000);
  });

  it('explains the decision for given facts', async () => {
    const res = await rulebook.post('/v1/rules/explain', {
      facts: { total_spent: 6000, city: 'Mumbai', profiles: { 'account-type': 'export' } },
      at: '2026-12-31T10:00:00+05:30',
    });
    expect(res.status).toBe(200);
    const { decision, record } = await body(res);
    expect(decision).toMatchObject({ groups: ['high-value-mumbai'], scenario: 'export' });
    expect(record.ruleSetVersion).toBe(await version());
  });

  it('plans erasures after the grace period of the settings (45 days)', async () => {
    await rulebook.post('/v1/customers', { id: 'C-grace', email: 'grace@example.com' });
    const requested = Date.now();
    const res = await rulebook.post('/v1/customers/C-grace/erasure', { reason: 'asked', requestedBy: 'ops' });
    expect(res.status).toBe(202);
    const days = (Date.parse((await body(res)).eraseAt) - requested) / 86_400_000;
    expect(days).toBeGreaterThan(44.99);
    expect(days).toBeLessThan(45.01);
    await rulebook.post('/v1/customers/C-grace/erasure/cancel', { reason: 'test over', cancelledBy: 'ops' });
  });

  it('refuses facts with ids that are not fact ids', async () => {
    const res = await rulebook.post('/v1/rules/explain', { facts: { __proto__x: 1 } });
    expect(res.status).toBe(422);
  });

  it('refuses facts that attributes.yaml does not declare or that have another type, saying which was meant', async () => {
    const res = await rulebook.post('/v1/rules/explain', { facts: { loyalty_teir: 'gold', total_spent: '6000' } });
    expect(res.status).toBe(422);
    expect((await body(res)).errors).toEqual([
      {
        pointer: '/facts/loyalty_teir',
        message: 'unknown attribute or fact "loyalty_teir". Use an id declared in attributes.yaml — did you mean "loyalty_tier"?',
      },
      { pointer: '/facts/total_spent', message: '"total_spent" is a number, not "6000". Write a number without quotes, e.g. 5000' },
    ]);
  });
});
