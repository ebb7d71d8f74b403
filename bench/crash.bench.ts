/**
 * Crashes under load: the API, the worker and the Temporal dev server are each killed (SIGKILL)
 * during sustained mixed traffic and started again; afterwards every accepted operation must be
 * reflected exactly once and every workflow must finish.
 *
 * The parts run as separate child processes, as in production (bench/load/child-processes.ts):
 * `src/bootstrap/api-main.ts` on a fixed port, `src/bootstrap/worker-main.ts`, and the Temporal dev
 * server on a fixed port with its state in a SQLite file (durable settings), so a restart finds
 * every workflow again. They share a new database `rulebook_bench_<random>` (dropped at the end),
 * whose URL they get as DATABASE_URL, on the run's PostgreSQL server (bench-support.ts): an embedded
 * PostgreSQL started by this bench in a temporary folder (fsync on, as `npm start` runs it), or the
 * DATABASE_URL server when set. Rules: the bench rules (bench/load/bench-rules.ts).
 *
 * BENCH_CLIENTS clients of bench/load/mixed-traffic.ts send for a warm-up and BENCH_SECONDS
 * measured seconds, repeating every operation whose answer is lost (same id, same body) until it
 * is answered. During the measured window, at 20 %, 45 % and 70 % of it, one part is killed,
 * left down, and started again: first the API and the worker (down BENCH_DOWNTIME_SECONDS each),
 * then the Temporal dev server (down BENCH_TEMPORAL_DOWNTIME_SECONDS: longer than the ~20 s during
 * which the API's Temporal client retries by itself, so that requests needing Temporal fail and
 * are repeated by the clients). The bench then waits up to BENCH_SETTLE_SECONDS for the workflows to finish
 * and checks the ledger against the database and Temporal (bench/load/verify-ledger.ts): no lost
 * or duplicated rows, holds, reminders or workflows; nothing left running that should have ended.
 * Before the workflows, it waits for the outbox to Temporal to drain (no intent pending, none dead;
 * a release without the outbox waits for nothing) and afterwards also checks every return's
 * returns-window effect (bench/load/verify-after-load.ts).
 * Exit code 1 when a check fails or a part died without being killed.
 *
 * With BENCH_CLIENT_RETRIES=0 the clients never repeat a request: an operation without an answer
 * (the API killed under it, a 5xx) is left as it is. The database then tells whether it committed;
 * the checks hold every operation answered 2xx, and every one that committed without an answer, to
 * its whole effect (workflows included: the outbox commits them with the business change), and every
 * one that did not commit to no effect at all; new requests then tie up the business loose ends
 * (bench/load/unanswered-operations.ts). Nothing accepted may be lost although nothing is repeated.
 *
 * Run:   npx tsx bench/crash.bench.ts
 *        DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npx tsx bench/crash.bench.ts
 * Env:   BENCH_SECONDS (default 180), BENCH_CLIENTS (default 32), BENCH_WARMUP_SECONDS (default 10),
 *        BENCH_CUSTOMERS_PER_CLIENT (default 10), BENCH_DOWNTIME_SECONDS (default 5),
 *        BENCH_TEMPORAL_DOWNTIME_SECONDS (default 30), BENCH_SETTLE_SECONDS (default 300), BENCH_LEDGER_FILE (write the ledger there as JSON),
 *        BENCH_CLIENT_RETRIES (1: repeat unanswered operations, the default; 0: never), BENCH_SUMMARY_FILE (the figures as JSON,
 *        for bench/compare-releases.ts).
 *        Logs of the parts are kept under BENCH_LOG_DIR when set (else in the temporary folder, removed).
 *        The user of DATABASE_URL must be allowed to CREATE DATABASE.
 */
import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../src/logging/logger';
import { RuleRegistry } from '../src/rules/rule-registry';
import { openDatabase } from '../src/store/open-database';
import { benchDatabase, cleanUp, cleanups, commitLine, freePort, machineLine, readCount, sdkLogsToStderr } from './bench-support';
import { benchReturnsWindowMonths, writeBenchRules } from './load/bench-rules';
import { benchTaskQueue } from './load/bench-task-queue';
import { devServerPart, nodePart, tail, type KillablePart } from './load/child-processes';
import { loadLines, writeLedgerIfAsked } from './load/load-report';
import { startMixedTraffic, type MixedTrafficResult } from './load/mixed-traffic';
import { summarize, writeSummaryIfAsked } from './load/bench-summary';
import { reconcileUnanswered, type Reconciliation } from './load/unanswered-operations';
import { verifyAfterLoad } from './load/verify-after-load';

