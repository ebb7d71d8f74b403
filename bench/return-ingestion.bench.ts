/**
 * Return ingestion with profile recalculation over HTTP with 50 concurrent clients, next to a bare
 * baseline measured in the same process run: p50 / p90 / p99 / max latency and throughput of
 * `POST /v1/returns`, which per request records the return, recalculates the return-behaviour
 * profiles from the facts in the database (traced decision record + profile changes + timeline)
 * and reschedules the customer's returns-window workflow through the outbox (the relay in the
 * worker signals it afterwards; a moment more than an hour ahead waits 30 s for later reschedules
 * to join it), in one transaction. With BENCH_EVENT=cod-orders (bench/cod-order.bench.ts) the
 * clients post cash-on-delivery orders of one rupee instead: customer locked, limit checked, hold
 * recorded, the start of its due minute's workflow queued by the first hold of that minute.
 *
 * The bare baseline is the least a service can do for the same request: a bare express handler in
 * this process (JSON body, bearer token compared, no validation beyond the field types) that runs
 * BEGIN / INSERT / COMMIT of the return into a table shaped like `returns` (`LIKE returns INCLUDING
 * ALL`: same columns, keys and indexes, no foreign key) on the same database through a `pg` pool of
 * the same size as the service's. Its throughput is the ceiling set by HTTP, JSON and one durable
 * commit per request on this machine; the ratio says what the rules, the decision record and the
 * workflow signal cost on top.
 *
 * Everything runs on loopback as `npm start` runs it: the API in this process, the worker (with
 * the outbox relay) in a child process, it and the Temporal dev server (started here, headless, on
 * a free port, with a throw-away SQLite file) at background priority — BENCH_IN_ONE_PROCESS=1 runs
 * API and worker in this process at normal priority instead, as before issue 11 — on a new database `rulebook_bench_<random>` (dropped at
 * the end) on the run's server — an embedded PostgreSQL 18 started in a temporary folder with fsync
 * on, as `npm start` runs it (the default store), or the DATABASE_URL server when set. The rules
 * are a copy of rules/ with the four return-behaviour profiles made active (they ship inactive).
 *
 * 1,000 customers are created over HTTP first. Then BENCH_CLIENTS clients (plain async loops over
 * fetch with keep-alive) each post returns back to back — unique ids, a customer drawn at random
 * (seeded, so every run posts the same sequence per client and round, and both targets of a round
 * the same sequence), items 1, returnedAt within the last 30 days. First a warm-up of
 * BENCH_WARMUP_SECONDS on each target (not counted), then BENCH_ROUNDS rounds, each measuring both
 * targets one after the other, the order alternating (Rulebook first in odd rounds, the bare
 * baseline first in even ones), so that drift in the machine's speed falls on both alike. Each
 * phase: 2 s ramp (not counted), then BENCH_SECONDS measured; after a Rulebook phase the bench
 * waits until the relay has delivered every workflow intent the phase queued (reported with the
 * time it took), then a 2 s pause. Every request started in the measured part is counted; latencies
 * are those of 2xx answers; errors are non-2xx answers and failed requests (30 s timeout). The
 * figures are medians over the rounds; the ratio is taken between the medians of the same run.
 *
 * Run:   npx tsx bench/return-ingestion.bench.ts
 *        DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npx tsx bench/return-ingestion.bench.ts
 * Env:   BENCH_SECONDS (measured seconds per phase, default 20), BENCH_ROUNDS (default 5),
 *        BENCH_CLIENTS (default 50), BENCH_WARMUP_SECONDS (default 5), BENCH_RETURN_CUSTOMERS
 *        (default 1000), DATABASE_POOL_SIZE (both pools, default 10), BENCH_EVENT (returns or
 *        cod-orders, default returns). With the defaults a run takes
 *        about 5 minutes. The user of DATABASE_URL must be allowed to CREATE DATABASE.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import pg from 'pg';
import { codHoldsDueWorkflowId } from '../src/temporal/workflow-client';
import {
  activateReturnerProfiles,
  cleanUp,
  cleanups,
  commitLine,
  copyRules,
  machineLine,
  ms,
  percentile,
  readCount,
  seededRandom,
  benchTaskQueue,
  startBenchSystem,
  type BenchSystem,
} from './bench-support';

const seconds = readCount('BENCH_SECONDS', 20);
const rounds = readCount('BENCH_ROUNDS', 5);
const clients = readCount('BENCH_CLIENTS', 50);
const warmupSeconds = readCount('BENCH_WARMUP_SECONDS', 5);
const customerCount = readCount('BENCH_RETURN_CUSTOMERS', 1_000);
/** What the clients post: returns (the default), or cash-on-delivery orders (BENCH_EVENT=cod-orders, bench/cod-order.bench.ts). */
const eventKind = readEventKind();
/** BENCH_IN_ONE_PROCESS=1: API and worker in one process at normal priority, as `npm start` ran before issue 11. */
const inOneProcess = process.env.BENCH_IN_ONE_PROCESS === '1';
/** Not counted at the start of each phase: connections opened, pools filled. */
const rampSeconds = 2;
/** Between phases: the worker catches up on the returns-window signals of the last Rulebook phase. */
const pauseSeconds = 2;
const day = 86_400_000;

