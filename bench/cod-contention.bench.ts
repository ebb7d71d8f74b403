/**
 * COD under contention: many concurrent cash-on-delivery orders against a few customers, and
 * whether the limit holds. Measures throughput and p50 / p99 latency of `POST /v1/orders`, and
 * checks — during the run and afterwards — that no customer's open holds ever exceed the limit,
 * that no order holds twice, that every hold is due at a whole minute whose workflow
 * (`cod-holds-due-{moment}`, one for all holds due then) runs exactly once, and that no order has a
 * workflow of its own.
 *
 * The whole system runs in this process as `npm start` runs it (`startBenchSystem`: API + worker,
 * own headless Temporal dev server on a free port), on a new database `rulebook_bench_<random>`
 * (dropped at the end) on the run's PostgreSQL server: an embedded PostgreSQL started in a temporary
 * folder (fsync on, as `npm start` runs it), or the DATABASE_URL server when set. Rate limiting is off.
 *
 * BENCH_COD_CUSTOMERS customers are created, then BENCH_CLIENTS clients (async fetch loops,
 * seeded) run for a warm-up and BENCH_SECONDS measured seconds, each step one of:
 * - a new COD order of a random customer, 500.00–20,000.00 rupees in paise (about five fill the
 *   50,000 limit, so limits are hit all the time); 1 in 10 is posted 2–3 times at once (same body);
 * - a release (delivered, cancelled or returned-to-origin) of one of the client's accepted orders,
 *   1 in 10 posted 2–3 times at once;
 * - a re-post of one of the client's earlier accepted orders (open or released): must answer 200;
 * - an order whose release is posted while the order is still in flight (retried on 404 until the
 *   order exists): the settlement racing the hold itself (and the queued start of its moment's workflow).
 * Meanwhile two samplers run every 100 ms: GET /v1/customers/{id}/cod for every customer (held =
 * limit − available must stay ≤ limit and match the open holds it lists, in whole paise), and SQL
 * over cod_holds, on a connection of its own (sum of open holds ≤ limit for every
 * customer, in one statement).
 * An order counts as created only when its 201 names the workflow of its hold's due moment
 * (`codHoldWorkflowId` = `cod-holds-due-{moment}` of `codHoldDueAt`, a whole minute); a repeat's 200
 * must name one too.
 * Afterwards, an order of exactly the available amount per customer (must be accepted), then the
 * checks: available = limit − open holds by the API and by SQL; one hold row per accepted order and
 * none for refused ones; open iff never released; each release applied once (one 201, one timeline
 * entry, the posted reason in cod_holds); every accepted order's hold has a due moment (`due_at`),
 * the one every answer for the order named; in Temporal, exactly one execution of each due moment's
 * workflow, RUNNING (the moments are 30 days ahead, released holds or not), no other due-moment
 * workflow, and no `cod-{orderId}` workflow at all (a release signals nothing). Every answer is
 * checked; any violation makes the exit code 1.
 *
 * Run:   npx tsx bench/cod-contention.bench.ts
 *        DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npx tsx bench/cod-contention.bench.ts
 * Env:   BENCH_SECONDS (default 30), BENCH_WARMUP_SECONDS (default 5), BENCH_CLIENTS (default 50),
 *        BENCH_COD_CUSTOMERS (default 5).
 *        The user of DATABASE_URL must be allowed to CREATE DATABASE.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import pg from 'pg';
import type { Database, Queryable } from '../src/store/database';
import { codHoldsDueWorkflowId } from '../src/temporal/workflow-client';
import {
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

const seconds = readCount('BENCH_SECONDS', 30);
const warmupSeconds = readCount('BENCH_WARMUP_SECONDS', 5);
const clientCount = readCount('BENCH_CLIENTS', 50);
const customerCount = readCount('BENCH_COD_CUSTOMERS', 5);

/** How often each sampler looks. */
const sampleIntervalMs = 100;
/** Pause between attempts to settle an order that is still in flight. */
const raceRetryMs = 2;
/** Attempts to settle an order still in flight before giving up on it. */
const raceAttempts = 1_000;
/** How long the outbox relay may take to start the workflows of the last due moments. */
const convergenceTimeoutMs = 60_000;
const convergencePollMs = 500;
/** Shares of the client steps (the rest are new orders). */
const releaseShare = 0.3;
const repostShare = 0.05;
const raceShare = 0.05;
/** Share of orders and releases posted 2–3 times at once. */
const duplicateShare = 0.1;
/** Order values in paise: 500.00–20,000.00 rupees. */
const smallestValuePaise = 50_000;
const largestValuePaise = 2_000_000;
const releaseKinds = ['delivered', 'cancelled', 'returned-to-origin'] as const;
type ReleaseKind = (typeof releaseKinds)[number];