const seconds = readCount('BENCH_SECONDS', 180);
const clients = readCount('BENCH_CLIENTS', 32);
const warmupSeconds = readCount('BENCH_WARMUP_SECONDS', 10);
const customersPerClient = readCount('BENCH_CUSTOMERS_PER_CLIENT', 10);
/** How long each part stays down. Temporal longer than the ~20 s the API's Temporal client retries on its own. */
const downtimeSeconds = {
  api: readCount('BENCH_DOWNTIME_SECONDS', 5),
  worker: readCount('BENCH_DOWNTIME_SECONDS', 5),
  temporal: readCount('BENCH_TEMPORAL_DOWNTIME_SECONDS', 30),
};
const settleSeconds = readCount('BENCH_SETTLE_SECONDS', 300);
/** Whether clients repeat an operation whose answer was lost (same id, same body) until it is answered. */
const clientRetries = readSwitch('BENCH_CLIENT_RETRIES', true);
/** When each part is killed, as a fraction of the measured window. */
const faultMoments = { api: 0.2, worker: 0.45, temporal: 0.7 };
/** Retries this long after a part is back still count as caused by its outage. */
const outageTailMs = 30_000;

sdkLogsToStderr();
const workDir = mkdtempSync(path.join(os.tmpdir(), 'rulebook-bench-crash-'));
cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));
const logDir = process.env.BENCH_LOG_DIR ?? path.join(workDir, 'logs');

interface Fault {
  part: KillablePart;
  killedAt: number;
  readyAt: number;
}

let report: string[];
let verified: boolean;

try {
  const rulesDir = writeBenchRules(workDir);
  const database = await benchDatabase();
  const databaseUrl = database.settings.databaseUrl;
  const token = `bench-token-${randomBytes(12).toString('hex')}`;
  const apiPort = await freePort();
  const temporalPort = await freePort();
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: benchTaskQueue,
    PORT: String(apiPort),
    API_TOKENS: token,
    // The load reads customers back as an operator's system does: in clear.
    API_PERSONAL_DATA_TOKENS: 'token-1',
    API_RATE_LIMIT: '0',
    RULEBOOK_DATA_DIR: path.join(workDir, 'data'),
    RULEBOOK_RULES_DIR: rulesDir,
    RULEBOOK_WATCH_RULES: 'false',
    RULEBOOK_PAYLOAD_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'info',
  };
  const parts = {
    temporal: devServerPart(temporalPort, path.join(workDir, 'temporal', 'dev-server.sqlite')),
    worker: nodePart('worker', 'src/bootstrap/worker-main.ts', env, 'worker ready', path.join(logDir, 'worker.log')),
    api: nodePart('API', 'src/bootstrap/api-main.ts', env, 'API ready', path.join(logDir, 'api.log')),
  };
  console.error('starting the Temporal dev server, then the worker and the API…');
  await parts.temporal.start();
  await Promise.all([parts.worker.start(), parts.api.start()]);

  console.error(
    `${clients} clients: ${customersPerClient} customers each, ${warmupSeconds} s warm-up, then ${seconds} s measured with three crashes` +
      `${clientRetries ? '' : ', client retries off'}…`,
  );
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const run = startMixedTraffic({
    apiUrl,
    token,
    clients,
    warmupSeconds,
    seconds,
    customersPerClient,
    returnsWindowMonths: benchReturnsWindowMonths,
    // Giving up at once after the first unanswered attempt: never a repeat.
    ...(!clientRetries && { giveUpAfterMs: 0 }),
  });
  const measuredAt = await run.measuring;
  const faults: Fault[] = [];
  for (const [name, moment] of Object.entries(faultMoments) as Array<[keyof typeof parts, number]>) {
    await sleepUntil(measuredAt + moment * seconds * 1000);
    faults.push(await crashAndRestart(parts[name], downtimeSeconds[name]));
  }
  const load = await run.result;
  writeLedgerIfAsked(load);

  const ruleSettings = new RuleRegistry(rulesDir, createLogger({ level: 'silent', pretty: false }));
  const db = await openDatabase(
    { databaseUrl, dataDir: path.join(workDir, 'bench-data'), poolSize: 2 },
    createLogger({ level: 'silent', pretty: false }),
  );
  cleanups.push(() => db.close());
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  cleanups.push(() => connection.close());
  const reconciliation: Reconciliation | undefined = clientRetries
    ? undefined
    : await reconcileUnanswered(db, load.ledger, { apiUrl, token });
  const context = {
    db,
    temporal: new Client({ connection, namespace: 'default' }),
    ledger: reconciliation?.ledger ?? load.ledger,
    codLimit: ruleSettings.current.settings.cod.totalLimitPerUser,
    returnsWindow: ruleSettings.current.settings.returnsWindow,
  };
  ruleSettings.close();
  const verification = await verifyAfterLoad(context, settleSeconds);
  const deaths = Object.values(parts).flatMap((part) => part.unexpectedExits);
  verified = verification.ok && deaths.length === 0 && (reconciliation?.failed ?? 0) === 0;
  writeSummaryIfAsked(
    summarize(load, { commit: commitLine(), database: database.server.description, verified, totals: verification.totals }),
  );

  report = [
    `${machineLine()} ${commitLine()} Database: ${database.server.description}, loopback; API, worker and Temporal dev server (SQLite file, durable settings) as separate processes; ` +
      `${clients} clients with keep-alive, no pause between operations, ` +
      (clientRetries
        ? 'every unanswered operation repeated with the same id; '
        : 'client retries off (BENCH_CLIENT_RETRIES=0): no request ever repeated, an unanswered operation left as it is; ') +
      `${seconds} s measured after a ${warmupSeconds} s warm-up; each part killed with SIGKILL once and started again after ${downtimeSeconds.api} s (API), ${downtimeSeconds.worker} s (worker), ${downtimeSeconds.temporal} s (Temporal).`,
    '',
    ...faultTable(faults, load, measuredAt),
    '',
    // Without retries every unanswered attempt is also a failed operation: listed once, as that.
    ...loadLines(clientRetries ? load : { ...load, retried: [] }),
    '',
    `Unexpected exits: ${deaths.length === 0 ? 'none' : deaths.join('; ')}.`,
    ...(reconciliation
      ? [
          '',
          'Without retries a client goes on to its next operation at once when the API refuses the connection, so the figures above ' +
            'also count the operations refused while the API was down: compare throughput on runs with retries.',
          ...reconciliation.lines,
        ]
      : []),
    '',
    ...verification.lines,
  ];
  if (!verified)
    report.push(
      '',
      'Last lines of the API log:',
      tail(path.join(logDir, 'api.log')),
      '',
      'Last lines of the worker log:',
      tail(path.join(logDir, 'worker.log')),
    );
} finally {
  console.error('stopping…');
  await cleanUp();
}

