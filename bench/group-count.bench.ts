/**
 * Group count over 1,000,000 customers: how long `countGroupMembers` (the group's condition
 * translated to SQL over the facts table customer_facts, as `GET /v1/groups/{id}` counts) takes for
 * each shipped conditional group — birthday-this-week, high-value-mumbai, premium-users — next to
 * the query a DBA would write by hand for the same group on the same database (its typed columns
 * and indexes, constants inlined), run interleaved in the same process run.
 *
 * A fresh, migrated database (`openDatabase`) `rulebook_bench_<random>`, dropped at the end, on the
 * run's PostgreSQL server: an embedded PostgreSQL started in a temporary folder (fsync on, as
 * `npm start` runs it), or the DATABASE_URL server when set. Synthetic customers are bulk-loaded in
 * one `INSERT … SELECT … FROM generate_series` (city, premium_member, birthdate 1950–2005,
 * loyalty_tier in `attributes`), and orders for 30% of them (1–4 delivered orders each, so that
 * `total_spent` is real); the triggers of migration 0016 fill customer_facts in the same
 * statements, so the load times include them. The data is the same on every run and on every
 * server (`setseed`). Then VACUUM ANALYZE, and per group 1 warm-up of each query and BENCH_RUNS
 * rounds, each timing both queries in alternating order; the table shows the medians and their
 * ratio, and the run fails when the two count differently.
 *
 * Run:   npx tsx bench/group-count.bench.ts
 *        DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npx tsx bench/group-count.bench.ts
 * Env:   BENCH_CUSTOMERS (default 1000000), BENCH_RUNS (default 11), BENCH_EXPLAIN=1 prints the plans.
 * The user of DATABASE_URL must be allowed to CREATE DATABASE.
 */
import path from 'node:path';
import { projectRoot } from '../src/config/project-root';
import { loadRuleSet } from '../src/rules/load-rules';
import type { Database } from '../src/store/database';
import { countGroupMembers, countMembersSql } from '../src/store/group-store';
import { openDatabase } from '../src/store/open-database';
import { createLogger } from '../src/logging/logger';
import { benchDatabase, cleanUp, cleanups, commitLine, machineLine, readCount } from './bench-support';

const customers = readCount('BENCH_CUSTOMERS', 1_000_000);
const runs = readCount('BENCH_RUNS', 11);
const explainPlans = process.env.BENCH_EXPLAIN === '1';
/** A fixed instant (a Thursday, India time), so that "this week" is the same on every run. */
const now = new Date('2026-12-31T10:00:00+05:30');

/**
 * The shipped conditional groups and what a DBA would write for each at `now`, knowing the schema:
 * the week of 31 December 2026 runs from Monday 28 December to Sunday 3 January (India time).
 */
const dbaSql: Record<string, string> = {
  'birthday-this-week': `SELECT count(*)::int AS count FROM customer_facts
    WHERE NOT erased AND birth_month_day IN (1228, 1229, 1230, 1231, 101, 102, 103)`,
  'high-value-mumbai': `SELECT count(*)::int AS count FROM customer_facts WHERE NOT erased AND city_folded = 'mumbai' AND total_spent > 5000`,
  'premium-users': 'SELECT count(*)::int AS count FROM customer_facts WHERE NOT erased AND premium_member',
};

const ruleSet = loadRuleSet(path.join(projectRoot, 'rules'));
const groups = ruleSet.groups.filter((group) => group.kind === 'conditional');
for (const group of groups)
  if (!dbaSql[group.id]) throw new Error(`bench/group-count.bench.ts has no hand-written SQL for the group "${group.id}"`);

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
  vacuumSeconds: number;
  dbSizeMb: number;
}

interface CountRow {
  group: string;
  members: number;
  rulebookMs: number;
  dbaMs: number;
  rulebookRange: [number, number];
}

const loads: LoadRow[] = [];
const counts: CountRow[] = [];
const plans: string[] = [];

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint();
  const value = await run();
  return { value, ms: millis(started) };
}