interface OrderBody {
  id: string;
  customerId: string;
  value: number;
  currency: 'INR';
  channel: 'pos' | 'storefront';
  paymentMethod: 'cod';
  items: number;
  placedAt: string;
}

/** What the clients saw of one order: its answers, and the release they posted. */
interface OrderLedger {
  body: OrderBody;
  created: number;
  repeated: number;
  refused: number;
  release?: ReleaseKind;
  released: number;
  releaseRepeated: number;
  /** The due moments (ISO) its 201 and 200 answers named, one per answer. */
  dueAts: string[];
}

/** One answer of the API, as recorded. */
interface Answer {
  route: 'order' | 'release' | 'position';
  id: string;
  status: number;
  /** When it was sent (performance.now()). */
  sent: number;
  ms: number;
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'rulebook-bench-cod-'));
cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));

const ledger = new Map<string, OrderLedger>();
const answers: Answer[] = [];
const violations: string[] = [];
const violation = (text: string) => violations.push(text);
const paise = (rupees: number | string) => Math.round(Number(rupees) * 100);
const rupees = (amountPaise: number) => (amountPaise / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
const pick = <T>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)]!;
const takeRandom = <T>(items: T[], next: () => number): T => items.splice(Math.floor(next() * items.length), 1)[0]!;

/** Releases answered before their order's own answer: the settlement may have come before its moment's workflow started. */
let racesWon = 0;
let api: BenchSystem;
let limitPaise: number;
let customerIds: string[];

/** GETs `route` with the bench token. */
async function get(route: string): Promise<Response> {
  return fetch(`${api.apiUrl}${route}`, { headers: { authorization: `Bearer ${api.token}` }, signal: AbortSignal.timeout(30_000) });
}

/** The gist of an unexpected answer: a problem's title and detail, or the body. */
const problemText = (json: Record<string, unknown>) =>
  (typeof json.title === 'string' ? `${json.title}: ${String(json.detail)}` : JSON.stringify(json)).slice(0, 200);

/** Posts and records one request; answers the status (0 when it failed) and the parsed body. */
async function record(
  route: Answer['route'],
  id: string,
  url: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const sent = performance.now();
  try {
    const res = await api.post(url, body);
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    answers.push({ route, id, status: res.status, sent, ms: performance.now() - sent });
    return { status: res.status, json };
  } catch (error) {
    answers.push({ route, id, status: 0, sent, ms: performance.now() - sent });
    violation(`POST ${url} (${id}) failed: ${String(error).slice(0, 200)}`);
    return { status: 0, json: {} };
  }
}

const minuteMs = 60_000;

/**
 * The due moment (ISO) an accepted order's answer names, when it names it properly: `codHoldDueAt` a
 * whole minute, and `codHoldWorkflowId` the workflow of that moment; otherwise undefined.
 */
function answeredDueAt(json: Record<string, unknown>): string | undefined {
  if (typeof json.codHoldDueAt !== 'string') return undefined;
  const dueAt = new Date(json.codHoldDueAt);
  if (Number.isNaN(dueAt.getTime()) || dueAt.getTime() % minuteMs !== 0) return undefined;
  return json.codHoldWorkflowId === codHoldsDueWorkflowId(dueAt, benchTaskQueue) ? json.codHoldDueAt : undefined;
}

