import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import * as Y from 'yjs';
import { getDb } from '@/db';
import { getBoardFor, loadBoardState } from '@/db/queries/boards';
import { readBoard } from '@/lib/board/doc';
import { isAppError } from '@/lib/errors';
import { messagesFor } from '@/lib/i18n/messages';
import { currentLocale } from '../../_lib/i18n';
import { currentUser } from '../../_lib/session';

export const dynamic = 'force-dynamic';

const asText = (v: unknown): string =>
  Array.isArray(v) ? v.map(String).join(', ') : v && typeof v === 'object' && 'text' in v ? String((v as { text: unknown }).text) : v == null ? '' : String(v);

// GET /boards/[id] – the board's content, read-only, until the live board UI lands.
export default async function BoardPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  const { id } = await params;
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/boards/${id}`)}`);
  const m = messagesFor(await currentLocale());
  const db = getDb();
  let board;
  try {
    board = await getBoardFor(db, user.principal, id);
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) notFound();
    throw err;
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await loadBoardState(db, board.id));
  const view = readBoard(doc);

  return (
    <section className="page">
      <p>
        <Link href="/">← {m.board.back}</Link>
      </p>
      <h1>{board.title}</h1>
      <p className="hint">
        {m.kinds[board.kind]}
        {board.periodFrom ? ` · ${board.periodFrom}–${board.periodTo}` : ''}
      </p>
      <p className="notice">{m.board.placeholder}</p>
      <div className="columns" data-testid="board-columns">
        {view.columns.map((col) => (
          <section key={col.id} className="column" aria-label={col.title}>
            <h2>
              {col.title} <span className="count">{col.cards.length}</span>
            </h2>
            {col.cards.length === 0 && <p className="hint">{m.board.empty}</p>}
            <ul>
              {col.cards.map((card) => (
                <li key={card.id} className="card">
                  <strong>
                    {card.fields.number ? `${asText(card.fields.number)}. ` : ''}
                    {card.title}
                  </strong>
                  {card.fields.deadline != null && (
                    <div className="hint">
                      {m.board.deadline}: {asText(card.fields.deadline)}
                    </div>
                  )}
                  {card.fields.responsible != null && (
                    <div className="hint">
                      {m.board.responsible}: {asText(card.fields.responsible)}
                    </div>
                  )}
                  {card.fields.status != null && <span className={`badge status-${asText(card.fields.status)}`}>{m.board.statuses[asText(card.fields.status)] ?? asText(card.fields.status)}</span>}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
