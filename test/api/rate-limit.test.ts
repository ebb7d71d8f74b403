/** Rate limiting per token: one busy integration is slowed down, the others and the probes are not. */
import { describe, expect, it } from 'vitest';
import { body, useTestSystem } from '../support/running-system';

const limitPerMinute = 5;
const otherToken = 'other-integration-token-0123456789';
const rulebook = useTestSystem({ env: { API_RATE_LIMIT: String(limitPerMinute), API_TOKENS: otherToken } });

describe('rate limiting', () => {
  it('answers 429 problem+json with Retry-After once a token has used up its minute', async () => {
    const statuses: number[] = [];
    for (let request = 0; request < limitPerMinute; request++) statuses.push((await rulebook.api('/v1/rules')).status);
    expect(statuses).toEqual(Array(limitPerMinute).fill(200));

    const refused = await rulebook.api('/v1/rules');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    const problem = await body(refused);
    expect(problem).toMatchObject({ status: 429, type: '/problems/rate-limited', limitPerMinute });
    expect(problem.detail).toMatch(/more than 5 requests in a minute.*API_RATE_LIMIT/);
  });

  it('counts each token on its own', async () => {
    const res = await rulebook.api('/v1/rules', { headers: { authorization: `Bearer ${otherToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit')).toMatch(/r=4;/);
  });

  it('leaves the probes open', async () => {
    expect((await fetch(`${rulebook.system.apiUrl}/healthz`)).status).toBe(200);
  });
});
