/**
 * A condition tree (all / any / not and leaves) drawn readably: each leaf as "fact operator value",
 * with the value the rules saw and whether it held, when the tree comes from an evaluation.
 */
export interface ConditionNode {
  all?: ConditionNode[];
  any?: ConditionNode[];
  not?: ConditionNode;
  fact?: string;
  operator?: string;
  value?: unknown;
  factValue?: unknown;
  result?: boolean | 'not-evaluated';
  [key: string]: unknown;
}

const operatorWords: Record<string, string> = {
  equal: '=',
  equals: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: 'is one of',
  notIn: 'is none of',
  contains: 'contains',
  isTrue: 'is true',
  isFalse: 'is false',
};

function shown(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Result({ result }: { result: ConditionNode['result'] }) {
  if (result === undefined) return null;
  const word = result === 'not-evaluated' ? 'not evaluated' : result ? 'held' : 'did not hold';
  return <span class={`result result-${String(result)}`}>{word}</span>;
}

/** One node of the tree and its children. */
export function ConditionTrace({ node }: { node: ConditionNode | undefined }) {
  if (!node) return <span class="muted">no condition</span>;
  const group = node.all ? 'all of' : node.any ? 'any of' : undefined;
  const children = node.all ?? node.any;
  if (group && children) {
    return (
      <div class="condition-group">
        <span>
          {group} <Result result={node.result} />
        </span>
        <ul>
          {children.map((child, index) => (
            <li key={index}>
              <ConditionTrace node={child} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (node.not) {
    return (
      <div class="condition-group">
        <span>
          not <Result result={node.result} />
        </span>
        <ul>
          <li>
            <ConditionTrace node={node.not} />
          </li>
        </ul>
      </div>
    );
  }
  const operator = operatorWords[node.operator ?? ''] ?? node.operator;
  return (
    <span class="condition-leaf">
      <code>{node.fact}</code> {operator} {node.value !== undefined && <code>{shown(node.value)}</code>}
      {'factValue' in node && (
        <span class="saw">
          {' '}
          (saw <code>{node.factValue === undefined ? 'nothing' : shown(node.factValue)}</code>)
        </span>
      )}{' '}
      <Result result={node.result} />
    </span>
  );
}