/** Posts an order once and checks the answer: 201 new, 200 already recorded (both naming the hold's due moment), 422 refused. */
async function postOrder(body: OrderBody): Promise<number> {
  const entry = ledger.get(body.id)!;
  const { status, json } = await record('order', body.id, '/v1/orders', body);
  const dueAt = status === 201 || status === 200 ? answeredDueAt(json) : undefined;
  if (dueAt !== undefined) entry.dueAts.push(dueAt);
  if (status === 201 && json.created === true && dueAt !== undefined) entry.created++;
  else if (status === 200 && json.created === false && dueAt !== undefined) entry.repeated++;
  else if (status === 422 && json.type === '/problems/cod-refused') entry.refused++;
  else if (status !== 0) violation(`order ${body.id}: unexpected answer ${status} ${problemText(json)}`);
  return status;
}

/** A release event of the order, posted as it is however often it is repeated. */
function releaseEvent(orderId: string, next: () => number) {
  const kind = pick(releaseKinds, next);
  return { id: `${orderId}-${kind}`, kind, at: new Date().toISOString() };
}

/** Posts a release event once; 201 must release, 200 must not; 404 only while `orderInFlight`. */
async function postRelease(orderId: string, event: ReturnType<typeof releaseEvent>, orderInFlight = false): Promise<number> {
  const entry = ledger.get(orderId)!;
  const { kind } = event;
  const { status, json } = await record('release', orderId, `/v1/orders/${orderId}/events`, event);
  if (status === 201 && json.codReleased === true) entry.released++;
  else if (status === 200 && json.codReleased === false) entry.releaseRepeated++;
  else if (status === 404 && orderInFlight) return status;
  else if (status !== 0) violation(`release ${event.id}: unexpected answer ${status} ${problemText(json)}`);
  if (status === 201 || status === 200) entry.release = kind;
  return status;
}

/** A COD order, entered in the ledger. */
function codOrder(id: string, customerId: string, valuePaise: number, channel: OrderBody['channel']): OrderBody {
  const body: OrderBody = {
    id,
    customerId,
    value: valuePaise / 100,
    currency: 'INR',
    channel,
    paymentMethod: 'cod',
    items: 1,
    placedAt: new Date().toISOString(),
  };
  ledger.set(id, { body, created: 0, repeated: 0, refused: 0, released: 0, releaseRepeated: 0, dueAts: [] });
  return body;
}

/** A new COD order of a random customer, value and channel. */
function randomOrder(id: string, next: () => number): OrderBody {
  const valuePaise = smallestValuePaise + Math.floor(next() * (largestValuePaise - smallestValuePaise + 1));
  return codOrder(id, pick(customerIds, next), valuePaise, next() < 0.5 ? 'pos' : 'storefront');
}

/** How many times to post the same request at once: usually 1, sometimes 2–3. */
const copies = (next: () => number) => (next() < duplicateShare ? 2 + Math.floor(next() * 2) : 1);

/** Posts the order (maybe several times at once); true when it was accepted. */
async function placeOrder(body: OrderBody, next: () => number): Promise<boolean> {
  const statuses = await Promise.all(Array.from({ length: copies(next) }, () => postOrder(body)));
  return statuses.some((status) => status === 201 || status === 200);
}

/** Releases the order (maybe several times at once) with a random reason. */
async function releaseOrder(orderId: string, next: () => number): Promise<void> {
  const event = releaseEvent(orderId, next);
  await Promise.all(Array.from({ length: copies(next) }, () => postRelease(orderId, event)));
}

