import type { FigureKey, OrgReport, RoundKey } from '../types';
import { FIGURE_LABELS, roundLabel, withUnit } from './labels';

/*
 * What the report's charts show, as plain data (components/reports/charts.tsx draws it): no
 * React here, so the page (a server component), the documents and tests can all compute it.
 */

export const ACTUAL_LABEL = 'Факт';
export const TARGET_LABEL = 'Цель';

export type TargetDatum = { key: string; label: string; unit: string | null; actual: number | null; target: number | null };
export type TrendSeries = { key: string; label: string; dashed?: boolean };
export type TrendChartData = {
  /** What the lines show, for the caption: «Динамика показателей» or the indicator's title. */
  title: string;
  unit: string | null;
  series: TrendSeries[];
  /** One row per round, oldest first; values by series key (null = нет данных). */
  rows: { round: RoundKey; label: string; values: Record<string, number | null> }[];
};

const isPercentIndicator = (unit: string | null, link: FigureKey | 'manual' | null, report: OrgReport) =>
  unit === '%' || (link !== null && link !== 'manual' && report.figures[link]?.kind === 'percent');

/**
 * Actual vs target for the chart on a percent axis: the report's indicators measured in
 * percent that have a target or an actual; with no indicators at all, the percent figures
 * that have a target.
 */
export function targetChartData(report: OrgReport): TargetDatum[] {
  if (report.indicators.length > 0) {
    return report.indicators
      .filter((i) => isPercentIndicator(i.unit, i.link, report) && (i.target !== null || i.actual !== null))
      .map((i) => ({ key: i.key, label: i.title, unit: '%', actual: i.actual, target: i.target }));
  }
  return (Object.entries(report.figures) as [FigureKey, OrgReport['figures'][FigureKey]][])
    .filter(([, f]) => f.kind === 'percent' && f.target !== undefined)
    .map(([k, f]) => ({ key: k, label: FIGURE_LABELS[k].replace(/, %$/, ''), unit: '%', actual: f.value, target: f.target ?? null }));
}

/**
 * The trend over the previous rounds and this one. Without `indicatorKey`: one line per
 * percent indicator (its actual). With it: that indicator's actual and target.
 */
export function trendChartData(report: OrgReport, indicatorKey?: string): TrendChartData {
  const rounds = [...report.previousRounds.map((r) => r.key), report.round.key];
  const at = (trend: { round: RoundKey; actual: number | null; target: number | null }[], round: RoundKey) => trend.find((t) => t.round === round);
  if (indicatorKey !== undefined) {
    const ind = report.indicators.find((i) => i.key === indicatorKey);
    if (!ind) return { title: indicatorKey, unit: null, series: [], rows: [] };
    return {
      title: ind.title,
      unit: ind.unit,
      series: [
        { key: 'actual', label: ACTUAL_LABEL },
        { key: 'target', label: TARGET_LABEL, dashed: true },
      ],
      rows: rounds.map((round) => {
        const t = round === report.round.key ? { actual: ind.actual, target: ind.target } : at(ind.trend, round);
        return { round, label: roundLabel(round), values: { actual: t?.actual ?? null, target: t?.target ?? null } };
      }),
    };
  }
  const lines = report.indicators.filter((i) => isPercentIndicator(i.unit, i.link, report));
  return {
    title: 'Динамика показателей',
    unit: '%',
    series: lines.map((i) => ({ key: i.key, label: i.title })),
    rows: rounds.map((round) => ({
      round,
      label: roundLabel(round),
      values: Object.fromEntries(lines.map((i) => [i.key, round === report.round.key ? i.actual : (at(i.trend, round)?.actual ?? null)])),
    })),
  };
}

/** Splits a label into lines of at most `max` characters at spaces (SVG text does not wrap). */
export function wrapLabel(text: string, max: number, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && (line + ' ' + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
    return kept;
  }
  return lines;
}

const valueText = (v: number | null | undefined, unit: string | null) => withUnit(v ?? null, unit);

export function targetSummary(data: TargetDatum[]): string {
  if (data.length === 0) return 'Диаграмма «Факт и цель по показателям»: показателей с целью нет.';
  return `Диаграмма «Факт и цель по показателям»: ${data.map((d) => `${d.label} — факт ${valueText(d.actual, d.unit)}, цель ${valueText(d.target, d.unit)}`).join('; ')}.`;
}

export function trendSummary(data: TrendChartData): string {
  if (data.series.length === 0 || data.rows.length === 0) return `Диаграмма «${data.title}»: данных нет.`;
  const per = data.series.map((s) => `${s.label}: ${data.rows.map((r) => `${r.label} — ${valueText(r.values[s.key], data.unit)}`).join(', ')}`);
  return `Диаграмма «${data.title}» по периодам мониторинга. ${per.join('; ')}.`;
}
