/**
 * The OpenAPI document lints clean: Redocly's `recommended` ruleset (redocly.yaml, @redocly/cli pinned) gives
 * 0 errors and 0 warnings on the document the API serves at /openapi.json, built here from the same route
 * list and schemas without starting anything. The linter runs offline, as a child process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiDeps } from '../../../src/api/api-deps';
import { allRoutes } from '../../../src/api/app';
import type { ApiMetrics } from '../../../src/api/metrics';
import { buildOpenApi } from '../../../src/api/openapi';
import { problemPages } from '../../../src/api/problem-types';
import { loadApiSchemas } from '../../../src/api/schema-validator';
import { projectRoot } from '../../../src/config/project-root';

const run = promisify(execFile);
const redoclyCli = path.join(path.dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

// The route factories only keep their dependencies for the handlers, which never run here.
const routes = allRoutes({} as ApiDeps, {} as ApiMetrics);
const doc = buildOpenApi(routes, loadApiSchemas(), '0.0.0-test');
const dir = mkdtempSync(path.join(tmpdir(), 'rulebook-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Operation {
  security: unknown[];
  parameters?: Array<{ name?: string; in?: string; $ref?: string }>;
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
}
const paths = doc.paths as unknown as Record<string, Record<string, Operation>>;

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{ pointer: string }>;
}

describe('the OpenAPI document', () => {
  it("gives 0 errors and 0 warnings with Redocly's recommended ruleset", async () => {
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const lint = await run(
      process.execPath,
      [redoclyCli, 'lint', file, '--config', path.join(projectRoot, 'redocly.yaml'), '--format', 'json', '--max-problems', '1000'],
      {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      },
    ).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
    // Exit code 1 when a problem is found: the report is on stdout either way.
    const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: LintProblem[];
    };
    const found = report.problems.map(
      (problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`,
    );
    expect(found).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it('documents every operation: parameters, a body for each success, problem answers, rate-limit headers', () => {
    for (const [pathName, operations] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${pathName}`;
        const pathParameters = [...pathName.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared, where).toEqual(pathParameters);
        for (const [status, response] of Object.entries(op.responses)) {
          if (status.startsWith('2') && status !== '204') expect(response.content, `${where} ${status}`).toBeDefined();
          if (status.startsWith('4') || status.startsWith('5')) {
            const content = response.content ?? {};
            expect(Object.keys(content).length, `${where} ${status}`).toBeGreaterThan(0);
          }
          if (status === '429' || status === '503') expect(response.headers, `${where} ${status}`).toHaveProperty('Retry-After');
          if (op.security.length > 0 && status !== '401') expect(response.headers, `${where} ${status}`).toHaveProperty('RateLimit');
        }
      }
    }
  });

  it('sends Location on the answers that create something with an address', () => {
    const post = (pathName: string) => paths[pathName]!.post!.responses;
    expect(post('/v1/customers')['201']?.headers).toHaveProperty('Location');
    expect(post('/v1/customers/imports')['202']?.headers).toHaveProperty('Location');
    expect(post('/v1/customers/exports')['202']?.headers).toHaveProperty('Location');
    expect(post('/v1/customers/{customerId}/erasure')['202']?.headers).toHaveProperty('Location');
  });

  it('opens the probes and the problem pages without a token, and everything else with one, naming the scope it needs', () => {
    for (const [pathName, operations] of Object.entries(paths)) {
      for (const op of Object.values(operations)) {
        if (!pathName.startsWith('/v1/')) {
          expect(op.security, pathName).toEqual([]);
          continue;
        }
        expect(op.security, pathName).toEqual([{ bearer: [expect.stringMatching(/^[a-z-]+(:[a-z-]+)?$/)] }]);
        expect((op as unknown as Record<string, unknown>)['x-required-scope'], pathName).toBe(
          (op.security[0] as { bearer: string[] }).bearer[0],
        );
      }
    }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/metrics', '/problems/{problemType}']));
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('names no JSON Schema dialect that Swagger UI warns about', () => {
    // OpenAPI 3.1's default dialect (the OAS base vocabulary over JSON Schema 2020-12) is the one Swagger UI renders without a warning.
    expect(doc).not.toHaveProperty('jsonSchemaDialect');
    expect(JSON.stringify(doc.components.schemas)).not.toContain('"$schema"');
  });

  it('documents the query parameters of the routes that read them', () => {
    const parameters = (pathName: string, method = 'get') =>
      (paths[pathName]![method]!.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(parameters('/v1/customers')).toEqual(['email', 'phone', 'q', 'group', 'active', 'limit', 'after']);
    expect(parameters('/v1/tasks')).toEqual(expect.arrayContaining(['kind', 'status', 'profile', 'scenario']));
    expect(parameters('/v1/groups/{groupId}/imports', 'post')).toEqual(['mode', 'filename', 'requestedBy']);
  });

  it('accepts Idempotency-Key on the POSTs that have no id of their own, and only there', () => {
    const withKey = routes.filter((route) => route.idempotencyKey).map((route) => `${route.method} ${route.path}`);
    expect(withKey.sort()).toEqual(
      [
        'post /v1/customers/{customerId}/merge',
        'post /v1/customers/{customerId}/notes',
        'post /v1/customers/exports',
        'post /v1/customers/imports',
        'post /v1/groups/{groupId}/imports',
        'post /v1/profile-sets/{setId}/profiles/{profileId}/reassign',
      ].sort(),
    );
    const notes = paths['/v1/customers/{customerId}/notes']!.post!;
    expect(notes.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(notes.responses['201']?.headers).toHaveProperty('Idempotent-Replayed');
    expect(notes.responses['422']).toBeDefined();
    expect(notes.responses['409']).toBeDefined();
  });

  it('has a problem page for every problem type', () => {
    for (const [type, page] of Object.entries(problemPages)) {
      expect(page.meaning.length, type).toBeGreaterThan(10);
      expect(page.fix.length, type).toBeGreaterThan(10);
    }
  });
});
