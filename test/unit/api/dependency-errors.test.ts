/** Errors that mean "a dependency is down" answer 503 with Retry-After, not 500: callers retry. */
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { unreachableDependency } from '../../../src/api/dependency-errors';
import { toProblem } from '../../../src/api/problem-details';
import { DependencyUnavailableError } from '../../../src/api/api-errors';
import { freePort } from '../../../src/net/free-port';

describe('unreachable dependencies', () => {
  it('recognises a Temporal frontend that does not answer', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, interceptors: [], connectTimeout: '1 second' });
    const error = await connection.workflowService.getSystemInfo({}).catch((caught: unknown) => caught);
    await connection.close();
    expect(unreachableDependency(error)).toBe('Temporal');
  });

  it('recognises a database server that refuses connections', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: await freePort(), user: 'nobody', connectionTimeoutMillis: 2_000 });
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(unreachableDependency(error)).toBe('the database');
  });

  it('leaves every other error alone', () => {
    expect(unreachableDependency(new TypeError('x is undefined'))).toBeUndefined();
    expect(unreachableDependency('text')).toBeUndefined();
  });

  it('answers 503 telling the caller to repeat the request', () => {
    const problem = toProblem(
      new DependencyUnavailableError(
        'Temporal (the workflow service) cannot be reached right now. Repeat the same request in a few seconds.',
      ),
      'r-1',
    );
    expect(problem).toMatchObject({ status: 503, type: '/problems/dependency-unavailable' });
  });
});
