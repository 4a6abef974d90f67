import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { visibleOrganisations } from '@/db/queries/organisations';
import { peopleCounts } from '@/db/queries/people';
import { isAppError } from '@/lib/errors';
import { messagesFor } from '@/lib/i18n/messages';
import { currentLocale } from '../../../../_lib/i18n';
import { currentUser } from '../../../../_lib/session';

export const dynamic = 'force-dynamic';

// GET /orgs/[orgId]/people/counts – participants per organisation at and below this one:
// numbers only, no names (what organisations above may see).
export default async function PeopleCountsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/orgs/${orgId}/people/counts`)}`);
  const m = messagesFor(await currentLocale());
  const p = m.people;
  const db = getDb();
  let counts;
  try {
    counts = await peopleCounts(db, user.principal, orgId);
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) notFound();
    throw err;
  }
  const org = (await visibleOrganisations(db, user.principal)).find((o) => o.id === orgId);
  const c = p.countCols;
  const sum = (k: 'mentors' | 'mentees' | 'approved' | 'inPair' | 'consented' | 'minors') => counts.orgs.reduce((s, o) => s + o[k], 0);
  const keys = ['mentors', 'mentees', 'approved', 'inPair', 'consented', 'minors'] as const;

  return (
    <section className="page" data-testid="counts-page">
      <p className="crumbs">
        <Link href="/">← {m.nav.boards}</Link>
      </p>
      <h1>
        {p.countsTitle}
        {org && <span className="org-sub"> · {org.name}</span>}
      </h1>
      <p className="hint">{p.countsIntro}</p>
      {counts.orgs.length === 0 ? (
        <p>{p.noCounts}</p>
      ) : (
        <div className="table-scroll">
          <table className="table counts-table" data-testid="counts-table">
            <caption>{p.countsCaption(org?.name ?? '')}</caption>
            <thead>
              <tr>
                <th scope="col">{c.org}</th>
                {keys.map((k) => (
                  <th scope="col" key={k} className="num">{c[k]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {counts.orgs.map((o) => (
                <tr key={o.orgId}>
                  <th scope="row">{o.name}</th>
                  {keys.map((k) => (
                    <td key={k} className="num">{o[k]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
            {counts.orgs.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row">{p.sum}</th>
                  {keys.map((k) => (
                    <td key={k} className="num">{sum(k)}</td>
                  ))}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </section>
  );
}
