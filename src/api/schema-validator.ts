/** Request bodies validated with ajv against the JSON Schemas in schemas/api. */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/project-root';
import { ValidationError, type InvalidField } from '../errors';
import type { ApiSchemaTypes } from './generated/api-types';

export const apiSchemasDir = path.join(projectRoot, 'schemas', 'api');

export type JsonSchema = Record<string, unknown> & { title: string };

/** Every API schema by title (e.g. `CustomerCreate`), as loaded from schemas/api. */
export function loadApiSchemas(dir = apiSchemasDir): Map<string, JsonSchema> {
  const schemas = new Map<string, JsonSchema>();
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.schema.json'))
    .sort()) {
    const schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as JsonSchema;
    schemas.set(schema.title, schema);
  }
  return schemas;
}

// ajv-formats is published as CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/** At most this many problems are listed for one body. */
export const maxReportedProblems = 100;

/** Compiles the schemas once and validates bodies by schema title. */
export class SchemaValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(schemas: Map<string, JsonSchema>) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    addFormats(ajv);
    for (const [title, schema] of schemas) this.validators.set(title, ajv.compile(schema));
  }

  /**
   * Returns the body typed by the schema titled `title` (types generated from schemas/api), or throws
   * a ValidationError listing every problem with its pointer.
   */
  validate<Title extends keyof ApiSchemaTypes>(title: Title, body: unknown): ApiSchemaTypes[Title] {
    const validator = this.validators.get(title);
    if (!validator) throw new Error(`No API schema titled ${title} in schemas/api`);
    if (validator(body)) return body as ApiSchemaTypes[Title];
    const all = validator.errors ?? [];
    // A body of thousands of wrong values would otherwise answer with thousands of problems (~1 MB).
    const errors = all.slice(0, maxReportedProblems).map(describeError);
    const summary = errors.map((error) => `${error.pointer || '(body)'}: ${error.message}`).join('; ');
    const more =
      all.length > errors.length ? ` (and ${all.length - errors.length} more problems of the same kinds; fix these and send it again)` : '';
    throw new ValidationError(`The request body does not match the ${title} schema: ${summary}${more}.`, errors);
  }
}

/** Turns an ajv error into a pointer and a sentence that says how to fix it. */
function describeError(error: ErrorObject): InvalidField {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { pointer: `${error.instancePath}/${String(params.missingProperty)}`, message: 'is required; add it' };
    case 'additionalProperties':
      return {
        pointer: `${error.instancePath}/${String(params.additionalProperty)}`,
        message: 'is not a known field; remove it or check its spelling',
      };
    case 'type':
      return { pointer: error.instancePath, message: `must be of type ${String(params.type)}` };
    case 'pattern': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return {
        pointer: error.instancePath,
        message: `has the wrong form${description ? ` (${description})` : ''}: it must match ${String(params.pattern)}`,
      };
    }
    default:
      return { pointer: error.instancePath, message: error.message ?? `fails the ${error.keyword} rule` };
  }
}
