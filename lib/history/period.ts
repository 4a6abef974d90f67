import { dayBound } from './documents/filters';
import { DEFAULT_TIME_ZONE } from './documents/rows';

/*
 * The history's period filter: the page's date inputs (YYYY-MM-DD, a day in the programme's
 * local time) as the ISO instants the audit queries take. Russian schools keep Moscow time in
 * their documents unless told otherwise, so a day is Moscow's day. Pure.
 */
export const HISTORY_TIME_ZONE = DEFAULT_TIME_ZONE;
const MOSCOW_OFFSET = '+03:00'; // no daylight saving since 2014

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

/** The first instant of the day (lib/history/documents dayBound, as the exports take it), or undefined for anything that is not a date. */
export function dayStart(day: string | undefined): string | undefined {
  return day && DAY.test(day) && realDay(day) ? dayBound(day, false, HISTORY_TIME_ZONE) : undefined;
}

/** The last millisecond of the day, or undefined for anything that is not a date. */
export function dayEnd(day: string | undefined): string | undefined {
  return day && DAY.test(day) && realDay(day) ? dayBound(day, true, HISTORY_TIME_ZONE) : undefined;
}

/** A `datetime-local` value (YYYY-MM-DDTHH:mm, Moscow time) as an instant, or undefined. */
export function localMoment(value: string | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const d = new Date(`${value.length === 16 ? `${value}:00` : value}${MOSCOW_OFFSET}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** An instant as a `datetime-local` value in Moscow time (for the picker's default). */
export function toLocalMoment(at: Date): string {
  return new Date(at.getTime() + 3 * 3600_000).toISOString().slice(0, 16);
}

/** An instant as Russians read it: 01.12.2026, 14:05 (Moscow time). */
export function formatMoment(at: Date | string, locale: 'ru' | 'en' = 'ru'): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: HISTORY_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(typeof at === 'string' ? new Date(at) : at);
}
