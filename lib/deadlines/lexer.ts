/** Reading the dates out of normalised Russian deadline wording: tokens → atoms → segments. Pure, browser-safe. */
import { daysIn, key, type Atom, type Segment } from './calendar';

/** `open`/`close`: a parenthesis; `next`: «далее», «в дальнейшем» … — what follows describes later occurrences. */
type Op = 'dash' | 'from' | 'until' | 'po' | 'after' | 'list' | 'open' | 'close' | 'next';
type Tok =
  | { t: 'date'; d: number; m: number; y: number | null }
  | { t: 'num'; n: number }
  | { t: 'year'; y: number }
  | { t: 'month'; m: number }
  | { t: 'ord'; n: number }
  | { t: 'quarter' | 'half' | 'acad' | 'slash' }
  | { t: Op };

const LOOKALIKE: Record<string, string> = { a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у' };

/**
 * Lower case, ё → е, one kind of dash, one space; and the slips of typing seen in real plans:
 * Latin look-alike letters inside a Russian word («тeчение»), a number glued to a word
 * («2раза», «до15.10», «2022г.») and the clipped or misspelt «в течение» («в теч.», «в течении», «втечение»).
 */
export function normalize(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\u0456/g, 'i')
    .replace(/[\u00ad\u200b\u2060\ufeff]/g, '')
    .replace(/[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]/g, '-')
    .replace(/[a-zа-я]+/g, (w) => (/[a-z]/.test(w) && /[а-я]/.test(w) ? w.replace(/[a-z]/g, (c) => LOOKALIKE[c] ?? c) : w))
    .replace(/(\d)(?=[a-zа-я])|([a-zа-я])(?=\d)/g, '$1$2 ')
    .replace(/(^|[^а-я])в ?теч(?:ени[а-я]?(?![а-я])|\.|(?![а-я])) ?/g, '$1в течение ')
    .replace(/\s+/g, ' ')
    .trim();
}

const NB = '(?![a-zа-я])';
const YEAR_SUFFIX = `(?:\\s?(?:г\\s?\\.?\\s?г|гг|годы|годов|годах|году|года|год|г)${NB}\\.?)?`;
const MONTH_KEYS: Record<string, number> = {
  янв: 1, фев: 2, мар: 3, апр: 4, июн: 6, июл: 7, авг: 8, сен: 9, окт: 10, ноя: 11, дек: 12,
};
const monthOf = (w: string) => (w.startsWith('ма') && w[2] !== 'р' ? 5 : MONTH_KEYS[w.slice(0, 3)]);
const ORDINALS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, перв: 1, втор: 2, трет: 3, четверт: 4 };
const op = (t: Op) => (): Tok => ({ t });

const yr = (s: string) => (s.length === 2 ? 2000 + Number(s) : Number(s));
const re = (s: string) => new RegExp(s, 'y');

const RULES: Array<[RegExp, ((m: RegExpExecArray) => Tok) | null]> = [
  [/(\d{4})[-.](\d{1,2})[-.](\d{1,2})(?!\d)/y, (m) => ({ t: 'date', y: +m[1], m: +m[2], d: +m[3] })],
  [/(\d{1,2}) ?\. ?(\d{1,2})(?: ?\. ?(\d{4}|\d{2})(?!\d)|(?!\d))\.?/y, (m) => ({ t: 'date', d: +m[1], m: +m[2], y: m[3] ? yr(m[3]) : null })],
  [re(`((?:19|20)\\d{2})(?!\\d)${YEAR_SUFFIX}`), (m) => ({ t: 'year', y: +m[1] })],
  [re(`(\\d{2})\\s?(?:г\\s?\\.?\\s?г|гг|года|год|г)${NB}\\.?`), (m) => ({ t: 'year', y: 2000 + +m[1] })],
  [re(`(\\d{1,2})(?!\\d)(?:-?(?:ого|ый|ой|ое|го|й|е|м)${NB})?`), (m) => ({ t: 'num', n: +m[1] })],
  [/\d+/y, null],
  [re(`(iv|iii|ii|i)${NB}`), (m) => ({ t: 'ord', n: ORDINALS[m[1]] })],
  [/(перв|втор|трет|четверт)[а-я]*/y, (m) => ({ t: 'ord', n: ORDINALS[m[1]] })],
  [/квартал[а-я]*/y, () => ({ t: 'quarter' })],
  [/полугоди[а-я]*/y, () => ({ t: 'half' })],
  [re(`(?:учебн[а-я]*|уч\\.?) ?(?:год[а-я]*|г\\.?)${NB}\\.?`), () => ({ t: 'acad' })],
  [
    re(`(?:(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)(?:ь|я|е|ю|ем)|(?:март|август)(?:а|е|ом)?|ма(?:й|я|е|ю|ем)|(?:янв|февр?|мар|апр|авг|сент?|окт|нояб?|дек)\\.?)${NB}`),
    (m) => ({ t: 'month', m: monthOf(m[0]) }),
  ],
  [/[([{]/y, op('open')],
  [/[)\]}]/y, op('close')],
  [re(`(?:далее|в дальнейшем|впоследствии|в последующем|затем|потом)${NB}`), op('next')],
  [re(`(?:не позднее|не позже|до|к|ко|по состоянию на)${NB}`), op('until')],
  [re(`(?:по итогам|по результатам|по окончании|по завершении|после)${NB}`), op('after')],
  [re(`(?:не ранее|начиная со?|со?)${NB}`), op('from')],
  [re(`по${NB}`), op('po')],
  [re(`(?:и|а также)${NB}|[,;]`), op('list')],
  [/-/y, op('dash')],
  [/\//y, () => ({ t: 'slash' })],
  [/[a-zа-я]+/y, null],
];

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let pos = 0;
  scan: while (pos < s.length) {
    if (s[pos] === ' ') { pos++; continue; }
    for (const [rx, make] of RULES) {
      rx.lastIndex = pos;
      const m = rx.exec(s);
      if (m && m[0].length > 0) {
        if (make) out.push(make(m));
        pos += m[0].length;
        continue scan;
      }
    }
    pos++;
  }
  return out;
}

