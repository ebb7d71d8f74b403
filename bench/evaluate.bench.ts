/**
 * Rule evaluation, two parts in one run.
 *
 * 1. Evaluations per second of the shipped rules on 100,000 synthetic customers: the fast path
 *    (`evaluate`, compiled closures), the same conditions hand-written as plain JavaScript (the
 *    in-process limit), and the explained path (`explain`, json-rules-engine with a decision
 *    record). Target: `evaluate` within 5× the plain functions.
 * 2. Decision records at 200 conditional groups (the shipped rules plus 197 generated groups):
 *    the record of the tracing closures (`traceDecision`) — of the whole rule set, and of what a
 *    return concerns, as the event path makes it — next to the compiled `evaluate` of the same
 *    rules, a `new Function`-generated evaluator (the JavaScript limit) and json-rules-engine,
 *    interleaved in rounds, medians. Target: a record within 20× the compiled `evaluate`.
 *
 * Run: npx tsx bench/evaluate.bench.ts (BENCH_RECORD_CUSTOMERS, BENCH_RECORD_ROUNDS size part 2)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/config/project-root';
import { dateInTimeZone, dayNumber, fromDayNumber, startOfWeek } from '../src/rules/calendar';
import { evaluate, evaluationTime, type Decision } from '../src/rules/evaluate';
import { explain } from '../src/rules/explain';
import { loadRuleSet } from '../src/rules/load-rules';
import { withActiveProfiles } from '../src/rules/run-rule-tests';
import { traceDecision } from '../src/rules/trace-decision';
import { triggerScope } from '../src/rules/trigger-scope';
import { activateReturnerProfiles, commitLine, copyRules, machineLine, readCount, seededRandom } from './bench-support';
import { generateEvaluator } from './generated-evaluator';

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
console.log(machineLine());
console.log(commitLine());
console.log('');
console.log('## Part 1: the shipped rules');
console.log('');
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

// ---------------------------------------------------------------------------------------------
// Part 2: decision records at 200 conditional groups.

const recordCustomers = readCount('BENCH_RECORD_CUSTOMERS', 2_000);
const recordRounds = readCount('BENCH_RECORD_ROUNDS', 9);
const explainedPerRound = Math.min(recordCustomers, 100);
const generatedGroups = 197;

/** Group `index` of the generated ones: seven shapes over the catalogue's attributes and derived facts, thresholds varying. */
function generatedGroup(index: number): string {
  const n = Math.floor(index / 7);
  const city = cities[n % cities.length];
  const shapes = [
    `{ all: [{ fact: total_spent, operator: greaterThan, value: ${2000 + 300 * n} }, { fact: city, operator: equals, value: ${city} }] }`,
    `{ all: [{ fact: premium_member, operator: isTrue }, { fact: loyalty_tier, operator: in, value: [gold, platinum] }] }`,
    `{ fact: birthdate, operator: withinNextDays, value: ${1 + n}, recurring: true }`,
    `{ any: [{ fact: returns_in_window, operator: greaterThanInclusive, value: ${1 + n} }, { fact: returned_percentage, operator: greaterThan, value: ${50 + n} }] }`,
    `{ all: [{ not: { fact: city, operator: in, value: [${city}, Pune] } }, { fact: transaction_count, operator: greaterThanInclusive, value: ${n} }] }`,
    `{ fact: last_transaction_date, operator: withinLastDays, value: ${10 + 5 * n} }`,
    `{ all: [{ fact: outstanding_amount, operator: greaterThan, value: ${100 * n} }, { fact: cod_available_limit, operator: lessThan, value: ${20_000 + 1000 * n} }] }`,
  ];
  return `  - { id: generated-${index}, name: Generated ${index}, description: Generated for the benchmark., kind: conditional, when: ${shapes[index % shapes.length]} }`;
}

