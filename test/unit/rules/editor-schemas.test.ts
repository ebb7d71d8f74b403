/** The editor schemas of `rulebook schemas`: up to date with rules/attributes.yaml, and they flag what the loader refuses. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import { defaultSchemasOut, editorSchemas, readAttributes } from '../../../src/rules/editor-schemas';
import { ruleSchemasDir } from '../../../src/rules/rule-schemas';
import type { AttributeDefinition } from '../../../src/rules/rule-types';
import { captureConsole } from '../../support/console-output';
import { shippedRules } from '../../support/rule-dirs';

afterEach(() => vi.restoreAllMocks());

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const out = defaultSchemasOut(shippedRules);

function shippedAttributes(): AttributeDefinition[] {
  const read = readAttributes(shippedRules);
  if ('problems' in read) throw new Error(JSON.stringify(read.problems));
  return read.attributes;
}

/** An ajv that knows the base schemas and the generated ones (as editors read them, with their own keywords). */
function validators(files: Map<string, string>) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addKeyword('markdownEnumDescriptions');
  ajv.addKeyword('markdownDescription');
  for (const name of ['settings.schema.json', 'condition.schema.json']) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(ruleSchemasDir, name), 'utf8')) as object);
  }
  for (const text of files.values()) ajv.addSchema(JSON.parse(text) as object);
  return (name: string) => ajv.getSchema(`https://rulebook.dev/schemas/rules/generated/${name}`)!;
}

describe('the editor schemas in schemas/rules/generated', () => {
  it('are up to date with rules/attributes.yaml (else run: npx rulebook schemas)', () => {
    for (const [name, text] of editorSchemas(shippedAttributes(), out)) {
      expect(readFileSync(path.join(out, name), 'utf8'), `${name} is out of date: run npx rulebook schemas`).toBe(text);
    }
  });

  it('change when an attribute is added, so that the test above fails until they are written again', () => {
    const added: AttributeDefinition = {
      id: 'favourite_store',
      label: 'Favourite store',
      type: 'text',
      source: 'attribute',
      personal: false,
      encrypted: false,
    };
    const before = editorSchemas(shippedAttributes(), out);
    const after = editorSchemas([...shippedAttributes(), added], out);
    expect(after.get('condition.schema.json')).not.toBe(before.get('condition.schema.json'));
    expect(after.get('rule-tests.schema.json')).not.toBe(before.get('rule-tests.schema.json'));
    expect(JSON.parse(after.get('condition.schema.json')!).properties.fact.enum).toContain('favourite_store');
  });

  it('accept the shipped rule files', () => {
    const schema = validators(editorSchemas(shippedAttributes(), out));
    for (const [file, name] of [
      ['groups/seed-examples.yaml', 'groups.schema.json'],
      ['tests/groups.yaml', 'rule-tests.schema.json'],
      ['tests/dunning.yaml', 'rule-tests.schema.json'],
      ['tests/return-behaviour.yaml', 'rule-tests.schema.json'],
      ['profiles/account-type.yaml', 'profile-set.schema.json'],
      ['profiles/return-behaviour.yaml', 'profile-set.schema.json'],
      ['dunning/standard.yaml', 'dunning-scenario.schema.json'],
    ] as const) {
      const validate = schema(name);
      expect(validate(parse(readFileSync(path.join(shippedRules, file), 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(
        true,
      );
    }
  });

  it('flag an unknown fact, an encrypted one, an operator that does not fit, a dropdown value and a misspelt test fact', () => {
    const schema = validators(editorSchemas(shippedAttributes(), out));
    const groups = schema('groups.schema.json');
    const group = (when: object) => ({ groups: [{ id: 'g', name: 'G', description: 'd', kind: 'conditional', when }] });
    expect(groups(group({ fact: 'total_spent', operator: 'greaterThan', value: 5 }))).toBe(true);
    expect(groups(group({ fact: 'total_spend', operator: 'greaterThan', value: 5 }))).toBe(false);
    expect(groups(group({ fact: 'national_id', operator: 'equals', value: 'x' }))).toBe(false);
    expect(groups(group({ fact: 'city', operator: 'greaterThan', value: 5 }))).toBe(false);
    expect(groups(group({ fact: 'loyalty_tier', operator: 'is', value: 'diamond' }))).toBe(false);
    const tests = schema('rule-tests.schema.json');
    const testCase = (facts: object) => ({ cases: [{ name: 'n', at: '2026-01-01T00:00:00Z', facts, expect: { scenario: null } }] });
    expect(tests(testCase({ loyalty_tier: 'gold', total_spent: 5 }))).toBe(true);
    expect(tests(testCase({ loyalty_teir: 'gold' }))).toBe(false);
    expect(tests(testCase({ total_spent: '5' }))).toBe(false);
  });

  it('are written by rulebook schemas, whose --check fails until they are', async () => {
    const lines = captureConsole();
    expect(await main(['schemas', shippedRules, '--check'])).toBe(0);
    const out = mkdtempSync(path.join(tmpdir(), 'rulebook-schemas-'));
    try {
      expect(await main(['schemas', shippedRules, '--out', out, '--check'])).toBe(1);
      expect(lines.at(-1)).toMatch(/condition\.schema\.json, .* are out of date with .*attributes\.yaml: run npx rulebook schemas/);
      expect(await main(['schemas', shippedRules, '--out', out])).toBe(0);
      expect(lines.at(-1)).toMatch(/^Wrote condition\.schema\.json, groups\.schema\.json, .* \d+ facts for conditions/);
      expect(await main(['schemas', shippedRules, '--out', out, '--check'])).toBe(0);
      const groups = JSON.parse(readFileSync(path.join(out, 'groups.schema.json'), 'utf8')) as { $id: string };
      expect(groups.$id).toBe('https://rulebook.dev/schemas/rules/generated/groups.schema.json');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