const dayAtom = (d: number, m: number, y: number | null): Atom | null =>
  m >= 1 && m <= 12 && d >= 1 && d <= (y === null ? daysIn(2000, m) : daysIn(y, m))
    ? { y, m1: m, d1: d, m2: m, d2: d, span: 0, level: 'day' }
    : null;
const yearsAtom = (y1: number, y2: number, academic: boolean): Atom =>
  academic
    ? { y: y1, m1: 9, d1: 1, m2: 8, d2: 31, span: Math.max(1, y2 - y1), level: 'year' }
    : { y: y1, m1: 1, d1: 1, m2: 12, d2: null, span: y2 - y1, level: 'year' };
function unitAtom(unit: 'quarter' | 'half', n: number, y: number | null): Atom | null {
  if (unit === 'quarter') return n >= 1 && n <= 4 ? { y, m1: 3 * n - 2, d1: 1, m2: 3 * n, d2: null, span: 0, level: 'quarter' } : null;
  if (n !== 1 && n !== 2) return null;
  // A half-year with its year is a calendar half; without, the school's: I = Sept..Dec, II = Jan..Aug.
  const [m1, m2] = y !== null ? (n === 1 ? [1, 6] : [7, 12]) : n === 1 ? [9, 12] : [1, 8];
  return { y, m1, d1: 1, m2, d2: null, span: 0, level: 'half' };
}

type Item = Atom | { op: Op };
const isOp = (x: Item | undefined): x is { op: Op } => !!x && 'op' in x;

/** Tokens → atoms (with the operators between them). `invalid` = a written date that does not exist. */
function atomize(toks: Tok[]): { items: Item[]; invalid: boolean } {
  const items: Item[] = [];
  let invalid = false;
  const yearAt = (i: number) => { const t = toks[i]; return t?.t === 'year' ? t.y : null; };
  const push = (a: Atom | null) => (a ? items.push(a) : (invalid = true));
  const isLink = (i: number) => ['dash', 'po', 'until'].includes(toks[i]?.t ?? '');
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const next = toks[i + 1];
    if (t.t === 'date') {
      const y = t.y ?? yearAt(i + 1);
      if (t.y === null && y !== null) i++;
      push(dayAtom(t.d, t.m, y));
    } else if (t.t === 'num' || t.t === 'ord') {
      const n = t.n;
      const far = toks[i + 3];
      if (t.t === 'num' && next?.t === 'month') {
        const y = yearAt(i + 2);
        push(dayAtom(n, next.m, y));
        i += y === null ? 1 : 2;
      } else if (next?.t === 'quarter' || next?.t === 'half') {
        const y = yearAt(i + 2);
        push(unitAtom(next.t, n, y));
        i += y === null ? 1 : 2;
      } else if (t.t === 'num' && isLink(i + 1) && toks[i + 2]?.t === 'num' && far?.t === 'month') {
        push(dayAtom(n, far.m, null)); // «1-30 сентября», «с 1 по 15 сентября»: the month is borrowed
      } else if (t.t === 'num' && isLink(i + 1) && toks[i + 2]?.t === 'date') {
        const d = toks[i + 2] as { m: number };
        push(dayAtom(n, d.m, null));
      } else if (isLink(i + 1) && (far?.t === 'quarter' || far?.t === 'half') && ['num', 'ord'].includes(toks[i + 2]?.t)) {
        push(unitAtom(far.t, n, null));
      }
    } else if (t.t === 'month') {
      const y = yearAt(i + 1);
      items.push({ y, m1: t.m, d1: 1, m2: t.m, d2: null, span: 0, level: 'month' });
      if (y !== null) i++;
    } else if (t.t === 'year') {
      const link = next?.t === 'dash' || next?.t === 'slash';
      const second = toks[i + 2];
      let y2: number | null = null;
      if (link && second?.t === 'year') y2 = second.y;
      if (link && second?.t === 'num') y2 = t.y - (t.y % 100) + second.n;
      if (y2 !== null && y2 >= t.y && y2 - t.y <= 50) {
        const acad = toks[i + 3]?.t === 'acad' || (next?.t === 'slash' && y2 === t.y + 1);
        items.push(yearsAtom(t.y, y2, acad));
        i += toks[i + 3]?.t === 'acad' ? 3 : 2;
      } else if (next?.t === 'acad') {
        items.push(yearsAtom(t.y, t.y + 1, true));
        i++;
      } else items.push(yearsAtom(t.y, t.y, false));
    } else if (t.t === 'acad') {
      items.push({ ...yearsAtom(0, 1, true), y: null });
    } else if (t.t === 'slash') items.push({ op: 'list' });
    else if (t.t !== 'quarter' && t.t !== 'half') items.push({ op: t.t });
  }
  return { items, invalid };
}

