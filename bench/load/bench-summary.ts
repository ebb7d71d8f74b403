/**
 * The figures of one load-bench run as JSON, for bench/compare-releases.ts, which runs the same bench
 * against two releases and needs their numbers rather than their Markdown. Written only when
 * BENCH_SUMMARY_FILE names a file.
 */
import { writeFileSync } from 'node:fs';
import { percentile } from '../bench-support';
import { measuredOperations } from './load-report';
import type { MixedTrafficResult } from './mixed-traffic';

/** One run: throughput and latency of the measured operations, and what the checks found. */
export interface RunSummary {
  /** "Commit abc1234, with uncommitted changes." as the bench printed it. */
  commit: string;
  database: string;
  /** Operations started in the measured window, per second of it. */
  opsPerSecond: number;
  /** Latency of the 2xx answers that ended them (ms). */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  operations: number;
  /** Operations that ended without a 2xx or an expected refusal. */
  failed: number;
  verified: boolean;
  lost: number;
  duplicated: number;
  unexpected: number;
  unfinished: number;
}

/** The totals line of the verification ("lost: 0, duplicated: 0, unexpected: 0, unfinished workflows: 0"), as numbers. */
export function verificationTotals(lines: string[]): Pick<RunSummary, 'lost' | 'duplicated' | 'unexpected' | 'unfinished'> {
  const line = lines.find((candidate) => /lost: \d+, duplicated: \d+/.test(candidate)) ?? '';
  const count = (label: string) => Number(new RegExp(`${label}: (\\d+)`).exec(line)?.[1] ?? Number.NaN);
  return {
    lost: count('lost'),
    duplicated: count('duplicated'),
    unexpected: count('unexpected'),
    unfinished: count('unfinished workflows'),
  };
}

/** The run's figures from its load and its checks. */
export function summarize(
  load: MixedTrafficResult,
  checks: {
    commit: string;
    database: string;
    verified: boolean;
    totals: Pick<RunSummary, 'lost' | 'duplicated' | 'unexpected' | 'unfinished'>;
  },
): RunSummary {
  const measured = measuredOperations(load);
  const seconds = (load.phases.drain - load.phases.measured) / 1000;
  const latencies = Float64Array.from(measured.filter((record) => record.result === 'accepted').map((record) => record.latencyMs!)).sort();
  return {
    commit: checks.commit,
    database: checks.database,
    opsPerSecond: measured.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    operations: measured.length,
    failed: measured.filter((record) => record.result === 'failed').length,
    verified: checks.verified,
    ...checks.totals,
  };
}

/** Writes the summary when BENCH_SUMMARY_FILE names a file. */
export function writeSummaryIfAsked(summary: RunSummary): void {
  const file = process.env.BENCH_SUMMARY_FILE;
  if (file) writeFileSync(file, JSON.stringify(summary, null, 1));
}
