/**
 * The whole check after a load run, as both load benches run it: wait for the outbox to Temporal to
 * drain (nothing dead), then for the workflows and the ledger checks (bench/load/verify-ledger.ts),
 * then the returns-window effects (bench/load/workflow-intent-checks.ts); one report and one total.
 */
import type { Verification, VerifyContext } from './verify-ledger';
import { settleAndVerify } from './verify-ledger';
import { checkReturnsWindows, waitForOutboxDrain } from './workflow-intent-checks';
import { verificationTotals } from './bench-summary';

/** Waits up to `settleSeconds` in all for the outbox and the workflows, then checks everything. */
export async function verifyAfterLoad(
  context: VerifyContext,
  settleSeconds: number,
): Promise<{ ok: boolean; lines: string[]; totals: Verification['totals'] }> {
  const started = Date.now();
  console.error(`load done; waiting up to ${settleSeconds} s for the outbox to Temporal to drain…`);
  const outbox = await waitForOutboxDrain(context.db, settleSeconds * 1000);
  const left = Math.max(1, Math.round(settleSeconds - (Date.now() - started) / 1000));
  const settled = await settleAndVerify(context, left);
  const windows = await checkReturnsWindows(context.db, context.temporal, context.returnsWindow);

  const ledgerTotals = verificationTotals(settled.lines);
  const totals = {
    lost: ledgerTotals.lost + outbox.lost + windows.lost,
    duplicated: ledgerTotals.duplicated,
    unexpected: ledgerTotals.unexpected,
    unfinished: ledgerTotals.unfinished + outbox.unfinished + windows.unfinished,
  };
  // settleAndVerify's lines: the workflows line, a blank, "Verification:", the indented checks, their totals last.
  const heading = settled.lines.indexOf('Verification:');
  const checks = settled.lines.slice(heading + 1, -1);
  return {
    ok: settled.ok && outbox.ok && windows.ok,
    totals,
    lines: [
      ...settled.lines.slice(0, heading + 1),
      ...[...outbox.lines, ...checks.map((line) => line.trimStart()), ...windows.lines].map((line) => `    ${line}`),
      `    lost: ${totals.lost}, duplicated: ${totals.duplicated}, unexpected: ${totals.unexpected}, unfinished workflows: ${totals.unfinished}`,
    ],
  };
}