/**
 * Atoms and operators → segments; years written once («июнь-август 2021», «ноябрь, декабрь 2021») are shared.
 * A parenthesis ends what stood before it (no range or «до» reaches across it). «далее» opens a continuation
 * up to the end of the parenthesis it stands in (or of the text): its segments are marked `later`.
 */
function segment(items: Item[]): Segment[] {
  const segs: Segment[] = [];
  let prefix: 'from' | 'until' | 'after' | null = null;
  let depth = 0;
  let laterFrom: number | null = null; // the depth at which the continuation was opened
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (isOp(it)) {
      if (it.op === 'from' || it.op === 'until' || it.op === 'after') prefix = it.op;
      else if (it.op === 'po') prefix = 'until';
      else if (it.op === 'list' || it.op === 'open' || it.op === 'close' || it.op === 'next') prefix = null;
      if (it.op === 'open') depth++;
      if (it.op === 'close') depth = Math.max(0, depth - 1);
      if (it.op === 'next') laterFrom ??= depth;
      if (laterFrom !== null && depth < laterFrom) laterFrom = null;
      continue;
    }
    const later = laterFrom !== null || undefined;
    const link = items[i + 1];
    const other = items[i + 2];
    let seg: Segment;
    if (isOp(link) && ['dash', 'po', 'until'].includes(link.op) && other && !isOp(other)) {
      seg = { from: it, to: other, after: prefix === 'after' || undefined };
      i += 2;
    } else if (prefix === 'until') seg = { from: null, to: it };
    else if (prefix === 'from') seg = { from: it, to: null };
    else if (prefix === 'after') seg = { from: it, to: null, after: true };
    else seg = { from: it, to: it };
    segs.push(later ? { ...seg, later } : seg);
    prefix = null;
  }
  return segs;
}

/** Gives a yearless segment the year `y` (its first atom starts then; a later-dated end falls in the next year). */
function fill(s: Segment, y: number) {
  const first = s.from ?? s.to;
  if (!first) return;
  if (first.y === null) first.y = y;
  if (s.to && s.to.y === null) s.to.y = key(s.to) < key(first) ? (first.y ?? y) + 1 : first.y ?? y;
}

export function shareYears(segs: Segment[]) {
  for (const s of segs) {
    const { from: f, to: t } = s;
    if (f && t && f !== t && f.y === null && t.y !== null) f.y = key(f) > key(t) ? t.y - 1 : t.y;
    if (f && t && f !== t && t.y === null && f.y !== null) fill(s, f.y);
  }
  // A yearless segment takes the year of the next dated one, else follows the previous dated one.
  const later: Array<Segment | undefined> = [];
  for (let i = segs.length - 1, seen: Segment | undefined; i >= 0; i--) {
    later[i] = seen;
    if ((segs[i].from ?? segs[i].to)?.y != null) seen = segs[i];
  }
  let earlier: Segment | undefined;
  segs.forEach((s, i) => {
    const first = s.from ?? s.to;
    if (first && first.y === null) {
      const next = later[i];
      if (next) fill(s, (next.from ?? next.to)!.y!);
      else if (earlier) {
        const last = (earlier.to ?? earlier.from)!;
        const y = last.y! + last.span;
        fill(s, key(first) < last.m2 * 100 + (last.d2 ?? 31) ? y + 1 : y);
      }
    }
    if ((s.to ?? s.from)?.y != null) earlier = s;
  });
}

/** `continued`: the wording has a continuation («далее …»). */
export function readSegments(s: string): { segs: Segment[]; invalid: boolean; continued: boolean } {
  const { items, invalid } = atomize(tokenize(s));
  return { segs: segment(items), invalid, continued: items.some((x) => isOp(x) && x.op === 'next') };
}
