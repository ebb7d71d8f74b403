import { defaultPayloadConverter, type LoadedDataConverter } from '@temporalio/common';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EncryptionCodec } from './encryption-codec';
import { failureConverter } from './failure-converter';

/** The failure converter module, bundled into the workflow code so workflows encode failures too. */
export const failureConverterPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'failure-converter.ts');

/** The data converter of Rulebook's client and worker: encrypted payloads and failure messages. */
export function rulebookDataConverter(keys: { current: Buffer; previous: Buffer[] }): LoadedDataConverter {
  return { payloadConverter: defaultPayloadConverter, failureConverter, payloadCodecs: [new EncryptionCodec(keys.current, keys.previous)] };
}
