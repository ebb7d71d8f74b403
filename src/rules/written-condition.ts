/** A compiled condition back in the form the analyst wrote it (all / any / not and leaves), for showing it. */
import type { CompiledCondition, CompiledLeaf } from './check-conditions';

export type WrittenCondition =
  { all: WrittenCondition[] } | { any: WrittenCondition[] } | { not: WrittenCondition } | CompiledLeaf['written'];

/** The condition as written in the rule file. */
export function writtenCondition(condition: CompiledCondition): WrittenCondition {
  switch (condition.kind) {
    case 'all':
      return { all: condition.children.map(writtenCondition) };
    case 'any':
      return { any: condition.children.map(writtenCondition) };
    case 'not':
      return { not: writtenCondition(condition.child) };
    case 'leaf':
      return condition.written;
  }
}