/** Times the group's count by Rulebook and by the DBA's query, interleaved; both must agree. */
async function timeCount(db: Database, index: number): Promise<void> {
  const group = groups[index]!;
  const rulebook = () => countGroupMembers(db, ruleSet, group, now);
  const dba = async () => (await db.query<{ count: number }>(dbaSql[group.id]!))[0]!.count;
  const members = await rulebook(); // warm-up
  const expected = await dba();
  if (members !== expected) throw new Error(`${group.id}: Rulebook counted ${members}, the hand-written SQL ${expected}`);
  const rulebookTimes: number[] = [];
  const dbaTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? ([rulebook, dba] as const) : ([dba, rulebook] as const);
    for (const query of order) {
      const { value, ms } = await timed(query);
      if (value !== members) throw new Error(`${group.id} counted ${members}, then ${value}`);
      (query === rulebook ? rulebookTimes : dbaTimes).push(ms);
    }
  }
  const row: CountRow = {
    group: group.id,
    members,
    rulebookMs: median(rulebookTimes),
    dbaMs: median(dbaTimes),
    rulebookRange: [Math.min(...rulebookTimes), Math.max(...rulebookTimes)],
  };
  counts.push(row);
  console.error(
    `  ${group.id}: ${members.toLocaleString('en-US')} members, median ${row.rulebookMs.toFixed(1)} ms (DBA ${row.dbaMs.toFixed(1)} ms)`,
  );
  if (explainPlans) {
    const { sql, params } = countMembersSql(ruleSet, group, now);
    for (const [label, query, values] of [
      ['Rulebook', sql, params.values],
      ['DBA', dbaSql[group.id]!, []],
    ] as const) {
      const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${query}`, [...values]);
      plans.push(`${group.id} — ${label}\n${rows.map((plan) => plan['QUERY PLAN']).join('\n')}`);
    }
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
  const started = process.hrtime.bigint();
  // VACUUM too: the triggers updated every facts row once, and index-only scans need the visibility map.
  for (const table of ['customers', 'orders', 'customer_facts']) await db.exec(`VACUUM ANALYZE ${table}`);
  const vacuumSeconds = seconds(started);
  const [stats] = await db.query<{ customers: number; facts: number; orders: number; bytes: string }>(
    `SELECT (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM customer_facts) AS facts,
            (SELECT count(*)::int FROM orders) AS orders, pg_database_size(current_database())::text AS bytes`,
  );
  if (stats!.customers !== customers || stats!.facts !== customers) {
    throw new Error(`loaded ${stats!.customers} customers and ${stats!.facts} facts rows, expected ${customers}`);
  }
  loads.push({ orders: stats!.orders, customersSeconds, ordersSeconds, vacuumSeconds, dbSizeMb: Number(stats!.bytes) / 2 ** 20 });
  console.error(`  loaded in ${(customersSeconds + ordersSeconds).toFixed(1)} s (${stats!.orders.toLocaleString('en-US')} orders)`);

  for (let index = 0; index < groups.length; index++) await timeCount(db, index);

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
    `${customers.toLocaleString('en-US')} customers, counts at ${now.toISOString()}, median of ${runs} interleaved runs after 1 warm-up.`,
);
console.log('');
console.log('| customers | orders | load customers + facts (s) | load orders + facts (s) | VACUUM ANALYZE (s) | database size (MB) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const load of loads) {
  console.log(
    `| ${customers.toLocaleString('en-US')} | ${load.orders.toLocaleString('en-US')} | ${load.customersSeconds.toFixed(1)} | ` +
      `${load.ordersSeconds.toFixed(1)} | ${load.vacuumSeconds.toFixed(1)} | ${format(load.dbSizeMb)} |`,
  );
}
console.log('');
console.log('| group | members | Rulebook median ms | Rulebook min–max ms | hand-written SQL median ms | ratio |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of counts) {
  console.log(
    `| ${row.group} | ${row.members.toLocaleString('en-US')} | ${row.rulebookMs.toFixed(1)} | ` +
      `${row.rulebookRange[0].toFixed(1)}–${row.rulebookRange[1].toFixed(1)} | ${row.dbaMs.toFixed(1)} | ${(row.rulebookMs / row.dbaMs).toFixed(2)}x |`,
  );
}
if (plans.length > 0) {
  console.log('');
  console.log('```');
  console.log(plans.join('\n\n'));
  console.log('```');
}
