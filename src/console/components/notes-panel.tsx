/** A customer's notes, newest first, and a form to add one (recorded as the signed-in person). */
import { useState } from 'preact/hooks';
import { answer, api, asProblem, useLoad, type ProblemError } from '../api-client';
import { ProblemMessage } from './problem-message';

/** `writable` false (an erased customer): the notes are shown, no new one may be added. */
export function NotesPanel({ customerId, onChange, writable }: { customerId: string; onChange: () => void; writable: boolean }) {
  const notes = useLoad(() => answer(api.GET('/v1/customers/{customerId}/notes', { params: { path: { customerId } } })), [customerId]);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<ProblemError>();
  const add = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    try {
      await answer(api.POST('/v1/customers/{customerId}/notes', { params: { path: { customerId } }, body: { text } }));
      setText('');
      notes.reload();
      onChange();
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  return (
    <section class="card" aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      <ProblemMessage problem={notes.problem} />
      <ul class="notes">
        {notes.data?.notes.map((note) => (
          <li key={note.id}>
            <p>{note.text}</p>
            <p class="muted">
              {note.author}, {new Date(note.createdAt).toLocaleString()}
            </p>
          </li>
        ))}
      </ul>
      {writable && (
        <form onSubmit={(event) => void add(event)}>
          <label for="note-text">Add a note</label>
          <textarea id="note-text" rows={2} value={text} onInput={(event) => setText(event.currentTarget.value)} />
          <button type="submit">Add note</button>
          <ProblemMessage problem={problem} />
        </form>
      )}
    </section>
  );
}
