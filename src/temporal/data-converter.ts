import type { DataConverter } from '@temporalio/common';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EncryptionCodec } from './encryption-codec';

/**
 * The failure converter module. The SDK loads it by path everywhere: `require`d by the worker and
 * the client (`loadDataConverter` in @temporalio/common), bundled into the workflow code by
 * `bundleWorkflowCode`, so activities, workflows and the client encode failures alike.
 */
export const failureConverterPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'failure-converter.ts');

/**
 * The data converter of Rulebook's client and worker: encrypted payloads and failure messages.
 *
 * A plain DataConverter (codecs and module paths), never a loaded one: `Worker.create` reads only
 * `payloadConverterPath`, `failureConverterPath` and `payloadCodecs`, and silently drops the
 * `failureConverter` of an already-loaded converter — activity failures then reached the history
 * in clear. The Client accepts the same object and loads the same paths.
 */
export function rulebookDataConverter(keys: { current: Buffer; previous: Buffer[] }): DataConverter {
  return { failureConverterPath, payloadCodecs: [new EncryptionCodec(keys.current, keys.previous)] };
}

/** Refuses a converter that Worker.create would partly ignore (a loaded one, or one without the failure converter). */
export function assertWorkerDataConverter(dataConverter: DataConverter): void {
  if ('failureConverter' in dataConverter || 'payloadConverter' in dataConverter) {
    throw new TypeError(
      'Worker.create ignores a loaded failureConverter/payloadConverter: pass rulebookDataConverter(…), which names them by path.',
    );
  }
  if (dataConverter.failureConverterPath !== failureConverterPath || !dataConverter.payloadCodecs?.length) {
    throw new TypeError('The worker needs the encrypting failure converter and the payload codec: pass rulebookDataConverter(…).');
  }
}