const workDir = mkdtempSync(path.join(os.tmpdir(), 'rulebook-bench-returns-'));
cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));

type TargetName = 'rulebook' | 'bare';

interface Target {
  name: TargetName;
  label: string;
  /** Where returns are posted. */
  url: string;
}

interface PhaseResult {
  target: TargetName;
  round: number;
  requests: number;
  errors: number;
  /** 2xx answers of the whole phase, ramp included (to compare with the rows stored). */
  okAll: number;
  seconds: number;
  /** Latencies of the counted 2xx answers, ascending. */
  sorted: Float64Array;
  /** CPU time of this process (the target's server and the clients) over the measured part, in ms per 1,000 requests: less noisy than the rate. */
  cpuPerThousand: number;
  /** Rulebook: workflow intents not yet delivered when the phase ended, and the seconds until the relay had delivered them. */
  backlog?: { pending: number; drainSeconds: number };
}

const errorSamples = new Map<string, number>();
const noteError = (what: string) => errorSamples.set(what, (errorSamples.get(what) ?? 0) + 1);

let report: string[];

try {
  const rulesDir = copyRules(path.join(workDir, 'rules'), [activateReturnerProfiles]);
  const system = await startBenchSystem({ workDir, rulesDir, asNpmStart: !inOneProcess });
  const { running, post } = system;
  const activeProfiles = running.rules.current.profileSets.find((set) => set.id === 'return-behaviour')?.candidates.length ?? 0;
  if (activeProfiles !== 4) throw new Error(`the service runs ${activeProfiles} active return-behaviour profiles, expected 4`);

  console.error('starting the bare baseline (express + BEGIN/INSERT/COMMIT)…');
  const bareUrl = await startBareBaseline(system);

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

  // One event first: proves the service does what is measured (profiles recalculated, COD held) before anything is timed.
  await eventKind.check(post, customerIds[0]!);

  const targets: Record<TargetName, Target> = {
    rulebook: { name: 'rulebook', label: `Rulebook \`POST ${eventKind.route}\``, url: `${system.apiUrl}${eventKind.route}` },
    bare: { name: 'bare', label: 'bare baseline (express, BEGIN/INSERT/COMMIT)', url: bareUrl },
  };
  const headers = { authorization: `Bearer ${system.token}`, 'content-type': 'application/json' };

  /** `clients` loops posting returns to `target` for the ramp and `measuredSeconds`; counts the latter. */
  async function runPhase(target: Target, round: number, ramp: number, measuredSeconds: number): Promise<PhaseResult> {
    const started = performance.now();
    const rampEnd = started + ramp * 1000;
    const end = rampEnd + measuredSeconds * 1000;
    const latencies: number[] = [];
    let requests = 0;
    let errors = 0;
    let okAll = 0;
    let cpuAtRampEnd = process.cpuUsage();
    const cpuTimer = setTimeout(() => (cpuAtRampEnd = process.cpuUsage()), ramp * 1000);
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        const next = seededRandom(1_000 + 97 * round + client);
        for (let sequence = 0; performance.now() < end; sequence++) {
          const body = eventKind.body(
            `BENCH-${target.name}-${round}-${client}-${sequence}`,
            customerIds[Math.floor(next() * customerIds.length)]!,
            next,
          );
          const sent = performance.now();
          let ok = false;
          try {
            const res = await fetch(target.url, {
              method: 'POST',
              headers,
              body: JSON.stringify(body),
              signal: AbortSignal.timeout(30_000),
            });
            const text = await res.text();
            ok = res.status >= 200 && res.status < 300;
            if (!ok) noteError(`${target.name}: ${res.status} ${text.slice(0, 200)}`);
          } catch (error) {
            noteError(`${target.name}: ${String(error).slice(0, 200)}`);
          }
          if (ok) okAll++;
          if (sent < rampEnd) continue;
          requests++;
          if (ok) latencies.push(performance.now() - sent);
          else errors++;
        }
      }),
    );
    const phaseSeconds = (performance.now() - rampEnd) / 1000;
    clearTimeout(cpuTimer);
    const cpu = process.cpuUsage(cpuAtRampEnd);
    const cpuPerThousand = (cpu.user + cpu.system) / requests;
    const sorted = Float64Array.from(latencies).sort();
    return { target: target.name, round, requests, errors, okAll, seconds: phaseSeconds, sorted, cpuPerThousand };
  }

  const undelivered = async () =>
    (
      await running.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM workflow_intents WHERE delivered_at IS NULL AND dead_at IS NULL',
      )
    )[0]!.n;
  /** Waits (at most 5 minutes) until the relay has delivered every intent; what was pending and how long it took. */
  async function drainOutbox(): Promise<{ pending: number; drainSeconds: number }> {
    const started = performance.now();
    const pending = await undelivered();
    while ((await undelivered()) > 0 && performance.now() - started < 300_000) await sleep(100);
    return { pending, drainSeconds: (performance.now() - started) / 1000 };
  }

  const describe = (phase: PhaseResult) =>
    `${(phase.requests / phase.seconds).toFixed(1)} req/s, p50 ${ms(percentile(phase.sorted, 0.5))} ms, p99 ${ms(percentile(phase.sorted, 0.99))} ms, ${phase.errors} errors`;

  console.error(
    `${clients} clients: ${warmupSeconds} s warm-up on each target, then ${rounds} rounds of ${rampSeconds} + ${seconds} s per target…`,
  );
  const warmups: PhaseResult[] = [];
  for (const target of [targets.rulebook, targets.bare]) {
    warmups.push(await runPhase(target, 0, warmupSeconds, 0));
    await sleep(pauseSeconds * 1000);
  }
  const phases: PhaseResult[] = [];
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? [targets.rulebook, targets.bare] : [targets.bare, targets.rulebook];
    for (const target of order) {
      const phase = await runPhase(target, round, rampSeconds, seconds);
      // The workflows hear of the phase's events through the outbox: the next phase starts once it is empty.
      if (target.name === 'rulebook') phase.backlog = await drainOutbox();
      phases.push(phase);
      console.error(`  round ${round}, ${target.name}: ${describe(phase)}`);
      await sleep(pauseSeconds * 1000);
    }
  }

  const [stored] = await running.db.query<{ events: number; decisions: number; bare: number; holds: number; undelivered: number }>(
    `SELECT (SELECT count(*)::int FROM ${eventKind.table}) AS events, (SELECT count(*)::int FROM decision_records) AS decisions,
            (SELECT count(*)::int FROM bench_bare_${eventKind.table}) AS bare, (SELECT count(*)::int FROM cod_holds) AS holds,
            (SELECT count(*)::int FROM workflow_intents WHERE delivered_at IS NULL) AS undelivered`,
  );
  const held = await running.db.query<{ profile_id: string; customers: number }>(
    `SELECT profile_id, count(*)::int AS customers FROM customer_profiles WHERE set_id = 'return-behaviour' GROUP BY profile_id ORDER BY min(assigned_at)`,
  );
  const answered = (name: TargetName) =>
    [...warmups, ...phases].filter((phase) => phase.target === name).reduce((sum, phase) => sum + phase.okAll, 0);

  const of = (name: TargetName) => phases.filter((phase) => phase.target === name);
  const summary = (name: TargetName) => {
    const list = of(name);
    return {
      requests: list.reduce((sum, phase) => sum + phase.requests, 0),
      errors: list.reduce((sum, phase) => sum + phase.errors, 0),
      throughput: median(list.map((phase) => phase.requests / phase.seconds)),
      p50: median(list.map((phase) => percentile(phase.sorted, 0.5))),
      p90: median(list.map((phase) => percentile(phase.sorted, 0.9))),
      p99: median(list.map((phase) => percentile(phase.sorted, 0.99))),
      max: Math.max(...list.map((phase) => phase.sorted.at(-1) ?? Number.NaN)),
      cpuPerThousand: median(list.map((phase) => phase.cpuPerThousand)),
    };
  };
  const rulebook = summary('rulebook');
  const bare = summary('bare');
  const roundRatios = Array.from({ length: rounds }, (_, index) => {
    const [r, b] = [of('rulebook')[index]!, of('bare')[index]!];
    return r.requests / r.seconds / (b.requests / b.seconds);
  });
  const row = (label: string, s: ReturnType<typeof summary>) =>
    `| ${label} | ${clients} | ${s.requests.toLocaleString('en-US')} | ${s.errors} | ${s.throughput.toFixed(1)} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} |`;

  report = [
    `${machineLine()} ${commitLine()} Database: ${system.database}, a pool of ${system.poolSize} connections for each of Rulebook and the bare baseline; ` +
      `Temporal dev server (SQLite, forTests) on loopback; ` +
      (inOneProcess
        ? 'API and worker in one process at normal priority (BENCH_IN_ONE_PROCESS=1); '
        : 'API in this process, worker in a child process and the dev server at background priority (nice 10), as `npm start` runs them; ') +
      `${clients} clients with keep-alive; ` +
      `${customerCount.toLocaleString('en-US')} customers (created over HTTP in ${createSeconds.toFixed(1)} s); 4 active return-behaviour profiles; ` +
      `${warmupSeconds} s warm-up per target, then ${rounds} rounds of ${seconds} s measured per target (after a ${rampSeconds} s ramp), alternating which goes first.`,
    '',
    `Medians over the ${rounds} rounds (requests and errors: totals; max: of all rounds):`,
    '',
    '| target | clients | requests | errors | throughput (req/s) | p50 ms | p90 ms | p99 ms | max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    row(targets.rulebook.label, rulebook),
    row(targets.bare.label, bare),
    '',
    `Rulebook / bare baseline: throughput ${ratio(rulebook.throughput, bare.throughput)} (per round ${roundRatios.map((value) => value.toFixed(2)).join(', ')}), ` +
      `p50 ${ratio(rulebook.p50, bare.p50)}, p99 ${ratio(rulebook.p99, bare.p99)}.`,
    `CPU time of this process (server and clients) per 1,000 requests: Rulebook ${rulebook.cpuPerThousand.toFixed(0)} ms, ` +
      `bare baseline ${bare.cpuPerThousand.toFixed(0)} ms (${ratio(rulebook.cpuPerThousand, bare.cpuPerThousand)}).`,
    '',
    '| round | first | Rulebook req/s | p50 ms | p99 ms | bare req/s | p50 ms | p99 ms | throughput ratio | intents pending at the end | drained in s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...Array.from({ length: rounds }, (_, index) => {
      const [r, b] = [of('rulebook')[index]!, of('bare')[index]!];
      const cells = (phase: PhaseResult) =>
        `${(phase.requests / phase.seconds).toFixed(1)} | ${ms(percentile(phase.sorted, 0.5))} | ${ms(percentile(phase.sorted, 0.99))}`;
      const backlog = r.backlog ? `${r.backlog.pending.toLocaleString('en-US')} | ${r.backlog.drainSeconds.toFixed(1)}` : '– | –';
      return `| ${index + 1} | ${index % 2 === 0 ? 'Rulebook' : 'bare'} | ${cells(r)} | ${cells(b)} | ${roundRatios[index]!.toFixed(2)} | ${backlog} |`;
    }),
    '',
    `Stored: ${stored!.events.toLocaleString('en-US')} ${eventKind.table} for ${(answered('rulebook') + 1).toLocaleString('en-US')} answered 2xx (warm-up, ramps and the check included), ` +
      `${stored!.decisions.toLocaleString('en-US')} decision records, ${stored!.holds.toLocaleString('en-US')} COD holds, ` +
      `${stored!.undelivered.toLocaleString('en-US')} workflow intents not yet delivered at the end; bare table ${stored!.bare.toLocaleString('en-US')} rows for ${answered('bare').toLocaleString('en-US')} answered 2xx; ` +
      `return-behaviour profiles held: ${held.map((entry) => `${entry.profile_id} ${entry.customers}`).join(', ') || 'none'}.`,
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

