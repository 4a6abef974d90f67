/*
 * Plain text as pasted from Word or extracted from it → DocModel. Tables arrive as lines of
 * tab-separated cells; a cell's text may run over several lines, and a page break may split a
 * row into a second row whose leading cells are empty. Such continuation rows are kept as rows
 * here: the structurer joins them (the same thing happens in DOCX and XLSX). Repeated header
 * rows and column-number rows are kept too, for the same reason. HTML fragments stay in the
 * text: the list splitter needs them. Pure: runs in the browser.
 */
import { cleanText, joinBroken, splitNumber } from './clean';
import { headerRole } from './structure/columns';
import { isStageHeading } from './structure/headings';
import type { DocBlock, DocCell, DocModel, DocRow } from './types';

const isBlank = (line: string) => line.trim() === '';
const hasTab = (line: string) => line.includes('\t');
/** A blank line that is no empty cell («\t» alone). */
const isGap = (line: string) => isBlank(line) && !hasTab(line);

/** Lines that a wrap (not a paragraph break) split: the next starts lowercase, the previous is unfinished. */
function appendLine(paragraphs: string[], line: string): void {
  const text = line.trim();
  if (text === '') return;
  const last = paragraphs[paragraphs.length - 1];
  if (last !== undefined) {
    const prev = cleanText(last);
    const next = cleanText(text);
    // A hyphenated word is wrapped too; joinBroken glues its halves.
    const wrapped = /^\p{Ll}/u.test(next) && !/[.;:!?]$/.test(prev) && prev !== '';
    if (wrapped) {
      paragraphs[paragraphs.length - 1] = joinBroken(last.trimEnd(), text);
      return;
    }
  }
  paragraphs.push(text);
}

/**
 * The end (exclusive) of the table that starts at `start`: tab lines, blank lines between them,
 * and untabbed lines that directly follow a table line (a cell running over lines). A blank
 * line followed by an untabbed line ends the table.
 */
function tableEnd(lines: string[], start: number): number {
  let last = start;
  for (let j = start + 1; j < lines.length; j++) {
    const line = lines[j]!;
    if (isBlank(line)) continue;
    if (hasTab(line) || !isBlank(lines[j - 1]!)) {
      last = j;
      continue;
    }
    break;
  }
  return last + 1;
}

type RawRow = string[][];

/** A line holding one cell of the one-cell-per-line layout: a tab, then the cell's text (maybe none). */
const isCellLine = (line: string) => /^\t[^\t]*$/.test(line);
const startsItem = (line: string) => /^\s*([–—•●▪◦·*-]\s|\d{1,2}[.)]\s|\p{Ll})/u.test(line);

/**
 * The end (exclusive) of a one-cell-per-line table that starts at `start`. Lines without a tab
 * are paragraphs of the cell above (a cell of several paragraphs, a list inside a cell) as long
 * as another cell follows; after the last cell, only lines that directly follow it or read as
 * list items stay in it, and a line with several tabs ends the table (another layout).
 */
function cellPerLineEnd(lines: string[], start: number): number {
  let next = -1;
  const nextCell: number[] = new Array(lines.length);
  for (let j = lines.length - 1; j >= start; j--) {
    if (hasTab(lines[j]!) && !isCellLine(lines[j]!)) next = -1;
    else if (isCellLine(lines[j]!)) next = j;
    nextCell[j] = next;
  }
  let last = start;
  for (let j = start + 1; j < lines.length; j++) {
    const line = lines[j]!;
    if (isCellLine(line)) {
      last = j;
      continue;
    }
    if (hasTab(line)) break;
    if (isBlank(line)) continue;
    // A cell's last paragraph runs straight into the next cell: a paragraph set off by blank
    // lines on both sides before the next cell stands between two tables («Показатели …»).
    const between = isGap(lines[j - 1]!) && j + 1 < lines.length && isGap(lines[j + 1]!) && nextCell[j]! > j && lines.slice(j + 1, nextCell[j]).every(isGap);
    if (between) break;
    if (nextCell[j]! > j || !isBlank(lines[j - 1]!) || startsItem(line)) {
      last = j;
      continue;
    }
    break;
  }
  return last + 1;
}

