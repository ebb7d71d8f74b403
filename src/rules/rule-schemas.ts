/** Validates parsed rule files against the JSON Schemas in schemas/rules, as located problems. */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/project-root';
import type { RuleFileKind } from './rule-files';
import type { UnplacedProblem } from './rule-problems';
import { preview } from './check-conditions';
import { closest, didYouMean } from './did-you-mean';
import { operatorNames } from './operators';
import type { AttributeType } from './rule-types';
import { pointerSegments } from './yaml-source';

/** What schema problems can say better once attributes.yaml is read: the operators that fit a fact. */
export interface SchemaContext {
  attributes?: ReadonlyMap<string, { type: AttributeType }>;
}

export const ruleSchemasDir = path.join(projectRoot, 'schemas', 'rules');

const schemaFileByKind: Record<RuleFileKind, string> = {
  settings: 'settings.schema.json',
  attributes: 'attributes.schema.json',
  profileSet: 'profile-set.schema.json',
  groups: 'groups.schema.json',
  dunning: 'dunning-scenario.schema.json',
  tests: 'rule-tests.schema.json',
  template: 'message-template.schema.json',
};

// ajv-formats is published as CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

let validators: Map<RuleFileKind, ValidateFunction> | undefined;

function compiledValidators(): Map<RuleFileKind, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  addFormats(ajv);
  const idByFile = new Map<string, string>();
  for (const name of readdirSync(ruleSchemasDir).filter((file) => file.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(path.join(ruleSchemasDir, name), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    idByFile.set(name, schema.$id);
  }
  validators = new Map(Object.entries(schemaFileByKind).map(([kind, file]) => [kind as RuleFileKind, ajv.getSchema(idByFile.get(file)!)!]));
  return validators;
}

/** Schema problems of one document, at most one per location. */
export function schemaProblems(kind: RuleFileKind, file: string, data: unknown, context: SchemaContext = {}): UnplacedProblem[] {
  const validate = compiledValidators().get(kind)!;
  if (validate(data)) return [];
  const schemaFile = `schemas/rules/${schemaFileByKind[kind]}`;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    // Without a mapping at the top nothing else can be checked: say what the file must start with.
    const keys = ((validate.schema as { required?: string[] }).required ?? []).map((key) => `${key}:`).join(' and ');
    const message =
      data === null
        ? 'the file is empty (it holds no YAML value, at most comments)'
        : `the file holds ${preview(data)}, not a mapping of fields`;
    return [{ file, pointer: '', message, fix: `Start it with ${keys} (see ${schemaFile})` }];
  }
  const seen = new Set<string>();
  const problems: UnplacedProblem[] = [];
  // Fields missing from one item (a file cut short mid-item) are one mistake: one problem names them all,
  // in the place of the first.
  const missingIn = new Map<string, { at: number; problems: UnplacedProblem[] }>();
  const all = validate.errors ?? [];
  for (const error of relevantErrors(all, data)) {
    const problem = withBranch(describe(error, file, schemaFile, data, context), error, all, data);
    if (seen.has(problem.pointer)) continue;
    seen.add(problem.pointer);
    const siblings = error.keyword === 'required' ? missingIn.get(error.instancePath) : undefined;
    if (siblings) {
      siblings.problems.push(problem);
      problems[siblings.at] = missingTogether(siblings.problems, schemaFile);
      continue;
    }
    if (error.keyword === 'required') missingIn.set(error.instancePath, { at: problems.length, problems: [problem] });
    problems.push(problem);
  }
  return problems;
}

