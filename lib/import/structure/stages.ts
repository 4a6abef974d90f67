/*
 * Rows → stages and activities. Two table shapes: with a stage column (a stage table whose
 * rows are stages and whose list cells are activities, or a plan whose stage cells span rows),
 * and without one (stages are the top-level numbered rows of a «1. / 1.2.» hierarchy, or
 * heading rows; a plan with neither is flat and is grouped later).
 */
import { cleanText, splitNumber, trimItemPunctuation } from '../clean';
import { numberedItems, splitIntroAndList } from '../lists';
import { splitResponsible } from '../responsible';
import { cellText, type Role, type Row } from './columns';
import { isStageHeading } from './headings';

export type Fields = { deadline: string; responsible: string[]; result: string | null };
/** `warnings`: what was guessed about this activity (the preview shows them on its row). */
export type DraftActivity = { number: string | null; title: string; details: string[]; fields: Fields; warnings?: string[] };
export type DraftStage = { number: string | null; title: string; activities: DraftActivity[] };
/** `unplaced`: rows with text that became neither a stage nor an activity (shown as warnings, never dropped silently). */
export type Plan = { stages: DraftStage[]; flat: boolean; rowsUsed: number; stageTable: boolean; unplaced: string[] };

const NUMBER_RE = /^(\d{1,3}(\.\d{1,3})*|[IVXLC]+)$/;

/** «1.», «1.2.», «IV» → «1», «1.2», «IV»; anything else → null. */
export function normNumber(raw: string | undefined): string | null {
  const t = cleanText(raw ?? '').replace(/[.)\s]+$/, '');
  if (NUMBER_RE.test(t)) return t;
  const n = splitNumber(raw ?? '');
  return n.number !== null && n.title === '' ? n.number : null;
}
const level = (n: string) => (/^[IVXLC]+$/.test(n) ? 0 : n.split('.').length);

/** A title without a leading number or trailing list punctuation. */
function tidyTitle(raw: string, hasDetails: boolean): { number: string | null; title: string } {
  const { number, title } = splitNumber(raw);
  let t = trimItemPunctuation(cleanText(title));
  if (!hasDetails) t = t.replace(/[\s:]+$/, '');
  return { number, title: t };
}

/** Items of a cell: [intro, ...items] for a list, its paragraphs otherwise. */
function cellItems(paragraphs: string[]): { intro: string | null; items: string[] } {
  const { intro, items } = splitIntroAndList(paragraphs.join('\n'));
  if (items.length > 0) return { intro, items };
  const paras = paragraphs.map((p) => cleanText(p)).filter((p) => p !== '');
  return { intro: null, items: paras };
}

function resultText(paragraphs: string[] | undefined): string | null {
  if (!paragraphs || paragraphs.length === 0) return null;
  const { intro, items } = splitIntroAndList(paragraphs.join('\n'));
  const text = items.length > 0 ? [intro, ...items].filter((t): t is string => !!t).join('; ') : cellText(paragraphs);
  return text === '' ? null : text;
}

function fieldsOf(row: Row, roles: (Role | null)[]): Fields {
  const col = (r: Role) => (roles.indexOf(r) >= 0 ? row.cols[roles.indexOf(r)] : undefined);
  const responsible = splitResponsible((col('responsible') ?? []).join('\n'));
  return { deadline: cellText(col('deadline')), responsible, result: resultText(col('result')) };
}

const hasFields = (f: Fields) => f.deadline !== '' || f.responsible.length > 0 || f.result !== null;

/** One activity from a plan row's cell: the first paragraph or the list's intro is the title, the rest are details. */
function activityFromCell(paragraphs: string[], number: string | null, fields: Fields): DraftActivity | null {
  const { intro, items } = cellItems(paragraphs);
  const titleRaw = intro ?? items[0];
  if (titleRaw === undefined) return null;
  const details = (intro !== null ? items : items.slice(1)).map((d) => trimItemPunctuation(cleanText(d))).filter((d) => d !== '');
  const t = tidyTitle(titleRaw, details.length > 0);
  if (t.title === '') return null;
  return { number: number ?? t.number, title: t.title, details, fields };
}

const FIELD_NAMES: [keyof Fields, Role, string][] = [
  ['deadline', 'deadline', 'сроки'],
  ['responsible', 'responsible', 'ответственные'],
  ['result', 'result', 'результат'],
];

/**
 * A cell numbered «1. …; 2. …» from its start holds several activities of the row's stage: one
 * each. A deadline, responsible or result cell numbered likewise (as many items) is split the
 * same way; otherwise it is shared. Null when the cell is not such a list.
 */
