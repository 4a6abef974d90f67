/*
 * What each column of a plan table holds: by the header's wording first (many variants seen
 * in real roadmaps), by the cells' content when there is no header.
 */
import { cleanText } from '../clean';
import type { DocCell, DocRow, DocTable } from '../types';

export type Role = 'number' | 'stage' | 'activity' | 'deadline' | 'responsible' | 'result';

/** A table row as logical columns: a spanning cell fills its first column, the rest stay empty. */
export type Row = { cols: string[][]; continued: boolean[]; spanning: boolean };

/** A row's cells by the grid columns they start at. */
function starts(r: DocRow): { start: number; span: number }[] {
  let at = 0;
  return (r.cells ?? []).map((cell) => {
    const span = Math.max(1, Math.floor(cell.span ?? 1));
    at += span;
    return { start: at - span, span };
  });
}

/**
 * The logical column of each grid column. A cell split in Word («Разделить ячейки») adds a grid
 * column: the rows with the split cell have two cells there, every other row one cell spanning
 * both. The table's top row of three or more cells (its header, as a rule) gives the columns:
 * where one of its cells spans grid columns that another row divides, those grid columns are
 * one column, the halves' text joined.
 */
function logicalColumns(rows: DocRow[]): number[] | null {
  const divided = rows.filter((r) => (r.cells ?? []).length >= 3);
  const top = divided[0];
  if (!top) return null;
  const startsAt = new Set(divided.slice(1).flatMap((r) => starts(r).map((c) => c.start)));
  const inner = new Set(starts(top).flatMap((c) => Array.from({ length: c.span - 1 }, (_, k) => c.start + k + 1)).filter((j) => startsAt.has(j)));
  if (inner.size === 0) return null;
  const width = Math.max(...rows.map((r) => starts(r).reduce((w, c) => Math.max(w, c.start + c.span), 0)));
  const lead: number[] = [];
  for (let j = 0, n = -1; j < width; j++) lead.push(inner.has(j) ? n : ++n);
  return lead;
}

/** A row's grid columns folded into logical columns: a split cell's halves joined into one. */
function fold(cols: string[][], continued: boolean[], lead: number[]): { cols: string[][]; continued: boolean[] } {
  const pieces: { paragraphs: string[]; continued: boolean }[][] = [];
  cols.forEach((c, j) => (pieces[lead[j]!] ??= []).push({ paragraphs: c, continued: continued[j]! }));
  return {
    cols: pieces.map((ps) => (ps.length === 1 ? ps[0]!.paragraphs : ps.flatMap((p) => p.paragraphs))),
    // A vertically merged column: some half continues a merge, and no half has text of its own.
    continued: pieces.map((ps) => ps.some((p) => p.continued) && ps.every((p) => p.continued || p.paragraphs.length === 0)),
  };
}

export function toRows(table: DocTable): Row[] {
  const lead = logicalColumns(table.rows ?? []);
  const rows = (table.rows ?? []).map((r: DocRow) => {
    let cols: string[][] = [];
    let continued: boolean[] = [];
    let spanning = false;
    (r.cells ?? []).forEach((cell: DocCell) => {
      const span = Math.max(1, Math.floor(cell.span ?? 1));
      // A heading row: one cell across the table, or a number cell and one merged to the end.
      if (span > 1 && (r.cells.length === 1 || (r.cells.length === 2 && cell === r.cells[1]))) spanning = true;
      cols.push(cell.paragraphs ?? []);
      continued.push(!!cell.continued);
      for (let k = 1; k < span; k++) {
        cols.push([]);
        continued.push(false);
      }
    });
    if (lead) ({ cols, continued } = fold(cols, continued, lead));
    // Some extractors repeat a merged cell's text in every column it covers: one heading cell.
    const texts = cols.map((c) => cellText(c));
    const filled = texts.filter((t) => t !== '');
    if (filled.length >= 2 && /\p{L}{3}/u.test(filled[0]!) && filled.every((t) => t === filled[0])) {
      const first = texts.indexOf(filled[0]!);
      cols.forEach((_, j) => j !== first && (cols[j] = []));
      spanning = true;
    }
    return { cols, continued, spanning };
  });
  // Short rows padded: every later step may index any column.
  const width = Math.max(0, ...rows.map((r) => r.cols.length));
  for (const r of rows) while (r.cols.length < width) (r.cols.push([]), r.continued.push(false));
  return rows;
}

