/**
 * Generates src/api/generated/api-types.ts from the JSON Schemas in schemas/api: one TypeScript type
 * per schema, and `ApiSchemaTypes`, which maps each schema's title to its type. The API validates a
 * body against a schema and gets it back typed by that schema's title, so a schema change that the
 * code does not follow fails `tsc`. Run `npm run api:types` after changing a schema; a test fails
 * while the generated file is out of date.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import prettier from 'prettier';
import { apiSchemasDir } from '../src/api/schema-validator';
import { projectRoot } from '../src/config/project-root';

export const apiTypesFile = path.join(projectRoot, 'src', 'api', 'generated', 'api-types.ts');

const banner = `/**
 * Types of the API's JSON documents, generated from schemas/api/*.json by \`npm run api:types\`
 * (scripts/generate-api-types.ts). Do not edit: change the schema and generate again.
 */`;

/** The text of the generated file for the schemas in `dir`, formatted as the project formats code. */
export async function renderApiTypes(dir = apiSchemasDir): Promise<string> {
  const schemas = readdirSync(dir)
    .filter((name) => name.endsWith('.schema.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as JSONSchema & { title: string });
  const declarations: string[] = [];
  for (const schema of schemas) {
    // Each schema on its own: they share no definitions, so no declaration is emitted twice.
    declarations.push(await compile(schema, schema.title, { bannerComment: '', format: false, unknownAny: true }));
  }
  const byTitle = schemas.map((schema) => `  ${schema.title}: ${schema.title};`).join('\n');
  const mapping = `/** Each schema's type by its title, as \`SchemaValidator.validate\` takes it. */\nexport interface ApiSchemaTypes {\n${byTitle}\n}\n`;
  const text = [banner, ...declarations, mapping].join('\n\n');
  const style = (await prettier.resolveConfig(apiTypesFile)) ?? {};
  return prettier.format(text, { ...style, parser: 'typescript' });
}

/** Writes the generated file. */
export async function writeApiTypes(): Promise<void> {
  writeFileSync(apiTypesFile, await renderApiTypes());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await writeApiTypes();
  console.log(`wrote ${path.relative(projectRoot, apiTypesFile)}`);
}
