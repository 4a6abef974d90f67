/**
 * Reads the Russian free-text deadline («сроки») of a roadmap activity. Pure, no I/O, browser-safe.
 *
 * Rules
 * - `text` is the input trimmed, whitespace collapsed; never otherwise altered. Never throws.
 * - `start` is the earliest date the wording allows, `end` the latest; null = unbounded or unknown.
 *   «до X», «не позднее X», «к X», «по X» → null..X (a month or year X counts to its last day);
 *   «с X», «начиная с X» → X..null; «после X», «по итогам X» → the day after X..null.
 * - A month or day with no year is placed by the academic-year rule: September..December of
 *   `academicYear`, January..August of the next (a range that wraps continues into the next year).
 *   With no academic year nor period known, dates stay null and the warning says the year is unknown.
 * - Recurring wording (ежегодно, декабрь и июнь, 2 раза в год) over a period (ctx.period, or
 *   «в период с 2022 по 2024 г.г.» / a year range written in the text, which wins): start = the
 *   first occurrence in the period's first calendar year, end = the last one in its last year; an
 *   open side of an occurrence is clamped to the period (1 January / 31 December).
 *   With no period: yearless months are placed once by the academic-year rule.
 * - «X (далее ежегодно)», where X has a year: start = X's start; end = X's end moved to the period's
 *   last year (one rule with «ежегодно, декабрь»: the last occurrence), or X's own end with no period:
 *   a continuation adds its recurrence and never erases X's dates. Dates inside the continuation
 *   («(далее – ежегодно до 1 марта)») are later occurrences: they may move the end on, never the start.
 *   So «сентябрь 2020 (далее – ежегодно)» over 2022..2024 → 2020-09-01..2024-09-30, with no period
 *   2020-09-01..2020-09-30; «май 2022 (далее – постоянно)» over 2022..2024 → 2022-05-01..2024-12-31.
 * - Slips of typing read as meant: «N раз в год / полугодие / квартал …» in any spelling («2 раз год»,
 *   «1 раз вполугодие», «2р. в год», «раз в пол года»): once a year → yearly, twice → semiannual,
 *   more often → ongoing; «в теч.», «в течении», «втечение»; «ежегод.», «ежемес.»; «до15.10.2022г.».
 * - Two yearless months at least four months apart («декабрь, июнь») → semiannual. With years
 *   («декабрь 2021, июнь 2022») they are specific dates: once, 2021-12-01..2022-06-30.
 * - ongoing: постоянно, ежемесячно, еженедельно, ежеквартально, в течение всего периода → the period
 *   span (or nulls); «в течение года» → the academic year (1 Sept..31 Aug); «в течение 2022 года» →
 *   that year. as-needed: по мере необходимости, по согласованию, по (отдельному) графику, по запросу,
 *   в соответствии со сроками … → the period span when known (the activity can happen any time in it).
 * - «в течение первого месяца» → programmeStart (default 1 September of academicYear) + 1 month − 1 day;
 *   «в течение N дней/недель/месяцев после X» → X..X + N, or a warning when X has no date.
 * - Nothing readable: nulls, 'once', a warning «Срок «…» не распознан: даты не заданы».
 */
import type { Deadline, Recurrence } from '../board/ops';
import { academicSpan, isValidYmd, isYeared, placeAcademic, placeSeg, placeYeared, shift, union, ymd, type Segment, type Span } from './calendar';
import { normalize, readSegments, shareYears } from './lexer';

export type DeadlineContext = {
  /** The roadmap's period in years, e.g. {from:'2022', to:'2024'}. */
  period?: { from: string; to: string } | null;
  /** The calendar year in which the roadmap's academic year starts (September). Defaults to period.from. */
  academicYear?: number | null;
  /** The programme's start (YYYY-MM-DD), for «в течение первого месяца». Defaults to September 1 of academicYear. */
  programmeStart?: string | null;
  /** The period is academic years (September of `from` to August of `to`), not calendar ones. */
  academicPeriod?: boolean;
};
export type ParsedDeadline = { deadline: Deadline; warning: string | null };
type Period = { from: number; to: number };
type Kind = 'year' | 'whole' | null;

