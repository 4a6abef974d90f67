import { DEFAULT_AT_RISK, type Figure, type IndicatorStatus } from '@/lib/reports/types';
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

/** A figure's status against its target, by the rule of the indicators (DEFAULT_AT_RISK). */
export function figureStatus(f: Figure | undefined): IndicatorStatus {
  if (!f || f.target === undefined || f.target === null) return 'no_target';
  if (f.value === null) return 'no_data';
  if (f.value >= f.target) return 'on_track';
  return f.value >= f.target * DEFAULT_AT_RISK ? 'at_risk' : 'behind';
}

const RANK: Record<IndicatorStatus, number> = { behind: 4, at_risk: 3, no_data: 2, on_track: 1, no_target: 0 };
/** The worst of several statuses (behind before at risk before no data before on track). */
export const worstStatus = (all: IndicatorStatus[]): IndicatorStatus => all.reduce<IndicatorStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), 'no_target');
