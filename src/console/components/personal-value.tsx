/**
 * A personal value (email, phone, name) masked in the page until the person asks to see it: a
 * screen seen over a shoulder or shared in a call shows `a•••@example.com`. The value stays in
 * memory only, never in the URL. When the API already masked it (the token lacks
 * customers:read-personal), there is nothing to reveal.
 */
import { useState } from 'preact/hooks';
import { maskEmail, maskName, maskPhone } from '../../access/masking';

export type PersonalKind = 'email' | 'phone' | 'name';

const masks: Record<PersonalKind, (value: string) => string> = { email: maskEmail, phone: maskPhone, name: maskName };

export function PersonalValue({ kind, value }: { kind: PersonalKind; value: string | null | undefined }) {
  const [revealed, setRevealed] = useState(false);
  if (!value) return <span class="muted">none</span>;
  const maskedByApi = value.includes('•');
  if (maskedByApi) return <span title="Masked by the API: this token may not read personal data">{value}</span>;
  return (
    <span class="personal">
      <span data-personal={kind}>{revealed ? value : masks[kind](value)}</span>{' '}
      <button type="button" class="link" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
        {revealed ? `Hide ${kind}` : `Reveal ${kind}`}
      </button>
    </span>
  );
}
