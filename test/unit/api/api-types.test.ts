/** The types the API checks bodies with are generated from schemas/api: a schema changed without regenerating them fails here. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypesFile, renderApiTypes } from '../../../scripts/generate-api-types';

describe('generated API types', () => {
  it('are up to date with schemas/api (run `npm run api:types` after changing a schema)', async () => {
    expect(readFileSync(apiTypesFile, 'utf8')).toBe(await renderApiTypes());
  });
});
