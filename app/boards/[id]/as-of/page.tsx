import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import * as Y from 'yjs';
import { getDb } from '@/db';
import { boardAsOf } from '@/db/queries/board-history';
import { getBoardFor, loadBoardState } from '@/db/queries/boards';
import { isAppError } from '@/lib/errors';
import { compareBoards } from '@/lib/history/compare';
import { liveView } from '@/lib/history/replay';
import { dayStart, formatMoment, localMoment, toLocalMoment } from '@/lib/history/period';
import { messagesFor } from '@/lib/i18n/messages';
import { Forbidden } from '@/components/ui/Forbidden';
import { AsOfPicker } from '@/components/history/AsOfPicker';
import { currentLocale } from '../../../_lib/i18n';
import { currentUser } from '../../../_lib/session';

export const dynamic = 'force-dynamic';

/** `at` as the picker sends it (YYYY-MM-DDTHH:mm, Moscow time), a day (its first instant, Moscow), or an instant (the step links). */
function momentOf(at: string | undefined): Date | null {
  if (!at) return null;
  const local = localMoment(at) ?? (dayStart(at) ? new Date(dayStart(at)!) : undefined);
  if (local) return local;
  const t = Date.parse(at);
  return /^\d{4}-\d{2}-\d{2}T/.test(at) && !Number.isNaN(t) ? new Date(t) : null;
}

// GET /boards/[id]/as-of?at= – the board read-only as it was at a moment, rebuilt from its audit
// trail, with what has changed since marked; steps through the events one by one.
export default async function BoardAsOfPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ at?: string }> }) {
  const { id } = await params;
  const { at: atParam } = await searchParams;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/boards/${id}/as-of${atParam ? `?at=${encodeURIComponent(atParam)}` : ''}`)}`);
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const h = m.history;
  const db = getDb();
  const at = momentOf(atParam) ?? new Date(Date.now() - 7 * 24 * 3600_000);
  let board;
  let then;
  try {
    board = await getBoardFor(db, user.principal, id, 'audit.read');
    then = await boardAsOf(db, user.principal, id, at);
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return <Forbidden m={m} />;
    }
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await loadBoardState(db, board.id));
  const now = liveView(doc);
  doc.destroy();
  const cmp = compareBoards(then, now);
  const step = (e: { at: string } | null, label: string) =>
    e ? (
      <Link href={`/boards/${board.id}/as-of?at=${encodeURIComponent(e.at)}`} data-testid={label === h.asOfPrev ? 'as-of-prev' : 'as-of-next'}>
        {label}
      </Link>
    ) : (
      <span className="hint" aria-disabled="true">
        {label}
      </span>
    );
  const fieldList = (names: string[]) => names.map((n) => h.fieldNames[n] ?? n).join(', ');

  return (
    <section className="page wide" data-testid="as-of">
      <p className="crumbs">
        <Link href={`/boards/${board.id}`}>← {board.title}</Link> · <Link href={`/orgs/${board.orgId}/history?boardId=${board.id}`}>{m.board.history}</Link>
      </p>
      <h1>{h.asOfTitle(board.title)}</h1>
      <AsOfPicker boardId={board.id} value={toLocalMoment(at)} locale={locale} />
      <p className="as-of-status" role="status">
        {then.eventId === null ? h.asOfNone : h.asOfAt(formatMoment(at, locale))}
      </p>
      <nav className="pager" aria-label={h.asOfControl}>
        {step(then.prev, h.asOfPrev)} {step(then.next, h.asOfNext)} <Link href={`/boards/${board.id}`}>{h.asOfNow}</Link>
      </nav>
      <p className="hint">
        {h.asOfLegend} <span className="since since-changed">{h.sinceChanged}</span> <span className="since since-deleted">{h.sinceDeleted}</span>{' '}
        <span className="since since-added">{h.sinceAdded}</span>
      </p>
      <div className="columns as-of-board" data-testid="as-of-board" role="region" aria-label={h.asOfAt(formatMoment(at, locale))} tabIndex={0}>
        {then.columns.map((col) => {
          const renamed = cmp.columns.get(col.id);
          return (
            <section key={col.id} className="column" aria-label={col.title}>
              <h2>
                {col.title}
                {cmp.columns.has(col.id) ? <span className="hint"> ({renamed === null ? h.sinceColumnGone : h.sinceColumnRenamed(renamed!)})</span> : null}
              </h2>
              <ul className="cards">
                {col.cards.map((card) => {
                  const change = cmp.then.get(card.id) ?? { kind: 'same' as const };
                  return (
                    <li key={card.id} className={`card as-of-card since-${change.kind}`} data-card={card.id} data-change={change.kind}>
                      <span className="card-title">{card.title}</span>
                      {change.kind === 'deleted' ? <span className="since since-deleted">{h.sinceDeleted}</span> : null}
                      {change.kind === 'changed' ? (
                        <span className="since since-changed">
                          {[
                            change.title || change.fields.length ? h.fieldsChanged(fieldList([...(change.title ? ['title'] : []), ...change.fields])) : null,
                            change.movedTo ? h.sinceMoved(change.movedTo) : null,
                          ]
                            .filter(Boolean)
                            .join('; ')}
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
      {cmp.added.length ? (
        <section aria-labelledby="added-later">
          <h2 id="added-later">{h.addedLater}</h2>
          <ul className="as-of-added">
            {cmp.added.map(({ card, columnTitle }) => (
              <li key={card.id} className="since-added" data-card={card.id}>
                <span className="since since-added">{h.sinceAdded}</span> {card.title} <span className="hint">({columnTitle})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
