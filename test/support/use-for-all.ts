/** Resources that live for the tests of one file or `describe` block. */
import { afterAll, beforeAll } from 'vitest';

/**
 * Registers `beforeAll` to start a resource and `afterAll` to stop it, in the file or `describe`
 * block it is called in, and returns an accessor to it. Reading the accessor outside those tests
 * (at collection time, or after a failed start) throws instead of handing out `undefined`.
 */
export function useForAll<T>(what: string, start: () => Promise<T>, stop: (resource: T) => Promise<void>): () => T {
  let resource: T | undefined;
  beforeAll(async () => {
    resource = await start();
  });
  afterAll(async () => {
    const started = resource;
    resource = undefined;
    if (started !== undefined) await stop(started);
  });
  return () => {
    if (resource === undefined) throw new Error(`${what} is only there inside the tests of the block that uses it, once it has started`);
    return resource;
  };
}