const rulesDir = mkdtempSync(path.join(os.tmpdir(), 'rulebook-bench-rules-'));
let bigRules: ReturnType<typeof loadRuleSet>;
try {
  copyRules(rulesDir, [activateReturnerProfiles]);
  writeFileSync(
    path.join(rulesDir, 'groups', 'generated.yaml'),
    `groups:\n${Array.from({ length: generatedGroups }, (_, index) => generatedGroup(index)).join('\n')}\n`,
  );
  bigRules = loadRuleSet(rulesDir);
} finally {
  rmSync(rulesDir, { recursive: true, force: true });
}
const conditionalGroups = bigRules.groups.filter((group) => group.condition).length;
const returnScope = triggerScope(bigRules, 'return-created');

const nextFact = seededRandom(7);
const tiers = ['bronze', 'silver', 'gold', 'platinum'];
const pick = <T>(items: readonly T[]) => items[Math.floor(nextFact() * items.length)]!;
const isoDay = (year: number) =>
  `${year}-${String(1 + Math.floor(nextFact() * 12)).padStart(2, '0')}-${String(1 + Math.floor(nextFact() * 28)).padStart(2, '0')}`;
const recordPopulation = Array.from({ length: recordCustomers }, () => ({
  returns_in_window: Math.floor(nextFact() * 30),
  returned_percentage: nextFact() * 100,
  total_spent: Math.floor(nextFact() * 20_000),
  transaction_count: Math.floor(nextFact() * 40),
  last_transaction_date: isoDay(2026),
  outstanding_amount: Math.floor(nextFact() * 5_000),
  cod_available_limit: Math.floor(nextFact() * 50_000),
  city: pick(cities),
  premium_member: nextFact() < 0.2,
  loyalty_tier: pick(tiers),
  birthdate: isoDay(1950 + Math.floor(nextFact() * 50)),
  profiles: { 'account-type': pick(accountTypes) },
}));

// Every path must decide alike before it is timed.
const generated = generateEvaluator(bigRules);
const checkAt = evaluationTime(bigRules, now);
for (const customer of recordPopulation) {
  const compiled = JSON.stringify(evaluate(bigRules, customer, checkAt));
  if (JSON.stringify(generated(customer, checkAt)) !== compiled) throw new Error('the generated evaluator and evaluate disagree');
  if (JSON.stringify(traceDecision(bigRules, customer, checkAt).decision) !== compiled)
    throw new Error('traceDecision and evaluate disagree');
}
for (const customer of recordPopulation.slice(0, 50)) {
  const reference = JSON.stringify(await explain(bigRules, customer, checkAt));
  if (JSON.stringify(traceDecision(bigRules, customer, checkAt)) !== reference) throw new Error('traceDecision and explain disagree');
}

interface TimedPath {
  name: string;
  customers: number;
  /** Runs the path over the first `customers` customers; µs per customer. */
  run(): Promise<number> | number;
  perCustomer: number[];
}

/** Times `work` over the first `count` customers of the population, in µs per customer. */
function timeEach(count: number, work: (customer: (typeof recordPopulation)[number]) => void): number {
  const started = process.hrtime.bigint();
  for (let index = 0; index < count; index++) work(recordPopulation[index]!);
  return Number(process.hrtime.bigint() - started) / 1e3 / count;
}

