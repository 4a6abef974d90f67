import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { visibleOrganisations } from '@/db/queries/organisations';
import { listBank, orgPeopleContext, type BankRow } from '@/db/queries/people';
import { isAppError } from '@/lib/errors';
import { messagesFor, type Messages } from '@/lib/i18n/messages';
import { todayIso } from '@/lib/people/rules';
import { BANK_STATUSES, DEFAULT_FORMS, type Bank } from '@/lib/people/types';
import { ageOf, consentBadge, filterQuery, ruDate } from '@/lib/people/view';
import { AddPersonForm } from '@/components/people/AddPersonForm';
import { currentLocale } from '../../../_lib/i18n';
import { currentUser } from '../../../_lib/session';

export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

// GET /orgs/[orgId]/people?bank=mentor|mentee&q=&form=&tag=&status=&consent=&minor=&youngSpecialist=&after=
// A bank of the organisation: the filter lives in the URL (a GET form), pages by keyset.
export default async function BankPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Search> }) {
  const { orgId } = await params;
  const sp = await searchParams;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/orgs/${orgId}/people`)}`);
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const p = m.people;
  const db = getDb();
  const bank: Bank = one(sp.bank) === 'mentor' ? 'mentor' : 'mentee';
  const bankTitle = bank === 'mentor' ? p.mentorBank : p.menteeBank;

  let ctx;
  try {
    ctx = await orgPeopleContext(db, user.principal, orgId);
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) notFound();
    throw err;
  }
  const org = (await visibleOrganisations(db, user.principal)).find((o) => o.id === orgId);
  if (ctx.access === 'counts') {
    return (
      <section className="page narrow" data-testid="people-forbidden">
        <h1>{m.forbidden.title}</h1>
        <p>{p.forbiddenCounts}</p>
        <p>
          <Link href={`/orgs/${orgId}/people/counts`}>{p.countsLink}</Link>
        </p>
      </section>
    );
  }

  const filters = {
    bank,
    q: one(sp.q) || undefined,
    form: one(sp.form) || undefined,
    tag: one(sp.tag) || undefined,
    status: (BANK_STATUSES as readonly string[]).includes(one(sp.status)) ? one(sp.status) : undefined,
    consent: ['valid', 'missing', 'withdrawn'].includes(one(sp.consent)) ? one(sp.consent) : undefined,
    minor: ['yes', 'no'].includes(one(sp.minor)) ? one(sp.minor) : undefined,
    youngSpecialist: bank === 'mentor' && one(sp.youngSpecialist) === 'yes' ? 'yes' : undefined,
  };
  const after = one(sp.after) || undefined;
  let page;
  try {
    page = await listBank(db, user.principal, orgId, { ...filters, after, limit: 50 });
  } catch (err) {
    // A broken paging cursor in a hand-edited address: start from the first page.
    if (isAppError(err) && err.code === 'UNPROCESSABLE' && after) redirect(`/orgs/${orgId}/people?${filterQuery({ ...filters })}`);
    throw err;
  }
  const mayEdit = ctx.access === 'edit';
  const today = todayIso();
  const query = filterQuery({ ...filters });
  const other: Bank = bank === 'mentor' ? 'mentee' : 'mentor';

  return (
    <section className="page wide-table" data-testid="bank-page">
      <p className="crumbs">
        <Link href="/">← {m.nav.boards}</Link>
        {' · '}
        <Link href={`/orgs/${orgId}/people?bank=${other}`}>{other === 'mentor' ? p.mentorBank : p.menteeBank}</Link>
      </p>
      <div className="page-head">
        <h1>
          {bankTitle}
          {org && <span className="org-sub"> · {org.name}</span>}
        </h1>
        <div className="button-row">
          <a className="button" href={`/api/orgs/${orgId}/people/export?${query}`}>{p.exportXlsx}</a>
          {mayEdit && (
            <Link className="button" href={`/orgs/${orgId}/people/import?bank=${bank}`}>{p.importXlsx}</Link>
          )}
        </div>
      </div>
      {!mayEdit && <p className="notice">{p.readOnly}</p>}
      {mayEdit && <AddPersonForm orgId={orgId} bank={bank} locale={locale} today={today} />}

      <form method="get" className="bank-filters" role="search" aria-label={p.filters}>
        <input type="hidden" name="bank" value={bank} />
        <label>
          {p.search}
          <input type="search" name="q" defaultValue={filters.q ?? ''} maxLength={200} />
        </label>
        <label>
          {p.form}
          <select name="form" defaultValue={filters.form ?? ''}>
            <option value="">{p.anyForm}</option>
            {[...new Set([...DEFAULT_FORMS, ...(filters.form ? [filters.form] : [])])].map((f) => (
              <option key={f} value={f}>{f}</option>
            ))}
          </select>
        </label>
        <label>
          {p.tag}
          <input name="tag" defaultValue={filters.tag ?? ''} maxLength={100} />
        </label>
        <label>
          {p.status}
          <select name="status" defaultValue={filters.status ?? ''}>
            <option value="">{p.anyStatus}</option>
            {BANK_STATUSES.map((s) => (
              <option key={s} value={s}>{p.statuses[s]}</option>
            ))}
          </select>
        </label>
        <label>
          {p.consent}
          <select name="consent" defaultValue={filters.consent ?? ''}>
            <option value="">{p.anyConsent}</option>
            <option value="valid">{p.consentFilter.valid}</option>
            <option value="missing">{p.consentFilter.missing}</option>
            <option value="withdrawn">{p.consentFilter.withdrawn}</option>
          </select>
        </label>
        <label>
          {p.minor}
          <select name="minor" defaultValue={filters.minor ?? ''}>
            <option value="">{p.anyAge}</option>
            <option value="yes">{p.minorYes}</option>
            <option value="no">{p.minorNo}</option>
          </select>
        </label>
        {bank === 'mentor' && (
          <label className="check">
            <input type="checkbox" name="youngSpecialist" value="yes" defaultChecked={filters.youngSpecialist === 'yes'} />
            {p.youngOnly}
          </label>
        )}
        <div className="button-row">
          <button type="submit" className="primary">{p.apply}</button>
          <Link className="button" href={`/orgs/${orgId}/people?bank=${bank}`}>{p.resetFilters}</Link>
        </div>
      </form>

      <p className="hint" data-testid="bank-total" aria-live="polite">{p.total(page.total, page.totalCapped)}</p>
      {page.rows.length === 0 ? (
        <p>{p.empty}</p>
      ) : (
        <div className="table-scroll">
          <BankTable rows={page.rows} bank={bank} m={m} caption={p.caption(bankTitle, page.total, page.totalCapped)} today={today} />
        </div>
      )}
      <nav className="pager" aria-label={bankTitle}>
        {after && <Link href={`/orgs/${orgId}/people?${query}`}>{p.first}</Link>}
        {page.next && (
          <Link href={`/orgs/${orgId}/people?${filterQuery({ ...filters }, { after: page.next })}`} rel="next">
            {p.next}
          </Link>
        )}
      </nav>
    </section>
  );
}

