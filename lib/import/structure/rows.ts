/*
 * Row clean-up shared by every format: repeated headers and column-number rows go, and a row
 * that a page break split (the second part arrives as a row whose leading cells are empty) is
 * joined back into the row above, column by column.
 */
import { cleanText, joinBroken } from '../clean';
import { isStageHeading } from './headings';
import { cellText, isColumnNumberRow, isHeaderRepeat, isJunkRow, type Role, type Row } from './columns';

const startsLower = (t: string) => /^\p{Ll}/u.test(t);
/** A list item's marker at the start of the raw text (after any opening tags). */
const startsList = (raw: string) => /^\s*(<[^>]+>\s*)*([–—•●▪◦·*]|-\s|\d{1,2}[.)]\s)/.test(raw);
const terminal = (t: string) => /[.;!?»)]$/.test(t) && !/\s[А-ЯЁA-Z]\.$/.test(t);

/** Does `next` (a cell of the second part) continue `prev` (the same column above)? */
function continues(prev: string, nextRaw: string): boolean {
  const next = cleanText(nextRaw);
  if (next === '') return true;
  if (startsLower(next)) return true;
  if (startsList(nextRaw) && prev !== '') return true;
  if (/[-‐,:]$/.test(prev)) return true;
  return false;
}

/** Joins two pieces of one cell; tags around the break would glue words to markup. */
function joinCell(prev: string[], next: string[]): string[] {
  if (prev.length === 0) return [...next];
  if (next.length === 0) return [...prev];
  const last = prev[prev.length - 1]!.replace(/(\s*<\/p>\s*)+$/i, '');
  const first = next[0]!.replace(/^(\s*<p[^>]*>\s*)+/i, '');
  return [...prev.slice(0, -1), joinBroken(last, first), ...next.slice(1)];
}

type RowOptions = {
  roles: (Role | null)[];
  numbered: boolean;
  /** Rows may be halves split by a page break (extracted text): join them back. */
  splitRows: boolean;
};

/** Is `row` the second part of `prev`, split by a page break? */
function isContinuation(prev: Row, row: Row, { roles, numbered }: RowOptions): boolean {
  const numberCol = roles.indexOf('number');
  const stageCol = roles.indexOf('stage');
  if (numberCol >= 0 && cellText(row.cols[numberCol]) !== '') return false;
  if (stageCol >= 0 && cellText(row.cols[stageCol]) !== '') return false;
  const filled = row.cols.map((c, j) => (j !== numberCol && cellText(c) !== '' ? j : -1)).filter((j) => j >= 0);
  if (filled.length === 0) return false;
  // Without a number column, a leading empty cell is the only sign of a split row.
  const leadingEmpty = cellText(row.cols[0]) === '' && !row.continued[0];
  if (numberCol < 0 && stageCol < 0 && !leadingEmpty) return false;
  const activityCol = roles.indexOf('activity');
  const main = filled.includes(activityCol) ? activityCol : filled[0]!;
  const prevText = (j: number) => cellText(prev.cols[j]);
  const others = filled.filter((j) => j !== main);
  const mainRaw = row.cols[main]!.join('\n');
  // «Этап 2. …» after a page break is the next stage, not the rest of the row above.
  if (others.length === 0 && isStageHeading(mainRaw)) return false;
  let mainOk = continues(prevText(main), mainRaw);
  // The rule: a lone fragment after an unfinished sentence in a numbered table.
  if (!mainOk && others.length === 0 && numbered && prevText(main) !== '' && !terminal(prevText(main))) mainOk = true;
  if (!mainOk) return false;
  return others.every((j) => {
    const p = prevText(j);
    const raw = row.cols[j]!.join('\n');
    return p === '' || continues(p, raw) || !terminal(p);
  });
}

function merge(prev: Row, row: Row): Row {
  const width = Math.max(prev.cols.length, row.cols.length);
  const cols: string[][] = [];
  const continued: boolean[] = [];
  for (let j = 0; j < width; j++) {
    cols.push(joinCell(prev.cols[j] ?? [], row.cols[j] ?? []));
    continued.push(prev.continued[j] ?? false);
  }
  return { cols, continued, spanning: prev.spanning };
}

/** A vertically merged cell (deadline, responsible, result, stage) applies to every row it spans. */
function inheritMerged(prev: Row, row: Row, roles: (Role | null)[]): Row {
  if (!row.continued.some(Boolean)) return row;
  const cols = row.cols.map((c, j) => {
    const role = roles[j];
    const inherits = role === 'deadline' || role === 'responsible' || role === 'result' || role === 'stage';
    return row.continued[j] && inherits && cellText(c) === '' ? [...(prev.cols[j] ?? [])] : c;
  });
  return { ...row, cols };
}

/** Data rows: without the header, its repeats, column numbers and empty rows; split rows joined. */
export function cleanRows(rows: Row[], headerIndex: number, opts: RowOptions): Row[] {
  const header = headerIndex >= 0 ? rows[headerIndex]! : null;
  const out: Row[] = [];
  for (const original of rows.slice(headerIndex + 1)) {
    if (isJunkRow(original) || isColumnNumberRow(original) || isHeaderRepeat(original, header, opts.roles)) continue;
    const prev = out[out.length - 1];
    const row = prev ? inheritMerged(prev, original, opts.roles) : original;
    if (prev && opts.splitRows && isContinuation(prev, row, opts)) out[out.length - 1] = merge(prev, row);
    else out.push(row);
  }
  return out;
}
