/**
 * Idempotency-Key on the POSTs without an id of their own (issue 13, part 4), on the real servers: the same key
 * and body answer the same without doing it again, another body is a 422, keys are per token and kept 24 hours
 * in PostgreSQL, concurrent requests with one key run once (the others get 409), and an error frees the key.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { body, useTestSystem } from '../support/running-system';

const otherToken = 'other-token-0123456789abcdef';
const rulebook = useTestSystem({ env: { API_TOKENS: otherToken } });

function postNote(customerId: string, note: unknown, key?: string, token?: string) {
  return rulebook.api(`/v1/customers/${customerId}/notes`, {
    method: 'POST',
    json: note,
    headers: { ...(key && { 'idempotency-key': key }), ...(token && { authorization: `Bearer ${token}` }) },
  });
}

async function notesOf(customerId: string): Promise<Array<{ id: string; text: string }>> {
  return (await body(await rulebook.api(`/v1/customers/${customerId}/notes`))).notes;
}

describe('Idempotency-Key', () => {
  it('answers a repeat with the same key and body with the stored answer, doing nothing again', async () => {
    await rulebook.post('/v1/customers', { id: 'C-idem-1' });
    const key = randomUUID();
    const note = { text: 'called about the parcel', author: 'ops.priya' };
    const first = await postNote('C-idem-1', note, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const created = await body(first);

    const repeat = await postNote('C-idem-1', note, key);
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await body(repeat)).toEqual(created);
    expect(await notesOf('C-idem-1')).toHaveLength(1);

    // Without a key, a repeat is a new note, as before.
    await postNote('C-idem-1', note);
    expect(await notesOf('C-idem-1')).toHaveLength(2);
  });

  it('refuses the same key with another body (422), and keeps the first answer', async () => {
    await rulebook.post('/v1/customers', { id: 'C-idem-2' });
    const key = randomUUID();
    expect((await postNote('C-idem-2', { text: 'first', author: 'ops' }, key)).status).toBe(201);
    const other = await postNote('C-idem-2', { text: 'second', author: 'ops' }, key);
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await body(other);
    expect(problem).toMatchObject({ type: '/problems/idempotency-key-reused', status: 422, idempotencyKey: key });
    expect(problem.detail).toMatch(/another request.*new key/);
    // The same key on another route is another request too.
    await rulebook.post('/v1/customers', { id: 'C-idem-2b' });
    expect((await postNote('C-idem-2b', { text: 'first', author: 'ops' }, key)).status).toBe(422);
    expect((await notesOf('C-idem-2')).map((note) => note.text)).toEqual(['first']);
    expect(await notesOf('C-idem-2b')).toEqual([]);
  });

  it('scopes keys per token', async () => {
    await rulebook.post('/v1/customers', { id: 'C-idem-3' });
    const key = randomUUID();
    const note = { text: 'same words', author: 'ops' };
    const mine = await body(await postNote('C-idem-3', note, key));
    const theirs = await postNote('C-idem-3', note, key, otherToken);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect((await body(theirs)).id).not.toBe(mine.id);
    expect(await notesOf('C-idem-3')).toHaveLength(2);
  });

  it('runs concurrent requests with one key once: the others answer 409 with Retry-After, or the stored answer', async () => {
    await rulebook.post('/v1/customers', { id: 'C-idem-4' });
    const key = randomUUID();
    const note = { text: 'sent by an impatient client', author: 'shop' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => postNote('C-idem-4', note, key)));
    const ran = answers.filter((res) => res.status === 201 && res.headers.get('idempotent-replayed') === null);
    expect(ran).toHaveLength(1);
    for (const res of answers) {
      expect([201, 409]).toContain(res.status);
      if (res.status === 409) {
        expect(res.headers.get('retry-after')).toBe('1');
        expect(await body(res)).toMatchObject({ type: '/problems/request-in-flight', status: 409 });
      }
    }
    const stored = await body(ran[0]!);
    expect(await notesOf('C-idem-4')).toEqual([expect.objectContaining({ id: stored.id })]);
    const later = await postNote('C-idem-4', note, key);
    expect(later.headers.get('idempotent-replayed')).toBe('true');
    expect((await body(later)).id).toBe(stored.id);
  });

  it('answers 409 while the first request with the key runs, and takes over a key whose process died', async () => {
    await rulebook.post('/v1/customers', { id: 'C-idem-9' });
    const key = randomUUID();
    const note = { text: 'the first request is slow', author: 'shop' };
    // Claim the key as a request would, and answer it later (or never: the process died).
    expect((await postNote('C-idem-9', note, key)).status).toBe(201);
    await rulebook.system.db.query(
      `UPDATE api_idempotency_keys SET status = NULL, body = NULL, locked_until = now() + interval '1 minute' WHERE idempotency_key = $1`,
      [key],
    );
    const meanwhile = await postNote('C-idem-9', note, key);
    expect(meanwhile.status).toBe(409);
    expect(meanwhile.headers.get('retry-after')).toBe('1');
    expect(await body(meanwhile)).toMatchObject({ type: '/problems/request-in-flight', idempotencyKey: key });
    await rulebook.system.db.query(
      `UPDATE api_idempotency_keys SET locked_until = now() - interval '1 second' WHERE idempotency_key = $1`,
      [key],
    );
    const takenOver = await postNote('C-idem-9', note, key);
    expect(takenOver.status).toBe(201);
    expect(takenOver.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keeps no failed answer: after an error the same key runs again', async () => {
    const key = randomUUID();
    const note = { text: 'before the customer existed', author: 'shop' };
    expect((await postNote('C-idem-5', note, key)).status).toBe(404);
    await rulebook.post('/v1/customers', { id: 'C-idem-5' });
    const retried = await postNote('C-idem-5', note, key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('replays a job start with its Location: one export for two requests', async () => {
    const key = randomUUID();
    const request = () =>
      rulebook.api('/v1/customers/exports', {
        method: 'POST',
        json: { format: 'csv', requestedBy: 'ops.idem' },
        headers: { 'idempotency-key': key },
      });
    const first = await request();
    expect(first.status).toBe(202);
    const job = await body(first);
    const repeat = await request();
    expect(repeat.status).toBe(202);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.headers.get('location')).toBe(`/v1/exports/${job.id}`);
    expect((await body(repeat)).id).toBe(job.id);
    const history = await body(await rulebook.api('/v1/exports'));
    expect(history.exports.filter((entry: { requestedBy: string }) => entry.requestedBy === 'ops.idem via token-1')).toHaveLength(1);
  });

  it('keeps a key 24 hours in PostgreSQL; past that the key is free again', async () => {
    await rulebook.post('/v1/customers', { id: 'C-idem-6' });
    const key = randomUUID();
    const note = { text: 'kept a day', author: 'ops' };
    await postNote('C-idem-6', note, key);
    const [row] = await rulebook.system.db.query<{ hours: number }>(
      `SELECT extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM api_idempotency_keys WHERE idempotency_key = $1`,
      [key],
    );
    expect(Number(row?.hours)).toBeCloseTo(24, 3);
    await rulebook.system.db.query(`UPDATE api_idempotency_keys SET expires_at = now() - interval '1 second' WHERE idempotency_key = $1`, [
      key,
    ]);
    const afterExpiry = await postNote('C-idem-6', note, key);
    expect(afterExpiry.status).toBe(201);
    expect(afterExpiry.headers.get('idempotent-replayed')).toBeNull();
    expect(await notesOf('C-idem-6')).toHaveLength(2);
  });

  it("forgets the kept answers on a customer once its personal data is obfuscated (a note's text)", async () => {
    await rulebook.post('/v1/customers', { id: 'C-idem-8' });
    const key = randomUUID();
    await postNote('C-idem-8', { text: 'lives above the bakery', author: 'ops' }, key);
    const kept = () =>
      rulebook.system.db.query('SELECT body FROM api_idempotency_keys WHERE idempotency_key = $1 AND customer_id = $2', [key, 'C-idem-8']);
    expect(await kept()).toHaveLength(1);
    const obfuscated = await rulebook.post('/v1/customers/C-idem-8/obfuscation', { reason: 'customer asked', requestedBy: 'ops.priya' });
    expect(obfuscated.status).toBe(200);
    expect(await kept()).toEqual([]);
  });

  it('refuses a malformed key', async () => {
    await rulebook.post('/v1/customers', { id: 'C-idem-7' });
    const res = await postNote('C-idem-7', { text: 'x', author: 'ops' }, 'has spaces in it');
    expect(res.status).toBe(422);
    expect((await body(res)).detail).toMatch(/Idempotency-Key header must be 1 to 255 printable ASCII/);
  });
});

describe('Idempotency-Key answers and personal data', () => {
  const withKey = (path: string, json: unknown, key: string) =>
    rulebook.api(path, { method: 'POST', json, headers: { 'idempotency-key': key } });

  it('forgets the answers kept for a duplicate when the customer it was merged into (two merges up) is obfuscated: no replay shows the former data', async () => {
    expect((await rulebook.post('/v1/customers', { id: 'C-ik-dup', name: 'Priya Sharma', email: 'priya.sharma@example.com' })).status).toBe(
      201,
    );
    expect((await rulebook.post('/v1/customers', { id: 'C-ik-srv' })).status).toBe(201);
    expect((await rulebook.post('/v1/customers', { id: 'C-ik-top' })).status).toBe(201);
    const note = { text: 'Priya Sharma asked to call her on +91 98765 43210', author: 'ops' };
    const noteKey = randomUUID();
    expect((await withKey('/v1/customers/C-ik-dup/notes', note, noteKey)).status).toBe(201);
    const merge = { duplicateId: 'C-ik-dup', mergedBy: 'ops' };
    const mergeKey = randomUUID();
    expect((await withKey('/v1/customers/C-ik-srv/merge', merge, mergeKey)).status).toBe(200);
    expect((await withKey('/v1/customers/C-ik-top/merge', { duplicateId: 'C-ik-srv', mergedBy: 'ops' }, randomUUID())).status).toBe(200);
    expect((await rulebook.post('/v1/customers/C-ik-top/obfuscation', { reason: 'customer request', requestedBy: 'dpo' })).status).toBe(
      200,
    );

    const replays = [
      await withKey('/v1/customers/C-ik-dup/notes', note, noteKey),
      await withKey('/v1/customers/C-ik-srv/merge', merge, mergeKey),
    ];
    for (const replay of replays) {
      expect(replay.headers.get('idempotent-replayed')).toBeNull();
      const text = await replay.text();
      expect(text).not.toContain('Priya');
      expect(text).not.toContain('priya.sharma@example.com');
    }
  });

  it('forgets the answers kept for a customer and its duplicates when the customer is deleted', async () => {
    expect((await rulebook.post('/v1/customers', { id: 'C-ik-del-dup', name: 'Arjun Mehta' })).status).toBe(201);
    expect((await rulebook.post('/v1/customers', { id: 'C-ik-del' })).status).toBe(201);
    const noteKey = randomUUID();
    expect((await withKey('/v1/customers/C-ik-del-dup/notes', { text: 'Arjun Mehta called', author: 'ops' }, noteKey)).status).toBe(201);
    expect((await withKey('/v1/customers/C-ik-del/merge', { duplicateId: 'C-ik-del-dup', mergedBy: 'ops' }, randomUUID())).status).toBe(
      200,
    );
    expect((await rulebook.api('/v1/customers/C-ik-del', { method: 'DELETE' })).status).toBeLessThan(300);
    const kept = await rulebook.system.db.query("SELECT 1 FROM api_idempotency_keys WHERE customer_id IN ('C-ik-del', 'C-ik-del-dup')");
    expect(kept).toEqual([]);
  });
});