/** One problem for several required fields missing from the same place: `"name", "description" and "kind" are required here`. */
function missingTogether(problems: readonly UnplacedProblem[], schemaFile: string): UnplacedProblem {
  const names = problems.map((problem) => problem.pointer.slice(problem.pointer.lastIndexOf('/') + 1));
  const quoted = names.map((name) => `"${name}"`);
  const additions = problems.map((problem) => problem.fix.replace(/^Add /, '').replace(/ \(see .*\)$/, ''));
  const and = (parts: string[]) => `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return { ...problems[0]!, message: `${and(quoted)} are required here`, fix: `Add ${and(additions)} (see ${schemaFile})` };
}

const patternHelp: Record<string, string> = {
  '^[a-z][a-z0-9-]{0,62}$': 'Use lower-case letters, digits and dashes, starting with a letter (e.g. key-account)',
  '^[a-z][a-z0-9_]{0,62}$': 'Use lower-case letters, digits and underscores, starting with a letter (e.g. total_spent)',
  '^[A-Z]{3}$': 'Use a three-letter ISO 4217 currency code such as INR or EUR',
};

/**
 * The errors that point at the cause, from ajv's complete list (allErrors):
 * - if / then / else: when the field the `if` tests (a group's `kind`) is itself wrong, the branch
 *   chosen from it is a guess, and its errors ("when is not allowed here") advise the wrong fix:
 *   only the field's own error is kept.
 * - oneOf / anyOf: the errors of the branch the author meant — the one whose `const` field has the
 *   value written, else the one with the fewest errors — instead of every branch's.
 * - a misspelt key (`descripton`) and the required key it was meant to be (`description`) are one
 *   mistake: the unknown key is reported, with "did you mean".
 */
export function relevantErrors(errors: readonly ErrorObject[], data: unknown): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const inside = (error: ErrorObject, path: string) => error.instancePath === path || error.instancePath.startsWith(`${path}/`);
  errors.forEach((error, index) => {
    if (error.keyword === 'if') {
      dropped.add(error);
      const tested = Object.keys((error.parentSchema as { if?: { properties?: object } } | undefined)?.if?.properties ?? {});
      const guessed = tested.some((key) =>
        errors.some(
          (other) =>
            (inside(other, `${error.instancePath}/${key}`) && other.keyword !== 'if') ||
            (other.keyword === 'required' &&
              other.instancePath === error.instancePath &&
              (other.params as { missingProperty?: unknown }).missingProperty === key),
        ),
      );
      if (!guessed) return;
      const branch = `/${String((error.params as { failingKeyword?: string }).failingKeyword)}/`;
      for (const other of errors.slice(0, index)) {
        if (inside(other, error.instancePath) && (other.schemaPath.includes(branch) || other.schemaPath.startsWith(branch.slice(1)))) {
          dropped.add(other);
        }
      }
    }
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      const branches = (error.schema ?? []) as Array<{ properties?: Record<string, { const?: unknown }> }>;
      const prefix = `${error.schemaPath}/`;
      const ofBranch = new Map<number, ErrorObject[]>();
      for (const other of errors.slice(0, index)) {
        if (!inside(other, error.instancePath) || !other.schemaPath.startsWith(prefix)) continue;
        const branchIndex = Number(other.schemaPath.slice(prefix.length).split('/')[0]);
        ofBranch.set(branchIndex, [...(ofBranch.get(branchIndex) ?? []), other]);
      }
      if (ofBranch.size === 0) return;
      const value = valueAt(data, error.instancePath) as Record<string, unknown> | undefined;
      const meant = branches.findIndex((branch) =>
        Object.entries(branch.properties ?? {}).some(
          ([key, property]) => property.const !== undefined && value !== null && typeof value === 'object' && value[key] === property.const,
        ),
      );
      const chosen =
        meant >= 0 && ofBranch.has(meant) ? meant : [...ofBranch.entries()].sort((a, b) => a[1].length - b[1].length || a[0] - b[0])[0]![0];
      for (const [branchIndex, branchErrors] of ofBranch) if (branchIndex !== chosen) branchErrors.forEach((other) => dropped.add(other));
      dropped.add(error);
    }
  });
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties' || dropped.has(error)) continue;
    const unknown = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    for (const other of errors) {
      if (other.keyword !== 'required' || other.instancePath !== error.instancePath) continue;
      const missing = String((other.params as { missingProperty?: unknown }).missingProperty);
      if (closest(unknown, [missing]) === missing) dropped.add(other);
    }
  }
  return errors.filter((error) => !dropped.has(error));
}

/**
 * A problem of the branch an `if` chose, said with what chose it: `"when" is not allowed here, as
 * kind is static` — and, for the `else` branch, the value that would allow it.
 */
function withBranch(problem: UnplacedProblem, error: ErrorObject, errors: readonly ErrorObject[], data: unknown): UnplacedProblem {
  if (error.keyword !== 'false schema' && error.keyword !== 'required') return problem;
  const chooser = errors.find(
    (other) =>
      other.keyword === 'if' &&
      (error.instancePath === other.instancePath || error.instancePath.startsWith(`${other.instancePath}/`)) &&
      error.schemaPath.includes(`/${String((other.params as { failingKeyword?: string }).failingKeyword)}/`),
  );
  const tested = (chooser?.parentSchema as { if?: { properties?: Record<string, { const?: unknown }> } } | undefined)?.if?.properties;
  const [key, condition] = Object.entries(tested ?? {})[0] ?? [];
  if (!chooser || key === undefined) return problem;
  const value = valueAt(data, `${chooser.instancePath}/${key}`);
  if (typeof value !== 'string') return problem;
  const otherwise =
    (chooser.params as { failingKeyword?: string }).failingKeyword === 'else' && condition?.const !== undefined
      ? `, or make it ${key}: ${JSON.stringify(condition.const).replace(/^"|"$/g, '')}`
      : '';
  return {
    ...problem,
    message: `${problem.message}, as ${key} is ${value}`,
    fix: error.keyword === 'false schema' ? `Remove it${otherwise} (see ${problem.fix.replace(/^.*\(see (.*)\)$/, '$1')})` : problem.fix,
  };
}

/** The value at a JSON Pointer (ajv's instancePath) in `data`. */
function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const segment of pointerSegments(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function describe(error: ErrorObject, file: string, schemaFile: string, data: unknown, context: SchemaContext): UnplacedProblem {
  const params = error.params as Record<string, unknown>;
  const base = { file, pointer: error.instancePath };
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const values = (error.parentSchema as { properties?: Record<string, { enum?: unknown[] }> } | undefined)?.properties?.[missing]?.enum;
      return {
        ...base,
        pointer: `${error.instancePath}/${missing}`,
        message: `"${missing}" is required here`,
        fix: values ? `Add ${missing}: ${values.map(String).join(' or ')} (see ${schemaFile})` : `Add ${missing} (see ${schemaFile})`,
      };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const present = Object.keys((valueAt(data, error.instancePath) as object | undefined) ?? {});
      const meant = closest(
        key,
        known.filter((candidate) => !present.includes(candidate)),
      );
      return {
        ...base,
        pointer: `${error.instancePath}/${key}`,
        at: 'key',
        message: `${preview(key)} is not a known field here`,
        fix: meant
          ? `Did you mean "${meant}"? Rename it; the fields here are: ${known.join(', ')}`
          : `Remove it or correct its spelling${known.length ? `; the fields here are: ${known.join(', ')}` : ''}`,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const operator = operatorContext(error, data, context);
      if (operator) {
        return {
          ...base,
          message: `${preview(error.data)} is not an operator`,
          fix: `Use an operator of ${operator.type} fact "${operator.fact}": ${operator.names.join(', ')}${didYouMean(String(error.data), operator.names, { operators: true })}`,
        };
      }
      const written = typeof error.data === 'string' ? error.data : undefined;
      return {
        ...base,
        message: `${preview(error.data)} is not allowed`,
        fix: `Use one of: ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}${
          written === undefined ? '' : didYouMean(written, allowed, { operators: error.instancePath.endsWith('/operator') })
        }`,
      };
    }
    case 'type':
      return {
        ...base,
        message: `${preview(error.data)} is not of type ${String(params.type)}`,
        fix: `Write ${article(String(params.type))} ${String(params.type)}`,
      };
    case 'false schema':
      return {
        ...base,
        at: 'key',
        message: `"${base.pointer.split('/').pop()}" is not allowed here`,
        fix: `Remove it (see ${schemaFile})`,
      };
    case 'pattern':
      return {
        ...base,
        message: `${preview(error.data)} is not a valid value here`,
        fix: patternHelp[String(params.pattern)] ?? `Match the pattern ${String(params.pattern)}`,
      };
    case 'not':
      return { ...base, message: 'this field is not allowed here', fix: `Remove it (see ${schemaFile})` };
    default:
      return {
        ...base,
        message: `${preview(error.data)} ${error.message ?? 'is invalid'}`,
        fix: `See the field's description in ${schemaFile}`,
      };
  }
}

/** For an unknown operator on a known fact: the fact, its type and the operators that fit it. */
function operatorContext(
  error: ErrorObject,
  data: unknown,
  context: SchemaContext,
): { fact: string; type: AttributeType; names: string[] } | undefined {
  if (!error.instancePath.endsWith('/operator') || !context.attributes) return undefined;
  const leaf = valueAt(data, error.instancePath.slice(0, -'/operator'.length)) as { fact?: unknown } | undefined;
  const fact = typeof leaf?.fact === 'string' ? leaf.fact : undefined;
  const attribute = fact === undefined ? undefined : context.attributes.get(fact);
  return fact && attribute ? { fact, type: attribute.type, names: operatorNames(attribute.type) } : undefined;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
