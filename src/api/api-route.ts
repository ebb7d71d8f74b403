import type { Request, Response } from 'express';
import type { ApiSchemaTypes } from './generated/api-types';
import type { Scope } from '../access/scopes';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One route of the API: how it is served and how it is documented. The OpenAPI document is built
 * from the same list the router is, so the two cannot drift apart.
 */
export interface ApiRoute {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. `/v1/customers/{customerId}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /**
   * The scope a caller's credential must hold (src/api/scopes.ts): a token lacking it is answered 403
   * naming it. `public` only for the probes and pages that answer without a token.
   */
  scope: Scope | 'public';
  /** Title of the schema in schemas/api that the body must match. */
  requestBody?: keyof ApiSchemaTypes;
  /** The body may be left out (the route then takes its defaults). */
  requestBodyOptional?: true;
  /** The body is a file (CSV or XLSX), not JSON. */
  upload?: boolean;
  /**
   * Every query parameter the route reads, documented in the OpenAPI document; `[]` when it reads none. Required, so that a
   * new route cannot leave its parameters undocumented.
   */
  query: readonly QueryParameter[];
  /**
   * Every answer, by status. A 2xx answer with a body must name its `schema` (or its non-JSON `contentType`): building the
   * OpenAPI document throws otherwise (src/api/openapi.ts). 401, 429 and 503 of authenticated routes, and 400/415/422 of
   * routes with a body, are added by the document builder.
   */
  responses: Record<number, ApiResponse>;
  /**
   * The POST has no natural id in its body: it accepts an `Idempotency-Key` header (src/api/idempotency.ts), so that a client
   * may repeat it safely. Routes idempotent by an id in the body or path leave this out.
   */
  idempotencyKey?: boolean;
  /** A read recorded in the audit trail as writes are (it reveals personal data: encrypted attributes, an export file). */
  audited?: true;
  /** Fields of the JSON body that hold ids, recorded in the audit trail with the path's (e.g. the `duplicateId` of a merge). */
  auditedBodyIds?: readonly string[];
  handle: (req: Request, res: Response) => unknown;
}

/** A query parameter of a route: a text unless `type` says otherwise; `pattern` / `enum` when the route refuses others. */
export interface QueryParameter {
  name: string;
  description: string;
  type?: 'string' | 'integer' | 'boolean';
  pattern?: string;
  enum?: readonly string[];
}

/** An inline JSON Schema of an answer (for answers that have no schema file in schemas/api). */
export type InlineSchema = Record<string, unknown>;

/** One documented answer of a route. */
export interface ApiResponse {
  description: string;
  /** The title of a schema in schemas/api, or an inline JSON Schema, of a JSON (or problem+json) body. */
  schema?: string | InlineSchema;
  /** The media type(s) of a body that is not JSON (a CSV file, Prometheus text, an HTML page). */
  contentType?: string | readonly string[];
  /** The answer carries a Location header: what it points to. */
  location?: string;
}

/** The express path for an OpenAPI path: `{customerId}` becomes `:customerId`. */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/** A path parameter, which express 5 always provides for a matched route. */
export function pathParam(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string') throw new Error(`Route has no path parameter ${name}`);
  return value;
}

/** Whether the route needs a bearer token. */
export function isAuthenticated(route: Pick<ApiRoute, 'scope'>): route is { scope: Scope } {
  return route.scope !== 'public';
}
