import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { getPerson, personAccessLog } from '@/db/queries/people';
import { isAppError } from '@/lib/errors';
import { messagesFor, type Locale, type Messages } from '@/lib/i18n/messages';
import type { Role } from '@/lib/permissions';
import { todayIso } from '@/lib/people/rules';
import { BANKS, CONSENT_PURPOSES, type Bank } from '@/lib/people/types';
import { ageOf, ruDate } from '@/lib/people/view';
import { ConsentForm, EditPersonForm, EntryForm, EraseButton, LinkAccountForm, StatusControls, WithdrawButton } from '@/components/people/PersonForms';
import { currentLocale } from '../../_lib/i18n';
import { currentUser } from '../../_lib/session';

export const dynamic = 'force-dynamic';

/** The access log's view names in words ('document.<kind>' falls back to «документ»). */
function viewLabel(view: string, m: Messages): string {
  const key = view.replace(/-/g, '_');
  return m.people.views[key] ?? (key.startsWith('document.') ? `${m.people.views.document} (${key.slice(9)})` : view);
}

function moment(at: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: 'Europe/Moscow', dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
}

// GET /people/[id] – one person's record: details, banks, consents, documents, account, the
// access log. The head of the organisation reads; its curator and admin edit.
export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/people/${id}`)}`);
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const p = m.people;
  const db = getDb();
  let detail;
  try {
    detail = await getPerson(db, user.principal, id);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return (
        <section className="page narrow" data-testid="people-forbidden">
          <h1>{m.forbidden.title}</h1>
          <p>{p.forbiddenCounts}</p>
        </section>
      );
    }
    throw err;
  }
  const log = await personAccessLog(db, user.principal, id, 200);
  const { person, entries, consents, mayEdit, minor, youngSpecialist, consent } = detail;
  const today = todayIso();
  const erased = person.erasedAt !== null;
  const editable = mayEdit && !erased;
  const stopped = !erased && person.processingStoppedAt !== null;
  const ids = { personId: person.id, orgId: person.orgId };
  const age = ageOf(person.birthDate, today);
  const bankLink = (b: Bank) => `/orgs/${person.orgId}/people?bank=${b}`;
  const missing = BANKS.filter((b) => !entries.some((e) => e.bank === b));
  const signerFor = minor ? 'guardian' : 'self';
  const printable = CONSENT_PURPOSES.filter((c) => c !== 'mentor_duties' || entries.some((e) => e.bank === 'mentor'));

  return (
    <section className="page person-page" data-testid="person-page">
      <p className="crumbs">
        {(entries.length > 0 ? entries.map((e) => e.bank) : (['mentee'] as Bank[])).map((b, i) => (
          <span key={b}>
            {i > 0 && ' · '}
            <Link href={bankLink(b)}>{p.backTo(b === 'mentor' ? p.mentorBank : p.menteeBank)}</Link>
          </span>
        ))}
      </p>
      <h1 data-testid="person-title">{erased ? p.erasedTitle(person.number) : person.fullName}</h1>
      <p className="badges">
        <span className="hint">{detail.orgName} · №{person.number}</span>{' '}
        {!erased && minor && <span className="badge minor">{p.minorBadge}</span>}{' '}
        {!erased && youngSpecialist && <span className="badge young">{p.youngBadge}</span>}{' '}
        <span className={`badge consent-${erased ? 'erased' : consent.state}`} data-testid="person-consent">
          {p.consent}: {erased ? p.consentBadges.erased : p.consentBadges[consent.state]}
        </span>
      </p>
      {erased && <p className="notice">{p.erasedText}</p>}
      {stopped && person.eraseDueOn && (
        <p className="notice warn" role="status" data-testid="processing-stopped">
          {p.stopped(ruDate(person.eraseDueOn))}
        </p>
      )}

      {!erased && (
        <section aria-labelledby="rec-h" className="panel">
          <h2 id="rec-h">{p.record}</h2>
          <dl className="facts">
            <dt>{p.fullName}</dt>
            <dd>{person.fullName}</dd>
            <dt>{p.birthDate}</dt>
            <dd>{person.birthDate ? `${ruDate(person.birthDate)}${age !== null ? ` (${p.age(age)})` : ''}` : '—'}</dd>
            <dt>{p.category}</dt>
            <dd>{p.categories[person.category]}</dd>
            <dt>{p.positionOrClass}</dt>
            <dd>{person.positionOrClass ?? '—'}</dd>
            <dt>{p.experience}</dt>
            <dd>{person.experienceYears ?? '—'}</dd>
            <dt>{p.email}</dt>
            <dd>{person.email ?? '—'}</dd>
            <dt>{p.phone}</dt>
            <dd>{person.phone ?? '—'}</dd>
          </dl>
          {editable && (
            <details>
              <summary>{p.edit}</summary>
              <EditPersonForm
                ids={ids}
                locale={locale}
                today={today}
                person={{
                  fullName: person.fullName,
                  birthDate: person.birthDate,
                  category: person.category,
                  positionOrClass: person.positionOrClass,
                  experienceYears: person.experienceYears,
                  email: person.email,
                  phone: person.phone,
                }}
              />
            </details>
          )}
        </section>
      )}

      <section aria-labelledby="banks-h" className="panel">
        <h2 id="banks-h">{p.entries}</h2>
        {entries.map((e) => (
          <article key={e.id} className="entry" aria-labelledby={`entry-${e.bank}`} data-testid={`entry-${e.bank}`}>
            <h3 id={`entry-${e.bank}`}>
              <Link href={bankLink(e.bank)}>{p.inBank[e.bank]}</Link>{' '}
              <span className={`badge bank-${e.status}`} data-testid="entry-status">{p.statuses[e.status]}</span>
            </h3>
            <p className="hint">
              {p.registeredOn} {ruDate(e.registeredOn)}
              {e.forms.length > 0 && ` · ${p.cols.forms}: ${e.forms.join('; ')}`}
              {e.tags.length > 0 && ` · ${e.bank === 'mentor' ? p.cols.tagsMentor : p.cols.tagsMentee}: ${e.tags.join(', ')}`}
              {e.bank === 'mentor' && e.capacity !== null && ` · ${p.cols.capacity}: ${e.capacity}`}
            </p>
            {e.requestText && <p>{e.requestText}</p>}
            {editable && !stopped && <StatusControls ids={ids} bank={e.bank} status={e.status} locale={locale} />}
            {editable && (
              <details>
                <summary>{p.editEntry}</summary>
                <EntryForm ids={ids} locale={locale} submit={p.saveEntry} entry={{ bank: e.bank, forms: e.forms, tags: e.tags, requestText: e.requestText, capacity: e.capacity }} />
              </details>
            )}
          </article>
        ))}
        {editable &&
          !stopped &&
          missing.map((b) => (
            <details key={b} className="add-entry">
              <summary>{p.addToBank[b]}</summary>
              <EntryForm ids={ids} locale={locale} submit={p.addToBank[b]} entry={{ bank: b, forms: [], tags: [], requestText: null, capacity: null }} />
            </details>
          ))}
      </section>

      <section aria-labelledby="consents-h" className="panel">
        <h2 id="consents-h">{p.consents}</h2>
        {consents.length === 0 ? (
          <p>{p.noConsents}</p>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="consents-table">
              <caption>{p.consentsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{p.consentCols.purpose}</th>
                  <th scope="col">{p.consentCols.signer}</th>
                  <th scope="col">{p.consentCols.signedOn}</th>
                  <th scope="col">{p.consentCols.validUntil}</th>
                  <th scope="col">{p.consentCols.withdrawnOn}</th>
                  <th scope="col">{p.consentCols.documentRef}</th>
                  <th scope="col">{p.consentCols.textVersion}</th>
                  {editable && (
                    <th scope="col">
                      <span className="sr-only">{p.withdraw}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {consents.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{p.purposes[c.purpose]}</th>
                    <td>
                      {c.signer === 'self' ? p.signerSelf : p.signerGuardian}
                      {c.signerName && c.signerName !== '—' ? `: ${c.signerName}` : ''}
                      {c.guardianRelation ? ` (${c.guardianRelation})` : ''}
                    </td>
                    <td>{ruDate(c.signedOn)}</td>
                    <td>{c.validUntil ? ruDate(c.validUntil) : p.indefinite}</td>
                    <td>{ruDate(c.withdrawnOn) || '—'}</td>
                    <td>{c.documentRef}</td>
                    <td>{c.textVersion}</td>
                    {editable && (
                      <td>
                        {c.withdrawnOn === null && (
                          <WithdrawButton ids={ids} consentId={c.id} locale={locale} label={p.withdrawLabel(p.purposes[c.purpose], ruDate(c.signedOn))} />
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editable && (
          <details className="record-consent" data-testid="record-consent">
            <summary>{p.recordConsent}</summary>
            <ConsentForm ids={ids} personName={person.fullName} minor={minor} locale={locale} today={today} />
          </details>
        )}
        {!erased && (
          <>
            <h3>{p.printForms}</h3>
            <ul className="doc-links">
              {printable.map((c) => (
                <li key={c}>
                  <a href={`/api/people/${person.id}/documents/consent?purpose=${c}&signer=${signerFor}`}>
                    {p.printFor(p.purposes[c], signerFor === 'self' ? p.signerSelf : p.signerGuardian)}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="docs-h" className="panel">
        <h2 id="docs-h">{p.documents}</h2>
        <ul className="doc-links">
          {erased ? (
            <li>
              <a href={`/api/people/${person.id}/documents/erasure-act`} data-testid="erasure-act">{p.erasureAct}</a>
            </li>
          ) : (
            <li>
              <a href={`/api/people/${person.id}/documents/subject-answer`}>{p.subjectAnswer}</a>
            </li>
          )}
        </ul>
        {editable && (
          <div className="erase">
            <EraseButton ids={ids} locale={locale} />
          </div>
        )}
      </section>

      {!erased && (
        <section aria-labelledby="acct-h" className="panel">
          <h2 id="acct-h">{p.account}</h2>
          <p>{person.userId ? p.linked : p.notLinked}</p>
          {editable && !stopped && entries.length > 0 && <LinkAccountForm ids={ids} email={person.email} locale={locale} />}
        </section>
      )}

      <section aria-labelledby="log-h" className="panel">
        <h2 id="log-h">{p.accessLog}</h2>
        {log.length === 0 ? (
          <p>{p.noAccess}</p>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="access-log">
              <caption>{p.accessCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{p.accessCols.at}</th>
                  <th scope="col">{p.accessCols.who}</th>
                  <th scope="col">{p.accessCols.role}</th>
                  <th scope="col">{p.accessCols.view}</th>
                </tr>
              </thead>
              <tbody>
                {log.map((r) => (
                  <tr key={r.id}>
                    <td>{moment(r.at, locale)}</td>
                    <td>{r.actorName ?? p.unknownActor}</td>
                    <td>{r.roles.map((role) => m.roles[role as Role] ?? role).join(', ')}</td>
                    <td>{viewLabel(r.view, m)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
