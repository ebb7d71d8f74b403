import type { Request, Response } from 'express';
import type { ApiSchemaTypes } from './generated/api-types';

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
  /** False only for probes that must answer without a token. */
  auth: boolean;
  /** Title of the schema in schemas/api that the body must match. */
  requestBody?: keyof ApiSchemaTypes;
  /** The body is a file (CSV or XLSX), not JSON. */
  upload?: boolean;
  /** Query parameters, documented in the OpenAPI document (text values; `pattern` when the route refuses others). */
  query?: ReadonlyArray<{ name: string; description: string; pattern?: string }>;
  responses: Record<number, { description: string; schema?: string }>;
  handle: (req: Request, res: Response) => unknown;
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
