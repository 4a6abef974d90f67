/*
 * Indicators (показатели эффективности): KPI tables (a «показатель» column and year columns)
 * and targets stated in plain text. Conservative: only clear statements become indicators.
 */
import { cleanText, stripTrailing } from './clean';
import { cellText, isColumnNumberRow, isJunkRow, toRows, type Row } from './structure/columns';
import type { DocTable, ImportedIndicator } from './types';

const YEAR_RE = /(?:^|[^\d])(20\d\d)(?!\d)/;
/** A year column's header is short: «2022 г.», «2023», «2024 год», «2020-2021 уч. г.». */
const yearOfHeader = (t: string): string | null => (t.length <= 30 && /^[\d\s.,гдоуч/–—-]*(год|г\.?|гг\.?|уч\.?\s*г\.?|учебный год)?[\s.]*$/i.test(t) ? (YEAR_RE.exec(t)?.[1] ?? null) : null);
const TITLE_HEADER_RE = /показател|индикатор|критери|наименование|название/i;

/** «не менее 70», «12,5», «70 %» → the number; none → null. */
export function parseValue(text: string): number | null {
  const m = /(-?\d+(?:[.,]\d+)?)/.exec(cleanText(text).replace(/\s(?=\d{3}\b)/g, ''));
  if (!m) return null;
  const n = Number(m[1]!.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/**
 * The title without its explanation (an italic or «(отношение …)» parenthetical) and its unit
 * («…, %», «(%)», «…, чел.»); what follows the unit («(опросный)») goes too.
 */
export function splitTitleUnit(raw: string): { title: string; unit: string | null } {
  let t = cleanText(raw.replace(/<i>[\s\S]*?(?:<\/i>|$)/gi, ' '));
  t = t.replace(/\s*\((?:отношение|рассчитывается|определяется|расчет|формула)[^)]*\)?\s*$/i, '');
  let unit: string | null = null;
  const comma = /^(.*?),\s*(%|чел\.?|человек|ед\.?|шт\.?|единиц|руб\.?|баллов|балл)(?=[\s(.]|$)/i.exec(t);
  if (comma) {
    unit = comma[2]!;
    t = comma[1]!;
  } else {
    const paren = /^(.*?)\s*\((%|чел\.?|ед\.?|шт\.?)\)/i.exec(t);
    if (paren) {
      unit = paren[2]!;
      t = paren[1]!;
    } else if (/%|процент/i.test(t) || /^(доля|процент)/i.test(t)) unit = '%';
  }
  t = t.trimEnd();
  if (t.endsWith('%')) t = t.slice(0, -1);
  t = stripTrailing(t, /[\s,;:.]/).trim();
  return { title: t, unit };
}

/** A KPI table → its indicators; null when the table is not one. */
export const readIndicators = (table: DocTable): ImportedIndicator[] | null => indicatorsOfRows(toRows(table));

/** The same, for a table already read into rows (which it leaves as they are). */
export function indicatorsOfRows(rows: Row[]): ImportedIndicator[] | null {
  let headerIndex = -1;
  let titleCol = -1;
  let years = new Map<number, string>();
  for (let i = 0; i < Math.min(rows.length, 3) && headerIndex < 0; i++) {
    const texts = rows[i]!.cols.map((c) => cellText(c));
    const ys = new Map<number, string>();
    texts.forEach((t, j) => {
      const y = yearOfHeader(t);
      if (y) ys.set(j, y);
    });
    const named = texts.findIndex((t) => /показател|индикатор/i.test(t));
    const titled = named >= 0 ? named : ys.size >= 2 ? texts.findIndex((t) => TITLE_HEADER_RE.test(t)) : -1;
    if (titled >= 0 && ys.size >= 1) [headerIndex, titleCol, years] = [i, titled, ys];
  }
  if (headerIndex < 0) return listedIndicators(rows);
  const unitCol = rows[headerIndex]!.cols.findIndex((c) => /единиц|ед\.\s*изм/i.test(cellText(c)));
  const out: { raw: string; unitCell: string; targets: Record<string, number> }[] = [];
  const header = rows[headerIndex]!.cols.map((c) => cellText(c)).join('|');
  for (const row of rows.slice(headerIndex + 1)) {
    if (isJunkRow(row) || isColumnNumberRow(row)) continue;
    if (row.cols.map((c) => cellText(c)).join('|') === header) continue;
    const raw = (row.cols[titleCol] ?? []).join(' ');
    const targets: Record<string, number> = {};
    for (const [j, year] of years) {
      const v = parseValue(cellText(row.cols[j]));
      if (v !== null) targets[year] = v;
    }
    const prev = out[out.length - 1];
    // A page break split the row: the rest of the title, no values.
    if (prev && Object.keys(targets).length === 0 && !hasNumber(row, titleCol)) {
      prev.raw = `${prev.raw} ${raw}`;
      continue;
    }
    out.push({ raw, unitCell: unitCol >= 0 ? cellText(row.cols[unitCol]) : '', targets });
  }
  return out
    .map(({ raw, unitCell, targets }) => {
      const { title, unit } = splitTitleUnit(raw);
      return { title, unit: unitCell || unit, targets };
    })
    .filter((i) => i.title !== '');
}

const hasNumber = (row: Row, titleCol: number) => row.cols.some((c, j) => j !== titleCol && /^\d+(\.\d+)*\.?$/.test(cellText(c)));

const NOMINATIVE: Record<string, string> = { доли: 'Доля', количества: 'Количество', числа: 'Число', уровня: 'Уровень', охвата: 'Охват' };
const YEAR_AT = '(?:к|в|до)\\s+(20\\d\\d)\\s*(?:году|года|г\\.?)?';
const NUM = '(\\d+(?:[.,]\\d+)?)';
const STATES_RE = new RegExp(
  `(доля|количество|число|охват|уровень)\\s+([^.;]{3,200}?)\\s*,?\\s+${YEAR_AT}\\s*,?\\s*(?:составит|достигнет|будет составлять|должна составить|должен составить|увеличится до|вырастет до)\\s+(?:не менее|не ниже|не меньше|до)?\\s*${NUM}\\s*(%|процент)`,
  'i',
);
const GROWTH_RE = new RegExp(
  `(?:увеличение|рост|повышение)\\s+(доли|количества|числа|уровня|охвата)\\s+([^.;]{3,200}?)\\s+с\\s+${NUM}\\s*%?(?:\\s+(?:в|на)\\s+(20\\d\\d)\\s*(?:году|г\\.?)?)?\\s+до\\s+${NUM}\\s*(%|процент)\\S*(?:\\s+${YEAR_AT})?`,
  'i',
);

/** Targets stated in text: «доля … к 2024 году составит не менее 70%», «увеличение доли … с 10% до 70% к 2024 году». */
export function indicatorsFromText(paragraphs: string[]): ImportedIndicator[] {
  const out: ImportedIndicator[] = [];
  const text = paragraphs.map((p) => cleanText(p)).filter(Boolean).join(' ');
  for (const sentence of text.split(/(?<=[.;!?])\s+(?=[А-ЯЁ])/)) {
    const s = STATES_RE.exec(sentence);
    if (s) {
      const title = `${s[1]![0]!.toUpperCase()}${s[1]!.slice(1).toLowerCase()} ${s[2]!.replace(/[\s,]+$/, '')}`;
      out.push({ title, unit: '%', targets: { [s[3]!]: Number(s[4]!.replace(',', '.')) } });
      continue;
    }
    const g = GROWTH_RE.exec(sentence);
    if (g) {
      const targets: Record<string, number> = {};
      if (g[4]) targets[g[4]] = Number(g[3]!.replace(',', '.'));
      if (g[7]) targets[g[7]] = Number(g[5]!.replace(',', '.'));
      if (Object.keys(targets).length === 0) continue;
      const title = `${NOMINATIVE[g[1]!.toLowerCase()] ?? g[1]} ${g[2]!.replace(/[\s,]+$/, '')}`;
      out.push({ title, unit: '%', targets });
    }
  }
  for (const i of listedIndicatorsFromText(paragraphs)) if (!out.some((o) => o.title.toLowerCase() === i.title.toLowerCase())) out.push(i);
  return out;
}

/*
 * Targets written as a list of years and values: «до конца 2021 г. – не менее 15 %
 * обучающихся; до конца 2022 г. – не менее 30 %», «2022 год – 20 %, 2023 год – 35 %»,
 * «в 2023/2024 уч. г. — не менее 12 чел.». A value counts only with a unit or a bound
 * («не менее», «до»), so a date or a count of meetings is not taken for a target.
 */
const PAIR_RE = new RegExp(
  String.raw`(?:(?:до|к|на)\s+(?:конц[ауе]|начал[ау]|окончани[юя])\s+|(?:в|на|к|до|за)\s+)?(?:\d{1,2}\.\d{1,2}\.)?(20\d\d)(?:\s*[-–—/]\s*(?:20)?\d\d(?!\d))?(?:\s*(?:г\.?\s*г\.|гг\.?|г\.?|год[а-я]*))?(?:\s*(?:уч\.?\s*г(?:од[а-я]*|\.)?|учебн\S*\s+год[а-я]*))?\s*(?:[-–—:]\s*)?(?:[-–—]\s*)?(не\s+менее|не\s+ниже|не\s+меньше|не\s+более|до|свыше|более|около)?\s*(\d{1,6}(?:[.,]\d+)?)(?![.,]?\d)(?!\s*(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|числ))\s*(%|процент\S*|чел\.?|человек\S*|ед\.?|единиц\S*|шт\.?)?`,
  'gi',
);

type Listed = { title: string; unit: string | null; targets: Record<string, number> };

/** The yearly targets listed in `raw` and the words before them (the indicator's name, when given); null when fewer than `min` years. */
export function yearlyTargets(raw: string, min = 2): Listed | null {
  const text = cleanText(raw);
  const targets: Record<string, number> = {};
  let first = -1;
  let unit: string | null = null;
  const re = new RegExp(PAIR_RE.source, 'gi');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].trim() === '') {
      re.lastIndex++;
      continue;
    }
    const bound = m[2];
    const u = m[4];
    if (!bound && !u) continue;
    const value = Number(m[3]!.replace(',', '.'));
    if (!Number.isFinite(value) || (!u && value >= 1900)) continue;
    if (targets[m[1]!] !== undefined) continue;
    targets[m[1]!] = value;
    if (first < 0) first = m.index;
    if (!unit && u) unit = /^%|^процент/i.test(u) ? '%' : /^чел/i.test(u) ? 'чел.' : /^(ед|единиц)/i.test(u) ? 'ед.' : 'шт.';
  }
  if (Object.keys(targets).length < min) return null;
  const before = stripTrailing(text.slice(0, first), /[\s:;,.–—-]/);
  const title = before.replace(/\s*(?:составит|составляет|должна составить|должен составить|достигнет|не менее|будет)$/i, '').trim();
  return { title: /\p{L}{3}.*\s.*\p{L}{3}/u.test(title) ? splitTitleUnit(title).title : '', unit, targets };
}