function splitNumberedCell(paragraphs: string[], number: string | null, row: Row, roles: (Role | null)[], fields: Fields): DraftActivity[] | null {
  const items = numberedItems(paragraphs.join('\n'));
  if (!items || !items.every((t) => /^\p{L}/u.test(cleanText(t)) && cleanText(t).length >= 8)) return null;
  const split: string[] = [];
  const shared: string[] = [];
  const perItem = FIELD_NAMES.map(([, role, name]) => {
    const j = roles.indexOf(role);
    const cell = j >= 0 ? row.cols[j] : undefined;
    const its = cell ? numberedItems(cell.join('\n')) : null;
    if (its && its.length === items.length) split.push(name);
    else if (cell && cellText(cell) !== '') shared.push(name);
    return its && its.length === items.length ? its : null;
  });
  const how = [split.length > 0 ? `${split.join(', ')} — по номерам` : '', shared.length > 0 ? `${shared.join(', ')} — общие` : ''].filter(Boolean).join('; ');
  const note = `ячейка с нумерацией «1. …; 2. …» разделена на ${items.length} мероприятия${how ? ` (${how})` : ''} — проверьте`;
  const out: DraftActivity[] = [];
  items.forEach((item, k) => {
    const [d, p, r] = perItem;
    const own: Fields = {
      deadline: d ? cleanText(d[k]!) : fields.deadline,
      responsible: p ? splitResponsible(p[k]!) : fields.responsible,
      result: r ? resultText([r[k]!]) : fields.result,
    };
    const a = activityFromCell(item.split('\n'), number ? `${number}.${k + 1}` : null, own);
    if (a) out.push({ ...a, number: number ? `${number}.${k + 1}` : null, warnings: [note] });
  });
  return out.length >= 2 ? out : null;
}

/** The activities of a plan row's cell: one, or one per item of a cell numbered «1. …; 2. …». */
function activitiesFromCell(paragraphs: string[], number: string | null, row: Row, roles: (Role | null)[], fields: Fields): DraftActivity[] {
  // Without a number column, a cell's «1.» is its list's first marker, not the row's number.
  const own = roles.includes('number') ? number : null;
  const split = splitNumberedCell(paragraphs, own, row, roles, fields);
  if (split) return split;
  const a = activityFromCell(paragraphs, number, fields);
  return a ? [a] : [];
}