/**
 * The bare baseline on a free loopback port: `POST <route>` → BEGIN / INSERT / COMMIT into
 * `bench_bare_<table>` (shaped like the service's table) through a pool of the service's size; its URL.
 */
async function startBareBaseline(system: BenchSystem): Promise<string> {
  const bareTable = `bench_bare_${eventKind.table}`;
  await system.running.db.exec(`CREATE TABLE ${bareTable} (LIKE ${eventKind.table} INCLUDING ALL)`);
  const pool = new pg.Pool({ connectionString: system.databaseUrl, max: system.poolSize, options: '-c TimeZone=UTC' });
  cleanups.push(() => pool.end());
  const expected = `Bearer ${system.token}`;
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post(eventKind.route, async (req, res) => {
    if (req.headers.authorization !== expected) return void res.status(401).json({ title: 'Unauthorized' });
    const insert = eventKind.bareInsert(bareTable, req.body as Record<string, unknown>);
    if (!insert) return void res.status(400).json({ title: 'Bad request' });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(insert.sql, insert.params);
      await client.query('COMMIT');
      res.status(201).json(req.body);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      res.status(500).json({ title: 'Internal error', detail: String(error) });
    } finally {
      client.release();
    }
  });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${eventKind.route}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}

/** What one kind of event looks like to the bench: its route and table, a request, the service's check, the baseline's insert. */
interface EventKind {
  route: string;
  table: 'returns' | 'orders';
  body(id: string, customerId: string, next: () => number): Record<string, unknown>;
  check(post: BenchSystem['post'], customerId: string): Promise<void>;
  /** The baseline's INSERT of a request (no validation beyond the field types), or undefined for a malformed one. */
  bareInsert(table: string, body: Record<string, unknown>): { sql: string; params: unknown[] } | undefined;
}

