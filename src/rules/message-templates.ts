/**
 * Message templates (rules/templates/*.yaml): the texts of reminders, written in Liquid
 * (https://liquidjs.com) and checked with the rules. Each text is parsed when the rules load, and
 * everything it uses is checked against a fixed list of variables and Liquid's own filters, so a
 * typo is a `rulebook validate` problem at its line and column, never a blank in a customer's email.
 * Rendering is plain text (no HTML, so nothing to escape) and runs when a message is sent.
 *
 * Templates cannot reach anything but the values they are given: the tags that read files
 * (include, render, layout) are removed, and parsing and rendering are bounded in size and time.
 */
import { Liquid, type Template } from 'liquidjs';
import { distance } from './check-conditions';
import type { ValidDocument } from './build-rule-set';
import type { UnplacedProblem } from './rule-problems';
import type { DunningAction, DunningScenarioFile, MessageTemplateDefinition, MessageTemplateFile, Settings } from './rule-types';

/** The variables a template may use, with what they hold. The list is fixed: anything else is a problem. */
export const templateVariables = [
  { path: 'customer.id', description: "the customer's id" },
  { path: 'customer.name', description: 'the customer\'s name; empty when unknown (write {{ customer.name | default: "customer" }})' },
  { path: 'invoice.id', description: "the invoice's id (number)" },
  { path: 'invoice.amount', description: 'the amount of the invoice with its currency, e.g. ₹12,500.00' },
  { path: 'invoice.outstanding', description: 'what is still unpaid on the invoice when the message is sent, e.g. ₹7,500.00' },
  { path: 'invoice.currency', description: 'the ISO 4217 code of the invoice currency, e.g. INR' },
  { path: 'invoice.dueDate', description: 'the due date, e.g. 1 March 2027' },
  { path: 'invoice.issueDate', description: 'the day the invoice was issued, in the settings time zone, e.g. 1 February 2027' },
  { path: 'invoice.daysOverdue', description: 'whole days since the due date when the message is sent; 0 before and on it' },
  { path: 'invoice.daysUntilDue', description: 'whole days until the due date when the message is sent; 0 on and after it' },
  { path: 'company.name', description: 'settings.company.name in settings.yaml' },
  { path: 'company.contact', description: 'settings.company.contact in settings.yaml' },
  { path: 'step.id', description: 'the id of the dunning step that sends the message' },
  { path: 'today', description: 'the day the message is sent, in the settings time zone, e.g. 26 February 2027' },
] as const;

export type TemplateVariable = (typeof templateVariables)[number]['path'];
const knownVariables: ReadonlySet<string> = new Set(templateVariables.map((variable) => variable.path));

/** The values of the variables for one message; null where there is none (a customer without a name). */
export interface TemplateValues {
  customer: { id: string; name: string | null };
  invoice: {
    id: string;
    amount: string;
    outstanding: string;
    currency: string;
    dueDate: string;
    issueDate: string;
    daysOverdue: number;
    daysUntilDue: number;
  } | null;
  company: { name: string | null; contact: string | null };
  step: { id: string | null };
  today: string;
}

/** The parts of a template and their texts. */
export const templateParts = {
  email: ['subject', 'body'],
  sms: ['text'],
  letter: ['subject', 'body'],
  call: ['script'],
} as const satisfies Record<string, readonly string[]>;
export type TemplatePart = keyof typeof templateParts;
export type RenderedPart<P extends TemplatePart> = Record<(typeof templateParts)[P][number], string>;

/** The part of a template a step of `action` uses. */
export function partForAction(action: DunningAction): TemplatePart {
  switch (action) {
    case 'email':
    case 'sms':
      return action;
    case 'call-task':
      return 'call';
    case 'letter':
    case 'formal-notice':
      return 'letter';
  }
}

/** A template of the rule set, parsed: it renders its parts. */
export interface MessageTemplate {
  id: string;
  name: string;
  /** The rule file it is defined in. */
  file: string;
  parts: ReadonlySet<TemplatePart>;
  /** The texts of `part` rendered with `values`; throws when the template has no such part or rendering fails. */
  render<P extends TemplatePart>(part: P, values: TemplateValues): RenderedPart<P>;
}

