/** Builds the OpenAPI 3.1 document from the route list and the JSON Schemas in schemas/api. */
import type { ApiRoute } from './api-route';
import type { JsonSchema } from './schema-validator';

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The OpenAPI document describing `routes`. */
export function buildOpenApi(routes: ApiRoute[], schemas: Map<string, JsonSchema>, version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path]![route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rulebook API',
      version,
      description:
        'Customer-lifecycle rules and durable processes. Every error is application/problem+json (RFC 9457) ' +
        'whose `detail` says what to fix. Routes under /v1 need `Authorization: Bearer <token>`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: Object.fromEntries([...schemas].map(([title, schema]) => [title, embeddable(schema)])),
    },
    paths,
  };
}

function operation(route: ApiRoute) {
  const parameters: Array<Record<string, unknown>> = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  for (const { name, description, pattern } of route.query ?? []) {
    parameters.push({ name, in: 'query', required: false, description, schema: { type: 'string', ...(pattern && { pattern }) } });
  }
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = response.schema
      ? { description: response.description, content: { 'application/json': { schema: ref(response.schema) } } }
      : { description: response.description };
  }
  if (route.upload) {
    responses['413'] ??= problemResponse('The file is larger than the limit.');
    responses['415'] ??= problemResponse('The file is not CSV or XLSX.');
  }
  if (route.requestBody) {
    responses['400'] ??= problemResponse('The body is not valid JSON.');
    responses['415'] ??= problemResponse('The body is not sent as application/json.');
    responses['422'] ??= problemResponse('The body does not match the schema; `errors` lists each problem.');
  }
  if (route.auth) {
    responses['401'] ??= problemResponse('Missing or invalid bearer token.');
    responses['429'] ??= problemResponse('The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds.');
  }
  return {
    operationId: operationId(route),
    summary: route.summary,
    ...(route.description && { description: route.description }),
    tags: [route.tag],
    ...(route.auth && { security: [{ bearer: [] }] }),
    ...(parameters.length > 0 && { parameters }),
    ...(route.requestBody && {
      requestBody: { required: true, content: { 'application/json': { schema: ref(route.requestBody) } } },
    }),
    ...(route.upload && {
      requestBody: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
            schema: { type: 'string', contentMediaType: 'application/octet-stream' },
          },
        },
      },
    }),
    responses,
  };
}

function ref(title: string) {
  return { $ref: `#/components/schemas/${title}` };
}

/** `getV1CustomersCustomerIdErasure` style ids, stable as long as the path is. */
function operationId(route: ApiRoute): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return route.method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

/** Drops the keywords that identify a standalone schema file. */
function embeddable(schema: JsonSchema) {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}