/** The cells of a one-cell-per-line region, in order, each with its paragraphs; `gapAfter`: a blank line follows the cell. */
type LineCell = { paragraphs: string[]; gapAfter: boolean };
function lineCells(lines: string[]): LineCell[] {
  const cells: LineCell[] = [];
  let gap = false;
  for (const line of lines) {
    if (isCellLine(line)) {
      cells.push({ paragraphs: [], gapAfter: false });
      gap = false;
      appendLine(cells[cells.length - 1]!.paragraphs, line.slice(1));
      continue;
    }
    const cell = cells[cells.length - 1];
    if (!cell) continue;
    if (isBlank(line)) {
      gap = true;
      cell.gapAfter = true;
      continue;
    }
    // A blank line inside a cell separates its paragraphs.
    if (gap && line.trim() !== '') cell.paragraphs.push(line.trim());
    else appendLine(cell.paragraphs, line);
    cell.gapAfter = false;
    gap = false;
  }
  return cells;
}

const cellOneLine = (c: LineCell) => cleanText(c.paragraphs.join(' '));
/** «Раздел 1. …», «Этап 2», «Организационный этап»: a heading row merged across the table. */
const isHeadingCell = (c: LineCell) => isStageHeading(cellOneLine(c));
/** A heading's own number («Раздел 2» → [2]), which the rows under it may continue («2.1»). */
function headingNumber(c: LineCell): number[] | null {
  const n = splitNumber(cellOneLine(c)).number;
  return n !== null && /^\d+(\.\d+)*$/.test(n) ? n.split('.').map(Number) : null;
}

/** The row number a cell starts with («1.», «2.3», «4. Разработка …»), as its parts; null for none. */
function rowNumber(c: LineCell): number[] | null {
  if (isHeadingCell(c)) return null;
  const n = splitNumber(c.paragraphs[0] ?? '').number;
  if (n === null || !/^\d/.test(n)) return null;
  const parts = n.split('.');
  if (parts.some((p) => /^0/.test(p) || p.length > 2)) return null;
  return parts.map(Number);
}

/** How a row number is closed: «1.» → «.», «1)» → «)», «1» and «1.1» → «». */
const numberMark = (c: LineCell) => /^\s*\d+(?:\.\d+)*([.)]?)/.exec(c.paragraphs[0] ?? '')?.[1] ?? '';

/**
 * A plan numbers its rows of one level alike: after «2.» a bare «3» is a value in a cell (a
 * target, a count), not the next row. Levels may differ («1.» above «1.1»).
 */
const sameStyle = (prev: { no: number[]; mark: string } | null, c: LineCell, n: number[]) => prev === null || prev.no.length !== n.length || prev.mark === numberMark(c);

/** Can `n` be the row number after `prev` («1.2» → «1.3», «2», «2.1», «1.2.1»; the first is «1», «1.1» …)? */
function follows(prev: number[] | null, n: number[]): boolean {
  if (prev === null) return n.every((p) => p === 1);
  if (n.length === prev.length + 1 && prev.every((p, k) => p === n[k]) && n[n.length - 1] === 1) return true;
  for (let k = 0; k < prev.length; k++) {
    const head = prev.slice(0, k);
    if (!head.every((p, m) => p === n[m])) break;
    if (n[k] !== prev[k]! + 1) continue;
    const tail = n.slice(k + 1);
    if (tail.every((p) => p === 1)) return true;
  }
  return false;
}

/** «1», «2», … «W»: the row of column numbers under a header. */
const isColumnNumbers = (cells: LineCell[], from: number, width: number) =>
  from + width <= cells.length && cells.slice(from, from + width).every((c, k) => cellOneLine(c).replace(/\.$/, '') === String(k + 1));

/**
 * Unnumbered rows after a heading cell: the cells up to the next heading cell (or the end) make
 * whole rows only if the heading stands alone (a merged row); else it is a row's first cell.
 */
function wholeRowsAfter(cells: LineCell[], k: number, width: number): boolean {
  let e = k + 1;
  while (e < cells.length && !isHeadingCell(cells[e]!)) e++;
  const n = e - k - 1;
  return n > 0 && n % width === 0;
}

