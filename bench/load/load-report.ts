/**
 * Figures of a mixed-traffic run as Markdown: per operation kind, operations started in the measured
 * window, throughput, latency of the answers that ended them, refusals, errors and retries.
 */
import { writeFileSync } from 'node:fs';
import { ms, percentile } from '../bench-support';
import { operationKinds, type MixedTrafficResult, type OperationRecord } from './mixed-traffic';

/** The measured operations: those started after the warm-up and before the drain. */
export function measuredOperations(result: MixedTrafficResult): OperationRecord[] {
  return result.ledger.filter((record) => record.phase === 'measured');
}

/** One table row per operation kind, and one for all of them. */
export function loadTable(result: MixedTrafficResult): string[] {
  const seconds = (result.phases.drain - result.phases.measured) / 1000;
  const measured = measuredOperations(result);
  const lines = [
    '| operation | operations | ops/s | HTTP requests | accepted | refused (expected) | failed | retried attempts | p50 ms | p99 ms | max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const row = (label: string, records: OperationRecord[]) => {
    const latencies = Float64Array.from(records.filter((record) => record.result === 'accepted').map((record) => record.latencyMs!)).sort();
    const count = (result: OperationRecord['result']) => records.filter((record) => record.result === result).length;
    const attempts = records.reduce((sum, record) => sum + record.attempts, 0);
    const retries = attempts - records.length;
    lines.push(
      `| ${label} | ${records.length.toLocaleString('en-US')} | ${(records.length / seconds).toFixed(1)} | ${attempts.toLocaleString('en-US')} | ` +
        `${count('accepted').toLocaleString('en-US')} | ${count('refused')} | ${count('failed')} | ${retries} | ` +
        `${ms(percentile(latencies, 0.5))} | ${ms(percentile(latencies, 0.99))} | ${ms(latencies.at(-1) ?? Number.NaN)} |`,
    );
  };
  for (const kind of operationKinds)
    row(
      kind,
      measured.filter((record) => record.kind === kind),
    );
  row('**all**', measured);
  return lines;
}

/** Errors: answers that were neither a 2xx nor an expected refusal, by reason, most frequent first. */
export function errorLines(result: MixedTrafficResult): string[] {
  const reasons = new Map<string, number>();
  const count = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  for (const attempt of result.retried) count(`retried: ${attempt.reason.replaceAll('\n', ' ')}`);
  for (const record of result.ledger)
    if (record.result === 'failed') count(`failed ${record.kind}: ${record.problem?.replaceAll('\n', ' ')}`);
  const total = [...reasons.values()].reduce((sum, value) => sum + value, 0);
  const lines = [
    `Errors (all phases): ${total} — ${result.retried.length} attempts retried, ${result.ledger.filter((record) => record.result === 'failed').length} operations failed.`,
  ];
  for (const [reason, times] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12)) lines.push(`- ${times}× ${reason}`);
  return lines;
}

/** "N operations in setup, … in the drain": what was sent besides the measured window. */
export function phaseLine(result: MixedTrafficResult): string {
  const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
  const count = (phase: OperationRecord['phase']) =>
    result.ledger.filter((record) => record.phase === phase).length.toLocaleString('en-US');
  return (
    `Phases: setup ${count('setup')} operations in ${seconds(result.phases.setup, result.phases.warmup)} s, warm-up ${count('warmup')} in ` +
    `${seconds(result.phases.warmup, result.phases.measured)} s, measured ${count('measured')} in ${seconds(result.phases.measured, result.phases.drain)} s, ` +
    `drain (follow-ups sent at once) ${count('drain')} in ${seconds(result.phases.drain, result.phases.end)} s; ledger ${result.ledger.length.toLocaleString('en-US')} operations.`
  );
}

/** The figures of a run: the table, the phases and the errors. */
export function loadLines(result: MixedTrafficResult): string[] {
  return [...loadTable(result), '', phaseLine(result), '', ...errorLines(result)];
}

/** Writes the ledger as JSON when BENCH_LEDGER_FILE names a file. */
export function writeLedgerIfAsked(result: MixedTrafficResult): void {
  const file = process.env.BENCH_LEDGER_FILE;
  if (!file) return;
  writeFileSync(file, JSON.stringify(result, null, 1));
  console.error(`ledger written to ${file}`);
}