let recordSink = 0;
const paths: TimedPath[] = [
  {
    name: '`new Function`-generated evaluator, no record (JavaScript limit)',
    customers: recordCustomers,
    run() {
      const at = evaluationTime(bigRules, now);
      return timeEach(recordCustomers, (customer) => (recordSink += generated(customer, at).groups.length));
    },
    perCustomer: [],
  },
  {
    name: '`evaluate` (compiled closures, no record)',
    customers: recordCustomers,
    run() {
      const at = evaluationTime(bigRules, now);
      return timeEach(recordCustomers, (customer) => (recordSink += evaluate(bigRules, customer, at).groups.length));
    },
    perCustomer: [],
  },
  {
    name: '`traceDecision`: record of every set and group',
    customers: recordCustomers,
    run() {
      const at = evaluationTime(bigRules, now);
      return timeEach(recordCustomers, (customer) => (recordSink += traceDecision(bigRules, customer, at).record.groups.length));
    },
    perCustomer: [],
  },
  {
    name: '`traceDecision`: record of every set and group, + `JSON.stringify` (what is stored)',
    customers: recordCustomers,
    run() {
      const at = evaluationTime(bigRules, now);
      return timeEach(recordCustomers, (customer) => (recordSink += JSON.stringify(traceDecision(bigRules, customer, at).record).length));
    },
    perCustomer: [],
  },
  {
    name: `\`traceDecision\`: a return's record (${returnScope.profileSets.length} set, ${returnScope.groups.length} groups), + \`JSON.stringify\``,
    customers: recordCustomers,
    run() {
      const at = evaluationTime(bigRules, now);
      return timeEach(
        recordCustomers,
        (customer) => (recordSink += JSON.stringify(traceDecision(bigRules, customer, at, returnScope).record).length),
      );
    },
    perCustomer: [],
  },
  {
    name: "a return's record as `recalculateProfiles` makes it (evaluation time worked out per event), + `JSON.stringify`",
    customers: recordCustomers,
    run: () =>
      timeEach(
        recordCustomers,
        (customer) => (recordSink += JSON.stringify(traceDecision(bigRules, customer, now, returnScope).record).length),
      ),
    perCustomer: [],
  },
  {
    name: `\`explain\` (json-rules-engine, record of every set and group; ${explainedPerRound} customers a round)`,
    customers: explainedPerRound,
    async run() {
      const at = evaluationTime(bigRules, now);
      const started = process.hrtime.bigint();
      for (const customer of recordPopulation.slice(0, explainedPerRound))
        recordSink += (await explain(bigRules, customer, at)).record.groups.length;
      return Number(process.hrtime.bigint() - started) / 1e3 / explainedPerRound;
    },
    perCustomer: [],
  },
];

// One warm-up round, then rounds in which every path runs once, each round starting one path further on.
for (const timed of paths) await timed.run();
for (let round = 0; round < recordRounds; round++) {
  for (let offset = 0; offset < paths.length; offset++) {
    const timed = paths[(round + offset) % paths.length]!;
    timed.perCustomer.push(await timed.run());
  }
}

const medianOf = (timed: TimedPath) => median(timed.perCustomer);
const generatedMedian = medianOf(paths[0]!);
const evaluateMedian = medianOf(paths[1]!);
const fullRecord = medianOf(paths[2]!);
const micro = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const ratio = (value: number) => `${(value / evaluateMedian).toFixed(1)}×`;
console.log('');
console.log('## Part 2: decision records at 200 conditional groups');
console.log('');
console.log(
  `The shipped rules (returner profiles active) plus ${generatedGroups} generated groups: ${conditionalGroups} conditional groups, ` +
    `${bigRules.profileSets.length} profile sets; ${recordCustomers.toLocaleString('en-US')} synthetic customers; ` +
    `median of ${recordRounds} interleaved rounds after a warm-up round (checksum ${recordSink % 1000}). ` +
    `A return concerns ${returnScope.profileSets.length} set and the ${returnScope.groups.length} groups reading returns.`,
);
console.log('');
console.log('| path | µs per customer (median) | vs compiled `evaluate` | vs generated evaluator | rounds (min – max µs) |');
console.log('| --- | --- | --- | --- | --- |');
for (const timed of paths) {
  const value = medianOf(timed);
  const sorted = [...timed.perCustomer].sort((a, b) => a - b);
  console.log(
    `| ${timed.name} | ${micro(value)} | ${ratio(value)} | ${(value / generatedMedian).toFixed(1)}× | ${micro(sorted[0]!)} – ${micro(sorted.at(-1)!)} |`,
  );
}
console.log('');
console.log(
  `Target: a decision record at 200 groups within 20× the compiled \`evaluate\` — the whole record ${ratio(fullRecord)}: ` +
    `${fullRecord / evaluateMedian <= 20 ? 'met' : 'NOT met'}.`,
);
