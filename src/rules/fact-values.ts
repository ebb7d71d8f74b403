/**
 * Facts as evaluation sees them: a flat map from attribute or fact id to value. Ids are plain
 * snake_case names resolved as own properties — never jsonpath, never the prototype chain.
 */
export type FactValues = Readonly<Record<string, unknown>>;

/** The value of fact `id`, or undefined when the customer has none. */
export function factValue(facts: FactValues, id: string): unknown {
  return Object.hasOwn(facts, id) ? facts[id] : undefined;
}
