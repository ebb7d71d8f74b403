/**
 * A decision record keeps the facts the rules saw, personal attributes among them (a profile on the
 * city): a caller without customers:read-personal reads the record with those values masked, in its
 * facts and in the values its conditions saw; a caller with the scope reads them in clear. (That the
 * customer matched `city equals Kozhikode` still tells the city: a decision cannot be shown without it.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { body, useTestSystem } from '../support/running-system';

const localShoppers = `profileSet:
  id: local-shoppers
  name: Local shoppers
  assignment: automatic
  recalculateOn: [return-created]
  profiles:
    - { id: kozhikode, name: Kozhikode, active: true, priority: 1, when: { fact: city, operator: equals, value: Kozhikode } }
`;

describe('personal values in decision records', () => {
  const rulebook = useTestSystem({ rules: { 'profiles/local-shoppers.yaml': localShoppers } });
  let decisionId: string;

  beforeAll(async () => {
    expect((await rulebook.post('/v1/customers', { id: 'C-dec-1', email: 'devi@example.com' })).status).toBe(201);
    expect((await rulebook.patch('/v1/customers/C-dec-1', { attributes: { city: 'Kozhikode' } })).status).toBe(200);
    const returned = await rulebook.post('/v1/returns', {
      id: 'R-dec-1',
      customerId: 'C-dec-1',
      items: 1,
      returnedAt: new Date().toISOString(),
    });
    const outcome = await body(returned);
    expect(outcome).toMatchObject({ profiles: { 'local-shoppers': 'kozhikode' } });
    decisionId = outcome.decisionRecordId;
  });

  it('are in clear for a caller holding customers:read-personal', async () => {
    const record = await rulebook.api(`/v1/decisions/${decisionId}`);
    expect(record.headers.get('rulebook-personal-data')).toBe('clear');
    const text = await record.text();
    expect(text).toContain('"city":"Kozhikode"');
    expect(text).toContain('"factValue":"Kozhikode"');
  });

  it('are masked for a caller without it, in the facts and in what the conditions saw', async () => {
    const made = await rulebook.post('/v1/credentials', { name: 'decision-reader', scopes: ['customers:read'] });
    const { token } = await body(made);
    const record = await rulebook.api(`/v1/decisions/${decisionId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(record.status).toBe(200);
    expect(record.headers.get('rulebook-personal-data')).toBe('masked');
    const answer = await body(record);
    // The condition's own value is rule text, shown as written; what the customer's city was is not.
    expect(answer.record.facts.city).toBe('•••');
    const set = answer.record.profiles.find((profile: { setId: string }) => profile.setId === 'local-shoppers');
    expect(set.candidates[0].conditions).toMatchObject({ fact: 'city', value: 'Kozhikode', factValue: '•••' });
  });
});