/** Posts the order and, while it is in flight, its release until the order exists; true when the order stays open. */
async function placeAndRaceRelease(body: OrderBody, next: () => number): Promise<boolean> {
  const event = releaseEvent(body.id, next);
  let orderStatus: number | undefined;
  const placing = postOrder(body).then((status) => (orderStatus = status));
  for (let attempt = 0; attempt < raceAttempts; attempt++) {
    const answeredBefore = orderStatus;
    const status = await postRelease(body.id, event, true);
    if (status === 201 && orderStatus === undefined) racesWon++;
    if (status !== 404) break;
    if (answeredBefore === 201 || answeredBefore === 200) violation(`release of ${body.id}: 404 after the order was accepted`);
    if (answeredBefore !== undefined) break;
    await sleep(raceRetryMs);
  }
  await placing;
  const accepted = orderStatus === 201 || orderStatus === 200;
  return accepted && ledger.get(body.id)!.release === undefined;
}

type Step = 'release' | 'repost' | 'race' | 'order';

/** The next step of a client: by the shares, a new order when there is nothing to release or re-post. */
function chooseStep(roll: number, open: number, placed: number): Step {
  if (roll < releaseShare) return open > 0 ? 'release' : 'order';
  if (roll < releaseShare + repostShare) return placed > 0 ? 'repost' : 'order';
  return roll < releaseShare + repostShare + raceShare ? 'race' : 'order';
}

/** One client: orders, releases, re-posts and races, back to back until `end`. */
async function runClient(client: number, end: number): Promise<void> {
  const next = seededRandom(7_000 + client);
  const open: string[] = [];
  const placed: string[] = [];
  for (let sequence = 0; performance.now() < end; sequence++) {
    const step = chooseStep(next(), open.length, placed.length);
    if (step === 'release') {
      await releaseOrder(takeRandom(open, next), next);
    } else if (step === 'repost') {
      const status = await postOrder(ledger.get(pick(placed, next))!.body);
      if (status !== 200) violation(`a re-post of an accepted order answered ${status}, not 200`);
    } else {
      const body = randomOrder(`COD-O-${client}-${sequence}`, next);
      const stillOpen = step === 'race' ? await placeAndRaceRelease(body, next) : await placeOrder(body, next);
      if (stillOpen) open.push(body.id);
      if (ledger.get(body.id)!.created > 0) placed.push(body.id);
    }
  }
}

/** Largest held amount (paise) seen per customer by a sampler, and how many samples it took. */
interface SamplerResult {
  samples: number;
  maxHeld: Map<string, number>;
}

const noteMax = (result: SamplerResult, customerId: string, heldPaise: number) =>
  result.maxHeld.set(customerId, Math.max(result.maxHeld.get(customerId) ?? 0, heldPaise));

/** Checks one GET /v1/customers/{id}/cod answer; returns the held amount in paise. */
function checkPosition(
  customerId: string,
  position: { totalLimit: number; available: number; openHolds: Array<{ orderId: string; amount: number }> },
  when: string,
): number {
  const heldPaise = paise(position.totalLimit) - paise(position.available);
  const listedPaise = position.openHolds.reduce((sum, hold) => sum + paise(hold.amount), 0);
  if (paise(position.available) / 100 !== position.available)
    violation(`${when}: ${customerId} available ${position.available} is not a whole number of paise`);
  if (heldPaise > limitPaise) violation(`${when}: ${customerId} holds ${rupees(heldPaise)} > limit ${rupees(limitPaise)}`);
  if (heldPaise !== listedPaise)
    violation(`${when}: ${customerId} limit − available = ${rupees(heldPaise)} but its open holds add up to ${rupees(listedPaise)}`);
  if (new Set(position.openHolds.map((hold) => hold.orderId)).size !== position.openHolds.length)
    violation(`${when}: ${customerId} lists a hold twice`);
  return heldPaise;
}

