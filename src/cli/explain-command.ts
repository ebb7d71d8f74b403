import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { factProblems } from '../rules/check-facts';
import { explain, type ConditionTrace, type DecisionRecord } from '../rules/explain';
import { formatProblem } from '../rules/rule-problems';
import { parseYamlWithPositions } from '../rules/yaml-source';
import { loadForCli } from './load-for-cli';

const help = `rulebook explain --facts FILE [--at TIME] [--dir DIR] [--json]

Evaluates the rules for one customer's facts (a YAML or JSON file: attribute and fact ids to
values, optionally "profiles: { setId: profileId }" and raw "returns"/"orders" event lists) at
TIME (ISO 8601, default now) and prints the decision record: each profile set's choice and why,
each group, the dunning scenario, and every condition with the value it saw. --json prints the
record as JSON.`;

/** `rulebook explain --facts FILE [--at TIME]`. */
export async function explainCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      facts: { type: 'string' },
      at: { type: 'string' },
      dir: { type: 'string', default: 'rules' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (!values.facts) {
    console.error('rulebook explain: --facts FILE is required\n');
    console.error(help);
    return 2;
  }
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime())) {
    console.error(`rulebook explain: --at "${values.at}" is not a time; write e.g. 2026-12-31T10:00:00+05:30`);
    return 2;
  }
  const parsed = parseYamlWithPositions(readFileSync(values.facts, 'utf8'));
  for (const problem of parsed.problems) console.error(formatProblem({ file: values.facts, pointer: '', ...problem }));
  if (parsed.problems.length > 0) return 2;
  const facts = parsed.data;
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) {
    console.error(`rulebook explain: ${values.facts} must hold a map of fact ids to values`);
    return 2;
  }
  const ruleSet = loadForCli(values.dir);
  if (!ruleSet) return 1;
  // A misspelt fact would be explained as a missing one: the facts are checked as a rule test's are.
  const sets = new Map(ruleSet.profileSets.map((set) => [set.id, set.profiles.map((profile) => profile.id)]));
  const problems = factProblems(facts as Record<string, unknown>, '', ruleSet.attributes, { sets });
  for (const { at: where, ...problem } of problems) {
    console.error(formatProblem({ file: values.facts, ...problem, ...parsed.position(problem.pointer, where) }));
  }
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${values.facts}: fix the facts, then explain again`);
    return 1;
  }
  const { record } = await explain(ruleSet, facts as Record<string, unknown>, at);
  console.log(values.json ? JSON.stringify(record, null, 2) : renderRecord(record));
  return 0;
}

/** A decision record for people: one block per profile set, group and the scenario. */
export function renderRecord(record: DecisionRecord): string {
  const lines = [
    `Rule set ${record.ruleSetVersion}, evaluated at ${record.evaluatedAt} (today is ${record.today} in ${record.timeZone})`,
    '',
  ];
  for (const set of record.profiles) {
    lines.push(`Profile set ${set.setId} (${set.assignment}): ${set.profileId ?? 'none'} — ${set.reason}`);
    for (const candidate of set.candidates.filter((profile) => profile.conditions)) {
      const state = candidate.active ? `priority ${candidate.priority}, ${verdict(candidate.matched)}` : 'inactive, not evaluated';
      lines.push(`  ${candidate.profileId} (${state})`);
      lines.push(...renderTrace(candidate.conditions!, '    '));
    }
  }
  lines.push('');
  for (const group of record.groups) {
    lines.push(`Group ${group.groupId}: ${group.kind === 'static' ? 'static (members imported, not evaluated)' : verdict(group.matched)}`);
    if (group.conditions) lines.push(...renderTrace(group.conditions, '    '));
  }
  lines.push('', `Dunning scenario: ${record.scenario.scenarioId ?? 'none'} — ${record.scenario.reason}`);
  return lines.join('\n');
}

function verdict(result: boolean | 'not-evaluated'): string {
  return result === 'not-evaluated' ? 'not evaluated' : result ? 'matches' : 'does not match';
}

function mark(result: boolean | 'not-evaluated'): string {
  return result === 'not-evaluated' ? '·' : result ? '✓' : '✗';
}

export function renderTrace(trace: ConditionTrace, indent: string): string[] {
  if ('all' in trace) return [`${indent}${mark(trace.result)} all of:`, ...trace.all.flatMap((child) => renderTrace(child, `${indent}  `))];
  if ('any' in trace) return [`${indent}${mark(trace.result)} any of:`, ...trace.any.flatMap((child) => renderTrace(child, `${indent}  `))];
  if ('not' in trace) return [`${indent}${mark(trace.result)} not:`, ...renderTrace(trace.not, `${indent}  `)];
  const value = trace.value === undefined ? '' : ` ${JSON.stringify(trace.value)}`;
  const recurring = trace.recurring ? ' (recurring)' : '';
  const seen = trace.factValue === undefined ? 'missing' : JSON.stringify(trace.factValue);
  return [`${indent}${mark(trace.result)} ${trace.fact} ${trace.operator}${value}${recurring} — saw ${seen}`];
}
