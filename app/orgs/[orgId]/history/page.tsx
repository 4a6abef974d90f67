import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { chainStatus } from '@/db/queries/audit-chains';
import { historyFilterOptions } from '@/db/queries/history-filters';
import { listOrgAudit } from '@/db/queries/org-audit';
import { isAppError } from '@/lib/errors';
import { historyQuery, historySearch, type HistorySearch } from '@/lib/history/search';
import { messagesFor } from '@/lib/i18n/messages';
import { Forbidden } from '@/components/ui/Forbidden';
import { can } from '@/lib/permissions';
import { HistoryEntries } from '@/components/history/HistoryEntries';
import { currentLocale } from '../../../_lib/i18n';
import { currentUser } from '../../../_lib/session';

export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;

// GET /orgs/[orgId]/history?actorId=&type=&boardId=&cardId=&org=&from=&to=&before=
// Every audited event of the organisation and those below it, newest first, paged by keyset;
// the filter lives in the URL (a GET form), so a view can be shared and exported as it is.
export default async function OrgHistoryPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Search> }) {
  const { orgId } = await params;
  const search = historySearch(await searchParams);
  const self = `/orgs/${orgId}/history`;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(self)}`);
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const h = m.history;
  const db = getDb();

  let options;
  try {
    options = await historyFilterOptions(db, user.principal, orgId);
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return <Forbidden m={m} />;
    }
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  let page;
  try {
    page = await listOrgAudit(db, user.principal, orgId, { ...historyQuery(search), limit: 50 });
  } catch (err) {
    // A hand-edited address (an unknown board, a broken cursor): the organisation's whole history instead.
    if (isAppError(err) && ['NOT_FOUND', 'UNPROCESSABLE', 'INVALID_INPUT', 'FORBIDDEN'].includes(err.code) && Object.keys(search).length) redirect(self);
    throw err;
  }
  const chains = await chainStatus(db, user.principal, orgId);

  const editableBoards = new Set(
    options.boards
      .filter((b) => !b.archived && can(user.principal, 'board.edit', { type: 'board', kind: b.kind, orgPath: b.orgPath }))
      .map((b) => b.id),
  );
  const query = (extra: HistorySearch) => new URLSearchParams(Object.entries({ ...search, ...extra }).filter(([, v]) => v) as [string, string][]).toString();
  const withoutPaging = { ...search, before: undefined };
  const exportQuery = new URLSearchParams(Object.entries(historyQuery(withoutPaging)).filter(([, v]) => v !== undefined) as [string, string][]).toString();
  const cardTitle = search.cardId ? (page.names.cards[search.cardId] ?? search.cardId) : null;

  return (
    <section className="page" data-testid="org-history">
      <p className="crumbs">
        <Link href="/">← {m.board.back}</Link>
      </p>
      <h1>{h.orgTitle(options.org.name)}</h1>
      <p className="hint">{h.intro}</p>

      <form method="get" action={self} className="history-filters" aria-label={h.filters}>
        <label>
          {h.org}
          <select name="org" defaultValue={search.org ?? ''}>
            <option value="">{h.anyOrg}</option>
            {options.orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {'\u00a0'.repeat(o.depth * 3)}
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {h.board}
          <select name="boardId" defaultValue={search.boardId ?? ''}>
            <option value="">{h.anyBoard}</option>
            {options.boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {h.person}
          <select name="actorId" defaultValue={search.actorId ?? ''}>
            <option value="">{h.anyone}</option>
            {options.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {h.type}
          <select name="type" defaultValue={search.type ?? ''}>
            <option value="">{h.anyType}</option>
            {Object.entries(h.types).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {h.from}
          <input type="date" name="from" defaultValue={search.from ?? ''} />
        </label>
        <label>
          {h.to}
          <input type="date" name="to" defaultValue={search.to ?? ''} />
        </label>
        {search.cardId ? (
          <span className="chip">
            <input type="hidden" name="cardId" value={search.cardId} />
            {h.card}: {h.cardChip(cardTitle!)} · <Link href={`${self}?${query({ cardId: undefined, before: undefined })}`}>{h.allCards}</Link>
          </span>
        ) : null}
        <button type="submit" className="primary">
          {h.apply}
        </button>
        <Link href={self}>{h.reset}</Link>
      </form>

      <p className="history-export">
        {h.export} <a href={`/api/orgs/${orgId}/audit/export?format=csv&${exportQuery}`} download>{h.csv}</a> ·{' '}
        <a href={`/api/orgs/${orgId}/audit/export?format=xlsx&${exportQuery}`} download>
          {h.xlsx}
        </a>{' '}
        ·{' '}
        {search.from && search.to ? (
          <a href={`/api/orgs/${orgId}/audit/extract?${exportQuery}`} download>
            {h.extract}
          </a>
        ) : (
          <span className="hint">
            {h.extract}: {h.extractHint}
          </span>
        )}
      </p>

      <HistoryEntries
        events={page.events}
        names={page.names}
        locale={locale}
        editableBoards={editableBoards}
        orgId={orgId}
        historyHref={(boardId, cardId) => `${self}?${new URLSearchParams({ boardId, cardId }).toString()}`}
      />

      <nav className="pager" aria-label={h.earlier}>
        {search.before ? <Link href={`${self}?${query({ before: undefined })}`}>{h.newest}</Link> : null}
        {page.next ? (
          <Link href={`${self}?${query({ before: String(page.next) })}`} rel="next">
            {h.earlier} →
          </Link>
        ) : null}
      </nav>

      <section aria-labelledby="integrity" className="integrity">
        <h2 id="integrity">{h.integrity}</h2>
        <p className="hint">{h.integrityHint}</p>
        <ul data-testid="chains">
          {chains.map((c) => (
            <li key={c.chain} className={c.broken ? 'broken' : 'ok'}>
              {c.boardId ? (page.names.boards[c.boardId] ?? options!.boards.find((b) => b.id === c.boardId)?.title ?? c.boardId) : `${options!.orgs.find((o) => o.id === c.orgId)?.name ?? ''}: ${h.orgChain}`} —{' '}
              {c.broken ? <strong>{h.chainBroken(c.broken.id)}</strong> : h.chainOk(c.rows)}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