const NUMBER_WORDS: Record<string, number> = {
  одного: 1, двух: 2, трех: 3, четырех: 4, пяти: 5, шести: 6, семи: 7, десяти: 10, четырнадцати: 14, пятнадцати: 15, тридцати: 30,
};
const countOf = (w: string | undefined) => (!w ? 1 : /^\d+$/.test(w) ? Math.min(Number(w), 1000) : NUMBER_WORDS[w] ?? 1);

const PERIOD_RE = /период[а-я]* (?:с )?((?:19|20)\d{2})(?: ?г\.?| года)? ?(?:по|до|-) ?((?:19|20)\d{2})(?: ?(?:г ?\.? ?г|гг|годы|годов|года|год|г)(?![а-я])\.?)?/;
const FIRST_MONTHS_RE = /(?:в течение|на протяжении) (?:перв(?:ого|ых)|1-?го)(?: ?- ?(втор|трет|четверт)[а-я]*)?(?: ([а-я]+|\d+))? месяц[а-я]*/;
const RELATIVE_RE = /(?:в течение|не позднее|не позже) (?:(\d{1,3}|[а-я]+) )?(?:(календарн|рабоч)[а-я]* )?(дн|недел|месяц)[а-я]* (?:после|с момента|со дня|с даты|от даты|от|с)(?![а-я])/;
// «N раз в <единицу>» and its slips («2 раз год», «1 раз вполугодие», «2р. в год», «раз в пол года», «2 раза в течение года»).
const TIMES_RE = /(?<![\d.])(?:(\d{1,3}|один|одного|два|двух|три|трех|четыре|четырех|пять|шесть|десять)(?: ?-?(?:х|а|ух|ех))? ?)?(?<![а-я])(?:раза?|р\.)(?: ?(?:в|за|\/|на))? ?(?:течение )?(?:всего )?(?:(?:учебн[а-я]*|уч\.?|календарн[а-я]*) ?)?(год(?:а|у)?(?![а-я])|г\.|полугоди[а-я]*|пол ?\.? ?года|полгода|квартал|четверт|четв\.|месяц|мес\.|недел|нед\.|день|дня|триместр|семестр)/g;
const TIMES_WORDS: Record<string, number> = { один: 1, одного: 1, два: 2, двух: 2, три: 3, трех: 3, четыре: 4, четырех: 4, пять: 5, шесть: 6, десять: 10 };
/** How often a year or a half-year is named: once a year → yearly, twice → semiannual, more often → ongoing. */
function timesRecurrence(m: RegExpExecArray): Recurrence {
  const n = m[1] ? TIMES_WORDS[m[1]] ?? Number(m[1]) : 1;
  const perYear = m[2].startsWith('г') ? n : m[2].startsWith('пол') ? 2 * n : Infinity;
  return perYear <= 1 ? 'yearly' : perYear === 2 ? 'semiannual' : 'ongoing';
}
const FLAGS: Array<{ re: RegExp; rec: Recurrence | ((m: RegExpExecArray) => Recurrence); kind?: Kind }> = [
  { re: TIMES_RE, rec: timesRecurrence },
  { re: /по (?:итогам|окончании|завершении|результатам) (?:каждого )?полугоди[яй]|дважды в год|ежеполугод[а-я]*|кажд[а-я]* полугоди[а-я]*/g, rec: 'semiannual' },
  { re: /ежегод(?:н[а-я]*|\.|(?![а-я]))|каждый год|по итогам (?:каждого )?(?:учебного |календарного )?года(?![а-я])/g, rec: 'yearly' },
  { re: /(?:в течение|на протяжении|в ходе) (?:всего )?(?:учебного |уч\. ?|календарного |текущего )?года(?![а-я])/g, rec: 'ongoing', kind: 'year' },
  { re: /(?:в течение|на протяжении|в ходе) всего(?: периода| срока)?|(?:в течение|на протяжении|в ходе|весь) (?:период|срок)[а-я]*|в период (?:реализации|внедрения|действия)/g, rec: 'ongoing', kind: 'whole' },
  {
    re: /постоянн|ежедн|еженед|ежемес|ежекварт|ежечетв|систематическ|регулярн|непрерывн|(?:в конце |по итогам |по окончании )?кажд[а-я]* (?:месяц|недел|четверт|квартал|триместр)[а-я]*|по (?:итогам|окончании) (?:каждой )?четверти|по четвертям/g,
    rec: 'ongoing',
  },
  { re: /по (?:мере )?(?:необходимости|потребности|поступления|готовности)|по согласованию|по (?:отдельному |индивидуальному |утвержденному |согласованному )?(?:графику|плану|расписанию)|по (?:запросу|запросам|требованию|заявкам?)|(?:в соответствии|согласно) (?:со? )?(?:срок|график|план)[а-я]*|в (?:установленные|определенные) сроки/g, rec: 'as-needed' },
];
const PRIORITY: Recurrence[] = ['semiannual', 'yearly', 'ongoing', 'as-needed', 'once'];