/** Returns of one item, made within the last 30 days. */
function returnEvents(): EventKind {
  return {
    route: '/v1/returns',
    table: 'returns',
    body: (id, customerId, next) => ({
      id,
      customerId,
      items: 1,
      returnedAt: new Date(Date.now() - Math.floor(next() * 30 * day)).toISOString(),
    }),
    async check(post, customerId) {
      const res = await post('/v1/returns', { id: 'BENCH-check', customerId, items: 1, returnedAt: new Date().toISOString() });
      const answer = (await res.json()) as { profiles?: Record<string, string | null> };
      if (res.status !== 201 || answer.profiles?.['return-behaviour'] !== 'first-time-returner')
        throw new Error(
          `the check return answered ${res.status} ${JSON.stringify(answer)}; expected 201 with return-behaviour first-time-returner`,
        );
    },
    bareInsert(table, body) {
      if (
        typeof body.id !== 'string' ||
        typeof body.customerId !== 'string' ||
        !Number.isInteger(body.items) ||
        typeof body.returnedAt !== 'string'
      )
        return undefined;
      return {
        sql: `INSERT INTO ${table} (id, customer_id, items, returned_at, request) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
        params: [body.id, body.customerId, body.items, body.returnedAt, body],
      };
    },
  };
}

/** COD orders of one rupee each: a customer's 50,000 limit is never the point here (bench/cod-contention.bench.ts hits it). */
function codOrderEvents(): EventKind {
  return {
    route: '/v1/orders',
    table: 'orders',
    body: codOrderBody,
    async check(post, customerId) {
      const res = await post(
        '/v1/orders',
        codOrderBody('BENCH-check', customerId, () => 0),
      );
      const answer = (await res.json()) as { codHoldWorkflowId?: string; codHoldDueAt?: string };
      // The hold is watched by the workflow of its due moment (a whole minute), shared by every hold due then.
      const dueAt = new Date(answer.codHoldDueAt ?? Number.NaN);
      const wholeMinute = !Number.isNaN(dueAt.getTime()) && dueAt.getTime() % 60_000 === 0;
      if (res.status !== 201 || !wholeMinute || answer.codHoldWorkflowId !== codHoldsDueWorkflowId(dueAt, benchTaskQueue))
        throw new Error(
          `the check COD order answered ${res.status} ${JSON.stringify(answer)}; expected 201 naming its hold's due moment (a whole minute) and that moment's workflow`,
        );
    },
    bareInsert(table, body) {
      if (
        typeof body.id !== 'string' ||
        typeof body.customerId !== 'string' ||
        typeof body.value !== 'number' ||
        typeof body.placedAt !== 'string'
      )
        return undefined;
      return {
        sql: `INSERT INTO ${table} (id, customer_id, value, currency, channel, payment_method, items, placed_at, request)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
        params: [body.id, body.customerId, body.value, body.currency, body.channel, body.paymentMethod, body.items, body.placedAt, body],
      };
    },
  };
}

function codOrderBody(id: string, customerId: string, next: () => number): Record<string, unknown> {
  return {
    id,
    customerId,
    value: 1,
    currency: 'INR',
    channel: next() < 0.5 ? 'pos' : 'storefront',
    paymentMethod: 'cod',
    items: 1,
    placedAt: new Date().toISOString(),
  };
}

function readEventKind(): EventKind {
  const name = process.env.BENCH_EVENT ?? 'returns';
  if (name === 'returns') return returnEvents();
  if (name === 'cod-orders') return codOrderEvents();
  throw new Error(`BENCH_EVENT must be returns or cod-orders; got ${JSON.stringify(name)}`);
}
