import Link from 'next/link';
import { FIGURE_KEYS, type IndicatorStatus, type OrgReport } from '@/lib/reports/types';
import { formatDate, formatDateTime } from '@/lib/history/values';
import type { Locale, Messages } from '@/lib/i18n/messages';
import { figureStatus, figureUnit, formatNumber, formatValue, worstStatus } from './format';

// The read-only parts of the report page (app/orgs/[orgId]/reports): server-rendered, no state.
// Statuses are badges in words; the colour only repeats them.

type Props = { report: OrgReport; locale: Locale; m: Messages };

export function StatusBadge({ status, m }: { status: IndicatorStatus; m: Messages }) {
  return <span className={`badge report-status-${status}`}>{m.reports.statuses[status]}</span>;
}

/** The report's problems (no contingent, a round with no data, conflicting targets): announced, nothing refused. */
export function ReportWarnings({ report, m }: Omit<Props, 'locale'>) {
  if (report.warnings.length === 0) return null;
  return (
    <div className="notice warn report-warnings" role="alert" data-testid="report-warnings">
      <h2>{m.reports.warnings}</h2>
      <ul>
        {report.warnings.map((w, i) => (
          <li key={`${w.code}-${i}`} data-code={w.code}>
            {w.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function IndicatorsTable({ report, locale, m }: Props) {
  const r = m.reports;
  if (report.indicators.length === 0) return <p className="hint">{r.indicatorsNone}</p>;
  return (
    <div className="table-scroll">
      <table className="table report-table" data-testid="indicators-table">
        <caption className="sr-only">{r.indicators}</caption>
        <thead>
          <tr>
            <th scope="col">{r.indicator}</th>
            <th scope="col" className="num">{r.target}</th>
            <th scope="col" className="num">{r.actual}</th>
            <th scope="col">{r.status}</th>
            <th scope="col">{r.trend}</th>
          </tr>
        </thead>
        <tbody>
          {report.indicators.map((line) => (
            <tr key={line.key} data-indicator={line.key}>
              <th scope="row">
                {line.title}
                <span className="hint report-link">
                  {line.link === 'manual' ? r.linkedManual : line.link ? r.linkedTo(r.figures[line.link] ?? line.link) : r.notLinked}
                </span>
                {line.note ? <span className="hint report-link">{r.manualNote(line.note)}</span> : null}
                {line.conflict ? <span className="badge warn">{r.conflict(line.conflict)}</span> : null}
              </th>
              <td className="num">{line.target === null ? '—' : formatValue(line.target, line.unit, locale, m)}</td>
              <td className="num">{formatValue(line.actual, line.unit, locale, m)}</td>
              <td>
                <StatusBadge status={line.status} m={m} />
              </td>
              <td>
                {line.trend.length === 0 ? (
                  <span className="hint">{r.noTrend}</span>
                ) : (
                  <ol className="trend">
                    {line.trend.map((t) => (
                      <li key={t.round}>
                        <span className="trend-round">{t.round}</span> {formatValue(t.actual, line.unit, locale, m)}
                      </li>
                    ))}
                  </ol>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{r.statusRule}</p>
    </div>
  );
}

/** Every computed figure with its value, its numbers and «Как посчитано». */
export function FiguresList({ report, locale, m }: Props) {
  const r = m.reports;
  return (
    <ul className="report-figures" data-testid="figures">
      {FIGURE_KEYS.map((key) => {
        const f = report.figures[key];
        if (!f) return null;
        const hasRatio = f.kind === 'percent' || f.denominator !== undefined;
        return (
          <li key={key} data-figure={key} className="report-figure">
            <span className="figure-name">{r.figures[key] ?? key}</span>
            <strong className="figure-value" data-value={f.value ?? ''}>
              {formatValue(f.value, figureUnit(f), locale, m)}
            </strong>
            {hasRatio && f.numerator !== undefined && f.denominator !== undefined ? (
              <span className="hint">{r.ofTotal(formatNumber(f.numerator, locale), formatNumber(f.denominator, locale))}</span>
            ) : null}
            {f.target !== undefined ? <span className="hint">{r.targetIs(formatValue(f.target, figureUnit(f), locale, m))}</span> : null}
            {f.missing ? <span className="badge warn">{r.missing(f.missing)}</span> : null}
            <details>
              <summary>{r.howCounted}</summary>
              <p className="figure-formula">{f.formula}</p>
            </details>
          </li>
        );
      })}
    </ul>
  );
}

export function BreakdownTables({ report, locale, m }: Props) {
  const r = m.reports;
  const { byForm, byCategory } = report.breakdown;
  if (byForm.length === 0) return <p className="hint">{r.noPairs}</p>;
  const sum = (k: 'pairs' | 'mentors' | 'mentees') => byForm.reduce((s, row) => s + row[k], 0);
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="table-scroll">
      <table className="table report-table" data-testid="breakdown-table">
        <caption className="sr-only">{r.breakdown}</caption>
        <thead>
          <tr>
            <th scope="col">{r.form}</th>
            <th scope="col" className="num">{r.pairsCol}</th>
            <th scope="col" className="num">{r.mentorsCol}</th>
            <th scope="col" className="num">{r.menteesCol}</th>
          </tr>
        </thead>
        <tbody>
          {byForm.map((row) => (
            <tr key={row.form}>
              <th scope="row">{row.form}</th>
              <td className="num">{n(row.pairs)}</td>
              <td className="num">{n(row.mentors)}</td>
              <td className="num">{n(row.mentees)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{r.total}</th>
            <td className="num">{n(sum('pairs'))}</td>
            <td className="num">{n(sum('mentors'))}</td>
            <td className="num">{n(sum('mentees'))}</td>
          </tr>
        </tfoot>
      </table>
      {byCategory.length > 0 && (
        <table className="table report-table">
          <caption>{r.byCategory}</caption>
          <thead>
            <tr>
              <th scope="col">{r.category}</th>
              <th scope="col">{r.side}</th>
              <th scope="col" className="num">{r.people}</th>
            </tr>
          </thead>
          <tbody>
            {byCategory.map((row) => (
              <tr key={`${row.category}-${row.side}`}>
                <th scope="row">{m.people.categories[row.category] ?? row.category}</th>
                <td>{r.sides[row.side]}</td>
                <td className="num">{n(row.people)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function ExecutionSection({ report, locale, m }: Props) {
  const r = m.reports;
  const e = report.execution;
  const overdue = e.items.filter((i) => i.verdict === 'overdue');
  const n = (v: number) => formatNumber(v, locale);
  return (
    <>
      <dl className="facts report-execution" data-testid="execution">
        <dt>{r.due}</dt>
        <dd>{n(e.due)}</dd>
        <dt>{r.onTime}</dt>
        <dd>{n(e.onTime)}</dd>
        <dt>{r.late}</dt>
        <dd>{n(e.late)}</dd>
        <dt>{r.overdue}</dt>
        <dd>{n(e.overdue)}</dd>
        <dt>{r.notDue}</dt>
        <dd>{n(e.notDue)}</dd>
      </dl>
      {report.org.kind === 'organisation' && (
        <>
          <h3>{r.overdueList}</h3>
          {overdue.length === 0 ? (
            <p className="hint">{r.noOverdue}</p>
          ) : (
            <ul className="plain overdue-list">
              {overdue.map((i) => (
                <li key={`${i.boardId}-${i.cardId}`}>
                  {i.title} <span className="badge report-status-behind">{i.due ? r.dueOn(formatDate(i.due)) : r.overdue}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

/** A municipality's or region's organisations: who reported and signed, key figures, drill-down. */
export function RollupTable({ report, locale, m }: Props) {
  const r = m.reports;
  const children = report.children;
  if (children.length === 0) return <p className="hint">{r.rollupNone}</p>;
  const notReported = children.filter((c) => !c.reported).length;
  const notSigned = children.filter((c) => !c.signed).length;
  const KEYS = ['participants', 'pairs', 'studentCoverage', 'youngSpecialistCoverage', 'meetingsHeld', 'menteeSatisfaction', 'roadmapOnTime'] as const;
  return (
    <>
      <p className="rollup-summary" data-testid="rollup-summary">
        <strong>{r.rollupSummary(notReported, notSigned)}</strong>
      </p>
      <div className="table-scroll">
        <table className="table report-table report-rollup-table" data-testid="rollup-table">
          <caption className="sr-only">{r.rollup}</caption>
          <thead>
            <tr>
              <th scope="col">{r.organisation}</th>
              <th scope="col">{r.reported}</th>
              <th scope="col">{r.signed}</th>
              <th scope="col">{r.overall}</th>
              {KEYS.map((k) => (
                <th scope="col" key={k} className="num">
                  {r.figures[k]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {children.map((c) => (
              <tr key={c.orgId} data-org={c.orgId}>
                <th scope="row">
                  <Link href={`/orgs/${c.orgId}/reports?round=${encodeURIComponent(report.round.key)}`}>{c.name}</Link>
                </th>
                <td>{c.reported ? r.reportedYes : <span className="badge warn">{r.noData}</span>}</td>
                <td>{c.signed ? r.signedShort(formatDateTime(c.signed.at).slice(0, 10), c.signed.version) : <span className="badge">{r.notSignedShort}</span>}</td>
                <td>
                  <StatusBadge status={worstStatus(FIGURE_KEYS.map((k) => figureStatus(c.figures[k])))} m={m} />
                </td>
                {KEYS.map((k) => {
                  const f = c.figures[k];
                  return (
                    <td key={k} className="num">
                      {f ? formatValue(f.value, figureUnit(f), locale, m) : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{r.rollupHint}</p>
    </>
  );
}

export function VersionsList({ report, m }: Omit<Props, 'locale'>) {
  const r = m.reports;
  if (report.versions.length === 0) return null;
  return (
    <ol className="plain report-versions" data-testid="report-versions">
      {report.versions.map((v) => (
        <li key={v.version}>
          {r.versionLine(v.version, formatDateTime(v.signedAt), v.signedBy ?? '')}
          {v.reopenedAt ? `; ${r.reopenedLine(formatDateTime(v.reopenedAt), v.reopenReason ?? '')}` : ''}
        </li>
      ))}
    </ol>
  );
}