/** Reads the customer's COD position over HTTP (recorded like every other answer). */
async function readPosition(customerId: string) {
  const sent = performance.now();
  const res = await get(`/v1/customers/${customerId}/cod`);
  answers.push({ route: 'position', id: customerId, status: res.status, sent, ms: performance.now() - sent });
  if (res.status !== 200) throw new Error(`GET /v1/customers/${customerId}/cod answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { totalLimit: number; available: number; openHolds: Array<{ orderId: string; amount: number }> };
}

/** Every 100 ms until `end`: every customer's position over HTTP. */
async function sampleApi(end: number): Promise<SamplerResult> {
  const result: SamplerResult = { samples: 0, maxHeld: new Map() };
  while (performance.now() < end) {
    await Promise.all(
      customerIds.map(async (customerId) => {
        try {
          noteMax(result, customerId, checkPosition(customerId, await readPosition(customerId), 'API sampler'));
          result.samples++;
        } catch (error) {
          violation(`API sampler: ${String(error).slice(0, 300)}`);
        }
      }),
    );
    await sleep(sampleIntervalMs);
  }
  return result;
}

type Sql = Pick<Queryable, 'query'>;

/** The SQL sampler's way to the database: a connection of its own (the service's pool is busy with the load). */
async function samplerConnection(databaseUrl: string): Promise<Sql> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  cleanups.push(() => client.end());
  return { query: async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[] };
}

/** Open holds per customer in paise, summed by the database (exact numeric). */
async function openHoldsBySql(db: Sql): Promise<Map<string, number>> {
  const rows = await db.query<{ customer_id: string; held: string }>(
    'SELECT customer_id, sum(amount)::text AS held FROM cod_holds WHERE released_at IS NULL GROUP BY customer_id',
  );
  return new Map(rows.map((row) => [row.customer_id, paise(row.held)]));
}

/** Every 100 ms until `end`: sum(open holds) ≤ limit for every customer, in one statement. */
async function sampleSql(db: Sql, end: number): Promise<SamplerResult> {
  const result: SamplerResult = { samples: 0, maxHeld: new Map() };
  while (performance.now() < end) {
    for (const [customerId, heldPaise] of await openHoldsBySql(db)) {
      noteMax(result, customerId, heldPaise);
      if (heldPaise > limitPaise) violation(`SQL sampler: ${customerId} holds ${rupees(heldPaise)} > limit ${rupees(limitPaise)}`);
    }
    result.samples++;
    await sleep(sampleIntervalMs);
  }
  return result;
}

/** An order of exactly the available amount (by SQL) for every customer: each must be accepted. */
async function fillEveryLimit(db: Database): Promise<void> {
  const held = await openHoldsBySql(db);
  for (const customerId of customerIds) {
    const availablePaise = limitPaise - (held.get(customerId) ?? 0);
    const status = await postOrder(codOrder(`COD-FILL-${customerId}`, customerId, availablePaise, 'storefront'));
    if (status !== 201)
      violation(`an order of exactly the available ${rupees(availablePaise)} for ${customerId} answered ${status}, not 201`);
  }
}

/** available = limit − open holds, by the API and by SQL, and the same open holds the clients expect. */
async function verifyPositions(db: Database): Promise<void> {
  const held = await openHoldsBySql(db);
  for (const customerId of customerIds) {
    const position = await readPosition(customerId);
    checkPosition(customerId, position, 'after the run');
    const sqlHeldPaise = held.get(customerId) ?? 0;
    if (position.available !== (limitPaise - sqlHeldPaise) / 100) {
      violation(
        `after the run: ${customerId} API available ${position.available} ≠ limit − SQL open holds = ${rupees(limitPaise - sqlHeldPaise)}`,
      );
    }
    const expected = [...ledger.values()]
      .filter((entry) => entry.body.customerId === customerId && entry.created === 1 && !entry.release)
      .map((entry) => entry.body.id);
    const listed = position.openHolds.map((hold) => hold.orderId);
    if (listed.sort().join() !== expected.sort().join())
      violation(`after the run: ${customerId} lists open holds ${listed.length}, the clients expect ${expected.length}`);
  }
}

interface HoldRow {
  order_id: string;
  customer_id: string;
  amount: string;
  released: boolean;
  release_reason: string | null;
  due_at: Date | null;
}

/**
 * One hold row per accepted order, none for refused ones; open iff not released; each release
 * applied once, for the posted reason; each hold due at a whole minute, the one its answers named.
 * Returns the workflow ids of the accepted holds' due moments.
 */
async function verifyHolds(db: Database): Promise<Set<string>> {
  const holds = new Map(
    (
      await db.query<HoldRow>(
        'SELECT order_id, customer_id, amount::text, released_at IS NOT NULL AS released, release_reason, due_at FROM cod_holds',
      )
    ).map((row) => [row.order_id, row]),
  );
  const dueMoments = new Set<string>();
  const holdRows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cod_holds');
  const storedOrders = new Set((await db.query<{ id: string }>('SELECT id FROM orders')).map((row) => row.id));
  const timeline = new Map(
    (
      await db.query<{ order_id: string; n: number }>(
        `SELECT detail->>'orderId' AS order_id, count(*)::int AS n FROM customer_timeline WHERE kind = 'cod-hold-released' GROUP BY 1`,
      )
    ).map((row) => [row.order_id, row.n]),
  );
  if (holdRows[0]!.n !== holds.size) violation(`cod_holds has ${holdRows[0]!.n} rows for ${holds.size} orders`);
  for (const [orderId, entry] of ledger) {
    const hold = holds.get(orderId);
    const accepted = entry.created > 0;
    if (entry.created > 1) violation(`order ${orderId} was created ${entry.created} times`);
    if (entry.repeated > 0 && !accepted) violation(`order ${orderId} answered "already recorded" but never "created"`);
    if (!accepted) {
      if (hold || storedOrders.has(orderId)) violation(`refused order ${orderId} was stored${hold ? ' with a hold' : ''}`);
      if (entry.released > 0) violation(`refused order ${orderId} was released`);
      continue;
    }
    if (!hold) {
      violation(`accepted order ${orderId} has no hold`);
      continue;
    }
    if (hold.customer_id !== entry.body.customerId || paise(hold.amount) !== paise(entry.body.value))
      violation(`hold of ${orderId} is ${hold.amount} for ${hold.customer_id}`);
    if (!hold.due_at) violation(`hold of ${orderId} has no due moment`);
    else {
      const dueAt = new Date(hold.due_at);
      if (dueAt.getTime() % minuteMs !== 0) violation(`hold of ${orderId} is due at ${dueAt.toISOString()}, not a whole minute`);
      dueMoments.add(codHoldsDueWorkflowId(dueAt, benchTaskQueue));
      const named = entry.dueAts.filter((answered) => answered !== dueAt.toISOString());
      if (named.length > 0) violation(`order ${orderId}: answers named the due moment ${named[0]}, the hold is due ${dueAt.toISOString()}`);
    }
    if (hold.released !== Boolean(entry.release))
      violation(
        `hold of ${orderId} is ${hold.released ? 'released' : 'open'}, but the order ${entry.release ? 'got' : 'never got'} a release`,
      );
    if (entry.release && hold.release_reason !== entry.release)
      violation(`hold of ${orderId} was released for ${hold.release_reason}, the event was ${entry.release}`);
    const applied = entry.release ? 1 : 0;
    if (entry.released !== applied) violation(`order ${orderId}: ${entry.released} release answers said "released", expected ${applied}`);
    if ((timeline.get(orderId) ?? 0) !== applied)
      violation(`order ${orderId}: ${timeline.get(orderId) ?? 0} cod-hold-released timeline entries, expected ${applied}`);
  }
  for (const orderId of holds.keys()) if (!ledger.has(orderId)) violation(`hold of unknown order ${orderId}`);
  return dueMoments;
}

/** `cod-holds-due-`: the due moment follows. */
const dueWorkflowPrefix = 'cod-holds-due-';

/**
 * The differences between the COD workflows in Temporal (type codHold or codHoldsDue, or an id
 * `cod-…`) and the accepted holds' due moments; empty when they agree. `running`: the due-moment
 * workflows found running as expected.
 */
async function workflowMismatches(client: Client, dueMoments: Set<string>): Promise<{ mismatches: string[]; running: number }> {
  const runs = new Map<string, string[]>();
  for await (const info of client.workflow.list()) {
    if (info.type !== 'codHold' && info.type !== 'codHoldsDue' && !info.workflowId.startsWith('cod-')) continue;
    runs.set(info.workflowId, [...(runs.get(info.workflowId) ?? []), `${info.type} ${info.status.name}`]);
  }
  const mismatches: string[] = [];
  let running = 0;
  for (const workflowId of dueMoments) {
    const statuses = runs.get(workflowId) ?? [];
    runs.delete(workflowId);
    if (statuses.length !== 1 || statuses[0] !== 'codHoldsDue RUNNING')
      mismatches.push(`${workflowId}: ${statuses.join(', ') || 'no workflow'}, expected one codHoldsDue RUNNING`);
    else running++;
  }
  for (const [workflowId, statuses] of runs) {
    const whose = workflowId.startsWith(dueWorkflowPrefix)
      ? 'a due moment of no accepted hold'
      : `${ledger.has(workflowId.slice('cod-'.length)) ? 'an' : 'an unknown'} order's own, none expected`;
    mismatches.push(`${workflowId}: ${whose} (${statuses.join(', ')})`);
  }
  return { mismatches, running };
}

