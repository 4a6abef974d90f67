import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { getBoardFor } from '@/db/queries/boards';
import { isAppError } from '@/lib/errors';
import { messagesFor } from '@/lib/i18n/messages';
import { Forbidden } from '@/components/ui/Forbidden';
import { currentLocale } from '../../../_lib/i18n';
import { currentUser } from '../../../_lib/session';

export const dynamic = 'force-dynamic';

// GET /boards/[id]/history(?card=<id>) – a board's (or one card's) history is its organisation's
// history filtered by the board (and the card): one page, with its filters, grouping, diffs,
// restore and export (app/orgs/[orgId]/history).
export default async function BoardHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ card?: string }> }) {
  const user = await currentUser();
  const { id } = await params;
  const { card } = await searchParams;
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/boards/${id}/history`)}`);
  let board;
  try {
    board = await getBoardFor(getDb(), user.principal, id, 'audit.read');
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      const m = messagesFor(await currentLocale());
      return <Forbidden m={m} />;
    }
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  redirect(`/orgs/${board.orgId}/history?${new URLSearchParams({ boardId: board.id, ...(card ? { cardId: card } : {}) }).toString()}`);
}
