/**
 * Issue 10, item 8: JSON bodies are limited in values and depth as well as bytes, so that the memory
 * a request takes is bounded. Before, 20 parallel 1 MB bodies of ~140,000 keys grew the heap by
 * ~360 MB. The API runs in this process (startTestSystem), so this process's heap is the server's.
 */
import { request as httpRequest } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { jsonBodyLimit } from '../../src/api/app';
import { defaultJsonBodyLimits } from '../../src/api/json-body-limits';
import { maxReportedProblems } from '../../src/api/schema-validator';
import { testToken, useTestSystem } from '../support/running-system';

const maxBytes = 1024 * 1024;
const { maxValues, maxDepth } = defaultJsonBodyLimits;

/** A flat object of `members` members (an id, then filler keys) padded with long keys to just under `bytes`. */
function flatBody(members: number, bytes = maxBytes - 64): Buffer {
  const overhead = 2 + members * 6 + 20; // braces, quotes, colon, value, comma; the id member
  const keyLength = Math.max(1, Math.floor((bytes - overhead) / members));
  const parts = ['"id":"C-heap"'];
  for (let index = 1; index < members; index++) parts.push(`"${index.toString(36).padStart(keyLength, '_')}":1`);
  const text = Buffer.from(`{${parts.join(',')}}`);
  expect(text.length).toBeLessThanOrEqual(bytes + 64);
  return text;
}

/** As many distinct short keys as fit in 1 MB (~110,000), the body of the issue. */
function fullestBody(): Buffer {
  const parts = ['"id":"C-heap"'];
  let size = 2 + parts[0]!.length;
  for (let index = 1; ; index++) {
    const part = `"${index.toString(36)}":1`;
    if (size + part.length + 1 > maxBytes - 64) break;
    parts.push(part);
    size += part.length + 1;
  }
  return Buffer.from(`{${parts.join(',')}}`);
}

/** Arrays nested `levels` deep around the id. */
const nestedBody = (levels: number) => Buffer.from(`{"id":"C-deep","name":${'['.repeat(levels - 1)}1${']'.repeat(levels - 1)}}`);

// A real garbage collection makes "retained after the burst" a measure rather than a guess.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const settledHeap = async () => {
  for (let round = 0; round < 3; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
};
/** What the answers hold (problem+json here; a created customer has none of these but status). */
interface ProblemBody {
  type: string;
  status: number;
  detail: string;
  errors?: Array<{ pointer: string; message: string }>;
  [extension: string]: unknown;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

describe('JSON body limits (issue 10, item 8)', () => {
  const rulebook = useTestSystem();
  /** POSTs over a connection of its own (no keep-alive reuse, so no race with the server closing idle sockets). */
  const post = (payload: Buffer, contentType = 'application/json') =>
    new Promise<{ status: number; type: string; json(): ProblemBody }>((resolve, reject) => {
      const request = httpRequest(
        `${rulebook.system.apiUrl}/v1/customers`,
        {
          method: 'POST',
          agent: false,
          headers: { authorization: `Bearer ${testToken}`, 'content-type': contentType, 'content-length': payload.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              type: String(res.headers['content-type']),
              json: () => JSON.parse(Buffer.concat(chunks).toString('utf8')),
            }),
          );
          res.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });

  it('keeps the byte limit at 1 MB', () => {
    expect(jsonBodyLimit).toBe('1mb');
  });

  it(`answers more than ${maxValues} values with 413 problem+json before parsing, saying how to split`, async () => {
    for (const payload of [
      flatBody(maxValues + 1),
      fullestBody(),
      Buffer.from(JSON.stringify({ id: 'C-array', email: Array(maxValues + 1).fill(1) })),
    ]) {
      const res = await post(payload);
      expect(res.status).toBe(413);
      expect(res.type).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem).toMatchObject({ type: '/problems/payload-too-large', status: 413, maxValues });
      expect(problem.detail).toMatch(
        /more than 10,000 values .* Split the data over several requests, or send large data sets as a file import/,
      );
    }
  });

  it(`answers nesting deeper than ${maxDepth} levels with 422 problem+json naming where`, async () => {
    const res = await post(nestedBody(maxDepth + 1));
    expect(res.status).toBe(422);
    expect(res.type).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.type).toBe('/problems/validation-failed');
    expect(problem.detail).toMatch(/more than 32 levels deep \(at \/name(\/0){31}\); at most 32 levels are accepted/);
    expect(problem.errors).toEqual([{ pointer: `/name${'/0'.repeat(31)}`, message: 'is nested deeper than 32 levels; flatten it' }]);
  });

