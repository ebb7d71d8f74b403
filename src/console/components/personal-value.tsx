/**
 * A personal value (email, phone, name) masked in the page until the person asks to see it: a
 * screen seen over a shoulder or shared in a call shows `a•••@example.com`. The value stays in
 * memory only, never in the URL. When the API already masked it (the token lacks
 * customers:read-personal, as the answer's header says), there is nothing to reveal.
 */
import { useState } from 'preact/hooks';
import { maskEmail, maskName, maskPhone } from '../../access/masking';

/** The contact fields by their masks; any other kind is a personal attribute (city, birthdate…), shown as `•••`. */
const masks: Record<string, (value: string) => string> = { email: maskEmail, phone: maskPhone, name: maskName };
const maskAttribute = () => '•••';

/**
 * `kind` names the value (email, phone, name, or an attribute id) in the reveal button's label;
 * `maskedByApi` says the API sent it masked already (nothing to reveal).
 */
export function PersonalValue({ kind, value, maskedByApi }: { kind: string; value: string | null | undefined; maskedByApi: boolean }) {
  const [revealed, setRevealed] = useState(false);
  if (!value) return <span class="muted">none</span>;
  if (maskedByApi) return <span title="Masked by the API: this token may not read personal data">{value}</span>;
  return (
    <span class="personal">
      <span data-personal={kind}>{revealed ? value : (masks[kind] ?? maskAttribute)(value)}</span>{' '}
      <button type="button" class="link" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
        {revealed ? `Hide ${kind}` : `Reveal ${kind}`}
      </button>
    </span>
  );
}
