/**
 * Builds the OpenAPI 3.1 document from the route list and the JSON Schemas in schemas/api. It must lint clean with
 * Redocly's `recommended` ruleset (test/unit/api/openapi-lint.test.ts, redocly.yaml): the route declarations
 * (src/api/api-route.ts) carry what it needs, and a 2xx answer without a documented body throws here.
 */
import { isAuthenticated, type ApiResponse, type ApiRoute, type InlineSchema } from './api-route';
import { scopes } from '../access/scopes';
import { idempotencyKeyHeader, idempotentReplayedHeader } from './idempotency';
import type { JsonSchema } from './schema-validator';

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** The headers express-rate-limit sends (IETF draft-ietf-httpapi-ratelimit-headers-08) on every answer to a token. */
const rateLimitHeaders = {
  RateLimit: { $ref: '#/components/headers/RateLimit' },
  'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' },
};

const headerComponents = {
  RateLimit: {
    description:
      'What is left of the quota of this token in the current window, as `"<limit>-in-1min"; r=<remaining>; t=<seconds until the window resets>` ' +
      '(draft-ietf-httpapi-ratelimit-headers-08). Sent on every answer to an authenticated request while API_RATE_LIMIT is not 0.',
    schema: { type: 'string' },
    example: '"600-in-1min"; r=599; t=60',
  },
  'RateLimit-Policy': {
    description:
      'The quota of each token: `"<limit>-in-1min"; q=<requests>; w=60` (draft-ietf-httpapi-ratelimit-headers-08). Sent with RateLimit.',
    schema: { type: 'string' },
    example: '"600-in-1min"; q=600; w=60; pk=:ZmE2YTZkNjA2Mzg2:',
  },
  'Retry-After': {
    description: 'Seconds to wait before repeating the same request.',
    schema: { type: 'integer', minimum: 0 },
    example: 5,
  },
  'Idempotent-Replayed': {
    description:
      '`true` when this is the stored answer of an earlier request with the same `Idempotency-Key` and body, replayed: nothing was done again.',
    schema: { type: 'string', enum: ['true'] },
  },
};

const retryAfter = { 'Retry-After': { $ref: '#/components/headers/Retry-After' } };

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
        'whose `detail` says what to fix, and whose `type` is a page describing the problem (`/problems/<type>`). ' +
        'Routes under /v1 need `Authorization: Bearer <token>` and are rate-limited per token (RateLimit headers). ' +
        'POSTs without an id of their own accept an `Idempotency-Key` header.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    // No `jsonSchemaDialect`: the default of OpenAPI 3.1, the OAS base dialect (JSON Schema 2020-12 with the OAS
    // vocabulary), describes these schemas; naming 2020-12 itself made Swagger UI warn that it does not support it.
    servers: [{ url: '/', description: 'The API process that serves this document.' }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A credential made with `rulebook credentials create` (it holds the scopes it was given; each operation names the one ' +
            'it needs in `security` and `x-required-scope`), or a token of API_TOKENS (every scope; customers:read-personal only ' +
            'when listed in API_PERSONAL_DATA_TOKENS). Scopes: ' +
            Object.entries(scopes)
              .map(([scope, meaning]) => `\`${scope}\`: ${meaning}`)
              .join(' '),
        },
      },
      schemas: Object.fromEntries([...schemas].map(([title, schema]) => [title, embeddable(schema)])),
      headers: headerComponents,
      parameters: {
        IdempotencyKey: {
          name: idempotencyKeyHeader,
          in: 'header',
          required: false,
          description:
            'A key the client makes up (a UUID) to repeat this request safely: the same key with the same body, by the same token within ' +
            '24 hours, answers the stored answer again (`Idempotent-Replayed: true`) without doing anything again; the same key with ' +
            'another body answers 422; while the first request with the key is still running, a repeat answers 409. Only successful ' +
            'answers are kept: after an error the key may be used again. 1 to 255 printable ASCII characters.',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
        },
      },
    },
    paths,
  };
}