const norm = (s: string) => cleanText(s).toLowerCase().replace(/ё/g, 'е');
/**
 * A cell's clean text. Every step of the structurer asks for it again, and cleaning is the
 * costly part, so it is kept per cell: a cell's paragraphs are never changed once read
 * (merging and joining make new arrays).
 */
const cleaned = new WeakMap<string[], string>();
export function cellText(paragraphs: string[] | undefined): string {
  if (!paragraphs) return cleanText('');
  let text = cleaned.get(paragraphs);
  if (text === undefined) cleaned.set(paragraphs, (text = cleanText(paragraphs.join('\n'))));
  return text;
}
const rowTexts = (row: Row) => row.cols.map((c) => cellText(c));

/** The role a header cell names, or null. The order of the tests matters («Длительность этапа» is a deadline). */
function roleOfHeader(raw: string): Role | null {
  const s = norm(raw);
  if (s === '' || s.length > 70) return null;
  if (/^(№|n\b|no\b|#|номер)|п\s*\/\s*п/.test(s)) return 'number';
  if (/срок|длительност|(^|\s)дат[аы]?(?![а-я])|период|когда|время проведения|месяц/.test(s)) return 'deadline';
  if (/ответствен|исполнител|кто проводит|организатор/.test(s)) return 'responsible';
  if (/результат|вид документа|документ|отчетност|форма (?:отчета|завершения|представления|контроля)|продукт|выход|итог/.test(s)) return 'result';
  if (/мероприяти|содержани|деятельност|важно|действи|задач|(^|\s)работ[аы]?(?![а-я])|^наименование$|^название$|направлени/.test(s)) return 'activity';
  if (/этап|раздел|блок|модул/.test(s)) return 'stage';
  return null;
}

/** The role a header cell's text names, or null (used by the text reader to find a header among lines). */
export const headerRole = (text: string): Role | null => roleOfHeader(text);

const rolesOf = (row: Row): (Role | null)[] => row.cols.map((c) => roleOfHeader(c.join(' ')));

/** A header row: at least two cells name roles, none repeated, and it is near the top. */
export function findHeader(rows: Row[]): { index: number; roles: (Role | null)[] } | null {
  for (let i = 0; i < Math.min(rows.length, 4); i++) {
    const roles = rolesOf(rows[i]!);
    const named = roles.filter((r): r is Role => r !== null);
    if (named.length >= 2 || (named.length === 1 && rows[i]!.cols.filter((c) => cellText(c)).length === 1 && named[0] === 'activity')) {
      // A column named twice keeps its first place; the second copy is ignored.
      const seen = new Set<Role>();
      const unique = roles.map((r) => (r && !seen.has(r) ? (seen.add(r), r) : null));
      return { index: i, roles: unique };
    }
  }
  return null;
}

/** «1 2 3 4 5» under the header: column numbers, not data. */
export function isColumnNumberRow(row: Row): boolean {
  const texts = rowTexts(row).filter((t) => t !== '');
  if (texts.length < 2 || !texts.every((t) => /^\d{1,2}\.?$/.test(t))) return false;
  const nums = texts.map((t) => parseInt(t, 10));
  return nums.every((n, k) => k === 0 || n > nums[k - 1]!);
}

/** The first four letters of each word of four or more: «Ответствен- ные» and «Ответственные» share «отве». */
const stems = (t: string) => new Set(norm(t).split(/[^а-яa-z]+/).filter((w) => w.length >= 4).map((w) => w.slice(0, 4)));
const sharesWord = (a: string, b: string) => {
  const sb = stems(b);
  return [...stems(a)].some((w) => sb.has(w));
};

/**
 * A header repeated after a page break: the same words, or the same roles in the same places
 * worded alike. Every filled cell must be the header's: its very words, or its column's role
 * and a word of the header's cell. A data row can name roles too («Консультирование … работы»
 * reads as «работа», «в течение всего периода» as «период»), but not in the header's words.
 */
export function isHeaderRepeat(row: Row, header: Row | null, roles: (Role | null)[]): boolean {
  if (!header) return false;
  const texts = rowTexts(row).map((t) => t.toLowerCase());
  const h = rowTexts(header).map((t) => t.toLowerCase());
  if (texts.join('|') === h.join('|')) return true;
  const rr = rolesOf(row);
  const same = rr.filter((r, k) => r !== null && r === roles[k]).length;
  const headerLike = texts.every((t, k) => t === '' || t === h[k] || (rr[k] !== null && rr[k] === roles[k] && sharesWord(t, h[k] ?? '')));
  return same >= 2 && headerLike && !texts.some((t) => /^\d+(\.\d+)*\.?$/.test(t));
}

/** Rows with no letters or digits («-- -- --»). */
export const isJunkRow = (row: Row) => !rowTexts(row).some((t) => /[\p{L}\p{N}]/u.test(t));

const MONTHS = 'январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр';
const DEADLINE_RE = new RegExp(
  `(${MONTHS}|ежегодн|ежемесячн|еженедельн|ежекварт|постоянн|в течение|по мере|по согласованию|по графику|до \\d|\\d{1,2}\\.\\d{1,2}\\.|\\b20\\d\\d\\b|четверт|полугоди|квартал|в конце|в начале|в период|весь период|в соответствии со срок)`,
  'i',
);
const RESPONSIBLE_WORDS_RE =
  /(министерств|управлени|центр|организаци|директор|заместител|куратор|руководител|педагог|учител|методист|психолог|администрац|комитет|отдел|рабочая группа|наставник)/i;
const RESPONSIBLE_MARKS_RE = /([А-ЯЁ]\.\s?[А-ЯЁ]\.|(^|[^А-ЯЁа-яё])ОО(?![А-ЯЁа-яё]))/;
const RESPONSIBLE_RE = { test: (t: string) => RESPONSIBLE_WORDS_RE.test(t) || RESPONSIBLE_MARKS_RE.test(t) };
const RESULT_RE = /(приказ|положени|справк|отч[её]т|план|программ|документ|информаци|протокол|акт|перечень|база|анкет|рекомендаци|сформирован|утвержден)/i;
const NUMBER_RE = /^(\d{1,3}(\.\d{1,3})*\.?|[IVXLC]+\.?)$/;

/** Does a value look like what a column of this role holds (the tests guessRoles uses)? */
export function looksLike(role: 'deadline' | 'responsible', text: string): boolean {
  return role === 'deadline' ? DEADLINE_RE.test(text) : RESPONSIBLE_RE.test(text);
}

/**
 * Guesses roles from the cells (a table without a header): the numbering column, the column of
 * mostly deadline-like texts, of short names of bodies and people, the longest texts (activities).
 */
export function guessRoles(rows: Row[]): (Role | null)[] {
  const width = Math.max(0, ...rows.map((r) => r.cols.length));
  const columns = Array.from({ length: width }, (_, j) => rows.map((r) => cellText(r.cols[j])).filter((t) => t !== ''));
  const share = (j: number, test: (t: string) => boolean) => {
    const col = columns[j]!;
    return col.length === 0 ? 0 : col.filter(test).length / col.length;
  };
  const avg = (j: number) => {
    const col = columns[j]!;
    return col.length === 0 ? 0 : col.reduce((n, t) => n + t.length, 0) / col.length;
  };
  const roles: (Role | null)[] = Array.from({ length: width }, () => null);
  const free = () => roles.map((r, j) => (r === null && columns[j]!.length > 0 ? j : -1)).filter((j) => j >= 0);
  const best = (score: (j: number) => number, min: number): number => {
    let pick = -1;
    let top = min;
    for (const j of free()) {
      const v = score(j);
      if (v >= top && (pick < 0 || v > top)) [pick, top] = [j, v];
    }
    return pick;
  };
  const n = best((j) => share(j, (t) => NUMBER_RE.test(t)), 0.6);
  if (n >= 0) roles[n] = 'number';
  const d = best((j) => share(j, (t) => t.length < 120 && DEADLINE_RE.test(t)), 0.5);
  if (d >= 0) roles[d] = 'deadline';
  const a = best((j) => avg(j), 1);
  if (a >= 0) roles[a] = 'activity';
  const r = best((j) => share(j, (t) => t.length < 160 && RESPONSIBLE_RE.test(t)), 0.5);
  if (r >= 0) roles[r] = 'responsible';
  const res = best((j) => (j > a ? share(j, (t) => RESULT_RE.test(t)) : 0), 0.4);
  if (res >= 0) roles[res] = 'result';
  return roles;
}

const ROLE_NAMES: Record<Role, string> = {
  number: 'номер',
  stage: 'этап',
  activity: 'мероприятие',
  deadline: 'сроки',
  responsible: 'ответственные',
  result: 'результат',
};
export const describeRoles = (roles: (Role | null)[]) =>
  roles
    .map((r, j) => (r ? `${ROLE_NAMES[r]} — столбец ${j + 1}` : null))
    .filter(Boolean)
    .join(', ');
