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
  if (headerIndex < 0) return null;
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
  return out;
}
