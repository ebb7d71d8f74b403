import type { RuleSet } from './rule-set';

/** Ids of the attributes kept in `customers.attributes` that hold personal data (erased with the customer). */
export function personalAttributeIds(ruleSet: RuleSet): string[] {
  return [...ruleSet.attributes.values()]
    .filter((attribute) => attribute.personal && attribute.source === 'attribute')
    .map((attribute) => attribute.id);
}
