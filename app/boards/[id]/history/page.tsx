import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { listBoardAudit } from '@/db/queries/audit';
import { getBoardFor } from '@/db/queries/boards';
import { isAppError } from '@/lib/errors';
import { messagesFor } from '@/lib/i18n/messages';
import { presentAudit } from '@/server/realtime/feed';
import { HistoryList } from '@/components/history/HistoryList';
import { currentLocale } from '../../../_lib/i18n';
import { currentUser } from '../../../_lib/session';

export const dynamic = 'force-dynamic';

const LABELS_RU: Record<string, string> = {
  'card.created': 'создал(а) карточку',
  'card.moved': 'перенёс(ла) карточку',
  'card.updated': 'изменил(а) карточку',
  'card.deleted': 'удалил(а) карточку',
  'column.created': 'добавил(а) этап',
  'column.renamed': 'переименовал(а) этап',
  'column.moved': 'переместил(а) этап',
  'column.deleted': 'удалил(а) этап',
  'board.created': 'создал(а) доску',
  'board.renamed': 'переименовал(а) доску',
  'board.archived': 'отправил(а) доску в архив',
  'board.unarchived': 'вернул(а) доску из архива',
  // a card's comments and checklist, item by item (lib/audit/projector.ts ITEM_EVENTS)
  'comment.added': 'добавил(а) комментарий',
  'comment.edited': 'изменил(а) комментарий',
  'comment.removed': 'удалил(а) комментарий',
  'checklist.item_added': 'добавил(а) пункт чек-листа',
  'checklist.item_edited': 'изменил(а) пункт чек-листа',
  'checklist.item_checked': 'отметил(а) пункт чек-листа выполненным',
  'checklist.item_unchecked': 'снял(а) отметку с пункта чек-листа',
  'checklist.item_removed': 'удалил(а) пункт чек-листа',
};

// GET /boards/[id]/history – who changed what and when (heads, curators); ?card=<id> for one card
export default async function HistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ card?: string }> }) {
  const user = await currentUser();
  const { id } = await params;
  const { card } = await searchParams;
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/boards/${id}/history`)}`);
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const db = getDb();
  let board;
  let page;
  try {
    board = await getBoardFor(db, user.principal, id);
    page = await listBoardAudit(db, user.principal, id, { cardId: card, limit: 200 });
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return (
        <section className="page narrow">
          <h1>{m.forbidden.title}</h1>
          <p>{m.errors.FORBIDDEN}</p>
        </section>
      );
    }
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  return (
    <section className="page">
      <p>
        <Link href={`/boards/${board.id}`}>← {board.title}</Link>
      </p>
      <h1>{m.board.history}</h1>
      <HistoryList
        boardId={board.id}
        cardId={card ?? null}
        initial={page.rows.map((r) => presentAudit(r.event, r.actorName))}
        labels={locale === 'ru' ? LABELS_RU : {}}
      />
    </section>
  );
}
