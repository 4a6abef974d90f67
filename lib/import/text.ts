/*
 * Plain text as pasted from Word or extracted from it → DocModel. Tables arrive as lines of
 * tab-separated cells; a cell's text may run over several lines, and a page break may split a
 * row into a second row whose leading cells are empty. Such continuation rows are kept as rows
 * here: the structurer joins them (the same thing happens in DOCX and XLSX). Repeated header
 * rows and column-number rows are kept too, for the same reason. HTML fragments stay in the
 * text: the list splitter needs them. Pure: runs in the browser.
 */
import { cleanText, joinBroken } from './clean';
import { isStageHeading } from './structure/headings';
import type { DocBlock, DocCell, DocModel, DocRow } from './types';

const isBlank = (line: string) => line.trim() === '';
const hasTab = (line: string) => line.includes('\t');

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

/** Every cell on its own line starting with a tab, rows separated by blank lines (one layout of Word's text export). */
function cellPerLine(lines: string[]): RawRow[] {
  const rows: RawRow[] = [];
  let row: RawRow | null = null;
  for (const line of lines) {
    if (isBlank(line)) {
      row = null;
      continue;
    }
    if (line.startsWith('\t')) {
      if (!row) rows.push((row = []));
      row.push([]);
      appendLine(row[row.length - 1]!, line.slice(1));
    } else {
      const target = row ?? rows[rows.length - 1];
      if (!target || target.length === 0) continue;
      appendLine(target[target.length - 1]!, line);
    }
  }
  return rows;
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

/** One line per row, cells split by tabs; a row left short continues on the next line. */
function tabRows(lines: string[]): RawRow[] {
  const width = usualWidth(lines);
  const rows: RawRow[] = [];
  let row: RawRow | null = null;
  // A merged heading row («Раздел 2. …» across the table) comes out as a bare line; it is a row
  // of its own when the row before is complete. Lines after it continue the heading, and the
  // next tab line starts a new row.
  let heading = false;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const parts = line.split('\t');
    if (parts.length === 1) {
      if (row && row.length >= width && !heading && isStageHeading(line)) {
        rows.push((row = [[]]));
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
  for (const r of rows) while (r.length < width) r.push([]);
  return rows;
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
    const end = tableEnd(lines, i);
    const region = lines.slice(i, end);
    const tabbed = region.filter(hasTab);
    const perLine = tabbed.length >= 2 && tabbed.every((l) => /^\t[^\t]*$/.test(l));
    const rows = (perLine ? cellPerLine(region) : tabRows(region)).filter((r) => r.some((c) => c.length > 0));
    if (rows.length > 0) blocks.push({ kind: 'table', rows: rows.map(toRow) });
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
