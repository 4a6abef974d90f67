/** Calendar arithmetic on 'YYYY-MM-DD' strings, and placing parsed atoms on a year. Pure, browser-safe. */

/** A piece of a deadline: a day, a day range in a month, a month, a quarter, a half-year or a span of years.
 *  `y` is the year of its start (null = not written); `span` is how many years later it ends. */
export type Atom = {
  y: number | null;
  m1: number;
  d1: number;
  m2: number;
  /** null = the last day of m2. */
  d2: number | null;
  span: number;
  level: 'day' | 'month' | 'quarter' | 'half' | 'year';
};
/** «X», «до X» (from null), «с X» (to null), «X – Y», «после X» (after: starts the day after X). */
/** `later`: written in a continuation («… (далее – ежегодно до 1 марта)»): a later occurrence, not the deadline itself. */
export type Segment = { from: Atom | null; to: Atom | null; after?: boolean; later?: boolean };
export type Span = { start: string | null; end: string | null };

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysIn = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 31;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

export function isValidYmd(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/** Shifts a valid date by months and days (month overflow rolls on, as Date does). */
export function shift(date: string, months: number, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + months, d + days));
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The academic year that begins in September of `ay`. */
export const academicSpan = (ay: number): Span => ({ start: ymd(ay, 9, 1), end: ymd(ay + 1, 8, 31) });
export const key = (a: Atom) => a.m1 * 100 + a.d1;
const atomStart = (a: Atom, y: number) => ymd(y, a.m1, Math.min(a.d1, daysIn(y, a.m1)));
function atomEnd(a: Atom, y: number) {
  const ye = y + a.span;
  const last = daysIn(ye, a.m2);
  return ymd(ye, a.m2, a.d2 === null ? last : Math.min(a.d2, last));
}

export const isYeared = (s: Segment) => [s.from, s.to].every((a) => !a || a.y !== null);
const startOf = (s: Segment, f: Atom, y: number) => (s.after ? shift(atomEnd(f, y), 0, 1) : atomStart(f, y));

/** A segment whose atoms carry their years. */
export function placeYeared(s: Segment): Span {
  return {
    start: s.from ? startOf(s, s.from, s.from.y ?? 0) : null,
    end: s.to ? atomEnd(s.to, s.to.y ?? 0) : null,
  };
}

/** A yearless segment put on a year: mode 'start' = it starts in `year`, 'end' = it ends in `year`. */
export function placeSeg(s: Segment, year: number, mode: 'start' | 'end' = 'start'): Span {
  const { from: f, to: t } = s;
  const wrap = f && t && f !== t && key(t) < key(f) ? 1 : 0;
  let yf = year;
  let yt = year + wrap;
  if (mode === 'end') {
    yt = year - (t?.span ?? 0);
    yf = t ? yt - wrap : year - (f?.span ?? 0);
  }
  return { start: f ? startOf(s, f, yf) : null, end: t ? atomEnd(t, yt) : null };
}

/** Academic-year rule: a yearless September..December belongs to `ay`, January..August to `ay + 1`. */
export const placeAcademic = (s: Segment, ay: number): Span => {
  const first = s.from ?? s.to;
  // «август – сентябрь»: a range from August into the autumn opens the year, it does not close it.
  const opens = first?.m1 === 8 && !!s.from && !!s.to && s.to !== s.from && s.to.m1 >= 9;
  return placeSeg(s, first && first.m1 < 9 && !opens ? ay + 1 : ay);
};

/** The union of spans: an open side anywhere leaves that side open. */
export function union(spans: Span[]): Span {
  if (spans.length === 0) return { start: null, end: null };
  const starts = spans.map((s) => s.start);
  const ends = spans.map((s) => s.end);
  return {
    start: starts.includes(null) ? null : (starts as string[]).reduce((a, b) => (b < a ? b : a)),
    end: ends.includes(null) ? null : (ends as string[]).reduce((a, b) => (b > a ? b : a)),
  };
}
