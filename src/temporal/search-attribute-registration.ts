/**
 * Rulebook's search attributes (workflows/search-attributes.ts) must exist in the namespace before a
 * workflow sets them: Temporal refuses a start or an upsert naming an unknown one. Every worker checks
 * them at start and registers those missing (operator service, as `temporal operator
 * search-attribute create` does); where it may not (Temporal Cloud: only `tcld` or the Cloud UI add
 * them), it stops with the commands that do. The dev server of `npm start` and of the tests gets them
 * at launch (`temporal server start-dev --search-attribute`, src/temporal/dev-server.ts).
 */
import type { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import proto from '@temporalio/proto';
import { rulebookSearchAttributes } from '../../workflows/search-attributes';

// @temporalio/proto is CommonJS: under Node's ESM loader only its default export is visible.
const { IndexedValueType } = proto.temporal.api.enums.v1;

/** The type as the CLI and the dev server's `--search-attribute NAME=TYPE` write it. */
export function cliTypeName(type: SearchAttributeType): string {
  return {
    KEYWORD: 'Keyword',
    DATETIME: 'Datetime',
    TEXT: 'Text',
    INT: 'Int',
    DOUBLE: 'Double',
    BOOL: 'Bool',
    KEYWORD_LIST: 'KeywordList',
  }[type];
}

/** `--search-attribute NAME=TYPE` flags of `temporal server start-dev` for every Rulebook search attribute. */
export function devServerSearchAttributeFlags(): string[] {
  return rulebookSearchAttributes.flatMap((attribute) => ['--search-attribute', `${attribute.name}=${cliTypeName(attribute.type)}`]);
}

/** The commands an operator runs once per namespace when the worker may not register the attributes itself. */
export function searchAttributeCommands(namespace: string): string[] {
  return rulebookSearchAttributes.map(
    (attribute) =>
      `temporal operator search-attribute create --namespace ${namespace} --name ${attribute.name} --type ${cliTypeName(attribute.type)}`,
  );
}

/** A Rulebook search attribute is missing (and cannot be added here) or registered with another type. */
export class SearchAttributeRegistrationError extends Error {
  override name = 'SearchAttributeRegistrationError';
}

function indexedType(type: SearchAttributeType): number {
  return IndexedValueType[`INDEXED_VALUE_TYPE_${type}` as keyof typeof IndexedValueType];
}

/**
 * Registers the Rulebook search attributes missing in `namespace`; returns their names. Throws a
 * SearchAttributeRegistrationError, saying what to run, when one has another type or cannot be added.
 */
export async function ensureSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<string[]> {
  const listed = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Map<string, number>([
    ...Object.entries(listed.customAttributes ?? {}),
    ...Object.entries(listed.systemAttributes ?? {}),
  ]);
  const wrong = rulebookSearchAttributes.filter(
    (attribute) => known.has(attribute.name) && known.get(attribute.name) !== indexedType(attribute.type),
  );
  if (wrong.length > 0) {
    throw new SearchAttributeRegistrationError(
      `The search attributes ${wrong.map((attribute) => `${attribute.name} (needs ${cliTypeName(attribute.type)})`).join(', ')} ` +
        `of namespace ${namespace} have another type. Remove them (temporal operator search-attribute remove) and start again.`,
    );
  }
  const missing = rulebookSearchAttributes.filter((attribute) => !known.has(attribute.name));
  if (missing.length === 0) return [];
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((attribute) => [attribute.name, indexedType(attribute.type)])),
    });
  } catch (error) {
    throw new SearchAttributeRegistrationError(
      `The search attributes ${missing.map((attribute) => attribute.name).join(', ')} are not registered in namespace ${namespace}, ` +
        `and this worker may not add them (${(error as Error).message}). Register them once, then start again:\n  ` +
        `${searchAttributeCommands(namespace).join('\n  ')}\n(Temporal Cloud: tcld namespace search-attributes add, or the Cloud UI.)`,
    );
  }
  return missing.map((attribute) => attribute.name);
}

/**
 * Adds every Rulebook search attribute without looking first: for servers that cannot list them
 * (the time-skipping test server implements only the addition).
 */
export async function addSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(rulebookSearchAttributes.map((attribute) => [attribute.name, indexedType(attribute.type)])),
  });
}
