/**
 * The texts of queued messages, rendered when they are sent: from the message template the step
 * named (rules/templates/*.yaml) in the rule set in use then, with the customer's and the invoice's
 * values read by their ids at that moment. Nothing rendered is stored; nothing personal is logged.
 * A template that the rules in use no longer define (or no longer give this channel's part) gives
 * way to a generic text, said in a log line that names ids only.
 */
import type { Logger } from 'pino';
import { dateInTimeZone, dayNumber, formatDayNumber, parseCalendarDate } from '../rules/calendar';
import type { TemplateValues } from '../rules/message-templates';
import type { RuleSet } from '../rules/rule-set';
import type { Settings } from '../rules/rule-types';
import type { MessageValues } from '../store/message-values-store';

/** A message as the outbox holds it: ids only. */
export interface MessageToRender {
  /** `<invoice id>:<step id>` for the messages of dunning steps. */
  id: string;
  channel: 'email' | 'sms';
  template: string;
  invoiceId: string | null;
}

/** What is sent: the subject (email only; empty for SMS) and the text. */
export interface MessageText {
  subject: string;
  text: string;
}

/** Renders the text of a message from the values read for it, at `now`. */
export type MessageTexts = (message: MessageToRender, values: MessageValues, now?: Date) => MessageText;

/** Texts from the templates of the rule set in use at each call (`rules()`), the generic text where a template is missing. */
export function textsFromRules(rules: () => RuleSet, logger?: Pick<Logger, 'warn'>): MessageTexts {
  return (message, values, now = new Date()) => {
    const ruleSet = rules();
    const variables = templateValuesOf(message, values, ruleSet.settings, now);
    const template = ruleSet.templates.get(message.template);
    const fallback = (reason: string) => {
      logger?.warn(
        { notification: message.id, channel: message.channel, template: message.template, rules: ruleSet.version, reason },
        'message sent with the generic text: its template cannot be used with the rules in use',
      );
      return genericText(message, variables);
    };
    if (!template) return fallback('the template is not defined');
    if (!template.parts.has(message.channel)) return fallback(`the template has no ${message.channel} part`);
    try {
      if (message.channel === 'email') {
        const { subject, body } = template.render('email', variables);
        const line = oneLine(subject);
        return { subject: line || readable(message.template), text: `${body.trimEnd()}\n` };
      }
      return { subject: '', text: template.render('sms', variables).text.trim() };
    } catch (error) {
      // The error's own words may quote the template's values: its kind only.
      return fallback(`rendering failed (${error instanceof Error ? error.name : 'error'})`);
    }
  };
}

/** Texts without rules (a sender used on its own): the generic text, amounts in the invoice currency, dates in UTC. */
export const genericTexts: MessageTexts = (message, values, now = new Date()) =>
  genericText(message, templateValuesOf(message, values, undefined, now));

/**
 * The values of the template variables (src/rules/message-templates.ts) for one message: amounts
 * in the invoice's currency, dates in English with the conventions of the settings' region
 * (`defaultPhoneRegion`: "1 March 2027" in India), "today" in the settings time zone.
 */
export function templateValuesOf(
  message: MessageToRender,
  values: MessageValues,
  settings: Pick<Settings, 'timeZone' | 'defaultPhoneRegion' | 'company'> | undefined,
  now: Date,
): TemplateValues {
  const locale = `en-${settings?.defaultPhoneRegion ?? 'GB'}`;
  const timeZone = settings?.timeZone ?? 'UTC';
  const today = dayNumber(dateInTimeZone(now, timeZone));
  const { invoice } = values;
  const due = invoice && parseCalendarDate(invoice.dueDate, timeZone);
  const dueDay = due ? dayNumber(due) : today;
  const prefix = message.invoiceId === null ? undefined : `${message.invoiceId}:`;
  return {
    customer: { id: values.customer.id, name: values.customer.name },
    invoice: invoice && {
      id: invoice.id,
      amount: money(invoice.amount, invoice.currency, locale),
      outstanding: money(invoice.outstanding, invoice.currency, locale),
      currency: invoice.currency,
      dueDate: longDate(invoice.dueDate, locale),
      issueDate: longDate(formatDayNumber(dayNumber(dateInTimeZone(invoice.issuedAt, timeZone))), locale),
      daysOverdue: Math.max(0, today - dueDay),
      daysUntilDue: Math.max(0, dueDay - today),
    },
    company: { name: settings?.company?.name ?? null, contact: settings?.company?.contact ?? null },
    step: { id: prefix && message.id.startsWith(prefix) ? message.id.slice(prefix.length) : null },
    today: longDate(formatDayNumber(today), locale),
  };
}

/** What is sent when no template can be used: the invoice's figures, politely, without the customer's name. */
function genericText(message: MessageToRender, values: TemplateValues): MessageText {
  const { invoice, company } = values;
  const signature = company.name ? `${company.name}: ` : '';
  if (message.channel === 'sms') {
    const about = invoice
      ? `invoice ${invoice.id} (${invoice.outstanding} open) is due on ${invoice.dueDate}`
      : 'a payment reminder from us';
    const sentence = signature ? `${signature}${about}` : about.charAt(0).toUpperCase() + about.slice(1);
    return { subject: '', text: `${sentence}. Please ignore this message if you have already paid.` };
  }
  const lines = ['Hello,', ''];
  if (invoice) {
    lines.push(
      `This is a reminder about invoice ${invoice.id} of ${invoice.amount}, due on ${invoice.dueDate}; ${invoice.outstanding} is still open.`,
      'If you have already paid it, thank you, and please disregard this message.',
      '',
      `Invoice: ${invoice.id}`,
    );
  } else if (message.invoiceId) {
    lines.push('This is a reminder about an invoice of ours.', '', `Invoice: ${message.invoiceId}`);
  } else {
    lines.push('This is a reminder from us.');
  }
  if (company.name) lines.push('', `Kind regards,`, company.name);
  return { subject: readable(message.template), text: `${lines.join('\n')}\n` };
}

/** "first-reminder" → "First reminder". */
function readable(template: string): string {
  const words = template.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A subject on one line: line breaks and runs of spaces become one space (a header cannot hold a line break). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function money(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${currency} ${amount.toFixed(2)}`;
  }
}

/** "2027-03-01" → "1 March 2027" (in the locale's order). */
function longDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