/**
 * Liquid's tags that read other files or keep state across renders: not available in templates.
 * What is left: if / elsif / else, unless, case / when, assign, capture, echo, liquid, comment, raw.
 */
const removedTags = ['include', 'render', 'layout', 'block', 'for', 'tablerow', 'cycle', 'increment', 'decrement', 'break', 'continue'];
const maxTemplateLength = 20_000;

/** A Liquid engine for the templates of a rule set: dates of the `date` filter in the settings time zone. */
function templateEngine(settings: Settings): Liquid {
  const engine = new Liquid({
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    timezoneOffset: settings.timeZone,
    // No file system: `root`, `partials` and `layouts` empty, and the tags that would read files removed.
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    parseLimit: maxTemplateLength,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
  });
  for (const tag of removedTags) delete engine.tags[tag];
  return engine;
}

/**
 * Parses and checks every template (unique ids, at least one part, known variables and filters,
 * Liquid syntax); returns them by id (the first of a repeated id), problems and all, so that the
 * steps naming them are checked as well.
 */
export function buildMessageTemplates(
  docs: ReadonlyArray<ValidDocument<MessageTemplateFile>>,
  settings: Settings,
  problems: UnplacedProblem[],
): Map<string, MessageTemplate> {
  const engine = templateEngine(settings);
  const templates = new Map<string, MessageTemplate>();
  for (const doc of docs) {
    const template = compileTemplate(engine, doc.data.template, doc.file, settings, problems);
    if (!templates.has(template.id)) templates.set(template.id, template);
  }
  return templates;
}

function compileTemplate(
  engine: Liquid,
  definition: MessageTemplateDefinition,
  file: string,
  settings: Settings,
  problems: UnplacedProblem[],
): MessageTemplate {
  const parsed = new Map<TemplatePart, Map<string, Template[]>>();
  for (const part of Object.keys(templateParts) as TemplatePart[]) {
    const texts = definition[part] as Record<string, string> | undefined;
    if (!texts) continue;
    const fields = new Map<string, Template[]>();
    for (const field of templateParts[part]) {
      const pointer = `/template/${part}/${field}`;
      const compiled = compileText(engine, texts[field]!, { file, pointer }, settings, problems);
      if (compiled) fields.set(field, compiled);
    }
    parsed.set(part, fields);
  }
  if (parsed.size === 0) {
    problems.push({
      file,
      pointer: '/template',
      message: `template "${definition.id}" has no text`,
      fix: 'Add the part its steps need: email (subject and body), sms (text), letter (subject and body) or call (script)',
    });
  }
  return {
    id: definition.id,
    name: definition.name,
    file,
    parts: new Set(parsed.keys()),
    render<P extends TemplatePart>(part: P, values: TemplateValues): RenderedPart<P> {
      const fields = parsed.get(part);
      if (!fields) throw new Error(`template "${definition.id}" has no ${part} part`);
      const rendered: Record<string, string> = {};
      for (const [field, text] of fields) rendered[field] = String(engine.renderSync(text, values));
      return rendered as RenderedPart<P>;
    },
  };
}

/** One text parsed, with its variables and filters checked; undefined (and a problem) when it cannot be used. */
function compileText(
  engine: Liquid,
  text: string,
  where: { file: string; pointer: string },
  settings: Settings,
  problems: UnplacedProblem[],
): Template[] | undefined {
  let parsed: Template[];
  try {
    parsed = engine.parse(text);
  } catch (error) {
    problems.push({ ...where, ...liquidProblem(error, engine) });
    return undefined;
  }
  const before = problems.length;
  const { globals } = engine.analyzeSync(parsed, { partials: false });
  for (const uses of Object.values(globals)) {
    for (const use of uses) {
      const path = String(use);
      const inside = { line: use.location.row, column: use.location.col };
      if (!knownVariables.has(path)) {
        const close = closest(path, [...knownVariables]);
        problems.push({
          ...where,
          inside,
          message: `unknown variable "${path}" in the template`,
          fix: close
            ? `Did you mean "${close}"? (the variables are listed in docs/rules.md, "Message templates")`
            : `Use one of the variables: ${templateVariables.map((variable) => variable.path).join(', ')}`,
        });
      } else if (path.startsWith('company.') && !settings.company?.[path.slice('company.'.length) as 'name' | 'contact']) {
        problems.push({
          ...where,
          inside,
          message: `the template uses ${path}, which settings.yaml does not set`,
          fix: `Add settings.company.${path.slice('company.'.length)} to settings.yaml, or take {{ ${path} }} out of the template`,
        });
      }
    }
  }
  return problems.length === before ? parsed : undefined;
}