/**
 * Exactly one RUNNING execution of each accepted hold's due-moment workflow, no other due-moment
 * workflow and no `cod-{orderId}` workflow; waits for the relay to start the last moments' workflows.
 * Returns how many due-moment workflows run.
 */
async function verifyWorkflows(client: Client, dueMoments: Set<string>): Promise<number> {
  const deadline = performance.now() + convergenceTimeoutMs;
  let state = await workflowMismatches(client, dueMoments);
  while (state.mismatches.length > 0 && performance.now() < deadline) {
    await sleep(convergencePollMs);
    state = await workflowMismatches(client, dueMoments);
  }
  for (const mismatch of state.mismatches.slice(0, 20)) violation(`Temporal: ${mismatch}`);
  if (state.mismatches.length > 20) violation(`Temporal: … and ${state.mismatches.length - 20} more mismatches`);
  return state.running;
}

/** Creates the customers over HTTP. */
async function createCustomers(): Promise<void> {
  customerIds = Array.from({ length: customerCount }, (_, index) => `COD-C-${index + 1}`);
  for (const id of customerIds) {
    const res = await api.post('/v1/customers', { id });
    if (res.status !== 201) throw new Error(`POST /v1/customers ${id} answered ${res.status}: ${await res.text()}`);
  }
}

