import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { getBoardFor, loadBoardState } from '@/db/queries/boards';
import { pairsForBoard } from '@/db/queries/pairs';
import { isAppError } from '@/lib/errors';
import { messagesFor } from '@/lib/i18n/messages';
import { can, editScope, peopleAccess } from '@/lib/permissions';
import { BoardErrorBoundary } from '@/components/board/BoardErrorBoundary';
import { LiveBoard } from '@/components/board/LiveBoard';
import { AsOfPicker } from '@/components/history/AsOfPicker';
import { toLocalMoment } from '@/lib/history/period';
import { currentLocale } from '../../_lib/i18n';
import { currentUser } from '../../_lib/session';

export const dynamic = 'force-dynamic';

// GET /boards/[id] – the live board. The server renders it from the stored state at once;
// the browser then keeps it live over /yjs/<id> (and in IndexedDB for offline work).
export default async function BoardPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  const { id } = await params;
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/boards/${id}`)}`);
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const db = getDb();
  let board;
  try {
    board = await getBoardFor(db, user.principal, id);
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) notFound();
    throw err;
  }
  const state = Buffer.from(await loadBoardState(db, board.id)).toString('base64');
  const scope = editScope(user.principal, board.resource);
  const mayAudit = can(user.principal, 'audit.read', board.resource);
  // A pairs board's faces (names as this user may see them) come with the page: one request for the board and its names.
  const initialPairs = board.kind === 'pairs' ? await pairsForBoard(db, user.principal, board.id) : undefined;

  return (
    <section className="page wide">
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link href="/">← {m.board.back}</Link>
          </p>
          <h1>{board.title}</h1>
          <p className="hint">
            {m.kinds[board.kind]}
            {board.periodFrom ? ` · ${board.periodFrom}–${board.periodTo}` : ''}
            {mayAudit && (
              <>
                {' · '}
                <Link href={`/boards/${board.id}/history`}>{m.board.history}</Link>
              </>
            )}
            {board.kind === 'roadmap' && (
              <>
                {' · '}
                <a href={`/api/boards/${board.id}/export?format=docx`} download>{m.importer.exportDocx}</a>
                {' · '}
                <a href={`/api/boards/${board.id}/export?format=xlsx`} download>{m.importer.exportXlsx}</a>
              </>
            )}
          </p>
          {mayAudit && <AsOfPicker boardId={board.id} value={toLocalMoment(new Date(Date.now() - 7 * 24 * 3600_000))} locale={locale} />}
        </div>
      </div>
      <BoardErrorBoundary locale={locale}>
        <LiveBoard
          boardId={board.id}
          initialState={state}
          scope={scope}
          me={{ id: user.id, name: user.name }}
          locale={locale}
          pairs={board.kind === 'pairs' ? { orgId: board.orgId, access: peopleAccess(user.principal, board.resource.orgPath), initial: initialPairs } : undefined}
        />
      </BoardErrorBoundary>
    </section>
  );
}