function BankTable({ rows, bank, m, caption, today }: { rows: BankRow[]; bank: Bank; m: Messages; caption: string; today: string }) {
  const p = m.people;
  return (
    <table className="table bank-table" data-testid="bank-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{p.cols.number}</th>
          <th scope="col">{p.cols.name}</th>
          <th scope="col">{p.cols.birth}</th>
          <th scope="col">{p.cols.category}</th>
          <th scope="col">{p.cols.position}</th>
          <th scope="col">{p.cols.forms}</th>
          <th scope="col">{bank === 'mentor' ? p.cols.tagsMentor : p.cols.tagsMentee}</th>
          {bank === 'mentor' && <th scope="col">{p.cols.capacity}</th>}
          <th scope="col">{p.cols.status}</th>
          <th scope="col">{p.cols.consent}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const age = ageOf(r.birthDate, today);
          const badge = consentBadge(r);
          return (
            <tr key={r.entryId} data-person={r.id} className={r.erased ? 'erased' : undefined}>
              <td>{r.number}</td>
              <th scope="row">
                <Link href={`/people/${r.id}`}>{r.fullName}</Link>
              </th>
              <td>
                {r.birthDate ? `${ruDate(r.birthDate)}${age !== null ? ` (${p.age(age)})` : ''}` : ''}
                {r.minor && !r.erased && (
                  <>
                    {' '}
                    <span className="badge minor">{p.minorBadge}</span>
                  </>
                )}
              </td>
              <td>
                {p.categories[r.category]}
                {r.youngSpecialist && (
                  <>
                    {' '}
                    <span className="badge young">{p.youngBadge}</span>
                  </>
                )}
              </td>
              <td>{r.positionOrClass ?? ''}</td>
              <td>{r.forms.join('; ')}</td>
              <td>{r.tags.join(', ')}</td>
              {bank === 'mentor' && <td>{r.capacity ?? ''}</td>}
              <td>
                <span className={`badge bank-${r.status}`} data-testid="status-badge">{p.statuses[r.status]}</span>
              </td>
              <td>
                <span className={`badge consent-${badge}`} data-testid="consent-badge">
                  {badge === 'stopped' ? p.stoppedBadge(ruDate(r.eraseDueOn)) : p.consentBadges[badge]}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