  it('lets bodies at the limits through to the schema check', async () => {
    const atDepth = (await post(nestedBody(maxDepth))).json();
    expect(atDepth.errors).toEqual([{ pointer: '/name', message: 'must be of type string' }]);
    const atValues = await post(flatBody(maxValues));
    expect(atValues.status).toBe(422);
    // The schema check reports the first problems and counts the rest.
    expect(atValues.json().errors).toHaveLength(maxReportedProblems);
    expect(atValues.json().detail).toContain(`and ${maxValues - 1 - maxReportedProblems} more problems`);
    // The same limits apply whatever Unicode encoding the body declares.
    const utf16 = await post(Buffer.from(flatBody(maxValues + 1, 200_000).toString(), 'utf16le'), 'application/json; charset=utf-16le');
    expect(utf16.status).toBe(413);
    // "utf-16" without a byte-order mark: body-parser guesses the byte order, the limits check both.
    const bigEndian = (json: string) => Buffer.from(json, 'utf16le').swap16();
    expect((await post(bigEndian(flatBody(maxValues + 1, 200_000).toString()), 'application/json; charset=utf-16')).status).toBe(413);
    expect(
      (await post(bigEndian(JSON.stringify({ id: 'C-utf16be', name: 'Ananya Rao' })), 'application/json; charset=utf-16')).status,
    ).toBe(201);
    const valid = await post(
      Buffer.from(JSON.stringify({ id: 'C-utf16', name: 'Ananya Rao' }), 'utf16le'),
      'application/json; charset=utf-16le',
    );
    expect(valid.status).toBe(201);
  });

  it('keeps 50 parallel worst-case bodies under a heap budget: peak growth ≤ 128 MB, retained ≤ 16 MB', async () => {
    // Worst cases at the maximal size: 10,000 values (the most allowed: each becomes a schema error),
    // 10,001 values (refused after a full scan) and ~110,000 values, as many as fit (refused early), mixed.
    const bodies = Array.from({ length: 50 }, (_item, index) => [flatBody(maxValues), flatBody(maxValues + 1), fullestBody()][index % 3]!);
    // Warm up the route, the schema validator and the connection pool.
    await Promise.all(bodies.slice(0, 3).map((payload) => post(payload)));

    const before = await settledHeap();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 1);
    const started = performance.now();
    const statuses = await Promise.all(
      bodies.map(async (payload) => {
        const res = await post(payload);
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        return res.status;
      }),
    );
    const elapsed = performance.now() - started;
    clearInterval(sampler);
    const after = await settledHeap();

    console.log(
      `50 parallel 1 MB bodies: heap before ${mb(before)} MB, peak ${mb(peak)} MB (+${mb(peak - before)} MB), ` +
        `after gc ${mb(after)} MB (${after >= before ? '+' : ''}${mb(after - before)} MB); ${Math.round(elapsed)} ms in all, ${Math.round(elapsed / 50)} ms per body`,
    );
    expect(statuses.filter((status) => status === 413)).toHaveLength(33);
    expect(statuses.filter((status) => status === 422)).toHaveLength(17);
    expect(peak - before).toBeLessThan(128 * 1024 * 1024);
    expect(after - before).toBeLessThan(16 * 1024 * 1024);
  });
});
