/**
 * Sustained mixed traffic: throughput, p50 / p99 / max latency per operation kind and errors, then a
 * check that every accepted operation is reflected exactly once and every workflow finished.
 *
 * The system runs as return-ingestion.bench.ts runs it (`startBenchSystem`): the API and the worker
 * in this process, a Temporal dev server of its own (headless, free port, throw-away SQLite), on a
 * new database `rulebook_bench_<random>` (dropped at the end) on the run's PostgreSQL server: an
 * embedded PostgreSQL started in a temporary folder (fsync on, as `npm start` runs it), or the
 * DATABASE_URL server when set. The rules are the bench rules
 * (bench/load/bench-rules.ts: returner profiles active, new customers "standard", 1-month returns
 * window).
 *
 * BENCH_CLIENTS clients of bench/load/mixed-traffic.ts (customers, returns, COD orders and their
 * delivery or cancellation, card orders, invoices and payments; each client back to back, no pause)
 * first create BENCH_CUSTOMERS_PER_CLIENT customers each, then send for a warm-up and for
 * BENCH_SECONDS measured seconds; the follow-ups still pending are then sent at once (drain).
 * Figures count the operations started in the measured window; latencies are those of the 2xx
 * answers (or expected refusals) that ended them.
 *
 * Then the bench waits up to BENCH_SETTLE_SECONDS, first for the outbox to Temporal to drain (the
 * workflow starts and signals that requests queued with their business change: no intent pending,
 * none dead — a release without the outbox waits for nothing), then for the workflows to finish (COD
 * holds settled, reminder sequences paid or done, returns windows whose returns have left the window),
 * and checks the ledger against the database and Temporal (bench/load/verify-after-load.ts). Exit code
 * 1 when a check fails. With BENCH_SUMMARY_FILE the figures are also written there as JSON (for
 * bench/compare-releases.ts, which runs this bench against the previous release in the same run).
 *
 * Run:   npx tsx bench/mixed-load.bench.ts
 *        DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npx tsx bench/mixed-load.bench.ts
 * Env:   BENCH_SECONDS (default 180), BENCH_CLIENTS (default 32), BENCH_WARMUP_SECONDS (default 10),
 *        BENCH_CUSTOMERS_PER_CLIENT (default 10), BENCH_SETTLE_SECONDS (default 300),
 *        BENCH_LEDGER_FILE (write the ledger there as JSON), BENCH_SUMMARY_FILE (the figures as JSON). The user of DATABASE_URL must be allowed to CREATE DATABASE.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanUp, cleanups, commitLine, machineLine, readCount, startBenchSystem } from './bench-support';
import { benchReturnsWindowMonths, writeBenchRules } from './load/bench-rules';
import { loadLines, writeLedgerIfAsked } from './load/load-report';
import { startMixedTraffic } from './load/mixed-traffic';
import { summarize, writeSummaryIfAsked } from './load/bench-summary';
import { verifyAfterLoad } from './load/verify-after-load';

const seconds = readCount('BENCH_SECONDS', 180);
const clients = readCount('BENCH_CLIENTS', 32);
const warmupSeconds = readCount('BENCH_WARMUP_SECONDS', 10);
const customersPerClient = readCount('BENCH_CUSTOMERS_PER_CLIENT', 10);
const settleSeconds = readCount('BENCH_SETTLE_SECONDS', 300);

const workDir = mkdtempSync(path.join(os.tmpdir(), 'rulebook-bench-mixed-'));
cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));

let report: string[];
let verified: boolean;

try {
  const system = await startBenchSystem({ workDir, rulesDir: writeBenchRules(workDir) });

  console.error(`${clients} clients: ${customersPerClient} customers each, ${warmupSeconds} s warm-up, then ${seconds} s measured…`);
  const load = await startMixedTraffic({
    apiUrl: system.apiUrl,
    token: system.token,
    clients,
    warmupSeconds,
    seconds,
    customersPerClient,
    returnsWindowMonths: benchReturnsWindowMonths,
  }).result;
  writeLedgerIfAsked(load);

  const context = {
    db: system.running.db,
    temporal: system.running.client,
    ledger: load.ledger,
    codLimit: system.running.rules.current.settings.cod.totalLimitPerUser,
    returnsWindow: system.running.rules.current.settings.returnsWindow,
  };
  const verification = await verifyAfterLoad(context, settleSeconds);
  verified = verification.ok;
  writeSummaryIfAsked(summarize(load, { commit: commitLine(), database: system.database, verified, totals: verification.totals }));

  report = [
    `${machineLine()} ${commitLine()} Database: ${system.database}, pool of ${system.poolSize}; Temporal dev server (SQLite, forTests) on loopback; API and worker in one process; ` +
      `${clients} clients with keep-alive, no pause between operations; ${seconds} s measured after a ${warmupSeconds} s warm-up.`,
    '',
    ...loadLines(load),
    '',
    ...verification.lines,
  ];
} finally {
  console.error('stopping…');
  await cleanUp();
}

console.log(report.join('\n'));
if (!verified) process.exitCode = 1;