/** The cells as rows of `width` (the first `headerCells` are the header); `broken`: rows neither whole nor a lone heading cell. */
function groupCells(cells: LineCell[], width: number, headerCells: number): { rows: RawRow[]; guessed: number; broken: number } {
  let prevNo: number[] | null = null;
  let prevRow: { no: number[]; mark: string } | null = null;
  let headingNo: number[] | null = null;
  // Under a heading the numbering may start again at «1.».
  let underHeading = false;
  const numberedStart = (k: number): boolean => {
    const n = rowNumber(cells[k]!);
    return n !== null && sameStyle(prevRow, cells[k]!, n) && (follows(prevNo, n) || (headingNo !== null && follows(headingNo, n)) || (underHeading && follows(null, n)));
  };
  // A heading cell starts a row of its own when a numbered row (or the end) follows it.
  const isStart = (k: number): boolean => numberedStart(k) || (isHeadingCell(cells[k]!) && (k + 1 >= cells.length || numberedStart(k + 1) || isHeadingCell(cells[k + 1]!)));
  const rows: RawRow[] = [];
  let broken = 0;
  let k = 0;
  if (headerCells > 0) {
    rows.push(cells.slice(0, headerCells).map((c) => c.paragraphs));
    k = headerCells;
  }
  let guessed = 0;
  while (k < cells.length) {
    if (isColumnNumbers(cells, k, width) && rows.length <= 1) {
      rows.push(cells.slice(k, k + width).map((c) => c.paragraphs));
      k += width;
      continue;
    }
    if (numberedStart(k)) {
      prevNo = rowNumber(cells[k]!);
      prevRow = { no: prevNo!, mark: numberMark(cells[k]!) };
      underHeading = false;
    } else if (rowNumber(cells[k]!) === null) {
      // An unnumbered row in a numbered table: a heading row (its number, if any, leads the rows under it).
      headingNo = isHeadingCell(cells[k]!) ? headingNumber(cells[k]!) : null;
      underHeading = true;
    }
    let end = k + 1;
    // «1.» then «Организационный этап»: a numbered stage row, the heading merged over the rest.
    const numberedHeading = (e: number) => e === k + 1 && rowNumber(cells[k]!) !== null && isHeadingCell(cells[e]!);
    if (!(isHeadingCell(cells[k]!) && wholeRowsAfter(cells, k, width)))
      while (end < cells.length && end < k + width && (!isStart(end) || numberedHeading(end))) end++;
    const row = cells.slice(k, end).map((c) => c.paragraphs);
    if (row.length < width) guessed++;
    if (row.length > 1 && row.length < width) broken++;
    rows.push(row);
    k = end;
  }
  return { rows, guessed, broken };
}

/**
 * Every cell on its own line starting with a tab (Word's text export of a table): the rows are
 * rebuilt. The column count comes from the header (the cells before the first row numbered «1»),
 * else from the rhythm of the row numbers; a row ends at its width or where the next numbered
 * row starts (a merged heading row is shorter). Without either, blank lines separate the rows.
 */
function cellPerLine(lines: string[], warnings: string[]): DocRow[] {
  const cells = lineCells(lines);
  const byGaps = (): RawRow[] => {
    const rows: RawRow[] = [];
    let row: RawRow = [];
    for (const c of cells) {
      row.push(c.paragraphs);
      if (c.gapAfter) (rows.push(row), (row = []));
    }
    if (row.length > 0) rows.push(row);
    return rows;
  };
  const first = cells.findIndex((c) => {
    const n = rowNumber(c);
    return n !== null && follows(null, n);
  });
  // The numbered rows' starts, following one another.
  const starts: number[] = [];
  let prev: number[] | null = null;
  let prevRow: { no: number[]; mark: string } | null = null;
  for (let k = Math.max(first, 0); first >= 0 && k < cells.length; k++) {
    const n = rowNumber(cells[k]!);
    const last = starts[starts.length - 1];
    // Numbering may start again (under each stage heading): a «1.» well after the last start.
    const restart = last !== undefined && k - last >= 3 && follows(null, n ?? [0]);
    if (n && sameStyle(prevRow, cells[k]!, n) && (follows(prev, n) || restart) && !(last !== undefined && k === last + 1 && prev && n.length === prev.length)) {
      starts.push(k);
      prev = n;
      prevRow = { no: n, mark: numberMark(cells[k]!) };
    }
  }
  const gaps = new Map<number, number>();
  for (let k = 1; k < starts.length; k++) {
    const g = starts[k]! - starts[k - 1]!;
    gaps.set(g, (gaps.get(g) ?? 0) + 1);
  }
  let rhythm = 0;
  let rhythmCount = 0;
  for (const [g, count] of gaps) if (g >= 2 && (count > rhythmCount || (count === rhythmCount && g > rhythm))) [rhythm, rhythmCount] = [g, count];
  let width = 0;
  let headerCells = 0;
  let how = '';
  // The header: the cells before the first numbered row or heading row.
  const headerEnd = cells.findIndex((c, k) => (k === first && first >= 0) || isHeadingCell(c));
  if (first >= 0 && headerEnd >= 2 && headerEnd <= 12 && !cells.slice(0, headerEnd).some((c) => rowNumber(c) !== null)) {
    width = headerEnd;
    headerCells = width;
    how = 'по заголовку';
  } else if (first >= 0 && rhythm >= 2 && rhythmCount >= 2) {
    width = rhythm;
    how = 'по нумерации строк';
  } else {
    // The header: the cells naming columns, up to a heading row («Этап 1. …» names no column).
    const named = cells.findIndex((c) => headerRole(cellOneLine(c)) === null || isHeadingCell(c));
    const lead = named < 0 ? cells.length : named;
    if (lead >= 2 && lead < cells.length) {
      width = lead;
      headerCells = lead;
      how = 'по заголовку';
    }
  }
  if (width < 2) return byGaps().map(toRow);
  // Rows separated by blank lines, each as wide as the header: no need to guess.
  const gapRows = byGaps();
  if (gapRows.length > 1 && gapRows.every((r) => r.length === width || (r.length < width && r.length <= 2))) return gapRows.map((r) => spanned(r, width));

  const grouped = groupCells(cells, width, headerCells);
  // The header may end earlier: its last cells may be a first heading row without a number
  // («Подготовка условий»). Of the widths left by dropping unnamed cells, the one that leaves
  // the fewest broken rows (more than one cell, fewer than the width) wins; ties keep the wider.
  // A cell naming a column the header named already («Организация работы …» after
  // «Наименование мероприятия») names none: a header names each column once.
  let best = grouped;
  if (headerCells === width) {
    const unnamed = (w: number) => {
      const role = headerRole(cellOneLine(cells[w]!));
      return role === null || cells.slice(0, w).some((c) => headerRole(cellOneLine(c)) === role);
    };
    for (let w = width - 1; w >= 2 && unnamed(w); w--) {
      const g = groupCells(cells, w, w);
      if (g.broken < best.broken) [best, width] = [g, w];
    }
  }
  const { rows, guessed } = best;
  warnings.push(
    `Текст прочитан как таблица, где каждая ячейка — отдельная строка: столбцов ${width} (${how})${guessed > 0 ? `, строк короче заголовка ${guessed} (объединённые ячейки или заголовки этапов)` : ''} — проверьте разбиение на строки`,
  );
  return rows.map((r) => spanned(r, width));
}