const quote = (t: string) => `«${t.length > 80 ? `${t.slice(0, 79)}…` : t}»`;
const msg = {
  empty: 'Срок не указан: даты не заданы',
  unread: (t: string) => `Срок ${quote(t)} не распознан: даты не заданы`,
  noYear: (t: string) => `Срок ${quote(t)}: год неизвестен (не задан учебный год или период дорожной карты), даты не заданы`,
  noStart: (t: string) => `Срок ${quote(t)}: дата начала программы неизвестна, даты не заданы`,
  noAnchor: (t: string) => `Срок ${quote(t)} отсчитывается от события без даты: даты не заданы`,
  invalid: (t: string) => `Срок ${quote(t)}: несуществующая дата пропущена`,
  swapped: (t: string) => `Срок ${quote(t)}: конец раньше начала, даты переставлены`,
};

function yearOf(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1000 && n <= 9000 ? n : null;
}

function finish(text: string, recurrence: Recurrence, span: Span, warning: string | null): ParsedDeadline {
  let start = isValidYmd(span.start) ? span.start : null;
  let end = isValidYmd(span.end) ? span.end : null;
  if (start && end && start > end) {
    [start, end] = [end, start];
    warning ??= msg.swapped(text);
  }
  return { deadline: { text, start, end, recurrence }, warning };
}

export function parseDeadline(text: string, ctx?: DeadlineContext): ParsedDeadline {
  const clean = String(text ?? '').replace(/\s+/g, ' ').trim();
  try {
    return parse(clean, ctx ?? {});
  } catch {
    return finish(clean, 'once', { start: null, end: null }, clean ? msg.unread(clean) : msg.empty);
  }
}