/** A Liquid parse error as a problem: where in the text, what, and how to fix it. */
function liquidProblem(error: unknown, engine: Liquid): Omit<UnplacedProblem, 'file' | 'pointer'> {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(/, line:\d+, col:\d+$/, '').split('\n')[0]!;
  const position = (error as { token?: { getPosition?: () => [number, number] } }).token?.getPosition?.();
  const inside = position && { line: position[0], column: position[1] };
  const filter = /^undefined filter: (.+)$/.exec(message)?.[1];
  if (filter !== undefined) {
    return {
      ...(inside && { inside }),
      message: `unknown filter "${filter}" in the template`,
      fix: `Use one of Liquid's filters (https://liquidjs.com/filters/overview.html)${didYouMean(closest(filter, Object.keys(engine.filters)))}`,
    };
  }
  const tag = /^tag "(.+)" not found$/.exec(message)?.[1];
  if (tag !== undefined) {
    return {
      ...(inside && { inside }),
      message: `the tag {% ${tag} %} is not available in message templates`,
      fix: 'Use {{ variable }}, if / elsif / else, unless, case / when, assign, capture, comment or raw',
    };
  }
  return {
    ...(inside && { inside }),
    message: `Liquid syntax: ${message}`,
    fix: 'Correct the template here: {{ variable | filter }} prints a value, {% if … %} … {% endif %} chooses a text',
  };
}

/** The closest of `candidates` to a misspelt `word`, or undefined when none is close. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  const leaf = word.split('.').pop()!.toLowerCase();
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = Math.min(
      distance(word.toLowerCase(), candidate.toLowerCase()),
      candidate.toLowerCase().endsWith(`.${leaf}`) ? 1 : Infinity,
    );
    if (!best || score < best.score) best = { candidate, score };
  }
  return best && best.score <= Math.max(2, Math.floor(word.length / 4)) ? best.candidate : undefined;
}

function didYouMean(candidate: string | undefined): string {
  return candidate ? ` — did you mean "${candidate}"?` : '';
}

/**
 * Every step's template exists and has the part its action needs (email steps an email, call tasks
 * a call script…); problems point at the step's `template`. Templates `refused` by their schema are
 * taken as existing.
 */
export function checkStepTemplates(
  scenarios: ReadonlyArray<ValidDocument<DunningScenarioFile>>,
  templates: ReadonlyMap<string, MessageTemplate>,
  refused: ReadonlySet<string>,
  problems: UnplacedProblem[],
): void {
  for (const doc of scenarios) {
    doc.data.scenario.steps.forEach((step, index) => {
      const pointer = `/scenario/steps/${index}/template`;
      const template = templates.get(step.template);
      if (!template) {
        // A template file with schema problems is there, but not read: its own problems say what to fix.
        if (refused.has(step.template)) return;
        problems.push({
          file: doc.file,
          pointer,
          message: `step "${step.id}" names template "${step.template}", which does not exist`,
          fix: `Create templates/${step.template}.yaml (see schemas/rules/message-template.schema.json) or name an existing template${didYouMean(closest(step.template, [...templates.keys()]))}`,
        });
        return;
      }
      const part = partForAction(step.action);
      if (!template.parts.has(part)) {
        problems.push({
          file: doc.file,
          pointer,
          message: `template "${step.template}" has no ${part} part, which a step of action ${step.action} needs`,
          fix: `Add ${part}: with ${templateParts[part].join(' and ')} to ${template.file}, or name a template that has one`,
        });
      }
    });
  }
}