/** A row shorter than the table: its last cell was merged across the rest (a heading row). */
function spanned(raw: RawRow, width: number): DocRow {
  const row = toRow(raw);
  if (raw.length > 0 && raw.length < width) row.cells[row.cells.length - 1]!.span = width - raw.length + 1;
  return row;
}

/** The number of cells most tab lines have (ties go to the wider), at least the first line's. */
function usualWidth(lines: string[]): number {
  const counts = new Map<number, number>();
  for (const line of lines) {
    if (!hasTab(line)) continue;
    const width = line.split('\t').length;
    counts.set(width, (counts.get(width) ?? 0) + 1);
  }
  let best = 1;
  let bestCount = 0;
  for (const [width, count] of counts) if (count > bestCount || (count === bestCount && width > best)) [best, bestCount] = [width, count];
  // The first line is usually the header, which has every column.
  const first = lines.find(hasTab);
  return Math.max(best, first ? first.split('\t').length : 1);
}

const startsLower = (text: string) => /^\p{Ll}/u.test(cleanText(text));
/** A header row (repeated after a page break): every cell names a column, each a different one. */
function isHeaderLine(parts: string[]): boolean {
  const roles = parts.map((p) => cleanText(p)).filter((t) => t !== '').map(headerRole);
  return roles.length >= 2 && roles.every((r) => r !== null) && new Set(roles).size === roles.length;
}

/**
 * The bare lines (no tab) of tab-separated text that start something rather than continue the
 * cell above: `row`, the first line of a row whose first cell wraps (the rest of the row follows
 * on a tab line starting lowercase: «1. Разработка и» / «утверждение положения→сентябрь→…»);
 * `stage`, a merged stage row not worded as a heading, told by the numbering starting again
 * right after it («1.», «1)», «2.1.»: a new stage's first row). A repeated header may stand
 * between a stage row and its first row.
 */
