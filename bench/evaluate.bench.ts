/**
 * Evaluations per second of the shipped rules on 100,000 synthetic customers: the fast path
 * (`evaluate`, compiled closures), the same conditions hand-written as plain JavaScript (the
 * in-process limit), and the explained path (`explain`, json-rules-engine with a decision record).
 * Target: `evaluate` within 5× the plain functions. Run: npx tsx bench/evaluate.bench.ts
 */
import path from 'node:path';
import { projectRoot } from '../src/config/project-root';
import { dateInTimeZone, dayNumber, fromDayNumber, startOfWeek } from '../src/rules/calendar';
import { evaluate, evaluationTime, type Decision } from '../src/rules/evaluate';
import { explain } from '../src/rules/explain';
import { loadRuleSet } from '../src/rules/load-rules';
import { withActiveProfiles } from '../src/rules/run-rule-tests';

const customers = 100_000;
const runs = 5;
const explainedSample = 5_000;
const now = new Date('2026-12-31T10:00:00+05:30');

// The returner profiles ship inactive; activate them so that the profile set does real work.
const ruleSet = withActiveProfiles(loadRuleSet(path.join(projectRoot, 'rules')), ['return-behaviour/*']);

/** Deterministic pseudo-random numbers, so every run sees the same customers. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const next = random(42);
const cities = ['Mumbai', 'Pune', 'Delhi', 'Chennai', 'Kolkata'];
const accountTypes = ['key-account', 'export', 'standard', 'to-assign'];
const population = Array.from({ length: customers }, () => ({
  returns_in_window: Math.floor(next() * 30),
  returned_percentage: next() * 100,
  total_spent: Math.floor(next() * 20_000),
  city: cities[Math.floor(next() * cities.length)]!,
  premium_member: next() < 0.2,
  birthdate: `19${50 + Math.floor(next() * 50)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
  profiles: { 'account-type': accountTypes[Math.floor(next() * accountTypes.length)]! },
}));

type Customer = (typeof population)[number];

/** The shipped rules written by hand, as a programmer would: the in-process limit. */
function plainEvaluate(customer: Customer, weekMonthDays: Set<number>): Decision {
  const returns = customer.returns_in_window;
  const returner =
    returns >= 20
      ? 'serial-returner'
      : returns >= 10
        ? 'regular-returner'
        : returns >= 5
          ? 'normal-returner'
          : returns >= 1
            ? 'first-time-returner'
            : null;
  const groups: string[] = [];
  const month = Number(customer.birthdate.slice(5, 7));
  const day = Number(customer.birthdate.slice(8, 10));
  if (weekMonthDays.has(month * 100 + day)) groups.push('birthday-this-week');
  if (customer.total_spent > 5000 && customer.city.toLowerCase() === 'mumbai') groups.push('high-value-mumbai');
  if (customer.premium_member === true) groups.push('premium-users');
  const accountType = customer.profiles['account-type'];
  const scenario = accountType === 'to-assign' ? null : accountType;
  return { profiles: { 'account-type': accountType, 'return-behaviour': returner }, groups, scenario };
}

/** Month-days of this week (computed once per run, as a hand-written batch job would). */
function weekMonthDays(): Set<number> {
  const first = startOfWeek(dayNumber(dateInTimeZone(now, ruleSet.settings.timeZone)), ruleSet.settings.firstDayOfWeek);
  const set = new Set<number>();
  for (let offset = 0; offset < 7; offset++) {
    const date = fromDayNumber(first + offset);
    set.add(date.month * 100 + date.day);
  }
  return set;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeRuns(work: () => void): number {
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rates.push(customers / seconds);
  }
  return median(rates);
}

// Both paths must agree before we time them.
const week = weekMonthDays();
for (const customer of population.slice(0, 10_000)) {
  const fast = JSON.stringify(evaluate(ruleSet, customer, now));
  const plain = JSON.stringify(plainEvaluate(customer, week));
  if (fast !== plain) throw new Error(`evaluate and the plain functions disagree: ${fast} vs ${plain}`);
}

let sink = 0;
const plainRate = timeRuns(() => {
  const days = weekMonthDays();
  for (const customer of population) sink += plainEvaluate(customer, days).groups.length;
});
const fastRate = timeRuns(() => {
  // Once per run, as the plain functions work out the week's days once per run.
  const at = evaluationTime(ruleSet, now);
  for (const customer of population) sink += evaluate(ruleSet, customer, at).groups.length;
});

const explainedRates: number[] = [];
for (let run = 0; run < runs; run++) {
  const started = process.hrtime.bigint();
  for (const customer of population.slice(0, explainedSample)) sink += (await explain(ruleSet, customer, now)).decision.groups.length;
  explainedRates.push(explainedSample / (Number(process.hrtime.bigint() - started) / 1e9));
}
const explainedRate = median(explainedRates);

const format = (rate: number) => Math.round(rate).toLocaleString('en-US');
const rules =
  ruleSet.profileSets.reduce((sum, set) => sum + set.candidates.length, 0) + ruleSet.groups.filter((group) => group.predicate).length;
console.log(
  `Node ${process.version}, ${customers.toLocaleString('en-US')} customers, ${rules} rules (4 active returner profiles, 3 conditional groups) + 1 manual set and 3 scenarios, median of ${runs} runs (checksum ${sink % 1000})`,
);
console.log('');
console.log('| path | evaluations / s | µs each | vs plain functions |');
console.log('| --- | --- | --- | --- |');
console.log(`| plain JavaScript functions (in-process limit) | ${format(plainRate)} | ${(1e6 / plainRate).toFixed(2)} | 1× |`);
console.log(
  `| \`evaluate\` (compiled closures, no record) | ${format(fastRate)} | ${(1e6 / fastRate).toFixed(2)} | ${(plainRate / fastRate).toFixed(1)}× slower |`,
);
console.log(
  `| \`explain\` (json-rules-engine + decision record, ${explainedSample.toLocaleString('en-US')} customers) | ${format(explainedRate)} | ${(1e6 / explainedRate).toFixed(1)} | ${(plainRate / explainedRate).toFixed(0)}× slower |`,
);
console.log('');
console.log(`Target: evaluate within 5× the plain functions — ${plainRate / fastRate <= 5 ? 'met' : 'NOT met'}.`);