/** p50 / p99 ms of the answers per status, e.g. "201 p50 12.0 / p99 40.1 ms". */
function byStatus(list: Answer[]): string {
  const statuses = [...new Set(list.map((answer) => answer.status))].sort((a, b) => a - b);
  return statuses
    .map((status) => {
      const sorted = Float64Array.from(list.filter((answer) => answer.status === status).map((answer) => answer.ms)).sort();
      return `${status} p50 ${ms(percentile(sorted, 0.5))} / p99 ${ms(percentile(sorted, 0.99))} ms`;
    })
    .join(', ');
}

/** The figures and checks as lines of text. */
function summary(
  measured: Answer[],
  measuredSeconds: number,
  samplers: { api: SamplerResult; sql: SamplerResult },
  dueWorkflows: number,
): string[] {
  const orderAnswers = measured.filter((answer) => answer.route === 'order');
  const releaseAnswers = measured.filter((answer) => answer.route === 'release');
  const sorted = Float64Array.from(orderAnswers.filter((answer) => answer.status !== 0).map((answer) => answer.ms)).sort();
  const count = (list: Answer[], status: number) => list.filter((answer) => answer.status === status).length.toLocaleString('en-US');
  const accepted = [...ledger.values()].filter((entry) => entry.created === 1).length;
  const released = [...ledger.values()].filter((entry) => entry.created === 1 && entry.release).length;
  const maxOf = (result: SamplerResult) => Math.max(0, ...result.maxHeld.values());
  const perSecond = (n: number) => (n / measuredSeconds).toFixed(1);
  return [
    `${machineLine()} ${commitLine()} Database: ${api.database}, pool of ${api.poolSize}; Temporal dev server (SQLite, forTests) on loopback; ${clientCount} clients with keep-alive; ` +
      `${customerCount} customers, limit ${rupees(limitPaise)} each; ${warmupSeconds} s warm-up, then ${seconds} s measured (the checks cover both).`,
    '',
    '| database | clients | customers | requests | req/s | order posts | orders/s | p50 ms | p99 ms | max ms | 201 accepted | 422 refused | 200 duplicate | releases 201 / 200 | violations |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${api.database} | ${clientCount} | ${customerCount} | ${measured.length.toLocaleString('en-US')} | ${perSecond(measured.length)} | ${orderAnswers.length.toLocaleString('en-US')} | ` +
      `${perSecond(orderAnswers.length)} | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.99))} | ${ms(sorted.at(-1) ?? Number.NaN)} | ` +
      `${count(orderAnswers, 201)} | ${count(orderAnswers, 422)} | ${count(orderAnswers, 200)} | ${count(releaseAnswers, 201)} / ${count(releaseAnswers, 200)} | ${violations.length} |`,
    '',
    `Whole run (warm-up and fill orders included): ${accepted.toLocaleString('en-US')} orders accepted, ${released.toLocaleString('en-US')} of them released, ${(accepted - released).toLocaleString('en-US')} open at the end; ` +
      `${count(
        answers.filter((answer) => answer.route === 'release'),
        404,
      )} release attempts answered 404 while their order was in flight, ${racesWon} released before their order's answer; ` +
      `${dueWorkflows.toLocaleString('en-US')} due-moment workflows running (one per minute in which orders were held), no workflow per order.`,
    `Order posts by answer: ${byStatus(orderAnswers)}.`,
    `API sampler: ${samplers.api.samples.toLocaleString('en-US')} positions read, max held ${rupees(maxOf(samplers.api))} of ${rupees(limitPaise)}. ` +
      `SQL sampler: ${samplers.sql.samples.toLocaleString('en-US')} samples, max sum of open holds ${rupees(maxOf(samplers.sql))} of ${rupees(limitPaise)}.`,
  ];
}