console.log(report.join('\n'));
if (!verified) process.exitCode = 1;

/** Kills the part, leaves it down for the downtime, starts it again; times both. */
async function crashAndRestart(part: KillablePart, downSeconds: number): Promise<Fault> {
  console.error(`killing the ${part.name} (SIGKILL)…`);
  const killedAt = Date.now();
  await part.kill();
  await sleepUntil(killedAt + downSeconds * 1000);
  await part.start();
  const readyAt = Date.now();
  console.error(`  the ${part.name} is back after ${((readyAt - killedAt) / 1000).toFixed(1)} s`);
  return { part, killedAt, readyAt };
}

/** Per fault: when, how long down, and what the clients went through. */
function faultTable(faults: Fault[], load: MixedTrafficResult, measuredAt: number): string[] {
  if (!clientRetries) return unansweredFaultTable(faults, load, measuredAt);
  const lines = [
    '| killed | at (s into the measured window) | down (kill → ready again, s) | attempts retried | operations that needed a retry | longest of those (s) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { part, killedAt, readyAt } of faults) {
    const windowEnd = readyAt + outageTailMs;
    const retried = load.retried.filter((attempt) => attempt.at >= killedAt && attempt.at <= windowEnd).length;
    const hit = load.ledger.filter((record) => record.attempts > 1 && record.endedAt >= killedAt && record.startedAt <= windowEnd);
    const longest = Math.max(0, ...hit.map((record) => record.endedAt - record.startedAt)) / 1000;
    lines.push(
      `| ${part.name} | ${((killedAt - measuredAt) / 1000).toFixed(1)} | ${((readyAt - killedAt) / 1000).toFixed(1)} | ${retried} | ${hit.length} | ${longest.toFixed(1)} |`,
    );
  }
  return lines;
}

/** Per fault, without retries: the operations left without an answer while the part was down (and shortly after). */
function unansweredFaultTable(faults: Fault[], load: MixedTrafficResult, measuredAt: number): string[] {
  const lines = [
    '| killed | at (s into the measured window) | down (kill → ready again, s) | operations left without an answer (not repeated) |',
    '| --- | --- | --- | --- |',
  ];
  for (const { part, killedAt, readyAt } of faults) {
    const windowEnd = readyAt + outageTailMs;
    const unanswered = load.ledger.filter(
      (record) => record.result === 'failed' && record.endedAt >= killedAt && record.startedAt <= windowEnd,
    );
    lines.push(
      `| ${part.name} | ${((killedAt - measuredAt) / 1000).toFixed(1)} | ${((readyAt - killedAt) / 1000).toFixed(1)} | ${unanswered.length} |`,
    );
  }
  return lines;
}

/** An on/off setting from the environment: 1 or 0, or the fallback when unset. */
function readSwitch(variable: string, fallback: boolean): boolean {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== '0' && raw !== '1') throw new Error(`${variable} must be 0 or 1, not "${raw}"`);
  return raw === '1';
}

function sleepUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
}
