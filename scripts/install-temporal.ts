/** Installs (or confirms) the pinned Temporal executables and prints their paths. */
import { temporalCliPath, temporalTestServerPath } from '../src/temporal/temporal-executables';

console.log(`temporal CLI:             ${temporalCliPath()}`);
console.log(`time-skipping test server: ${temporalTestServerPath()}`);
