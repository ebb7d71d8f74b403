import { defineConfig } from 'vitest/config';

/**
 * Two projects, told apart by folder:
 * - `unit` (test/unit/): pure code — rules, calendar, config, table files, error serializer. No
 *   server, no database, no workflow bundle; `npm run test:unit` runs it in seconds.
 * - `integration` (everything else under test/): one Temporal dev server, one PostgreSQL server and
 *   one workflow bundle per run, started by test/support/global-setup.ts; each file takes what it
 *   needs from test/support (useTestSystem, useTestDatabase, useTimeSkippingWorld).
 * `npm test` runs both.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Two cores: two test files at a time keep the dev server responsive.
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/quiet-sdk-logs.ts'],
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
