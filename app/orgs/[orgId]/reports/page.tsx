import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { orgPath } from '@/db/queries/organisations';
import { getOrgReport, listRounds } from '@/db/queries/reports';
import { isAppError } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/history/values';
import { messagesFor } from '@/lib/i18n/messages';
import type { OrgReport } from '@/lib/reports/types';
import { Forbidden } from '@/components/ui/Forbidden';
import { ActualForm, AddIndicatorForm, ConclusionsForm, ContingentForm, LinksForm, RemoveIndicatorButton, RoundForm, SatisfactionForm, type EditableIndicator } from '@/components/reports/CuratorForms';
import { ReopenReportForm, SignReportButton } from '@/components/reports/HeadForms';
import { ReportCharts } from '@/components/reports/ReportCharts';
import { BreakdownTables, ExecutionSection, FiguresList, IndicatorsTable, ReportWarnings, RollupTable, VersionsList } from '@/components/reports/ReportSections';
import { currentLocale } from '../../../_lib/i18n';
import { currentUser } from '../../../_lib/session';
import { mayReport } from './permissions';

export const dynamic = 'force-dynamic';

const ROUND_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

// GET /orgs/[orgId]/reports?round=YYYY-MM
// The monitoring report of an organisation for a round: indicators against targets, the figures
// and how they were counted, charts, roadmap execution, the organisations below (a roll-up),
// the documents; the curator's inputs and the head's sign-off where the roles allow them.
// The round lives in the URL (a GET form), so a report can be shared as it is.
export default async function OrgReportPage({ params, searchParams }: { params: Promise<{ orgId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { orgId } = await params;
  const asked = (await searchParams).round;
  const requested = typeof asked === 'string' && ROUND_KEY.test(asked) ? asked : null;
  const self = `/orgs/${orgId}/reports`;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(requested ? `${self}?round=${requested}` : self)}`);
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const r = m.reports;
  const db = getDb();

  let rounds;
  try {
    rounds = await listRounds(db, user.principal, orgId);
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') return <Forbidden m={m} />;
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  const key = requested ?? rounds.current;
  let report: OrgReport;
  try {
    report = await getOrgReport(db, user.principal, orgId, key);
  } catch (err) {
    // A hand-edited round the organisation does not have: its current round instead.
    if (isAppError(err) && ['ROUND_INVALID', 'INVALID_INPUT', 'UNPROCESSABLE', 'NOT_FOUND'].includes(err.code) && requested) redirect(self);
    throw err;
  }
  const path = await orgPath(db, orgId);
  const mayEdit = mayReport(user.principal, 'edit', path);
  const maySign = mayReport(user.principal, 'sign', path);
  const round = report.round.key;
  const q = `round=${encodeURIComponent(round)}`;
  const signed = report.signed;
  const options = rounds.rounds.some((x) => x.key === round) ? rounds.rounds : [{ ...report.round, source: report.roundSource, signed: !!signed }, ...rounds.rounds];
  const source = report.roundSource.kind === 'inherited' ? r.roundSource.inherited(report.roundSource.orgName) : r.roundSource[report.roundSource.kind];
  const manual = report.indicators.filter((i) => i.link === 'manual');
  const indicators = report.indicators as EditableIndicator[];
  const byHand = indicators.filter((i) => i.origin?.kind === 'manual');
  const base = { orgId, round, locale };

  return (
    <section className="page wide report-page" data-testid="report-page">
      <p className="crumbs">
        <Link href="/">← {m.board.back}</Link>
      </p>
      <h1>{r.title(report.org.name)}</h1>
      <p className="hint">{r.intro}</p>

      <form method="get" action={self} className="history-filters report-round" aria-label={r.roundPicker}>
        <label>
          {r.roundPicker}
          <select name="round" defaultValue={round}>
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {r.roundOption(o.key, formatDate(o.from), formatDate(o.to), o.signed)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {r.show}
        </button>
      </form>

      <header className="report-head" data-testid="report-head">
        <p>
          <strong>{r.period(formatDate(report.round.from), formatDate(report.round.to))}</strong> <span className="hint">({source})</span>
        </p>
        <p className="hint">{r.asOf(formatDateTime(report.asOf))}</p>
        <p data-testid="report-signed" className={signed ? 'report-signed' : 'report-unsigned'}>
          {signed ? (
            <span className="badge report-status-on_track">{r.signedAs(formatDateTime(signed.at), signed.byName ?? '', signed.version)}</span>
          ) : (
            <span className="badge">{r.notSigned}</span>
          )}
        </p>
        <p className="doc-links report-downloads">
          {r.downloads}: <a href={`/api/orgs/${orgId}/report/docx?${q}`} download data-testid="report-docx">{r.docx}</a> ·{' '}
          <a href={`/api/orgs/${orgId}/report/xlsx?${q}`} download data-testid="report-xlsx">
            {r.xlsx}
          </a>
        </p>
      </header>

      <ReportWarnings report={report} m={m} />

      <section aria-labelledby="r-indicators" className="panel">
        <h2 id="r-indicators">{r.indicators}</h2>
        <IndicatorsTable report={report} locale={locale} m={m} />
      </section>

      <section aria-labelledby="r-charts" className="panel">
        <h2 id="r-charts">{r.charts}</h2>
        <ReportCharts report={report} m={m} />
      </section>

      <section aria-labelledby="r-figures" className="panel">
        <h2 id="r-figures">{r.figuresTitle}</h2>
        <FiguresList report={report} locale={locale} m={m} />
      </section>

      <section aria-labelledby="r-breakdown" className="panel">
        <h2 id="r-breakdown">{r.breakdown}</h2>
        <BreakdownTables report={report} locale={locale} m={m} />
      </section>

      <section aria-labelledby="r-execution" className="panel">
        <h2 id="r-execution">{r.execution}</h2>
        <ExecutionSection report={report} locale={locale} m={m} />
      </section>

      {(report.org.kind !== 'organisation' || report.children.length > 0) && (
        <section aria-labelledby="r-rollup" className="panel" data-testid="rollup">
          <h2 id="r-rollup">{r.rollup}</h2>
          <RollupTable report={report} locale={locale} m={m} />
        </section>
      )}

      <section aria-labelledby="r-conclusions" className="panel">
        <h2 id="r-conclusions">{r.conclusions}</h2>
        {mayEdit && !signed ? (
          <ConclusionsForm {...base} text={report.conclusions} />
        ) : report.conclusions ? (
          <p className="report-conclusions">{report.conclusions}</p>
        ) : (
          <p className="hint">{r.noConclusions}</p>
        )}
      </section>

      {report.versions.length > 0 && (
        <section aria-labelledby="r-versions" className="panel">
          <h2 id="r-versions">{r.versions}</h2>
          <VersionsList report={report} m={m} />
        </section>
      )}

      {mayEdit && (
        <section aria-labelledby="r-edit" className="panel report-edit" data-testid="report-edit">
          <h2 id="r-edit">{r.edit}</h2>
          <p className="hint">{signed ? r.signedFrozen : r.editHint}</p>
          {!signed && report.org.kind === 'organisation' && <ContingentForm {...base} contingent={report.contingent} offered={report.contingent ? null : report.contingentOffered} />}
          <RoundForm orgId={orgId} locale={locale} round={report.round} below={report.org.kind !== 'organisation'} />
          <LinksForm {...base} indicators={indicators} />
          {!signed && manual.length > 0 && (
            <div className="report-form">
              <h3>{r.actuals}</h3>
              {manual.map((line) => (
                <ActualForm key={line.key} {...base} line={line} />
              ))}
            </div>
          )}
          {byHand.length > 0 && (
            <ul className="plain report-by-hand">
              {byHand.map((line) => (
                <li key={line.key}>
                  {line.title} <RemoveIndicatorButton {...base} line={line} />
                </li>
              ))}
            </ul>
          )}
          <AddIndicatorForm {...base} />
          <SatisfactionForm {...base} setting={report.satisfaction} />
        </section>
      )}

      {maySign && (
        <section aria-labelledby="r-sign" className="panel" data-testid="report-sign">
          <h2 id="r-sign">{r.signTitle}</h2>
          {signed ? <ReopenReportForm {...base} /> : <SignReportButton {...base} />}
        </section>
      )}
    </section>
  );
}
