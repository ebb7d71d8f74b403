/**
 * Starts the embedded PostgreSQL server of the data directory given as the first argument in a
 * process of its own, prints `ready <adminUrl>`, and runs until killed (tests kill it with SIGKILL,
 * or start it as another user).
 */
import { startEmbeddedPostgres } from '../../src/store/embedded-postgres/embedded-postgres';
import { createLogger } from '../../src/logging/logger';

const server = await startEmbeddedPostgres({
  dataDir: process.argv[2]!,
  logger: createLogger({ level: 'warn', pretty: false }),
  joinRunning: false,
});
console.log(`ready ${server.adminUrl}`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
setInterval(() => {}, 60_000);