function operation(route: ApiRoute) {
  const parameters: Array<Record<string, unknown>> = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description: `The ${(name ?? '').replace(/Id$/, '')} id: 1 to 128 letters, digits, ".", "_", ":" or "-".`,
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
  }));
  for (const query of route.query) {
    const schema =
      query.type === 'integer' || query.type === 'boolean'
        ? { type: query.type }
        : { type: 'string', ...(query.pattern && { pattern: query.pattern }), ...(query.enum && { enum: [...query.enum] }) };
    parameters.push({ name: query.name, in: 'query', required: false, description: query.description, schema });
  }
  if (route.idempotencyKey) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });

  const responses: Record<string, Record<string, unknown>> = {};
  for (const [status, response] of Object.entries(route.responses)) responses[status] = documented(route, Number(status), response);
  const problem = (description: string, headers?: Record<string, unknown>) => ({
    description,
    ...(headers && { headers }),
    content: problemContent,
  });
  if (route.upload) {
    responses['413'] ??= problem('The file is larger than the limit.');
    responses['415'] ??= problem('The file is not CSV or XLSX.');
  }
  if (route.requestBody) {
    responses['400'] ??= problem('The body is not valid JSON, or cannot be read as its Content-Encoding says.');
    responses['413'] ??= problem('The body is larger than 1 MB, or holds more than 10,000 values.');
    responses['415'] ??= problem('The body is not sent as application/json.');
    responses['422'] ??= problem('The body does not match the schema; `errors` lists each problem.');
  }
  if (route.idempotencyKey) {
    const inFlight = 'The first request with this `Idempotency-Key` is still running: repeat it after `Retry-After` seconds.';
    const reused = 'The `Idempotency-Key` was used with another request (method, path, query or body) by this token.';
    responses['409'] = responses['409']
      ? { ...responses['409'], description: `${String(responses['409'].description)} Or: ${lowerFirst(inFlight)}` }
      : problem(inFlight);
    responses['409'].headers = { ...(responses['409'].headers as object | undefined), ...retryAfter };
    responses['422'] = responses['422']
      ? { ...responses['422'], description: `${String(responses['422'].description)} Or: ${lowerFirst(reused)}` }
      : problem(reused);
  }
  if (isAuthenticated(route)) {
    responses['401'] ??= problem('Missing or invalid bearer token.');
    responses['403'] ??= problem(`The credential does not hold the scope \`${route.scope}\` (\`requiredScope\` names it).`);
    responses['429'] ??= problem('The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds.', retryAfter);
    responses['503'] ??= problem(
      'The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds.',
      retryAfter,
    );
  } else if (!Object.keys(responses).some((status) => status.startsWith('4'))) {
    // Every route, a probe too, takes a body only as JSON: anything else is refused before the handler runs.
    responses['415'] ??= problem('A body was sent that is not JSON (a probe takes no body).');
  }
  for (const [status, response] of Object.entries(responses)) {
    if (isAuthenticated(route) && status !== '401') response.headers = { ...rateLimitHeaders, ...(response.headers as object | undefined) };
    if (status === '503' && response.content && !('Retry-After' in ((response.headers as object | undefined) ?? {})))
      response.headers = { ...(response.headers as object | undefined), ...retryAfter };
  }
  if (route.idempotencyKey) {
    for (const [status, response] of Object.entries(responses)) {
      if (status.startsWith('2'))
        response.headers = {
          ...(response.headers as object | undefined),
          [idempotentReplayedHeader]: { $ref: '#/components/headers/Idempotent-Replayed' },
        };
    }
  }
  return {
    operationId: operationId(route),
    summary: route.summary,
    ...(route.description && { description: route.description }),
    tags: [route.tag],
    security: isAuthenticated(route) ? [{ bearer: [route.scope] }] : [],
    ...(isAuthenticated(route) && { 'x-required-scope': route.scope }),
    ...(parameters.length > 0 && { parameters }),
    ...(route.requestBody && {
      requestBody: { required: !route.requestBodyOptional, content: { 'application/json': { schema: ref(route.requestBody) } } },
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

/** One declared answer as an OpenAPI response object; a 2xx answer with a body but no schema is refused. */
function documented(route: ApiRoute, status: number, response: ApiResponse): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  if (response.location) headers.Location = { description: response.location, schema: { type: 'string', format: 'uri-reference' } };
  if (status === 429 || status === 503) Object.assign(headers, retryAfter);
  let content: Record<string, unknown> | undefined;
  if (response.contentType) {
    const types = typeof response.contentType === 'string' ? [response.contentType] : response.contentType;
    content = Object.fromEntries(types.map((type) => [type, { schema: response.schema ? schemaOf(response.schema) : { type: 'string' } }]));
  } else if (response.schema) {
    const mediaType = response.schema === 'Problem' ? 'application/problem+json' : 'application/json';
    content = { [mediaType]: { schema: schemaOf(response.schema) } };
  } else if (status >= 200 && status < 300 && status !== 204) {
    throw new Error(
      `${route.method.toUpperCase()} ${route.path}: the ${status} answer has no schema. Declare its body (\`schema\`: a schema title in ` +
        'schemas/api or an inline JSON Schema; `contentType` for a body that is not JSON) so that the OpenAPI document describes it.',
    );
  }
  return {
    description: response.description,
    ...(Object.keys(headers).length > 0 && { headers }),
    ...(content && { content }),
  };
}

function lowerFirst(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

function schemaOf(schema: string | InlineSchema) {
  return typeof schema === 'string' ? ref(schema) : schema;
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
