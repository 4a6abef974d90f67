'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import * as Y from 'yjs';
import { RECURRENCES, removeCard, updateCard } from '@/lib/board/ops';
import { CardComments } from './CardComments';
import type { CardView } from '@/lib/board/doc';
import type { Messages } from '@/lib/i18n/messages';
import { useYText } from './useYText';

type Props = {
  doc: Y.Doc;
  boardId: string;
  card: CardView;
  m: Messages['board'];
  canEdit: boolean;
  me: { id: string; name: string };
  people: { id: string; name: string }[];
  onClose: () => void;
};

/**
 * A plain-field input that writes once, on blur or Enter (not per keystroke, which would
 * flood the audit trail), and follows others' changes while it is not being edited.
 */
function CommitInput(props: { value: string; onCommit: (v: string) => void; readOnly: boolean; type?: string; label?: string }) {
  const [draft, setDraft] = useState(props.value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(props.value);
  }, [props.value, focused]);
  const commit = () => draft !== props.value && props.onCommit(draft);
  return (
    <input
      type={props.type ?? 'text'}
      value={draft}
      readOnly={props.readOnly}
      aria-label={props.label}
      onFocus={() => setFocused(true)}
      onChange={(e) => {
        setDraft(e.target.value);
        if (props.type === 'date') props.onCommit(e.target.value);
      }}
      onBlur={() => {
        setFocused(false);
        commit();
      }}
      onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), commit())}
    />
  );
}

type Deadline = { text: string; start: string | null; end: string | null; recurrence: string };
const newId = () => globalThis.crypto.randomUUID();

/** The card's full editor: co-edited title and description, and every field of an activity. */
export function CardDialog({ doc, boardId, card, m, canEdit, me, people, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const ymap = doc.getMap<Y.Map<unknown>>('cards').get(card.id);
  const title = useYText(ymap?.get('title') as Y.Text | undefined);
  const description = useYText(ymap?.get('description') as Y.Text | undefined);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const f = card.fields;
  const set = (patch: Record<string, unknown>) => canEdit && updateCard(doc, card.id, patch as never);
  const deadline: Deadline = { text: '', start: null, end: null, recurrence: 'once', ...(f.deadline as Partial<Deadline> | undefined) };
  const setDeadline = (patch: Partial<Deadline>) => set({ deadline: { ...deadline, ...patch } });
  const responsible = Array.isArray(f.responsible) ? (f.responsible as string[]) : [];
  const checklist = Array.isArray(f.checklist) ? (f.checklist as { id: string; text: string; done: boolean }[]) : [];

  const addResponsible = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = e.currentTarget.elements.namedItem('who') as HTMLInputElement;
    const who = input.value.trim();
    if (who && !responsible.includes(who)) set({ responsible: [...responsible, who] });
    input.value = '';
  };
  const addItem = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = e.currentTarget.elements.namedItem('item') as HTMLInputElement;
    const text = input.value.trim();
    if (text) set({ checklist: [...checklist, { id: newId(), text, done: false }] });
    input.value = '';
  };
  const remove = () => {
    if (window.confirm(m.confirmRemoveCard(card.title))) {
      removeCard(doc, card.id);
      onClose();
    }
  };

  return (
    <dialog ref={ref} className="card-dialog" aria-labelledby="card-dialog-title" onClose={onClose} onCancel={onClose}>
      <div className="dialog-head">
        <h2 id="card-dialog-title" className="sr-only">{card.title}</h2>
        <label className="grow">
          <span className="sr-only">{m.title}</span>
          <input ref={title.ref} className="title-input" value={title.value} onChange={title.onChange} readOnly={!canEdit} aria-label={m.title} />
        </label>
        <button type="button" onClick={() => ref.current?.close()} aria-label={m.close}>×</button>
      </div>
      <div className="dialog-grid">
        <div className="dialog-main">
          <label className="field">
            {m.description}
            <textarea ref={description.ref} value={description.value} onChange={description.onChange} rows={6} readOnly={!canEdit} />
          </label>

          <fieldset className="field">
            <legend>{m.checklist}</legend>
            <ul className="checklist">
              {checklist.map((item) => (
                <li key={item.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={item.done}
                      disabled={!canEdit}
                      onChange={(e) => set({ checklist: checklist.map((c) => (c.id === item.id ? { ...c, done: e.target.checked } : c)) })}
                    />{' '}
                    {item.text}
                  </label>
                  {canEdit && (
                    <button type="button" className="link-button" onClick={() => set({ checklist: checklist.filter((c) => c.id !== item.id) })} aria-label={`${m.remove}: ${item.text}`}>
                      ×
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {canEdit && (
              <form onSubmit={addItem} className="inline-form">
                <input name="item" aria-label={m.addItem} placeholder={m.addItem} />
                <button type="submit">{m.add}</button>
              </form>
            )}
          </fieldset>

          <CardComments doc={doc} card={card} m={m} me={me} people={people} canComment={canEdit} titleId="comments-title" />
        </div>

        <div className="dialog-side">
          <label className="field">
            {m.status}
            <select value={String(f.status ?? 'todo')} disabled={!canEdit} onChange={(e) => set({ status: e.target.value })}>
              {Object.entries(m.statuses).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </label>
          <fieldset className="field">
            <legend>{m.deadline}</legend>
            <label>
              {m.deadlineText}
              <CommitInput value={deadline.text} readOnly={!canEdit} onCommit={(text) => setDeadline({ text })} />
            </label>
            <label>
              {m.deadlineStart}
              <CommitInput type="date" value={deadline.start ?? ''} readOnly={!canEdit} onCommit={(v) => setDeadline({ start: v || null })} />
            </label>
            <label>
              {m.deadlineEnd}
              <CommitInput type="date" value={deadline.end ?? ''} readOnly={!canEdit} onCommit={(v) => setDeadline({ end: v || null })} />
            </label>
            <label>
              {m.recurrence}
              <select value={deadline.recurrence} disabled={!canEdit} onChange={(e) => setDeadline({ recurrence: e.target.value })}>
                {RECURRENCES.map((r) => <option key={r} value={r}>{m.recurrences[r]}</option>)}
              </select>
            </label>
          </fieldset>
          <fieldset className="field">
            <legend>{m.responsible}</legend>
            <ul className="chips">
              {responsible.map((r) => (
                <li key={r} className="chip">
                  {r}
                  {canEdit && (
                    <button type="button" className="link-button" onClick={() => set({ responsible: responsible.filter((x) => x !== r) })} aria-label={`${m.remove}: ${r}`}>
                      ×
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {canEdit && (
              <form onSubmit={addResponsible} className="inline-form">
                <input name="who" list={`people-${boardId}`} aria-label={m.addResponsible} placeholder={m.addResponsible} />
                <datalist id={`people-${boardId}`}>{people.map((p) => <option key={p.id} value={p.name} />)}</datalist>
                <button type="submit">{m.add}</button>
              </form>
            )}
          </fieldset>
          <label className="field">
            {m.result}
            <CommitInput value={String(f.result ?? '')} readOnly={!canEdit} onCommit={(result) => set({ result: result || null })} />
          </label>
          <p>
            <a href={`/boards/${boardId}/history?card=${encodeURIComponent(card.id)}`}>{m.history}</a>
          </p>
          {canEdit && (
            <button type="button" className="danger" onClick={remove}>
              {m.removeCard}
            </button>
          )}
        </div>
      </div>
    </dialog>
  );
}
