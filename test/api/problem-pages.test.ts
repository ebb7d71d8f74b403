/** Every problem `type` resolves, on the running API, to a page saying what the problem means and how to fix it. */
import { describe, expect, it } from 'vitest';
import { problemTypeUri } from '../../src/api/problem-details';
import { problemPages, type ProblemType } from '../../src/api/problem-types';
import { body, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();

describe('problem type pages', () => {
  it('serve a page for every type the API answers with, without a token', async () => {
    for (const [type, page] of Object.entries(problemPages) as Array<[ProblemType, (typeof problemPages)[ProblemType]]>) {
      // `type` is a URI reference: resolved against the request's URI, as a client resolves it.
      const url = new URL(problemTypeUri(type), `${rulebook.system.apiUrl}/v1/customers/C-1`);
      const res = await fetch(url);
      expect(res.status, type).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain(`<h1>${page.title}</h1>`);
      expect(html).toContain('How to fix it');
    }
  });

  it('resolve the type of a real problem answer', async () => {
    const problem = await body(await rulebook.api('/v1/customers/no-such-customer'));
    expect(problem.type).toBe('/problems/not-found');
    const page = await fetch(new URL(problem.type, rulebook.system.apiUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Not found');
  });

  it('serve Markdown on request, and an index of all types', async () => {
    const markdown = await fetch(`${rulebook.system.apiUrl}/problems/rate-limited`, { headers: { accept: 'text/markdown' } });
    expect(markdown.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await markdown.text()).toMatch(/^# Too many requests\n/);
    const index = await (await fetch(`${rulebook.system.apiUrl}/problems`)).text();
    for (const type of Object.keys(problemPages)) expect(index).toContain(`href="/problems/${type}"`);
  });

  it('answer 404 for a type that does not exist', async () => {
    const res = await fetch(`${rulebook.system.apiUrl}/problems/no-such-problem`);
    expect(res.status).toBe(404);
    expect((await body(res)).detail).toMatch(/GET \/problems lists them all/);
  });
});
