/**
 * Group count over 1,000,000 customers: how long `countGroupMembers` (the group's condition
 * translated to SQL, as `GET /v1/groups/{id}` counts) takes for each shipped conditional group —
 * birthday-this-week, high-value-mumbai, premium-users.
 *
 * A fresh, migrated database (`openDatabase`) `rulebook_bench_<random>`, dropped at the end, on the
 * run's PostgreSQL server: an embedded PostgreSQL started in a temporary folder (fsync on, as
 * `npm start` runs it), or the DATABASE_URL server when set. Synthetic customers are bulk-loaded in one `INSERT … SELECT … FROM
 * generate_series` (city, premium_member, birthdate 1950–2005, loyalty_tier in `attributes`), and
 * orders for 30% of them (1–4 delivered orders each, so that `total_spent` is real). The data is
 * the same on every run and on every server (`setseed`). Then ANALYZE, and per group 1 warm-up
 * and BENCH_RUNS timed counts; the table shows the median. high-value-mumbai (total_spent: a
 * correlated sum over orders per customer) is measured twice: with the indexes of the migrations,
 * and again after adding a covering index on orders (customer_id) INCLUDE (value, status).
 *
 * Run:   npx tsx bench/group-count.bench.ts
 *        DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npx tsx bench/group-count.bench.ts
 * Env:   BENCH_CUSTOMERS (default 1000000), BENCH_RUNS (default 5), BENCH_EXPLAIN=1 prints the plans.
 * The user of DATABASE_URL must be allowed to CREATE DATABASE.
 */
import path from 'node:path';
import { projectRoot } from '../src/config/project-root';
import { loadRuleSet } from '../src/rules/load-rules';
import type { Database } from '../src/store/database';
import { countGroupMembers, membershipSql } from '../src/store/group-store';
import { openDatabase } from '../src/store/open-database';
import { createLogger } from '../src/logging/logger';
import { benchDatabase, cleanUp, cleanups, commitLine, machineLine, readCount } from './bench-support';

const customers = readCount('BENCH_CUSTOMERS', 1_000_000);
const runs = readCount('BENCH_RUNS', 5);
const explainPlans = process.env.BENCH_EXPLAIN === '1';
/** A fixed instant (a Thursday, India time), so that "this week" is the same on every run. */
const now = new Date('2026-12-31T10:00:00+05:30');
const groupIds = ['birthday-this-week', 'high-value-mumbai', 'premium-users'];

const ruleSet = loadRuleSet(path.join(projectRoot, 'rules'));
const groups = groupIds.map((id) => {
  const group = ruleSet.groups.find((candidate) => candidate.id === id);
  if (!group || group.kind !== 'conditional') throw new Error(`rules/groups has no conditional group "${id}"`);
  return group;
});

const customersSql = `
  INSERT INTO customers (id, attributes)
  SELECT 'C-' || lpad(g::text, 8, '0'),
         jsonb_build_object(
           'city', (ARRAY['Mumbai', 'Pune', 'Delhi', 'Chennai', 'Kolkata', 'Bengaluru'])[1 + floor(random() * 6)::int],
           'premium_member', random() < 0.2,
           'birthdate', to_char(date '1950-01-01' + floor(random() * (date '2005-12-31' - date '1950-01-01' + 1))::int, 'YYYY-MM-DD'),
           'loyalty_tier', (ARRAY['bronze', 'silver', 'gold', 'platinum'])[1 + floor(random() * 4)::int])
  FROM generate_series(1, $1::int) AS g`;

/** 30% of the customers (g mod 10 < 3) have 1–4 delivered orders of ₹100–5,000 over the last two years. */
const ordersSql = `
  INSERT INTO orders (id, customer_id, value, currency, channel, payment_method, items, status, placed_at, request)
  SELECT 'O-' || lpad(g::text, 8, '0') || '-' || k, 'C-' || lpad(g::text, 8, '0'),
         round((100 + random() * 4900)::numeric, 2), 'INR', 'storefront',
         CASE WHEN random() < 0.3 THEN 'cod' ELSE 'card' END,
         1 + floor(random() * 5)::int, 'delivered',
         $2::timestamptz - random() * interval '730 days', '{}'::jsonb
  FROM generate_series(1, $1::int) AS g
  CROSS JOIN LATERAL generate_series(1, 1 + (g / 10) % 4) AS k
  WHERE g % 10 < 3`;

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
const millis = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface LoadRow {
  orders: number;
  customersSeconds: number;
  ordersSeconds: number;
  analyzeSeconds: number;
  dbSizeMb: number;
}

