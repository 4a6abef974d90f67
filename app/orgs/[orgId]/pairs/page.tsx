import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { listReadableBoards } from '@/db/queries/boards';
import { visibleOrganisations } from '@/db/queries/organisations';
import { orgPeopleContext } from '@/db/queries/people';
import { isAppError } from '@/lib/errors';
import { messagesFor } from '@/lib/i18n/messages';
import { todayIso } from '@/lib/people/rules';
import { PairsAdmin } from '@/components/pairs/admin/PairsAdmin';
import { currentLocale } from '../../../_lib/i18n';
import { currentUser } from '../../../_lib/session';

export const dynamic = 'force-dynamic';

// GET /orgs/[orgId]/pairs – «Пары и группы»: the organisation's pairs; its curator and
// administrator form them (by hand, from suggestions), enter preferences and print the order.
// The head reads. Roles above the organisation see counts only (the banks' rule).
export default async function PairsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/orgs/${orgId}/pairs`)}`);
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const db = getDb();
  let ctx;
  try {
    ctx = await orgPeopleContext(db, user.principal, orgId);
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) notFound();
    throw err;
  }
  if (ctx.access === 'counts') {
    return (
      <section className="page narrow" data-testid="pairs-forbidden">
        <h1>{m.forbidden.title}</h1>
        <p>{m.people.forbiddenCounts}</p>
        <p>
          <Link href={`/orgs/${orgId}/people/counts`}>{m.people.countsLink}</Link>
        </p>
      </section>
    );
  }
  const [orgs, boards] = await Promise.all([visibleOrganisations(db, user.principal), listReadableBoards(db, user.principal, { archived: false })]);
  const org = orgs.find((o) => o.id === orgId);
  const board = boards.find((b) => b.orgId === orgId && b.kind === 'pairs');

  return (
    <section className="page wide-table pairs-page" data-testid="pairs-page">
      <p className="crumbs">
        <Link href="/">← {m.nav.boards}</Link>
        {' · '}
        <Link href={`/orgs/${orgId}/people?bank=mentor`}>{m.people.mentorBank}</Link>
        {' · '}
        <Link href={`/orgs/${orgId}/people?bank=mentee`}>{m.people.menteeBank}</Link>
        {board && (
          <>
            {' · '}
            <Link href={`/boards/${board.id}`}>{board.title}</Link>
          </>
        )}
      </p>
      <h1>
        {m.pairs.pagesTitle}
        {org && <span className="org-sub"> · {org.name}</span>}
      </h1>
      <PairsAdmin orgId={orgId} mayEdit={ctx.access === 'edit'} locale={locale} today={todayIso()} />
    </section>
  );
}
