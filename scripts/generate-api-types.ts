/**
 * Generates src/api/generated/api-types.ts from the JSON Schemas in schemas/api: one TypeScript type
 * per schema, and `ApiSchemaTypes`, which maps each schema's title to its type. The API validates a
 * body against a schema and gets it back typed by that schema's title, so a schema change that the
 * code does not follow fails `tsc`. It also generates src/console/generated/openapi.ts, the types
 * of every route (paths, parameters, answers) from the OpenAPI document the API serves, which the
 * console's client is typed by. Run `npm run api:types` after changing a schema or a route; a test
 * fails while a generated file is out of date.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import type { ApiDeps } from '../src/api/api-deps';
import { allRoutes } from '../src/api/app';
import type { ApiMetrics } from '../src/api/metrics';
import { buildOpenApi } from '../src/api/openapi';
import { apiSchemasDir, loadApiSchemas } from '../src/api/schema-validator';
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

export const consoleApiTypesFile = path.join(projectRoot, 'src', 'console', 'generated', 'openapi.ts');

/** The text of the console's API types: openapi-typescript over the OpenAPI document of the route list and schemas. */
export async function renderConsoleApiTypes(): Promise<string> {
  // The route factories only keep their dependencies for the handlers, which never run here.
  const document = buildOpenApi(allRoutes({} as ApiDeps, {} as ApiMetrics), loadApiSchemas(), '0.0.0');
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]);
  const banner = `/**
 * Types of the API's routes for the console, generated from the OpenAPI document by \`npm run api:types\`
 * (scripts/generate-api-types.ts). Do not edit: change the route or schema and generate again.
 */`;
  const style = (await prettier.resolveConfig(consoleApiTypesFile)) ?? {};
  return prettier.format(`${banner}\n\n${astToString(ast)}`, { ...style, parser: 'typescript' });
}

/** Writes the generated files. */
export async function writeApiTypes(): Promise<void> {
  writeFileSync(apiTypesFile, await renderApiTypes());
  mkdirSync(path.dirname(consoleApiTypesFile), { recursive: true });
  writeFileSync(consoleApiTypesFile, await renderConsoleApiTypes());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await writeApiTypes();
  console.log(`wrote ${path.relative(projectRoot, apiTypesFile)} and ${path.relative(projectRoot, consoleApiTypesFile)}`);
}
