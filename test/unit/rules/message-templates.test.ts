/**
 * Message templates (rules/templates/*.yaml): the shipped ones cover every step and render the
 * invoice's figures politely; a mistake in one — a misspelt variable or filter, a syntax error, a
 * step naming a template that is not there — is a `rulebook validate` problem at its line and column,
 * with a suggestion where one is close; rendering falls back to a generic text, logged without
 * personal data, when the rules in use no longer have the template.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import { projectRoot } from '../../../src/config/project-root';
import { textsFromRules, templateValuesOf, type MessageToRender } from '../../../src/notifications/message-texts';
import { loadRuleSet } from '../../../src/rules/load-rules';
import { partForAction } from '../../../src/rules/message-templates';
import type { MessageValues } from '../../../src/store/message-values-store';
import { captureConsole } from '../../support/console-output';
import { problemsOf, ruleDirWith, shippedRules } from '../../support/rule-dirs';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  vi.restoreAllMocks();
});

function withFiles(files: Record<string, string | null>): string {
  const { dir, remove } = ruleDirWith(files);
  cleanups.push(remove);
  return dir;
}

const shippedText = (relative: string) => readFileSync(path.join(shippedRules, relative), 'utf8');

/** Line and column (1-based) of the first `needle` in `text`. */
function placeOf(text: string, needle: string): { line: number; column: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((candidate) => candidate.includes(needle));
  if (line === -1) throw new Error(`${needle} is not in the text`);
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

/** Customer C-1 (Meera Iyer) owes ₹1,50,000 of ₹2,00,000 on invoice INV-9, due on 1 March 2027. */
const values: MessageValues = {
  customer: { id: 'C-1', name: 'Meera Iyer' },
  invoice: {
    id: 'INV-9',
    amount: 200_000,
    outstanding: 150_000,
    currency: 'INR',
    dueDate: '2027-03-01',
    issuedAt: new Date('2027-01-31T20:00:00Z'),
  },
};
const firstReminder: MessageToRender = { id: 'INV-9:first-reminder', channel: 'email', template: 'first-reminder', invoiceId: 'INV-9' };
// 20:00 UTC on 3 March is already 4 March in Asia/Kolkata: three days after the due date there.
const sentAt = new Date('2027-03-03T20:00:00Z');

describe('the shipped message templates', () => {
  const ruleSet = loadRuleSet(shippedRules);

  it('define the template of every step of every shipped scenario, with the part its action needs', () => {
    const steps = ruleSet.scenarios.flatMap((scenario) => scenario.steps);
    expect(steps.length).toBeGreaterThan(10);
    for (const step of steps) {
      expect(ruleSet.templates.get(step.template)?.parts.has(partForAction(step.action)), `${step.template} for ${step.action}`).toBe(true);
    }
    expect([...ruleSet.templates.keys()]).toEqual(
      expect.arrayContaining(['reminder-before-due', 'first-reminder', 'overdue-sms', 'overdue-call', 'formal-notice']),
    );
  });

  it('render every part with the values of the message, leaving no blank and no placeholder', () => {
    const variables = templateValuesOf(firstReminder, values, ruleSet.settings, sentAt);
    for (const template of ruleSet.templates.values()) {
      for (const part of template.parts) {
        for (const [field, text] of Object.entries(template.render(part, variables))) {
          expect(text, `${template.id} ${part}.${field}`).not.toMatch(/\{\{|\{%|undefined|null|NaN|\s{2},|\( \)/);
          expect(text.trim().length).toBeGreaterThan(10);
        }
      }
    }
  });

  it('write the first reminder with the name, the amounts in rupees, the due date and the company', () => {
    const { subject, text } = textsFromRules(() => ruleSet)(firstReminder, values, sentAt);
    expect(subject).toBe('Reminder: invoice INV-9 was due on 1 March 2027');
    expect(text).toMatch(/^Dear Meera Iyer,\n\n/);
    expect(text).toContain('The amount still open is ₹1,50,000.00 (invoice total\n₹2,00,000.00).');
    expect(text).toContain('accounts@example.com or +91 22 4000 1234');
    expect(text).toMatch(/Kind regards,\nThe accounts team of Example Retail Pvt\. Ltd\.\n$/);
  });

  it('greet a customer without a name politely, and write an SMS on one text', () => {
    const anonymous = { ...values, customer: { id: 'C-1', name: null } };
    expect(textsFromRules(() => ruleSet)(firstReminder, anonymous, sentAt).text).toMatch(/^Dear customer,\n/);
    const sms = textsFromRules(() => ruleSet)(
      { ...firstReminder, id: 'INV-9:sms-reminder', channel: 'sms', template: 'overdue-sms' },
      values,
      sentAt,
    );
    expect(sms).toEqual({
      subject: '',
      text:
        'Example Retail Pvt. Ltd.: invoice INV-9 (₹1,50,000.00) was due on 1 March 2027. Please pay at your convenience; ' +
        'ignore this if already paid. Questions: accounts@example.com or +91 22 4000 1234',
    });
  });
});

describe('template values', () => {
  const settings = { timeZone: 'Asia/Kolkata', defaultPhoneRegion: 'IN', company: { name: 'Shop' } };

  it('format amounts in the invoice currency and dates in the settings time zone', () => {
    const variables = templateValuesOf(firstReminder, values, settings, sentAt);
    expect(variables).toEqual({
      customer: { id: 'C-1', name: 'Meera Iyer' },
      invoice: {
        id: 'INV-9',
        amount: '₹2,00,000.00',
        outstanding: '₹1,50,000.00',
        currency: 'INR',
        dueDate: '1 March 2027',
        // Issued at 20:00 UTC on 31 January: 1 February in India.
        issueDate: '1 February 2027',
        daysOverdue: 3,
        daysUntilDue: 0,
      },
      company: { name: 'Shop', contact: null },
      step: { id: 'first-reminder' },
      today: '4 March 2027',
    });
    const early = templateValuesOf(firstReminder, values, settings, new Date('2027-02-26T06:00:00Z'));
    expect(early.invoice).toMatchObject({ daysOverdue: 0, daysUntilDue: 3 });
    expect(templateValuesOf(firstReminder, values, { timeZone: 'UTC' }, sentAt).today).toBe('3 March 2027');
  });

  it('leave out the invoice when the message names none', () => {
    const variables = templateValuesOf({ ...firstReminder, id: 'M-1', invoiceId: null }, { ...values, invoice: null }, settings, sentAt);
    expect(variables.invoice).toBeNull();
    expect(variables.step.id).toBeNull();
  });
});

describe('a template the rules in use cannot render', () => {
  const ruleSet = loadRuleSet(shippedRules);

  it('gives the generic text with the figures, and a log line that names ids only', () => {
    const warn = vi.fn();
    const texts = textsFromRules(() => ruleSet, { warn });
    const gone = { ...firstReminder, id: 'INV-9:old-step', template: 'removed-template' };
    const { subject, text } = texts(gone, values, sentAt);
    expect(subject).toBe('Removed template');
    expect(text).toContain('invoice INV-9 of ₹2,00,000.00, due on 1 March 2027; ₹1,50,000.00 is still open');
    expect(text).not.toContain('Meera');
    expect(warn).toHaveBeenCalledOnce();
    const [fields, line] = warn.mock.calls[0]!;
    expect(fields).toEqual({
      notification: 'INV-9:old-step',
      channel: 'email',
      template: 'removed-template',
      rules: ruleSet.version,
      reason: 'the template is not defined',
    });
    expect(JSON.stringify([fields, line])).not.toMatch(/Meera|Iyer|@|\+91/);
  });

  it('gives the generic SMS when the template has no SMS part', () => {
    const warn = vi.fn();
    const sms = textsFromRules(() => ruleSet, { warn })({ ...firstReminder, channel: 'sms' }, values, sentAt);
    expect(sms.text).toBe(
      'Example Retail Pvt. Ltd.: invoice INV-9 (₹1,50,000.00 open) is due on 1 March 2027. Please ignore this message if you have already paid.',
    );
    expect(warn.mock.calls[0]![0]).toMatchObject({ reason: 'the template has no sms part' });
  });
});

describe('rulebook validate on message templates', () => {
  const firstReminderFile = 'templates/first-reminder.yaml';
  const original = shippedText(firstReminderFile);

  it('reports a misspelt variable at its line and column, with the variable it is close to', () => {
    const edited = original.replace('{{ invoice.outstanding }} (invoice total', '{{ invoice.outstandng }} (invoice total');
    const problems = problemsOf(withFiles({ [firstReminderFile]: edited }));
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(edited, 'invoice.outstandng'),
        pointer: '/template/email/body',
        message: 'unknown variable "invoice.outstandng" in the template',
        fix: expect.stringMatching(/^Did you mean "invoice\.outstanding"\?/),
      }),
    ]);
  });

  it('reports a misspelt variable in a one-line subject at its column', () => {
    const edited = original.replace('was due on {{ invoice.dueDate }}"', 'was due on {{ invoice.duedate }}"');
    const [problem] = problemsOf(withFiles({ [firstReminderFile]: edited }));
    expect(problem).toMatchObject({ ...placeOf(edited, 'invoice.duedate'), pointer: '/template/email/subject' });
    expect(problem!.fix).toMatch(/did you mean "invoice\.dueDate"/i);
  });

  it('reports a variable of no name close to a known one with the whole list', () => {
    const edited = original.replace('{{ invoice.amount }}).', '{{ basket.total }}).');
    const [problem] = problemsOf(withFiles({ [firstReminderFile]: edited }));
    expect(problem).toMatchObject({ ...placeOf(edited, 'basket.total'), message: 'unknown variable "basket.total" in the template' });
    expect(problem!.fix).toMatch(/^Use one of the variables: customer\.id, customer\.name, invoice\.id, .*today$/);
  });

  it('reports an unknown filter, a syntax error and a tag that reads files, each where it is', () => {
    const edited = original
      .replace('Dear {{ customer.name | default: "customer" }}', 'Dear {{ customer.name | defualt: "customer" }}')
      .replace('subject: "Reminder: invoice {{ invoice.id }}', 'subject: "Reminder: invoice {{ invoice.id }');
    const problems = problemsOf(
      withFiles({
        [firstReminderFile]: edited,
        'templates/formal-notice.yaml': shippedText('templates/formal-notice.yaml').replace('{{ today }}', '{% include "secrets" %}'),
      }),
    );
    expect(problems.map((problem) => [problem.file.split('/').slice(-2).join('/'), problem.pointer, problem.message, problem.fix])).toEqual(
      [
        [
          'templates/first-reminder.yaml',
          '/template/email/subject',
          expect.stringMatching(/^Liquid syntax: /),
          expect.stringMatching(/\{\{ variable \| filter \}\}/),
        ],
        [
          'templates/first-reminder.yaml',
          '/template/email/body',
          'unknown filter "defualt" in the template',
          expect.stringMatching(/did you mean "default"\?$/),
        ],
        [
          'templates/formal-notice.yaml',
          '/template/letter/body',
          'the tag {% include %} is not available in message templates',
          expect.any(String),
        ],
      ],
    );
    // The filter's problem points at its output tag, on the line of the body where it is written.
    expect(problems[1]).toMatchObject({
      line: placeOf(edited, 'defualt').line,
      column: placeOf(edited, '{{ customer.name | defualt').column,
    });
  });

  it('reports a step naming a template that does not exist, with the one meant', () => {
    const scenario = shippedText('dunning/standard.yaml').replace('template: overdue-call', 'template: overdue-cal');
    const problems = problemsOf(withFiles({ 'dunning/standard.yaml': scenario }));
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(scenario, 'overdue-cal'),
        pointer: '/scenario/steps/3/template',
        message: 'step "call" names template "overdue-cal", which does not exist',
        fix: expect.stringMatching(/did you mean "overdue-call"\?$/),
      }),
    ]);
  });

  it('reports an email step whose template has no email, and an email without a subject', () => {
    const scenario = shippedText('dunning/standard.yaml').replace('template: first-reminder', 'template: overdue-sms');
    const noSubject = original.replace(/ {4}subject: .*\n/, '');
    const problems = problemsOf(
      withFiles({
        'dunning/standard.yaml': scenario,
        'templates/reminder-before-due.yaml': shippedText('templates/reminder-before-due.yaml').replace(/ {4}subject: .*\n/, ''),
      }),
    );
    expect(problems.map((problem) => [problem.pointer, problem.message])).toEqual([
      ['/scenario/steps/1/template', 'template "overdue-sms" has no email part, which a step of action email needs'],
      ['/template/email/subject', '"subject" is required here'],
    ]);
    expect(noSubject).not.toMatch(/subject:/);
  });

  it('reports company details that settings.yaml does not give, and a template id used twice', () => {
    const settings = shippedText('settings.yaml').replace(/ {4}contact: .*\n/, '');
    const problems = problemsOf(withFiles({ 'settings.yaml': settings, 'templates/copy.yaml': shippedText('templates/overdue-sms.yaml') }));
    const contact = problems.filter((problem) => problem.message === 'the template uses company.contact, which settings.yaml does not set');
    expect(contact.map((problem) => path.basename(problem.file))).toEqual(
      expect.arrayContaining(['copy.yaml', 'first-reminder.yaml', 'overdue-sms.yaml']),
    );
    const duplicates = problems.filter((problem) => problem.message.startsWith('duplicate'));
    expect(duplicates).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/templates\/overdue-sms\.yaml$/),
        pointer: '/template/id',
        message: expect.stringMatching(/^duplicate message template id "overdue-sms" \(first used in .*templates\/copy\.yaml/),
      }),
    ]);
    expect(problems).toHaveLength(contact.length + 1);
  });

  it('makes a template edit a new rule-set version', () => {
    const edited = withFiles({ [firstReminderFile]: original.replace('Kind regards', 'Warm regards') });
    expect(loadRuleSet(edited).version).not.toBe(loadRuleSet(shippedRules).version);
  });

  it('prints the problem as file:line:column and exits 1, from the executable', () => {
    const edited = original.replace('{{ invoice.outstanding }} (invoice total', '{{ invoice.outstandng }} (invoice total');
    const dir = withFiles({ [firstReminderFile]: edited });
    const run = spawnSync(process.execPath, ['bin/rulebook.mjs', 'validate', dir], { cwd: projectRoot, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const { line, column } = placeOf(edited, 'invoice.outstandng');
    expect(run.stderr).toContain(
      `templates/first-reminder.yaml:${line}:${column} /template/email/body: unknown variable "invoice.outstandng" in the template. Did you mean "invoice.outstanding"?`,
    );
  });

  it('counts the templates of a valid rule set', async () => {
    const lines = captureConsole();
    expect(await main(['validate', shippedRules])).toBe(0);
    expect(lines.join('\n')).toMatch(/3 dunning scenarios, 16 message templates/);
  });
});
