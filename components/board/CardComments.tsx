'use client';
import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import type { CardView } from '@/lib/board/doc';
import { addComment, type CardComment } from '@/lib/board/ops';
import type { Messages } from '@/lib/i18n/messages';

/**
 * A card's comments (a roadmap activity's or a pair's): the list and, for who may write, the
 * form. Only well-formed comments are drawn: a bad peer's value must not take the dialog down.
 */
export function CardComments({
  doc,
  card,
  m,
  me,
  people,
  canComment,
  titleId,
}: {
  doc: Y.Doc;
  card: CardView;
  m: Messages['board'];
  me: { id: string; name: string };
  people: readonly { id: string; name: string }[];
  canComment: boolean;
  titleId: string;
}) {
  const [comment, setComment] = useState('');
  const comments = Array.isArray(card.fields.comments)
    ? (card.fields.comments as CardComment[]).filter((c) => c && typeof c === 'object' && typeof c.id === 'string' && typeof c.text === 'string' && typeof c.at === 'string')
    : [];
  const nameOf = (id: string) => (id === me.id ? me.name : (people.find((p) => p.id === id)?.name ?? '—'));
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) return;
    addComment(doc, card.id, { authorId: me.id, at: new Date().toISOString(), text: comment });
    setComment('');
  };
  return (
    <section className="field" aria-labelledby={titleId}>
      <h3 id={titleId}>{m.comments}</h3>
      <ul className="comments">
        {comments.map((c) => (
          <li key={c.id}>
            <strong>{nameOf(c.authorId)}</strong> <time className="hint" dateTime={c.at}>{new Date(c.at).toLocaleString()}</time>
            <p>{c.text}</p>
          </li>
        ))}
      </ul>
      {canComment && (
        <form onSubmit={send} className="inline-form">
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} aria-label={m.addComment} placeholder={m.addComment} rows={2} />
          <button type="submit">{m.send}</button>
        </form>
      )}
    </section>
  );
}
