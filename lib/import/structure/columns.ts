/*
 * What each column of a plan table holds: by the header's wording first (many variants seen
 * in real roadmaps), by the cells' content when there is no header.
 */
import { cleanText } from '../clean';
import type { DocCell, DocRow, DocTable } from '../types';

export type Role = 'number' | 'stage' | 'activity' | 'deadline' | 'responsible' | 'result';

/** A table row as logical columns: a spanning cell fills its first column, the rest stay empty. */
export type Row = { cols: string[][]; continued: boolean[]; spanning: boolean };

export function toRows(table: DocTable): Row[] {
  const rows = (table.rows ?? []).map((r: DocRow) => {
    const cols: string[][] = [];
    const continued: boolean[] = [];
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

/** A header repeated after a page break: the same words, or the same roles in the same places. */
export function isHeaderRepeat(row: Row, header: Row | null, roles: (Role | null)[]): boolean {
  const texts = rowTexts(row).map((t) => t.toLowerCase());
  if (header) {
    const h = rowTexts(header).map((t) => t.toLowerCase());
    if (texts.join('|') === h.join('|')) return true;
  }
  const rr = rolesOf(row);
  const same = rr.filter((r, k) => r !== null && r === roles[k]).length;
  return same >= 2 && same >= rr.filter((r) => r !== null).length && !texts.some((t) => /^\d+(\.\d+)*\.?$/.test(t));
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
