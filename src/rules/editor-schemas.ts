/**
 * JSON Schemas for editors that know the facts of one rules folder (`rulebook schemas`): the
 * condition schema with the fact ids of its attributes.yaml — each with the operators that fit its
 * type and, for dropdowns, its options — and the schemas of the files that hold conditions or facts
 * (groups, profile sets, dunning scenarios, rule tests) referring to it. An editor with the YAML
 * language server then completes `fact:` with the declared ids and flags `total_spend`.
 *
 * The schemas in schemas/rules stay what the loader validates with: they hold for every rules
 * folder, and the loader says more about a fact than a schema can (did you mean, encrypted).
 * These are written next to them, in schemas/rules/generated/, and must be written again when
 * attributes.yaml changes (a unit test fails until they are).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operatorNames } from './operators';
import type { RuleProblem } from './rule-problems';
import { ruleSchemasDir, schemaProblems } from './rule-schemas';
import type { AttributeCatalogFile, AttributeDefinition } from './rule-types';
import { parseYamlWithPositions } from './yaml-source';
import { decodeRuleFile } from './decode-rule-file';

/** Where `rulebook schemas` writes for the rules folder `dir`: schemas/rules/generated beside it. */
export function defaultSchemasOut(dir: string): string {
  return path.join(dir, '..', 'schemas', 'rules', 'generated');
}

/** The schema files (name → JSON text) that know the facts of `attributes`, written to `outDir`. */
export function editorSchemas(attributes: readonly AttributeDefinition[], outDir: string): Map<string, string> {
  const toBase = path.relative(outDir, ruleSchemasDir).split(path.sep).join('/') || '.';
  const files = new Map<string, string>();
  const write = (name: string, schema: object) => files.set(name, `${JSON.stringify(schema, null, 2)}\n`);
  write('condition.schema.json', conditionSchema(attributes));
  for (const name of ['groups.schema.json', 'profile-set.schema.json', 'dunning-scenario.schema.json']) {
    write(name, rebased(baseSchema(name), name, toBase));
  }
  write('rule-tests.schema.json', ruleTestsSchema(attributes, toBase));
  return files;
}

/** The attributes of the rules folder `dir`, or the problems of its attributes.yaml. */
export function readAttributes(dir: string, name = 'attributes.yaml'): { attributes: AttributeDefinition[] } | { problems: RuleProblem[] } {
  const file = path.join(dir, 'attributes.yaml');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      problems: [
        { file: name, line: 1, column: 1, pointer: '', message: `attributes.yaml cannot be read (${reason})`, fix: 'Give a rules folder' },
      ],
    };
  }
  const decoded = decodeRuleFile(bytes);
  if ('problem' in decoded) return { problems: [{ file: name, pointer: '', ...decoded.problem }] };
  const parsed = parseYamlWithPositions(decoded.text);
  if (parsed.problems.length > 0) return { problems: parsed.problems.map((problem) => ({ file: name, pointer: '', ...problem })) };
  const found = schemaProblems('attributes', name, parsed.data);
  if (found.length > 0) {
    return {
      problems: found.map(({ at, inside, ...problem }) => ({ ...problem, ...parsed.position(problem.pointer, at, inside) })),
    };
  }
  return { attributes: (parsed.data as AttributeCatalogFile).attributes };
}

function baseSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ruleSchemasDir, name), 'utf8')) as Record<string, unknown>;
}

const note =
  'Written by `npx rulebook schemas` from rules/attributes.yaml and the schemas of schemas/rules: do not edit; run it again after changing attributes.yaml.';

/** `schema` with its own $id in the generated folder and its references to other schemas pointing back at schemas/rules (the condition schema excepted). */
function rebased(schema: Record<string, unknown>, name: string, toBase: string): Record<string, unknown> {
  const copy = mapRefs(schema, (ref) =>
    ref.startsWith('#') || ref.startsWith('condition.schema.json') ? ref : `${toBase}/${ref}`,
  ) as Record<string, unknown>;
  return { ...copy, $id: `https://rulebook.dev/schemas/rules/generated/${name}`, $comment: note };
}

function mapRefs(value: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapRefs(item, map));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === '$ref' && typeof item === 'string' ? map(item) : mapRefs(item, map)]),
  );
}

function describeAttribute(attribute: AttributeDefinition): string {
  const options = attribute.type === 'dropdown' ? ` (${attribute.options!.join(', ')})` : '';
  const description = attribute.description ? ` — ${attribute.description}` : '';
  return `**${attribute.label}**: ${attribute.type}${options}, ${attribute.source}${description}`;
}

/** The condition schema, its `fact` limited to the usable (unencrypted) facts, each with its operators and options. */
function conditionSchema(attributes: readonly AttributeDefinition[]): Record<string, unknown> {
  const base = baseSchema('condition.schema.json');
  const usable = attributes.filter((attribute) => !attribute.encrypted);
  const properties = base.properties as Record<string, Record<string, unknown>>;
  const { pattern: _pattern, examples: _examples, ...fact } = properties.fact!;
  const perFact = usable.map((attribute) => {
    const then: Record<string, unknown> = { operator: { enum: operatorNames(attribute.type) } };
    if (attribute.type === 'dropdown') {
      then.value = { anyOf: [{ enum: attribute.options }, { type: 'array', items: { enum: attribute.options } }] };
    }
    return { if: { required: ['fact'], properties: { fact: { const: attribute.id } } }, then: { properties: then } };
  });
  return {
    ...base,
    $id: 'https://rulebook.dev/schemas/rules/generated/condition.schema.json',
    $comment: note,
    properties: {
      ...properties,
      fact: {
        ...fact,
        description: `${String(fact.description)} The facts of rules/attributes.yaml: ${usable.map((attribute) => attribute.id).join(', ')}.`,
        enum: usable.map((attribute) => attribute.id),
        markdownEnumDescriptions: usable.map(describeAttribute),
      },
    },
    allOf: perFact,
  };
}

/** A fact's value in a rule test or an explain file, by its type; null stands for no value. */
function factValueSchema(attribute: AttributeDefinition): Record<string, unknown> {
  const about = { title: attribute.label, markdownDescription: describeAttribute(attribute) };
  switch (attribute.type) {
    case 'number':
      return { ...about, type: ['number', 'null'] };
    case 'text':
      return { ...about, type: ['string', 'null'] };
    case 'boolean':
      return { ...about, type: ['boolean', 'null'] };
    case 'date':
      return { ...about, type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['1990-01-02'] };
    case 'dropdown':
      return { ...about, enum: [...attribute.options!, null] };
  }
}

/** The rule-tests schema, its `facts` limited to the declared facts with the type of each. */
function ruleTestsSchema(attributes: readonly AttributeDefinition[], toBase: string): Record<string, unknown> {
  const schema = rebased(baseSchema('rule-tests.schema.json'), 'rule-tests.schema.json', toBase);
  const defs = schema.$defs as { case: { properties: { facts: Record<string, unknown> } } };
  const { propertyNames: _names, ...facts } = defs.case.properties.facts;
  defs.case.properties.facts = {
    ...facts,
    additionalProperties: false,
    properties: {
      ...(facts.properties as object),
      ...Object.fromEntries(attributes.map((attribute) => [attribute.id, factValueSchema(attribute)])),
    },
  };
  return schema;
}