/** A table of indicators whose values are listed by year in a cell (no year columns). */
function listedIndicators(rows: Row[]): ImportedIndicator[] | null {
  let headerIndex = -1;
  let titleCol = -1;
  for (let i = 0; i < Math.min(rows.length, 3) && headerIndex < 0; i++) {
    const j = rows[i]!.cols.findIndex((c) => /показател|индикатор/i.test(cellText(c)) && cellText(c).length <= 60);
    if (j >= 0) [headerIndex, titleCol] = [i, j];
  }
  if (headerIndex < 0) return null;
  const body = rows.slice(headerIndex + 1).filter((r) => !isJunkRow(r) && !isColumnNumberRow(r));
  const out: ImportedIndicator[] = [];
  for (const row of body) {
    const name = cellText(row.cols[titleCol]);
    const listed = row.cols.map((c, j) => (j === titleCol ? null : yearlyTargets(c.join('\n'), 1))).find((l) => l !== null) ?? null;
    if (!listed || name === '') continue;
    const { title, unit } = splitTitleUnit(row.cols[titleCol]!.join(' '));
    out.push({ title, unit: unit ?? listed.unit, targets: listed.targets });
  }
  return out.length > 0 && out.length >= body.length / 2 ? out : null;
}

/**
 * Yearly targets listed in paragraphs: «Доля …: до конца 2021 г. – не менее 15 %; до конца 2022 г. –
 * не менее 30 %», or the name on one line and the years on the lines after it.
 */
export function listedIndicatorsFromText(paragraphs: string[]): ImportedIndicator[] {
  const out: ImportedIndicator[] = [];
  const lines = paragraphs.map((p) => cleanText(p));
  for (let k = 0; k < lines.length; k++) {
    const own = yearlyTargets(lines[k]!, 1);
    if (!own) continue;
    let { title } = own;
    const targets = { ...own.targets };
    let unit = own.unit;
    let end = k;
    // The years on the following lines, one a line.
    while (end + 1 < lines.length) {
      const next = yearlyTargets(lines[end + 1]!, 1);
      if (!next || next.title !== '') break;
      for (const [y, v] of Object.entries(next.targets)) if (targets[y] === undefined) targets[y] = v;
      unit ??= next.unit;
      end++;
    }
    if (title === '' && k > 0 && /:$/.test(lines[k - 1]!)) title = splitTitleUnit(lines[k - 1]!.replace(/:$/, '')).title;
    if (title !== '' && Object.keys(targets).length >= 2) out.push({ title, unit, targets });
    k = end;
  }
  return out;
}
