/** Validates parsed rule files against the JSON Schemas in schemas/rules, as located problems. */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/project-root';
import type { RuleFileKind } from './rule-files';
import type { UnplacedProblem } from './rule-problems';
import { preview } from './check-conditions';

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
export function schemaProblems(kind: RuleFileKind, file: string, data: unknown): UnplacedProblem[] {
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
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if') continue;
    const problem = describe(error, file, schemaFile);
    if (seen.has(problem.pointer)) continue;
    seen.add(problem.pointer);
    problems.push(problem);
  }
  return problems;
}

const patternHelp: Record<string, string> = {
  '^[a-z][a-z0-9-]{0,62}$': 'Use lower-case letters, digits and dashes, starting with a letter (e.g. key-account)',
  '^[a-z][a-z0-9_]{0,62}$': 'Use lower-case letters, digits and underscores, starting with a letter (e.g. total_spent)',
  '^[A-Z]{3}$': 'Use a three-letter ISO 4217 currency code such as INR or EUR',
};

function describe(error: ErrorObject, file: string, schemaFile: string): UnplacedProblem {
  const params = error.params as Record<string, unknown>;
  const base = { file, pointer: error.instancePath };
  switch (error.keyword) {
    case 'required':
      return {
        ...base,
        pointer: `${error.instancePath}/${String(params.missingProperty)}`,
        message: `"${String(params.missingProperty)}" is required here`,
        fix: `Add ${String(params.missingProperty)} (see ${schemaFile})`,
      };
    case 'additionalProperties': {
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return {
        ...base,
        pointer: `${error.instancePath}/${String(params.additionalProperty)}`,
        at: 'key',
        message: `${preview(String(params.additionalProperty))} is not a known field here`,
        fix: `Remove it or correct its spelling${known.length ? `; the fields here are: ${known.join(', ')}` : ''}`,
      };
    }
    case 'enum':
      return {
        ...base,
        message: `${preview(error.data)} is not allowed`,
        fix: `Use one of: ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`,
      };
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

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