interface CountRow {
  group: string;
  members: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

const loads: LoadRow[] = [];
const counts: CountRow[] = [];
const plans: string[] = [];

async function timeCount(db: Database, index: number, label: string): Promise<void> {
  const group = groups[index]!;
  const members = await countGroupMembers(db, ruleSet, group, now); // warm-up
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    const count = await countGroupMembers(db, ruleSet, group, now);
    times.push(millis(started));
    if (count !== members) throw new Error(`${label} counted ${members}, then ${count}`);
  }
  counts.push({ group: label, members, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) });
  console.error(`  ${label}: ${members.toLocaleString('en-US')} members, median ${median(times).toFixed(1)} ms`);
  if (explainPlans) {
    const { where, params } = membershipSql(ruleSet, group, now);
    const rows = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT count(*)::int AS count FROM customers c WHERE ${where}`,
      params.values,
    );
    plans.push(`${label}\n${rows.map((row) => row['QUERY PLAN']).join('\n')}`);
  }
}

let server = '';

async function measure(): Promise<void> {
  const location = await benchDatabase();
  server = location.server.description;
  console.error(`${server}: loading ${customers.toLocaleString('en-US')} customers…`);
  const db = await openDatabase(location.settings, createLogger({ level: 'silent', pretty: false }));
  cleanups.push(() => db.close());

  // setseed and the inserts on one connection (one transaction), so that every run loads the same rows.
  let customersSeconds = 0;
  let ordersSeconds = 0;
  await db.transaction(async (tx) => {
    await tx.query('SELECT setseed(0.42)');
    let started = process.hrtime.bigint();
    await tx.query(customersSql, [customers]);
    customersSeconds = seconds(started);
    started = process.hrtime.bigint();
    await tx.query(ordersSql, [customers, now.toISOString()]);
    ordersSeconds = seconds(started);
  });
  let started = process.hrtime.bigint();
  await db.exec('ANALYZE customers');
  await db.exec('ANALYZE orders');
  const analyzeSeconds = seconds(started);
  const [stats] = await db.query<{ customers: number; orders: number; bytes: string }>(
    'SELECT (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM orders) AS orders, pg_database_size(current_database())::text AS bytes',
  );
  if (stats!.customers !== customers) throw new Error(`loaded ${stats!.customers} customers, expected ${customers}`);
  loads.push({ orders: stats!.orders, customersSeconds, ordersSeconds, analyzeSeconds, dbSizeMb: Number(stats!.bytes) / 2 ** 20 });
  console.error(`  loaded in ${(customersSeconds + ordersSeconds).toFixed(1)} s (${stats!.orders.toLocaleString('en-US')} orders)`);

  for (let index = 0; index < groups.length; index++) await timeCount(db, index, groups[index]!.id);

  // total_spent sums orders per customer; with only orders_by_customer (customer_id, placed_at) each
  // probe reads the heap. A covering index lets the sum come from the index alone (after VACUUM).
  started = process.hrtime.bigint();
  await db.exec('CREATE INDEX bench_orders_by_customer_value ON orders (customer_id) INCLUDE (value, status)');
  await db.exec('VACUUM ANALYZE orders');
  const indexSeconds = seconds(started);
  console.error(`  covering index built in ${indexSeconds.toFixed(1)} s`);
  const highValue = groupIds.indexOf('high-value-mumbai');
  await timeCount(db, highValue, 'high-value-mumbai, + index on orders (customer_id) INCLUDE (value, status)');

  await cleanups.pop()!(); // db.close()
}

try {
  await measure();
} finally {
  await cleanUp();
}

const format = (value: number) => Math.round(value).toLocaleString('en-US');
console.log(
  `${machineLine()} ${commitLine()} Database: ${server}. ` +
    `${customers.toLocaleString('en-US')} customers, counts at ${now.toISOString()}, median of ${runs} runs after 1 warm-up.`,
);
console.log('');
console.log('| customers | orders | load customers (s) | load orders (s) | ANALYZE (s) | database size (MB) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const load of loads) {
  console.log(
    `| ${customers.toLocaleString('en-US')} | ${load.orders.toLocaleString('en-US')} | ${load.customersSeconds.toFixed(1)} | ` +
      `${load.ordersSeconds.toFixed(1)} | ${load.analyzeSeconds.toFixed(1)} | ${format(load.dbSizeMb)} |`,
  );
}
console.log('');
console.log('| group | members | median ms | min–max ms |');
console.log('| --- | --- | --- | --- |');
for (const row of counts) {
  console.log(
    `| ${row.group} | ${row.members.toLocaleString('en-US')} | ${row.medianMs.toFixed(1)} | ${row.minMs.toFixed(1)}–${row.maxMs.toFixed(1)} |`,
  );
}
if (plans.length > 0) {
  console.log('');
  console.log('```');
  console.log(plans.join('\n\n'));
  console.log('```');
}
