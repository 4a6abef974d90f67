import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { listReadableBoards } from '@/db/queries/boards';
import { visibleOrganisations } from '@/db/queries/organisations';
import { can, peopleAccess, rolesOn } from '@/lib/permissions';
import { messagesFor } from '@/lib/i18n/messages';
import { BoardRow } from '@/components/boards/BoardRow';
import { CreateBoardForm } from '@/components/boards/CreateBoardForm';
import { currentLocale } from './_lib/i18n';
import { currentUser } from './_lib/session';

export const dynamic = 'force-dynamic';

export default async function Home({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const user = await currentUser();
  if (!user) redirect('/signin');
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const showArchived = (await searchParams).archived === '1';
  const db = getDb();
  const [orgs, boards] = await Promise.all([
    visibleOrganisations(db, user.principal),
    listReadableBoards(db, user.principal, { archived: showArchived }),
  ]);

  return (
    <section className="page">
      <div className="page-head">
        <h1>{m.home.title}</h1>
        <Link href={showArchived ? '/' : '/?archived=1'} className="button">
          {showArchived ? m.home.hideArchived : m.home.showArchived}
        </Link>
      </div>
      {orgs.length === 0 && <p>{m.home.noOrgs}</p>}
      {orgs.map((org) => {
        const orgBoards = boards.filter((b) => b.orgId === org.id);
        const own = rolesOn(user.principal, [org.id]);
        const mayCreate = can(user.principal, 'board.create', { type: 'org', orgPath: org.path });
        const people = peopleAccess(user.principal, org.path);
        if (orgBoards.length === 0 && !mayCreate && own.length === 0 && people === 'none') return null;
        return (
          <article key={org.id} className="org" aria-labelledby={`org-${org.id}`} style={{ marginInlineStart: `${(org.path.length - 1) * 1.25}rem` }}>
            <h2 id={`org-${org.id}`}>
              <span className="org-kind">{m.orgKinds[org.kind]}</span> {org.name}
            </h2>
            {own.length > 0 && (
              <p className="hint">
                {m.home.yourRoles}: {own.map((r) => m.roles[r]).join(', ')}
              </p>
            )}
            {orgBoards.length === 0 ? (
              <p className="hint">{m.home.noBoards}</p>
            ) : (
              <ul className="boards" data-testid="board-list">
                {orgBoards.map((b) => (
                  <BoardRow
                    key={b.id}
                    board={{ id: b.id, title: b.title, kind: b.kind, archived: b.archivedAt !== null, periodFrom: b.periodFrom, periodTo: b.periodTo }}
                    mayUpdate={can(user.principal, 'board.update', { type: 'board', orgPath: org.path, kind: b.kind })}
                    locale={locale}
                  />
                ))}
              </ul>
            )}
            {people !== 'none' && (
              <p className="people-links" data-testid="people-links">
                {(people === 'read' || people === 'edit') && (
                  <>
                    <Link href={`/orgs/${org.id}/people?bank=mentor`} className="button">{m.people.mentorBank}</Link>
                    <Link href={`/orgs/${org.id}/people?bank=mentee`} className="button">{m.people.menteeBank}</Link>
                    <Link href={`/orgs/${org.id}/pairs`} className="button" data-testid="pairs-link">{m.pairs.pairsLink}</Link>
                  </>
                )}
                {/* Counts only where the person may not see names, and over a region's or municipality's organisations. */}
                {(people === 'counts' || org.kind !== 'organisation') && (
                  <Link href={`/orgs/${org.id}/people/counts`} className="button">{m.people.countsLink}</Link>
                )}
              </p>
            )}
            {can(user.principal, 'audit.read', { type: 'org', orgPath: org.path }) && (
              <p>
                <Link href={`/orgs/${org.id}/history`} className="button" data-testid="org-history-link">{m.board.history}</Link>
              </p>
            )}
            {can(user.principal, 'report.read', { type: 'org', orgPath: org.path }) && (
              <p>
                <Link href={`/orgs/${org.id}/reports`} className="button" data-testid="org-reports-link">{m.reports.link}</Link>
              </p>
            )}
            {(own.includes('mentor') || own.includes('mentee')) && (
              <p>
                <Link href="/my-pair" className="button" data-testid="my-pair-link">{m.pairs.myPair}</Link>
              </p>
            )}
            {mayCreate && <CreateBoardForm orgId={org.id} locale={locale} />}
            {mayCreate && (
              <p>
                <Link href={`/import?org=${org.id}`} className="button">{m.importer.link}</Link>
              </p>
            )}
          </article>
        );
      })}
    </section>
  );
}