function parse(text: string, ctx: DeadlineContext): ParsedDeadline {
  const none: Span = { start: null, end: null };
  if (!text) return finish(text, 'once', none, msg.empty);
  const f = yearOf(ctx.period?.from);
  const t = yearOf(ctx.period?.to);
  let period: Period | null = f !== null && t !== null ? { from: Math.min(f, t), to: Math.max(f, t) } : null;
  const ay = yearOf(ctx.academicYear) ?? period?.from ?? null;
  const programmeStart = isValidYmd(ctx.programmeStart) ? ctx.programmeStart : ay !== null ? ymd(ay, 9, 1) : null;

  let s = normalize(text);
  let explicitPeriod = false;
  const recs: Recurrence[] = [];
  let kind = null as Kind;
  const pm = PERIOD_RE.exec(s);
  if (pm) {
    const [a, b] = [Number(pm[1]), Number(pm[2])];
    period = { from: Math.min(a, b), to: Math.max(a, b) };
    explicitPeriod = true;
    if (/(?:в течение|на протяжении)(?: всего)? ?$/.test(s.slice(0, pm.index))) recs.push('ongoing');
    s = s.replace(pm[0], ' ; ');
  }
  const first = FIRST_MONTHS_RE.exec(s);
  if (first) {
    const n = first[1] ? { втор: 2, трет: 3, четверт: 4 }[first[1]] ?? 1 : countOf(first[2]);
    if (!programmeStart) return finish(text, 'once', none, msg.noStart(text));
    return finish(text, 'once', { start: programmeStart, end: shift(programmeStart, n, -1) }, null);
  }
  const rel = RELATIVE_RE.exec(s);
  if (rel) s = s.replace(rel[0], ' ; ');
  for (const flag of FLAGS) {
    s = s.replace(flag.re, (...m) => {
      recs.push(typeof flag.rec === 'function' ? flag.rec(m as unknown as RegExpExecArray) : flag.rec);
      kind ??= flag.kind ?? null;
      return ' ; ';
    });
  }
  let rec = PRIORITY.find((r) => recs.includes(r)) ?? 'once';
  const { segs: all, invalid, continued } = readSegments(s);
  let segs = all;
  const warnInvalid = invalid ? msg.invalid(text) : null;

  // A year range next to yearless recurring dates is the period they recur over («ежегодно, декабрь, 2022-2024 гг.»);
  // not next to a continuation's dates («2021 г. (далее – ежегодно до 1 марта)»: 2021 is the deadline).
  const isYearSpan = (x: Segment) => x.from === x.to && x.from?.y != null && x.from.level === 'year' && x.from.m1 === 1;
  if ((rec === 'yearly' || rec === 'semiannual') && segs.some(isYearSpan) && segs.some((x) => !x.later && !isYearSpan(x) && !isYeared(x))) {
    const y = segs.filter(isYearSpan).map((x) => x.from!);
    if (!explicitPeriod) period = { from: Math.min(...y.map((a) => a.y!)), to: Math.max(...y.map((a) => a.y! + a.span)) };
    segs = segs.filter((x) => !isYearSpan(x));
  }
  shareYears(segs);
  // «X (далее – ежегодно до 1 марта)»: X is the deadline; the continuation's dates are later occurrences.
  const later = segs.some((x) => !x.later) ? segs.filter((x) => x.later) : [];
  if (later.length) segs = segs.filter((x) => !x.later);
  const yeared = segs.length > 0 && segs.every(isYeared);
  // An academic-year roadmap («на 2022-2023 учебный год») runs September to August.
  const academic = ctx.academicPeriod === true && !explicitPeriod;
  const periodSpan: Span = period ? (academic ? { start: ymd(period.from, 9, 1), end: ymd(period.to, 8, 31) } : { start: ymd(period.from, 1, 1), end: ymd(period.to, 12, 31) }) : none;
  const placed = (): Span | null =>
    yeared ? union(segs.map(placeYeared)) : ay === null ? null : union(segs.map((x) => placeAcademic(x, ay)));

  if (rel) {
    const anchor = segs.length ? placed() : null;
    const base = anchor ? anchor.end ?? anchor.start : null;
    if (!anchor || !base) return finish(text, 'once', none, segs.length && !anchor ? msg.noYear(text) : msg.noAnchor(text));
    const n = countOf(rel[1]);
    const days = rel[3] === 'дн' ? (rel[2] === 'рабоч' ? Math.ceil((n * 7) / 5) : n) : rel[3] === 'недел' ? 7 * n : 0;
    return finish(text, 'once', { start: anchor.start ?? base, end: shift(base, rel[3] === 'месяц' ? n : 0, days) }, null);
  }

  // «декабрь, июнь», «до 20 декабря, до 20 июня»: two yearless dates far apart recur twice a year.
  const point = (x: Segment) => ((x.from === x.to || x.from === null) && x.to && (x.to.level === 'month' || x.to.level === 'day') ? x.to : null);
  if (rec === 'once' && !yeared && segs.length === 2 && segs.every(point)) {
    const gap = Math.abs(point(segs[0])!.m1 - point(segs[1])!.m1);
    if (Math.min(gap, 12 - gap) >= 4) rec = 'semiannual';
  }
  // «май 2022, май 2023, май 2024»: the same date written for several years is a yearly one.
  if (rec === 'once' && yeared && segs.length >= 2 && segs.every(point)) {
    const atoms = segs.map(point)!;
    const same = atoms.every((a) => a!.m1 === atoms[0]!.m1 && a!.d1 === atoms[0]!.d1 && a!.level === atoms[0]!.level);
    if (same && new Set(atoms.map((a) => a!.y)).size === atoms.length) rec = 'yearly';
  }
  if (rec === 'once' && segs.length && segs.every((x) => x.from === x.to && x.from?.level === 'year') && /в течение|на протяжении|в ходе/.test(s)) {
    rec = 'ongoing';
  }

  if (rec === 'yearly' || rec === 'semiannual') {
    if (!segs.length) return finish(text, rec, periodSpan, warnInvalid);
    if (yeared) {
      const span = union(segs.map(placeYeared));
      // With no period the written dates are all that is known: the recurrence is added, the dates stay.
      if (!period || span.end === null) return finish(text, rec, span, warnInvalid);
      // «далее ежегодно»: the latest-ending date (of the deadline or its continuation) repeats until the period's last year.
      const dated = [...segs, ...later.filter(isYeared)];
      const last = dated.map((x) => x.to).filter((a) => a !== null).sort((a, b) => a!.y! + a!.span - (b!.y! + b!.span)).pop();
      const moved = last && last.y! + last.span < period.to ? placeSeg({ from: null, to: last }, period.to, 'end').end : null;
      return finish(text, rec, { start: span.start, end: latest([span.end, moved, ...dated.map((x) => placeYeared(x).end)]) }, warnInvalid);
    }
    if (period) {
      const p = period;
      const spans = segs.map((x) => ({
        start: placeSeg(x, p.from, 'start').start ?? ymd(p.from, 1, 1),
        end: placeSeg(x, p.to, 'end').end ?? ymd(p.to, 12, 31),
      }));
      const span = union(spans);
      const laterEnds = later.map((x) => (isYeared(x) ? placeYeared(x) : placeSeg(x, p.to, 'end')).end);
      return finish(text, rec, { start: span.start, end: latest([span.end, ...laterEnds]) }, warnInvalid);
    }
  }
  if (!segs.length) {
    if (rec === 'ongoing' && kind === 'year') {
      return ay === null ? finish(text, rec, none, msg.noYear(text)) : finish(text, rec, academicSpan(ay), null);
    }
    // No period but an academic year (a one-year plan, or one read from the plan's dates): that year.
    const yearSpan: Span = ay !== null && (rec === 'ongoing' || rec === 'as-needed') ? academicSpan(ay) : none;
    if (rec !== 'once') return finish(text, rec, period ? periodSpan : yearSpan, warnInvalid);
    if (explicitPeriod) return finish(text, rec, periodSpan, warnInvalid);
    return finish(text, rec, none, warnInvalid ?? msg.unread(text));
  }
  const span = placed();
  if (!span) return finish(text, rec, none, msg.noYear(text));
  // «сентябрь 2022 г. (далее – по мере необходимости)»: after the deadline, the activity runs on to the period's end.
  if (continued && period && span.end !== null && (rec === 'ongoing' || rec === 'as-needed')) {
    return finish(text, rec, { start: span.start, end: latest([span.end, periodSpan.end]) }, warnInvalid);
  }
  return finish(text, rec, span, warnInvalid);
}

/** The latest of some dates (null when none is known). */
const latest = (xs: Array<string | null>): string | null => xs.reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
