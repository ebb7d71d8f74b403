/** Test processes log the Temporal SDK's warnings and errors only, through the same bridge as production. */
import { createLogger } from '../../src/logging/logger';
import { installSdkLogger } from '../../src/logging/sdk-logger';

installSdkLogger(createLogger({ level: process.env.LOG_LEVEL ?? 'warn', pretty: false }));
