import { indicatorStatus } from '@/lib/reports/status';
import type { Figure, IndicatorStatus } from '@/lib/reports/types';
import type { Locale, Messages } from '@/lib/i18n/messages';

// How the report page writes numbers: Russian grouping and decimal comma, «нет данных» for null.

const formats = new Map<Locale, Intl.NumberFormat>();
export function formatNumber(n: number, locale: Locale): string {
  let f = formats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 });
    formats.set(locale, f);
  }
  return f.format(n);
}

/** A value with its unit: '42,5 %' for a percent, '17' for a count, «нет данных» for none. */
export function formatValue(value: number | null | undefined, unit: string | null, locale: Locale, m: Messages): string {
  if (value === null || value === undefined) return m.reports.noData;
  const n = formatNumber(value, locale);
  if (!unit) return n;
  return unit === '%' ? `${n} %` : `${n} ${unit}`;
}

export const figureUnit = (f: Figure): string | null => (f.kind === 'percent' ? '%' : null);

/** A figure's status against its target, by the rule of the indicators (lib/reports/status.ts). */
export const figureStatus = (f: Figure | undefined): IndicatorStatus => indicatorStatus(f?.value, f?.target);

const RANK: Record<IndicatorStatus, number> = { behind: 4, at_risk: 3, no_data: 2, on_track: 1, no_target: 0 };
/** The worst of several statuses (behind before at risk before no data before on track). */
export const worstStatus = (all: IndicatorStatus[]): IndicatorStatus => all.reduce<IndicatorStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), 'no_target');
