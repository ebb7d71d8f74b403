import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runRuleTests, selectTests, type RuleTestResult } from '../rules/run-rule-tests';
import { renderTrace } from './explain-command';
import { loadForCli } from './load-for-cli';

const help = `rulebook test [dir] [--filter TEXT|/REGEX/] [--reporter text|junit|json] [--output FILE]

Runs the rule test cases in dir/tests/*.yaml (default ./rules): each case gives facts and a time
and expects profiles, groups and a dunning scenario. Ends with "N passed, N failed"; exits 1 when
a case fails, no case runs, or the rules are invalid. A failing case shows what differed and the
conditions that decided it, as rulebook explain traces them (✓ held, ✗ did not, with the value seen).

--filter TEXT    run the cases whose name (or file:line) contains TEXT, in any case; /REGEX/flags
                 for a regular expression, e.g. --filter '/^a birthday/'
--reporter R     text (default), junit (JUnit XML for CI) or json
--output FILE    write the junit or json report to FILE and the text report to the terminal`;

type Reporter = 'text' | 'junit' | 'json';

/** `rulebook test [dir] [--filter …] [--reporter …] [--output FILE]`. */
export async function testCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      filter: { type: 'string' },
      reporter: { type: 'string', default: 'text' },
      output: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const reporter = values.reporter as Reporter;
  if (!['text', 'junit', 'json'].includes(reporter)) {
    console.error(`rulebook test: --reporter takes text, junit or json, not "${values.reporter}"`);
    return 2;
  }
  const filter = values.filter === undefined ? undefined : parseFilter(values.filter);
  if (filter instanceof Error) {
    console.error(`rulebook test: --filter ${values.filter} is not a regular expression (${filter.message})`);
    return 2;
  }
  const dir = positionals[0] ?? 'rules';
  const loaded = loadForCli(dir);
  if (!loaded) return 1;
  const ruleSet = selectTests(loaded, filter);
  if (ruleSet.tests.length === 0) {
    console.error(
      filter === undefined
        ? `rulebook test: ${dir}/tests holds no test case`
        : `rulebook test: no case of the ${loaded.tests.length} in ${dir}/tests matches --filter ${values.filter}`,
    );
    return 1;
  }
  const results = await runRuleTests(ruleSet);
  const text = textReport(results, loaded.tests.length);
  const printText = () => text.forEach((line) => console.log(line));
  if (reporter === 'text') printText();
  else {
    const report =
      reporter === 'junit' ? junitReport(results, ruleSet.version) : JSON.stringify(jsonReport(results, ruleSet.version), null, 2);
    if (values.output !== undefined) {
      writeFileSync(values.output, `${report}\n`);
      printText();
    } else console.log(report);
  }
  const failed = results.filter((result) => !result.passed).length;
  return failed === 0 ? 0 : 1;
}

/** `/x/i` as a regular expression, anything else as the text to find. */
function parseFilter(filter: string): string | RegExp | Error {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(filter);
  if (!regex) return filter;
  try {
    return new RegExp(regex[1]!, regex[2]);
  } catch (error) {
    return error as Error;
  }
}

/** What differed and why, indented under the case. */
function failureLines(result: RuleTestResult, indent: string): string[] {
  return result.failures.flatMap((failure, index) => {
    const why = result.explanations[index];
    const lines = [`${indent}${failure}`];
    if (!why) return lines;
    lines.push(`${indent}  why: ${why.title}${why.reason ? ` — ${why.reason}` : ''}`);
    for (const { title, trace } of why.traces) {
      if (title) lines.push(`${indent}    ${title}`);
      if (trace) lines.push(...renderTrace(trace, `${indent}${title ? '      ' : '    '}`));
    }
    return lines;
  });
}

/** The text report, one console line each (the summary last, after an empty line). */
function textReport(results: RuleTestResult[], total: number): string[] {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.passed ? '✓' : '✗'} ${result.testCase.file}:${result.testCase.line} ${result.testCase.name}`);
    lines.push(...failureLines(result, '    '));
  }
  const failed = results.filter((result) => !result.passed).length;
  const skipped = total - results.length;
  lines.push(`\n${results.length - failed} passed, ${failed} failed${skipped > 0 ? ` (${skipped} not selected by --filter)` : ''}`);
  return lines;
}

function jsonReport(results: RuleTestResult[], version: string) {
  return {
    ruleSetVersion: version,
    passed: results.filter((result) => result.passed).length,
    failed: results.filter((result) => !result.passed).length,
    cases: results.map((result) => ({
      name: result.testCase.name,
      file: result.testCase.file,
      line: result.testCase.line,
      passed: result.passed,
      failures: result.failures.map((failure, index) => ({ failure, why: result.explanations[index] })),
      decision: result.decision,
    })),
  };
}

/** JUnit XML, as CI systems read it: one testsuite per test file, one testcase per case. */
function junitReport(results: RuleTestResult[], version: string): string {
  const byFile = new Map<string, RuleTestResult[]>();
  for (const result of results) byFile.set(result.testCase.file, [...(byFile.get(result.testCase.file) ?? []), result]);
  const failed = results.filter((result) => !result.passed).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rulebook test" tests="${results.length}" failures="${failed}" errors="0">`,
  ];
  for (const [file, cases] of byFile) {
    const fileFailed = cases.filter((result) => !result.passed).length;
    lines.push(`  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${fileFailed}" errors="0" skipped="0">`);
    lines.push(`    <properties><property name="ruleSetVersion" value="${xml(version)}"/></properties>`);
    for (const result of cases) {
      const open = `    <testcase classname="${xml(file)}" name="${xml(result.testCase.name)}" file="${xml(file)}" line="${result.testCase.line}"`;
      if (result.passed) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      lines.push(
        `      <failure message="${xml(result.failures.join('; '))}" type="expectation">${xml(failureLines(result, '').join('\n'))}</failure>`,
      );
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n');
}

function xml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F]/g, '');
}