const SIGNATURE_RE = /директор|начальник|руководител|заместител|министр|глава|председател|исполнител|составил|согласовано|утвержд|подпись/i;
const NAME_ONLY_RE = /^(?:[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)$/;
const NAME_RE = /[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+|[А-ЯЁ][а-яё]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\./;

/** The text of a row that became nothing, for the warning that says so. */
function rowSummary(row: Row): string | null {
  const texts = row.cols.map((c) => cellText(c)).filter((t) => t !== '');
  if (!texts.some((t) => /\p{L}{2}/u.test(t))) return null;
  const s = texts.join(' | ');
  // A signature under the table («Начальник управления | О. Н. Белова») is no activity.
  if (texts.length <= 2 && (SIGNATURE_RE.test(s) || texts.some((t) => NAME_ONLY_RE.test(t))) && NAME_RE.test(s)) return null;
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}

/** Every item of a stage's cell is an activity (the intro too: in such tables it is a task of its own). */
function activitiesFromList(paragraphs: string[], fields: Fields): DraftActivity[] {
  const { intro, items } = cellItems(paragraphs);
  return [intro, ...items]
    .filter((t): t is string => !!t)
    .map((t) => tidyTitle(t, false))
    .filter((t) => t.title !== '')
    .map((t) => ({ number: null, title: t.title, details: [], fields }));
}

function withStageColumn(rows: Row[], roles: (Role | null)[], numberIsStage: boolean): Plan {
  const stageCol = roles.indexOf('stage');
  const numberCol = roles.indexOf('number');
  const activityCol = roles.indexOf('activity');
  const stageOf = (r: Row) => (r.continued[stageCol] ? '' : cellText(r.cols[stageCol]));
  // Every row names a new stage: a table of stages. A name repeated row after row (a spreadsheet's
  // way to merge cells) is one stage with several activities.
  const stageTable = rows.every((r, k) => stageOf(r) !== '' && (k === 0 || stageOf(r) !== stageOf(rows[k - 1]!)));
  const stages: DraftStage[] = [];
  const unplaced: string[] = [];
  let rowsUsed = 0;
  let stageTitleRaw = '';
  for (const row of rows) {
    const fields = fieldsOf(row, roles);
    const stageRaw = stageOf(row);
    const numberRaw = numberCol >= 0 ? normNumber(row.cols[numberCol]!.join(' ')) : null;
    const same = stages.length > 0 && stageRaw === stageTitleRaw;
    if (stageRaw !== '' && !same) {
      stageTitleRaw = stageRaw;
      const s = splitNumber(stageRaw);
      const own = numberIsStage || stageTable ? numberRaw : null;
      stages.push({ number: s.number ?? own, title: s.title || stageRaw, activities: [] });
    }
    if (stages.length === 0) stages.push({ number: null, title: 'Мероприятия', activities: [] });
    const stage = stages[stages.length - 1]!;
    const cell = activityCol >= 0 ? row.cols[activityCol]! : [];
    let made: DraftActivity[] = [];
    if (stageTable) made = activitiesFromList(cell, fields);
    else made = activitiesFromCell(cell, numberIsStage ? null : numberRaw, row, roles, fields);
    if (made.length === 0 && stageRaw !== '' && !same && (hasFields(fields) || stageTable)) {
      made = [{ number: null, title: stage.title, details: [], fields }];
    }
    if (made.length > 0) rowsUsed++;
    else if (!(stageRaw !== '' && !same)) {
      const lost = rowSummary(row);
      if (lost) unplaced.push(lost);
    }
    stage.activities.push(...made);
  }
  return { stages: stages.filter((s) => s.activities.length > 0), flat: false, rowsUsed, stageTable, unplaced };
}

const HEADING_RE = /^(этап|раздел|направление|блок)(?![а-яё])|^[IVXLC]+[.)]\s/i;

function byNumbering(rows: Row[], roles: (Role | null)[]): Plan {
  const numberCol = roles.indexOf('number');
  const activityCol = roles.indexOf('activity');
  const numbers = rows.map((r) => {
    const fromCol = numberCol >= 0 ? normNumber(r.cols[numberCol]!.join(' ')) : null;
    if (fromCol) return fromCol;
    if (numberCol >= 0 && cellText(r.cols[numberCol]) !== '') return null;
    return splitNumber(cellText(r.cols[activityCol])).number;
  });
  const hierarchical = numbers.some((n) => n !== null && level(n) >= 2);
  // Most rows numbered: an unnumbered row holding one short title and nothing else is a heading
  // («Организационный этап» merged across the table), not an activity.
  const mostlyNumbered = numbers.filter((n) => n !== null).length >= rows.length / 2;
  type Draft = DraftStage & { own: Row | null };
  const stages: Draft[] = [];
  const loose: DraftActivity[] = [];
  const unplaced: string[] = [];
  let rowsUsed = 0;
  rows.forEach((row, k) => {
    const fields = fieldsOf(row, roles);
    const filled = row.cols.filter((c) => cellText(c) !== '');
    // A merged heading row («1. Подготовка…» across the table) keeps its text in its first column.
    const lone = filled.length === 1 && (row.spanning || numberCol >= 0) ? filled[0]! : null;
    const n = numbers[k] ?? (lone ? splitNumber(cellText(lone)).number : null);
    const text = cellText(lone ?? row.cols[activityCol]);
    const bareTitle = mostlyNumbered && numbers[k] === null && filled.length === 1 && text.length < 150 && /^[А-ЯЁA-Z«"]/.test(text) && !/[.;,]$/.test(text);
    const heading =
      (hierarchical && n !== null && level(n) <= 1) ||
      row.spanning ||
      isStageHeading(text, true) ||
      (!hasFields(fields) && (HEADING_RE.test(text) || isStageHeading(text) || bareTitle || (n !== null && level(n) === 0)));
    if (heading && text !== '') {
      const { intro } = splitIntroAndList((lone ?? row.cols[activityCol]!).join('\n'));
      const t = tidyTitle(intro ?? text, false);
      stages.push({ number: n ?? t.number, title: t.title || text, activities: [], own: row });
      rowsUsed++;
      return;
    }
    const made = activitiesFromCell(row.cols[activityCol] ?? [], n, row, roles, fields);
    if (made.length === 0) {
      const lost = rowSummary(row);
      if (lost) unplaced.push(lost);
      return;
    }
    rowsUsed++;
    if (stages.length > 0) stages[stages.length - 1]!.activities.push(...made);
    else loose.push(...made);
  });
  if (stages.length === 0) return { stages: [{ number: null, title: 'Мероприятия', activities: loose }], flat: true, rowsUsed, stageTable: false, unplaced };
  // A stage row without sub-rows carries its own activities: its list items, or the row itself.
  for (const s of stages) {
    if (s.activities.length > 0 || !s.own) continue;
    const fields = fieldsOf(s.own, roles);
    const { items } = splitIntroAndList(s.own.cols[activityCol]!.join('\n'));
    s.activities = items.length > 0 ? activitiesFromList(items, fields) : [{ number: null, title: s.title, details: [], fields }];
  }
  const out: DraftStage[] = stages.map(({ own: _own, ...s }) => s);
  if (loose.length > 0) out.unshift({ number: null, title: 'Мероприятия', activities: loose });
  return { stages: out, flat: false, rowsUsed, stageTable: false, unplaced };
}

/** Stages and activities of one plan table (rows already cleaned by cleanRows). */
export function buildPlan(rows: Row[], roles: (Role | null)[], headerTexts: string[] = []): Plan {
  const stageCol = roles.indexOf('stage');
  if (stageCol >= 0) {
    const numberCol = roles.indexOf('number');
    const numberIsStage = numberCol >= 0 && /этап/i.test(headerTexts[numberCol] ?? '');
    return withStageColumn(rows, roles, numberIsStage);
  }
  return byNumbering(rows, roles);
}