let report: string[] = [];
try {
  api = await startBenchSystem({ workDir, rulesDir: copyRules(path.join(workDir, 'rules'), []) });
  const { running } = api;
  limitPaise = paise(running.rules.current.settings.cod.totalLimitPerUser);
  await createCustomers();
  const sampler = await samplerConnection(api.databaseUrl);

  console.error(`${clientCount} clients against ${customerCount} customers: ${warmupSeconds} s warm-up, then ${seconds} s measured…`);
  const warmupEnd = performance.now() + warmupSeconds * 1000;
  const end = warmupEnd + seconds * 1000;
  const samplingApi = sampleApi(end);
  const samplingSql = sampleSql(sampler, end);
  await Promise.all(Array.from({ length: clientCount }, (_, client) => runClient(client, end)));
  const measuredSeconds = (performance.now() - warmupEnd) / 1000;
  const measured = answers.filter((answer) => answer.sent >= warmupEnd);
  const samplers = { api: await samplingApi, sql: await samplingSql };

  console.error('checking…');
  await fillEveryLimit(running.db);
  await verifyPositions(running.db);
  const dueMoments = await verifyHolds(running.db);
  const dueWorkflows = await verifyWorkflows(running.client, dueMoments);
  report = summary(measured, measuredSeconds, samplers, dueWorkflows);
} catch (error) {
  violation(`the benchmark failed: ${(error as Error).stack ?? String(error)}`);
} finally {
  console.error('stopping…');
  await cleanUp();
}

console.log(report.join('\n'));
for (const text of violations.slice(0, 50)) console.log(`VIOLATION ${text}`);
if (violations.length > 50) console.log(`… and ${violations.length - 50} more`);
console.log(`violations: ${violations.length}`);
process.exitCode = violations.length === 0 ? 0 : 1;