function bareStarts(lines: string[]): Map<number, 'row' | 'stage'> {
  const marks = new Map<number, 'row' | 'stage'>();
  const content = lines.map((l, i) => i).filter((i) => !isBlank(lines[i]!));
  const bare = (i: number | undefined) => i !== undefined && !hasTab(lines[i]!);
  // Where each row starts: a tab line that does not continue a wrapped first cell, or the bare line before one that does.
  const rowStarts: number[] = [];
  content.forEach((i, k) => {
    if (!hasTab(lines[i]!)) return;
    const parts = lines[i]!.split('\t');
    if (isHeaderLine(parts)) return;
    const prev = content[k - 1];
    if (startsLower(parts[0]!) && bare(prev) && !startsLower(lines[prev!]!)) {
      marks.set(prev!, 'row');
      rowStarts.push(prev!);
    } else if (cleanText(parts[0]!) !== '') rowStarts.push(i);
  });
  for (const start of rowStarts) {
    const n = splitNumber(lines[start]!.split('\t')[0]!).number;
    if (n === null || !/^\d+(\.\d+)*$/.test(n) || n.split('.').pop() !== '1') continue;
    // The stage row: the bare line before the row (or before the header repeated above it).
    let k = content.indexOf(start) - 1;
    while (k >= 0 && hasTab(lines[content[k]!]!) && isHeaderLine(lines[content[k]!]!.split('\t'))) k--;
    const prev = content[k];
    if (bare(prev) && !marks.has(prev!) && !startsLower(lines[prev!]!)) marks.set(prev!, 'stage');
  }
  return marks;
}

const padded = (r: RawRow, width: number) => {
  while (r.length < width) r.push([]);
};

/** One line per row, cells split by tabs; a row left short continues on the next line. */
function tabRows(lines: string[]): DocRow[] {
  const width = usualWidth(lines);
  const starts = bareStarts(lines);
  const rows: RawRow[] = [];
  let row: RawRow | null = null;
  // A merged heading row («Раздел 2. …» across the table) comes out as a bare line; it is a row
  // of its own when the row before is complete. Lines after it continue the heading, and the
  // next tab line starts a new row.
  let heading = false;
  const headings = new Set<RawRow>();
  for (const [i, line] of lines.entries()) {
    if (isBlank(line)) continue;
    const parts = line.split('\t');
    if (parts.length === 1) {
      const complete = !row || heading || row.length >= width;
      if (complete && starts.get(i) === 'row') {
        // A row whose first cell wraps: the tab line after this one completes it.
        rows.push((row = [[]]));
        heading = false;
      } else if (row && complete && !heading && (isStageHeading(line) || starts.get(i) === 'stage')) {
        rows.push((row = [[]]));
        headings.add(row);
        heading = true;
      }
      if (!row) rows.push((row = [[]]));
      appendLine(row[row.length - 1]!, line);
      continue;
    }
    const fits = !heading && row !== null && row.length < width && row.length + parts.length - 1 <= width;
    heading = false;
    if (fits) {
      appendLine(row![row!.length - 1]!, parts[0]!);
    } else {
      rows.push((row = [[]]));
      appendLine(row[0]!, parts[0]!);
    }
    for (const part of parts.slice(1)) {
      row!.push([]);
      appendLine(row![row!.length - 1]!, part);
    }
  }
  // A heading row is one cell merged across the table, as Word has it.
  return rows.map((r) => (headings.has(r) && r.length === 1 ? spanned(r, width) : (padded(r, width), toRow(r))));
}

function toRow(raw: RawRow): DocRow {
  return { cells: raw.map((paragraphs): DocCell => ({ paragraphs })) };
}

/** Reads pasted or extracted text (see the module comment). Never throws. */
export function readText(text: string): DocModel {
  const lines = String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\u00a0\u202f]/g, ' '));
  const blocks: DocBlock[] = [];
  const warnings: string[] = [];
  // A blank paragraph marks a gap between lines: the structurer groups heading lines by it.
  const gap = () => {
    const last = blocks[blocks.length - 1];
    if (last && !(last.kind === 'paragraph' && last.text === '')) blocks.push({ kind: 'paragraph', text: '' });
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      gap();
      i++;
      continue;
    }
    if (!hasTab(line)) {
      blocks.push({ kind: 'paragraph', text: line.trim() });
      i++;
      continue;
    }
    let end = tableEnd(lines, i);
    let rows: DocRow[];
    const perLineEnd = isCellLine(line) ? cellPerLineEnd(lines, i) : -1;
    if (perLineEnd > 0 && lines.slice(i, perLineEnd).filter(isCellLine).length >= 2) {
      end = perLineEnd;
      rows = cellPerLine(lines.slice(i, end), warnings);
    } else rows = tabRows(lines.slice(i, end));
    rows = rows.filter((r) => r.cells.some((c) => c.paragraphs.length > 0));
    if (rows.length > 0) blocks.push({ kind: 'table', rows });
    i = end;
  }
  while (blocks.length > 0) {
    const last = blocks[blocks.length - 1]!;
    if (last.kind === 'paragraph' && last.text === '') blocks.pop();
    else break;
  }
  if (blocks.length > 0 && blocks[0]!.kind === 'paragraph' && (blocks[0] as { text: string }).text === '') blocks.shift();
  return { blocks, warnings, splitRows: true };
}
