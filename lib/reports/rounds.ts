import type { Round, RoundKey } from './types';

/*
 * Monitoring rounds (rules of issue 16). A round's key is the month its period ends,
 * 'YYYY-MM'. By default an academic year starting 1 September Y has two rounds:
 *   'Y-12'     = Y-07-01 … Y-12-31 (the December report),
 *   '(Y+1)-06' = (Y+1)-01-01 … (Y+1)-06-30 (the June report),
 * so the default rounds tile the calendar with no gap. A key of another month (a curator's
 * own round) defaults to the six months ending with it. Dates are ISO 'YYYY-MM-DD' strings and
 * compare as strings. Figures are read as of the end of the round's last day in Moscow (UTC+3,
 * no daylight saving since 2014).
 */

export const MOSCOW_OFFSET_HOURS = 3;
const KEY_RE = /^(\d{4})-(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

const toUtc = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

export const addDays = (iso: string, n: number): string => fromUtc(toUtc(iso) + n * DAY);
/** Days from `from` to `to`, both included (0 when `to` is before `from`). */
export const daysInclusive = (from: string, to: string): number => Math.max(0, Math.round((toUtc(to) - toUtc(from)) / DAY) + 1);

/** The Moscow calendar date of an instant (ISO time or Date). */
export function moscowDate(at: string | Date): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${String(at)}`);
  return new Date(ms + MOSCOW_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
}

/** Adds months to a 'YYYY-MM' key. */
export function shiftKey(key: RoundKey, months: number): RoundKey {
  const y = Number(key.slice(0, 4));
  const m = Number(key.slice(5, 7));
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

/** The default period of a key: the six months ending with its month (December: Jul–Dec; June: Jan–Jun). */
function defaultRoundOfKey(key: RoundKey): Round {
  const y = Number(key.slice(0, 4));
  const m = Number(key.slice(5, 7));
  const start = shiftKey(key, -5);
  return { key, from: `${start}-01`, to: `${key}-${pad(daysInMonth(y, m))}` };
}

export type RoundKeyResult = { ok: true; round: Round } | { ok: false; code: 'ROUND_INVALID'; message: string };

/** Checks a round key from outside ('YYYY-MM', a real month, years 2000–2100) and gives its default round. */
export function parseRoundKey(input: unknown): RoundKeyResult {
  const bad = (message: string): RoundKeyResult => ({ ok: false, code: 'ROUND_INVALID', message });
  if (typeof input !== 'string') return bad('Период не указан: нужен месяц окончания в виде ГГГГ-ММ, например 2024-12.');
  const s = input.trim();
  const m = KEY_RE.exec(s);
  if (!m) return bad(`«${s.slice(0, 40)}» — не период: нужен месяц окончания в виде ГГГГ-ММ, например 2024-12.`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return bad(`В «${s}» нет такого месяца: ${m[2]}.`);
  if (y < MIN_YEAR || y > MAX_YEAR) return bad(`Год ${y} вне допустимого диапазона ${MIN_YEAR}–${MAX_YEAR}.`);
  return { ok: true, round: defaultRoundOfKey(s) };
}

export type RoundResult = { ok: true; round: Round } | { ok: false; code: 'ROUND_INVALID'; message: string; field?: 'key' | 'from' | 'to' };

/**
 * Checks a round's dates set by a curator: real dates, from ≤ to, the period ends in its key's
 * month (the key names the month the round ends) and lasts at most a year.
 */
export function validateRound(input: unknown): RoundResult {
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const k = parseRoundKey(o.key);
  if (!k.ok) return { ...k, field: 'key' };
  const key = k.round.key;
  if (!isIsoDate(o.from)) return { ok: false, code: 'ROUND_INVALID', field: 'from', message: 'Дата начала периода не указана или не является датой (ГГГГ-ММ-ДД).' };
  if (!isIsoDate(o.to)) return { ok: false, code: 'ROUND_INVALID', field: 'to', message: 'Дата окончания периода не указана или не является датой (ГГГГ-ММ-ДД).' };
  const { from, to } = o as { from: string; to: string };
  if (from > to) return { ok: false, code: 'ROUND_INVALID', field: 'from', message: `Начало периода (${from}) позже его окончания (${to}).` };
  if (to.slice(0, 7) !== key) return { ok: false, code: 'ROUND_INVALID', field: 'to', message: `Период ${key} должен заканчиваться в месяце ${key}, а не ${to}.` };
  if (daysInclusive(from, to) > 366) return { ok: false, code: 'ROUND_INVALID', field: 'from', message: `Период длиннее года: ${from} — ${to}.` };
  return { ok: true, round: { key, from, to } };
}

/** The academic year (its starting calendar year) a date falls in: September onwards → that year. */
export function academicYearOf(isoDate: string): number {
  const y = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 9 ? y : y - 1;
}

/** The academic year a round belongs to: the year its end month falls in ('2024-12' → 2024, '2025-06' → 2024). */
export const academicYearOfRound = (key: RoundKey): number => academicYearOf(`${key}-01`);

/** «2024/2025». */
export const academicYearLabel = (startYear: number): string => `${startYear}/${startYear + 1}`;

/** The two default rounds of the academic year starting 1 September `academicYearStart`. */
export function defaultRounds(academicYearStart: number): [Round, Round] {
  return [defaultRoundOfKey(`${academicYearStart}-12`), defaultRoundOfKey(`${academicYearStart + 1}-06`)];
}

/** The default round key whose period holds a date (Jan–Jun → 'Y-06', Jul–Dec → 'Y-12'). */
export const defaultKeyOf = (isoDate: string): RoundKey => `${isoDate.slice(0, 4)}-${Number(isoDate.slice(5, 7)) <= 6 ? '06' : '12'}`;

/**
 * The round `key`: the organisation's own (or inherited) dates when `overrides` has them,
 * else the default. Throws a RangeError for an invalid key: check outside input with parseRoundKey.
 */
export function roundOf(key: RoundKey, overrides: readonly Round[] = []): Round {
  const parsed = parseRoundKey(key);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return overrides.find((r) => r.key === parsed.round.key) ?? parsed.round;
}

/**
 * Default rounds around today, newest first: `after` upcoming ones, the current one and `n`
 * before it (the round picker's list).
 */
export function roundsAround(todayIso: string, n = 4, after = 1): Round[] {
  const current = defaultKeyOf(todayIso);
  const out: Round[] = [];
  for (let i = after; i >= -n; i--) out.push(defaultRoundOfKey(shiftKey(current, i * 6)));
  return out;
}

/**
 * The round holding today: one of `overrides` whose dates hold it, else the default round
 * holding it. When an own round's dates leave today outside every round (a gap), the latest
 * round that ended before today is current.
 */
export function currentRound(todayIso: string, overrides: readonly Round[] = []): Round {
  const own = overrides.filter((r) => r.from <= todayIso && todayIso <= r.to).sort((a, b) => (a.key < b.key ? 1 : -1))[0];
  if (own) return own;
  const def = roundOf(defaultKeyOf(todayIso), overrides);
  if (def.from <= todayIso && todayIso <= def.to) return def;
  const candidates = [...overrides, def, roundOf(shiftKey(def.key, -6), overrides)].filter((r) => r.to < todayIso);
  return candidates.sort((a, b) => (a.to < b.to ? 1 : a.to > b.to ? -1 : 0))[0] ?? def;
}

/**
 * Up to `n` rounds before `round`, oldest first (for trends): taken from `list` (own and
 * inherited rounds), with the default rounds filling the December/June keys `list` lacks.
 */
export function previousRounds(round: Round, list: readonly Round[], n = 4): Round[] {
  if (n <= 0) return [];
  const byKey = new Map<RoundKey, Round>();
  let k = defaultKeyOf(`${round.key}-01`);
  if (k >= round.key) k = shiftKey(k, -6);
  for (let i = 0; i < n; i++, k = shiftKey(k, -6)) byKey.set(k, defaultRoundOfKey(k));
  for (const r of list) if (r.key < round.key) byKey.set(r.key, r);
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1)).slice(-n);
}

/**
 * The moment a round's figures are read as of: the end of its last day in Moscow
 * (`to`T23:59:59.999+03:00), or `now` when that is earlier (a round still open).
 */
export function asOfMoment(round: Round, now: Date | string = new Date()): string {
  const end = Date.parse(`${round.to}T23:59:59.999+03:00`);
  const nowMs = typeof now === 'string' ? Date.parse(now) : now.getTime();
  return new Date(Math.min(end, nowMs)).toISOString();
}

/** The round is still open at `now` (its figures may change until its end). */
export const roundIsOpen = (round: Round, now: Date | string = new Date()): boolean =>
  asOfMoment(round, now) !== new Date(Date.parse(`${round.to}T23:59:59.999+03:00`)).toISOString();

/** «01.07.2024 — 31.12.2024». */
export const roundLabel = (round: Round): string => `${ruDate(round.from)} — ${ruDate(round.to)}`;
export const ruDate = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
