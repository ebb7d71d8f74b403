/**
 * The types the API checks bodies with are generated from schemas/api, and the console's from the OpenAPI document: a schema
 * or route changed without regenerating them fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypesFile, consoleApiTypesFile, renderApiTypes, renderConsoleApiTypes } from '../../../scripts/generate-api-types';

describe('generated API types', () => {
  it('are up to date with schemas/api (run `npm run api:types` after changing a schema)', async () => {
    expect(readFileSync(apiTypesFile, 'utf8')).toBe(await renderApiTypes());
  });

  it("of the console are up to date with the routes (run `npm run api:types` after changing a route's parameters or answers)", async () => {
    expect(readFileSync(consoleApiTypesFile, 'utf8')).toBe(await renderConsoleApiTypes());
  });
});
