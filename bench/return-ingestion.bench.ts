/**
 * Return ingestion with profile recalculation over HTTP with 50 concurrent clients: p50 / p90 /
 * p99 / max latency and throughput of `POST /v1/returns`, which per request records the return,
 * recalculates the return-behaviour profiles from the facts in the database (explain + decision
 * record + timeline) in one transaction, and signals the customer's returns-window workflow.
 *
 * Everything runs on loopback in this process except the Temporal dev server (started here,
 * headless, on a free port, with a throw-away SQLite file): the API and the worker as `npm start`
 * runs them (`startSystem`), on PGlite in a temporary folder, or — when DATABASE_URL is set — on a
 * new database `rulebook_bench_<random>` on that server, dropped at the end. The rules are a copy
 * of rules/ with the four return-behaviour profiles made active (they ship inactive).
 *
 * 1,000 customers are created over HTTP first. Then BENCH_CLIENTS clients (plain async loops over
 * fetch with keep-alive) each post returns back to back — unique ids, a customer drawn at random
 * (seeded, so every run posts the same sequence per client), items 1, returnedAt within the last
 * 30 days — for a 5 s warm-up and then BENCH_SECONDS measured seconds. Every request started after
 * the warm-up is counted; latencies are those of 2xx answers; errors are non-2xx answers and
 * failed requests (30 s timeout).
 *
 * Run:   npx tsx bench/return-ingestion.bench.ts
 *        DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npx tsx bench/return-ingestion.bench.ts
 * Env:   BENCH_SECONDS (default 30), BENCH_CLIENTS (default 50), BENCH_WARMUP_SECONDS (default 5),
 *        BENCH_RETURN_CUSTOMERS (default 1000). The user of DATABASE_URL must be allowed to CREATE DATABASE.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/config/project-root';
import { cleanUp, cleanups, machineLine, ms, percentile, readCount, seededRandom, startBenchSystem } from './bench-support';

const seconds = readCount('BENCH_SECONDS', 30);
const clients = readCount('BENCH_CLIENTS', 50);
const warmupSeconds = readCount('BENCH_WARMUP_SECONDS', 5);
const customerCount = readCount('BENCH_RETURN_CUSTOMERS', 1_000);

const workDir = mkdtempSync(path.join(os.tmpdir(), 'rulebook-bench-returns-'));
cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));

let report: string[] = [];

try {
  // Rules: a copy of rules/ with the four returner profiles active.
  const rulesDir = path.join(workDir, 'rules');
  cpSync(path.join(projectRoot, 'rules'), rulesDir, { recursive: true });
  const profilesFile = path.join(rulesDir, 'profiles', 'return-behaviour.yaml');
  const original = readFileSync(profilesFile, 'utf8');
  const activated = original.replaceAll('active: false', 'active: true');
  const activatedCount = original.split('active: false').length - 1;
  if (activatedCount !== 4) throw new Error(`expected 4 inactive profiles in ${profilesFile}, found ${activatedCount}`);
  writeFileSync(profilesFile, activated);

  // PGlite under the work dir, or a fresh database on the DATABASE_URL server.
  const { running, backend, post } = await startBenchSystem({ workDir, rulesDir });
  const activeProfiles = running.rules.current.profileSets.find((set) => set.id === 'return-behaviour')?.candidates.length ?? 0;
  if (activeProfiles !== 4) throw new Error(`the service runs ${activeProfiles} active return-behaviour profiles, expected 4`);

  // Customers, created over HTTP by `clients` parallel loops.
  console.error(`creating ${customerCount.toLocaleString('en-US')} customers over HTTP…`);
  const customerIds = Array.from({ length: customerCount }, (_, index) => `BENCH-C-${String(index + 1).padStart(6, '0')}`);
  let nextCustomer = 0;
  const createStarted = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(clients, customerCount) }, async () => {
      while (nextCustomer < customerIds.length) {
        const id = customerIds[nextCustomer++]!;
        const res = await post('/v1/customers', { id });
        if (res.status !== 201) throw new Error(`POST /v1/customers ${id} answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  const createSeconds = (performance.now() - createStarted) / 1000;

  // One return first: proves the profiles are recalculated before anything is timed.
  const check = await post('/v1/returns', { id: 'BENCH-R-check', customerId: customerIds[0], items: 1, returnedAt: new Date().toISOString() });
  const checked = (await check.json()) as { profiles?: Record<string, string | null> };
  if (check.status !== 201 || checked.profiles?.['return-behaviour'] !== 'first-time-returner') {
    throw new Error(`the check return answered ${check.status} ${JSON.stringify(checked)}; expected 201 with return-behaviour first-time-returner`);
  }

  // The load: every client posts returns back to back until the end of the measured window.
  console.error(`${clients} clients: ${warmupSeconds} s warm-up, then ${seconds} s measured…`);
  const day = 86_400_000;
  const started = performance.now();
  const warmupEnd = started + warmupSeconds * 1000;
  const end = warmupEnd + seconds * 1000;
  const latencies: number[] = [];
  let measured = 0;
  let errors = 0;
  let warmupRequests = 0;
  let warmupErrors = 0;
  const errorSamples = new Map<string, number>();
  const noteError = (what: string) => errorSamples.set(what, (errorSamples.get(what) ?? 0) + 1);
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const next = seededRandom(1_000 + client);
      for (let sequence = 0; performance.now() < end; sequence++) {
        const body = {
          id: `BENCH-R-${client}-${sequence}`,
          customerId: customerIds[Math.floor(next() * customerIds.length)],
          items: 1,
          returnedAt: new Date(Date.now() - Math.floor(next() * 30 * day)).toISOString(),
        };
        const sent = performance.now();
        const counted = sent >= warmupEnd;
        let ok = false;
        try {
          const res = await post('/v1/returns', body);
          const text = await res.text();
          ok = res.status >= 200 && res.status < 300;
          if (!ok) noteError(`${res.status} ${text.slice(0, 200)}`);
        } catch (error) {
          noteError(String(error).slice(0, 200));
        }
        const latency = performance.now() - sent;
        if (!counted) {
          warmupRequests++;
          if (!ok) warmupErrors++;
          continue;
        }
        measured++;
        if (ok) latencies.push(latency);
        else errors++;
      }
    }),
  );
  const measuredSeconds = (performance.now() - warmupEnd) / 1000;

  const [stored] = await running.db.query<{ returns: number; decisions: number }>(
    'SELECT (SELECT count(*)::int FROM returns) AS returns, (SELECT count(*)::int FROM decision_records) AS decisions',
  );
  const held = await running.db.query<{ profile_id: string; customers: number }>(
    `SELECT profile_id, count(*)::int AS customers FROM customer_profiles WHERE set_id = 'return-behaviour' GROUP BY profile_id ORDER BY min(assigned_at)`,
  );

  const sorted = Float64Array.from(latencies).sort();
  report = [
    `${machineLine()} ` +
      `Back-end ${backend}; Temporal dev server (SQLite, forTests) on loopback; ${clients} clients with keep-alive; ` +
      `${customerCount.toLocaleString('en-US')} customers (created over HTTP in ${createSeconds.toFixed(1)} s); 4 active return-behaviour profiles; ` +
      `${warmupSeconds} s warm-up (${warmupRequests.toLocaleString('en-US')} requests, ${warmupErrors} errors), then ${seconds} s measured.`,
    '',
    '| back-end | clients | requests | errors | throughput (req/s) | p50 ms | p90 ms | p99 ms | max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${backend} | ${clients} | ${measured.toLocaleString('en-US')} | ${errors} | ${(measured / measuredSeconds).toFixed(1)} | ` +
      `${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.9))} | ${ms(percentile(sorted, 0.99))} | ${ms(sorted.at(-1) ?? Number.NaN)} |`,
    '',
    `Stored: ${stored!.returns.toLocaleString('en-US')} returns, ${stored!.decisions.toLocaleString('en-US')} decision records; ` +
      `return-behaviour profiles held: ${held.map((row) => `${row.profile_id} ${row.customers}`).join(', ') || 'none'}.`,
  ];
  if (errorSamples.size > 0) {
    report.push('', 'Errors (count, first 200 characters):');
    for (const [what, count] of [...errorSamples].slice(0, 10)) report.push(`- ${count}× ${what.replaceAll('\n', ' ')}`);
  }
} finally {
  console.error('stopping…');
  await cleanUp();
}

console.log(report.join('\n'));
