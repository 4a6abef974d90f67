/*
 * Every layout users bring a roadmap in, rendered from a generated roadmap (./roadmap.ts), and
 * what the importer must give back from each: DOCX (merged stage rows, vertically merged
 * responsible cells, split responsible or deadline cells, rows split by page breaks, repeated header rows), XLSX (merged cells), CSV
 * (`;` and `,`), text extracted from Word (tab-separated; one cell per line), a two-column paste.
 * Used only by tests: the layout property (layouts.test.ts) imports each rendering through the
 * upload's own entry and compares what a layout carries.
 */
import { Document, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from 'docx';
import fc from 'fast-check';
import { importUpload } from '../upload';
import type { ImportedRoadmap } from '../types';
import { activityNumber, headingCtx, stageLine, tableOnlyCtx, type DeadlineCtx, type ExpectedDeadline, type GenRoadmap, type StageStyle } from './roadmap';

// ——— how a table is written, apart from the roadmap itself ———

type Field = 'deadline' | 'responsible' | 'result';
export type Render = {
  headers: { number: string; activity: string; deadline: string; responsible: string; result: string };
  /** The order of the columns after the activity's. */
  order: Field[];
  /** A column of column numbers («1 2 3 4 5») under the header. */
  columnNumbers: boolean;
  /** Rows (by activity index in the whole plan) before which a page break falls. */
  breaks: number[];
  /** At a page break: the header repeated, and/or the row split in two halves. */
  repeatHeader: boolean;
  splitRow: boolean;
  /**
   * DOCX: rows (by activity index) whose responsible cell (the list divided between the
   * halves) or deadline cell («сентябрь –» | «декабрь 2025 г.») is split in two (Word's
   * «Разделить ячейки»); the grid gains a column that every other row, the header included,
   * spans with one cell.
   */
  splitCells: number[];
  splitColumn: 'responsible' | 'deadline';
  /** How several responsible are written in one cell of a spreadsheet or CSV. */
  joiner: '\n' | ', ' | '; ';
  csvSeparator: ';' | ',';
  /** Words of the activity's title wrapped onto the next line of extracted text (when they start lowercase). */
  wrap: boolean;
};

const FIELDS: Field[] = ['deadline', 'responsible', 'result'];
export const renderArb: fc.Arbitrary<Render> = fc.record({
  headers: fc.record({
    number: fc.constantFrom('№ п/п', '№', 'N п/п'),
    activity: fc.constantFrom('Наименование мероприятия', 'Мероприятие', 'Содержание деятельности', 'Мероприятия'),
    deadline: fc.constantFrom('Сроки', 'Срок исполнения', 'Сроки реализации', 'Сроки проведения'),
    responsible: fc.constantFrom('Ответственные', 'Ответственный исполнитель', 'Ответственные исполнители'),
    result: fc.constantFrom('Результат', 'Ожидаемый результат', 'Форма отчётности', 'Результат, вид документа'),
  }),
  order: fc.shuffledSubarray(FIELDS, { minLength: 3, maxLength: 3 }),
  columnNumbers: fc.boolean(),
  breaks: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
  repeatHeader: fc.boolean(),
  splitRow: fc.boolean(),
  splitCells: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }),
  splitColumn: fc.constantFrom<Render['splitColumn']>('responsible', 'deadline'),
  joiner: fc.constantFrom<Render['joiner']>('\n', ', ', '; '),
  csvSeparator: fc.constantFrom<Render['csvSeparator']>(';', ','),
  wrap: fc.boolean(),
});

/** The plan as a grid of rows (cells of paragraphs), before a layout writes it. */
type PlanRow =
  | { kind: 'header'; cells: string[][] }
  | { kind: 'numbers'; cells: string[][] }
  | { kind: 'stage'; text: string; index: number }
  | {
      kind: 'activity';
      cells: string[][];
      index: number;
      stage: number;
      titleCol: number;
      responsibleCol: number;
      deadlineCol: number;
      /** A range of months or years cut after its dash («сентябрь –» | «декабрь 2025 г.», «2024–» | «2026 гг.»). */
      deadlineHalves: [string, string] | null;
      sharesPrev: boolean;
      sharesNext: boolean;
    };

const hasNumberColumn = (r: GenRoadmap) => !r.numberInCell;

function planRows(r: GenRoadmap, o: Render): PlanRow[] {
  const numberCol = hasNumberColumn(r);
  const header = [...(numberCol ? [o.headers.number] : []), o.headers.activity, ...o.order.map((f) => o.headers[f])].map((h) => [h]);
  const rows: PlanRow[] = [{ kind: 'header', cells: header }];
  if (o.columnNumbers) rows.push({ kind: 'numbers', cells: header.map((_, j) => [String(j + 1)]) });
  let index = 0;
  r.stages.forEach((stage, k) => {
    rows.push({ kind: 'stage', text: stageLine(r, k), index });
    stage.activities.forEach((a, j) => {
      const no = activityNumber(r, k, j);
      const title = numberCol || no === '' ? a.title : `${no} ${a.title}`;
      const field = (f: Field): string[] => (f === 'deadline' ? [a.deadline.text] : f === 'responsible' ? a.responsible : a.result ? [a.result] : []);
      const cells = [...(numberCol ? [no ? [no] : []] : []), [title], ...o.order.map(field)];
      const same = (b: (typeof stage.activities)[number] | undefined) => !!b && b.responsible.join('|') === a.responsible.join('|');
      rows.push({
        kind: 'activity',
        cells,
        index: index++,
        stage: k,
        titleCol: numberCol ? 1 : 0,
        responsibleCol: (numberCol ? 2 : 1) + o.order.indexOf('responsible'),
        deadlineCol: (numberCol ? 2 : 1) + o.order.indexOf('deadline'),
        deadlineHalves: a.deadline.kind === 'month-range' || a.deadline.kind === 'years' ? rangeHalves(a.deadline.text) : null,
        sharesPrev: same(stage.activities[j - 1]),
        sharesNext: same(stage.activities[j + 1]),
      });
    });
  });
  return rows;
}

function rangeHalves(text: string): [string, string] | null {
  const m = /^([^–—-]+[–—-])\s*(\S.*)$/.exec(text);
  return m ? [m[1]!.trim(), m[2]!] : null;
}

/** A title cut where the next word starts lowercase (so a reader sees a wrapped line), or null. */
function wrapPoint(title: string): [string, string] | null {
  const words = title.split(' ');
  for (let k = Math.floor(words.length / 2); k < words.length; k++) {
    if (/^[а-яё]/.test(words[k]!) && !/[.;:!?]$/.test(words[k - 1]!)) return [words.slice(0, k).join(' '), words.slice(k).join(' ')];
  }
  return null;
}

// ——— the layouts ———

export type Upload = { kind: 'file'; bytes: Uint8Array; filename: string } | { kind: 'text'; text: string };
/** What a layout carries back: the heading (title, period), responsible and results, indicators; stages, or only a flat list. */
export type Carries = { heading: boolean; responsible: boolean; result: boolean; indicators: boolean; stages: boolean };
export type Layout = {
  name: string;
  carries: Carries;
  /** Can this layout write this roadmap so that a careful reader could read it back? */
  accepts: (r: GenRoadmap, o: Render) => boolean;
  render: (r: GenRoadmap, o: Render) => Promise<Upload>;
};

/** Stage headings that a reader recognises without a merged cell (a bare line in extracted text). */
const MARKED: StageStyle[] = ['razdel', 'etap', 'ordinal', 'roman'];

const kpiHeader = (r: GenRoadmap, yearWord: string) => ['№ п/п', 'Наименование показателя', ...indicatorYears(r).map((y) => `${y}${yearWord}`)];
const indicatorYears = (r: GenRoadmap) => [...new Set(r.indicators.flatMap((i) => Object.keys(i.targets)))].sort();
const ruNumber = (n: number) => String(n).replace('.', ',');
const kpiRows = (r: GenRoadmap) =>
  r.indicators.map((ind, k) => [`${k + 1}.`, `${ind.title}, ${ind.unit}`, ...indicatorYears(r).map((y) => (ind.targets[y] === undefined ? '' : ruNumber(ind.targets[y]!)))]);

// DOCX

const docCell = (paragraphs: Paragraph[], opts: { span?: number; vMerge?: 'restart' | 'continue' } = {}) =>
  new TableCell({
    children: paragraphs.length > 0 ? paragraphs : [new Paragraph('')],
    columnSpan: opts.span,
    verticalMerge: opts.vMerge === 'restart' ? VerticalMergeType.RESTART : opts.vMerge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
    width: { size: 2000, type: WidthType.DXA },
  });
const texts = (lines: string[]) => lines.map((l) => new Paragraph(l));

async function renderDocx(r: GenRoadmap, o: Render): Promise<Upload> {
  const rows = planRows(r, o);
  const header = rows[0] as { cells: string[][] };
  const splitCol = (hasNumberColumn(r) ? 2 : 1) + o.order.indexOf(o.splitColumn);
  // The halves of a split cell, or null: two or more responsible outside a vertically merged run; a month range.
  const halves = (row: PlanRow): [string[], string[]] | null => {
    if (row.kind !== 'activity' || !o.splitCells.includes(row.index)) return null;
    if (o.splitColumn === 'deadline') return row.deadlineHalves ? [[row.deadlineHalves[0]], [row.deadlineHalves[1]]] : null;
    const list = row.cells[row.responsibleCol]!;
    if (list.length < 2 || row.sharesPrev || row.sharesNext) return null;
    const half = Math.ceil(list.length / 2);
    return [list.slice(0, half), list.slice(half)];
  };
  const anySplit = rows.some((row) => halves(row) !== null);
  // With a split somewhere the column is two grid columns: an unsplit cell spans both.
  const span = (j: number) => (anySplit && j === splitCol ? 2 : undefined);
  const width = header.cells.length + (anySplit ? 1 : 0);
  const plainRow = (cells: string[][], tableHeader = false) => new TableRow({ tableHeader, children: cells.map((c, j) => docCell(texts(c), { span: span(j) })) });
  const trs: TableRow[] = [];
  for (const row of rows) {
    if (row.kind === 'header') trs.push(plainRow(row.cells, true));
    else if (row.kind === 'numbers') trs.push(plainRow(row.cells));
    else if (row.kind === 'stage') trs.push(new TableRow({ children: [docCell(texts([row.text]), { span: width })] }));
    else {
      const broken = o.breaks.includes(row.index);
      // A literal copy of the header after a manual page break (Word's own repeat is the tableHeader flag).
      if (broken && o.repeatHeader) trs.push(plainRow(header.cells));
      const split = halves(row);
      const cells = row.cells.flatMap((c, j) => {
        if (j === splitCol && split) return [docCell(texts(split[0])), docCell(texts(split[1]))];
        if (j === row.responsibleCol && row.sharesPrev) return docCell([], { vMerge: 'continue', span: span(j) });
        const vMerge = j === row.responsibleCol && row.sharesNext ? ('restart' as const) : undefined;
        if (j === row.titleCol && broken) {
          // The row runs over a page: a page break inside its title, or before it.
          const cut = o.splitRow ? wrapPoint(c[0]!) : null;
          const runs = cut ? [new TextRun(cut[0]), new PageBreak(), new TextRun(cut[1])] : [new PageBreak(), new TextRun(c[0]!)];
          return docCell([new Paragraph({ children: runs })], { vMerge });
        }
        return docCell(texts(c), { vMerge, span: span(j) });
      });
      trs.push(new TableRow({ cantSplit: !broken, children: cells }));
    }
  }
  const grid = Array.from({ length: width }, (_, j) => (anySplit && (j === splitCol || j === splitCol + 1) ? 1000 : 2000));
  const children: (Paragraph | Table)[] = [new Paragraph(r.title), new Paragraph(''), new Table({ columnWidths: grid, rows: trs })];
  if (r.indicators.length > 0) {
    children.push(
      new Paragraph(''),
      new Paragraph('Показатели эффективности'),
      new Table({ rows: [kpiHeader(r, ' г.'), ...kpiRows(r)].map((cells, k) => new TableRow({ tableHeader: k === 0, children: cells.map((c) => docCell(texts(c ? [c] : []))) })) }),
    );
  }
  const doc = new Document({ sections: [{ children }] });
  return { kind: 'file', bytes: new Uint8Array(await Packer.toBuffer(doc)), filename: 'roadmap.docx' };
}

// XLSX

async function renderXlsx(r: GenRoadmap, o: Render): Promise<Upload> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('План');
  ws.addRow([r.title]);
  ws.addRow([]);
  const rows = planRows(r, o);
  const header = rows[0] as { cells: string[][] };
  const width = header.cells.length;
  // A run of rows sharing their responsible: one merged cell, unless a repeated header falls inside.
  let run: { rows: number[]; text: string; headerInside: boolean } | null = null;
  for (const row of rows) {
    if (row.kind === 'stage') {
      const line = ws.addRow([row.text]);
      ws.mergeCells(line.number, 1, line.number, width);
      continue;
    }
    if (row.kind !== 'activity') {
      ws.addRow(row.cells.map((c) => c.join('\n')));
      continue;
    }
    if (o.breaks.includes(row.index) && o.repeatHeader) {
      ws.addRow(header.cells.map((c) => c.join('\n')));
      if (run) run.headerInside = true;
    }
    const responsible = row.cells[row.responsibleCol]!.join(o.joiner);
    const line = ws.addRow(row.cells.map((c, j) => (j === row.responsibleCol ? (row.sharesPrev ? null : responsible) : c.join('\n'))));
    if (!row.sharesPrev) run = { rows: [], text: responsible, headerInside: false };
    run!.rows.push(line.number);
    if (!row.sharesNext && run!.rows.length > 1) {
      const col = row.responsibleCol + 1;
      if (run!.headerInside) for (const n of run!.rows) ws.getRow(n).getCell(col).value = run!.text;
      else ws.mergeCells(run!.rows[0]!, col, line.number, col);
    }
  }
  if (r.indicators.length > 0) {
    const kpi = wb.addWorksheet('Показатели');
    kpi.addRow(kpiHeader(r, ''));
    for (const cells of kpiRows(r)) kpi.addRow(cells.map((c, j) => (j >= 2 && c !== '' ? Number(c.replace(',', '.')) : c)));
  }
  return { kind: 'file', bytes: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), filename: 'roadmap.xlsx' };
}

// CSV

const csvField = (s: string, sep: string) => (/[";,\n]/.test(s) || s.includes(sep) ? `"${s.replace(/"/g, '""')}"` : s);

async function renderCsv(r: GenRoadmap, o: Render): Promise<Upload> {
  const rows = planRows(r, o);
  const width = (rows[0] as { cells: string[][] }).cells.length;
  const lines: string[][] = [];
  for (const row of rows) {
    if (row.kind === 'stage') {
      const cells = Array.from({ length: width }, () => '');
      cells[hasNumberColumn(r) ? 1 : 0] = row.text;
      lines.push(cells);
    } else if (row.kind === 'activity') lines.push(row.cells.map((c, j) => c.join(j === row.responsibleCol ? o.joiner : '\n')));
    else lines.push(row.cells.map((c) => c.join('\n')));
  }
  const text = lines.map((l) => l.map((c) => csvField(c, o.csvSeparator)).join(o.csvSeparator)).join('\r\n');
  return { kind: 'file', bytes: new TextEncoder().encode(text), filename: 'roadmap.csv' };
}

// Text extracted from Word: tab-separated

/** A row as Word's text export writes it: cells split by tabs, a cell's paragraphs on lines of their own. */
const tabLine = (cells: string[][]) => cells.map((c) => c.join('\n')).join('\t');

async function renderTabText(r: GenRoadmap, o: Render): Promise<Upload> {
  const rows = planRows(r, o);
  const header = rows[0] as { cells: string[][] };
  const out: string[] = [r.title, ''];
  for (const row of rows) {
    if (row.kind === 'stage') {
      out.push(row.text);
      continue;
    }
    if (row.kind !== 'activity') {
      out.push(tabLine(row.cells));
      continue;
    }
    const title = row.cells[row.titleCol]![0]!;
    const cut = wrapPoint(title);
    const broken = o.breaks.includes(row.index);
    if (broken && o.splitRow && cut && hasNumberColumn(r)) {
      // A page break splits the row: its second half is a row whose leading cells are empty.
      const first = row.cells.map((c, j) => (j === row.titleCol ? [cut[0]] : j === row.responsibleCol || j === 0 || j === row.titleCol + 1 ? c : []));
      const second = row.cells.map((c, j) => (j === row.titleCol ? [cut[1]] : j === row.responsibleCol || j === 0 || j === row.titleCol + 1 ? [] : c));
      out.push(tabLine(first));
      if (o.repeatHeader) out.push(tabLine(header.cells));
      out.push(tabLine(second));
      continue;
    }
    if (broken && o.repeatHeader) out.push(tabLine(header.cells));
    const wrapHere = o.wrap && cut;
    const cells = wrapHere ? row.cells.map((c, j) => (j === row.titleCol ? [`${cut[0]}\n${cut[1]}`] : c)) : row.cells;
    out.push(tabLine(cells));
  }
  if (r.indicators.length > 0) out.push('', 'Показатели эффективности', ...[kpiHeader(r, ' год'), ...kpiRows(r)].map((cells) => cells.join('\t')));
  return { kind: 'file', bytes: new TextEncoder().encode(out.join('\n')), filename: 'roadmap.txt' };
}

// Text extracted from Word: one cell per line

/** Each cell on a line of its own introduced by a tab; a cell's further paragraphs after a blank line. */
const cellLines = (cells: string[][]) => cells.flatMap((c) => [`\t${c[0] ?? ''}`, ...c.slice(1).flatMap((p) => ['', p])]);

async function renderCellPerLine(r: GenRoadmap, o: Render): Promise<Upload> {
  const rows = planRows(r, o);
  const out: string[] = [r.title, ''];
  for (const row of rows) {
    if (row.kind === 'stage') out.push(`\t${row.text}`);
    else if (row.kind === 'activity') {
      // The number column as the plan numbers its rows («1.1.» under «1. …» stays), an unnumbered
      // plan's numbered «1.», «2.» … through the plan, as such extractions number rows; without
      // the column, the number stands in the activity's cell (a cell more than the header has is
      // no table Word writes).
      const own = row.cells[0]![0];
      const cells = hasNumberColumn(r) ? [[own || `${row.index + 1}.`], ...row.cells.slice(1)] : row.cells;
      out.push(...cellLines(cells));
    } else out.push(...cellLines(row.cells));
  }
  if (r.indicators.length > 0) out.push('', 'Показатели эффективности', '', ...[kpiHeader(r, ' год'), ...kpiRows(r)].flatMap((cells) => cellLines(cells.map((c) => (c ? [c] : [])))));
  return { kind: 'file', bytes: new TextEncoder().encode(out.join('\n')), filename: 'roadmap.txt' };
}

// A two-column paste: activity | deadline

async function renderPaste(r: GenRoadmap, o: Render): Promise<Upload> {
  const lines = [`${o.headers.activity}\t${o.headers.deadline}`];
  for (const s of r.stages) for (const a of s.activities) lines.push(`${a.title}\t${a.deadline.text}`);
  return { kind: 'text', text: lines.join('\n') };
}

/**
 * Stage rows that a reader can tell from activities without a merged cell: a marked heading
 * («Раздел 1.», «Этап 1.», «1 этап:», «I.»), a bare title above activities whose numbering
 * starts again under it («1.», «1)», «2.1.»), or «1. …» above «1.1.» activities. (A bare title
 * among unnumbered activities is an activity for anyone.)
 */
const readableUnmerged = (r: GenRoadmap) =>
  MARKED.includes(r.stageStyle) || (r.stageStyle === 'plain' && r.numberStyle !== 'none') || (r.stageStyle === 'numbered' && r.numberStyle === 'hier');

/**
 * One cell per line: the table's very last cell written in several paragraphs («Директор»,
 * blank line, «Заместитель директора») reads the same as the cell followed by a paragraph after
 * the table; no reader can tell them apart, so such a plan is not written in this layout.
 */
function lastCellRunsOn(r: GenRoadmap, o: Render): boolean {
  const last = r.stages[r.stages.length - 1]?.activities.slice(-1)[0];
  return !!last && o.order[o.order.length - 1] === 'responsible' && last.responsible.length > 1;
}

const FULL: Carries = { heading: true, responsible: true, result: true, indicators: true, stages: true };

export const LAYOUTS: Record<string, Layout> = {
  docx: { name: 'docx', carries: FULL, accepts: () => true, render: renderDocx },
  xlsx: { name: 'xlsx', carries: FULL, accepts: () => true, render: renderXlsx },
  csv: { name: 'csv', carries: { ...FULL, heading: false, indicators: false }, accepts: readableUnmerged, render: renderCsv },
  'tab-text': { name: 'tab-text', carries: FULL, accepts: readableUnmerged, render: renderTabText },
  'cell-per-line': { name: 'cell-per-line', carries: FULL, accepts: (r, o) => readableUnmerged(r) && !lastCellRunsOn(r, o), render: renderCellPerLine },
  paste: { name: 'paste', carries: { heading: false, responsible: false, result: false, indicators: false, stages: false }, accepts: () => true, render: renderPaste },
};

// ——— importing and comparing ———

/** The upload as the import page sends it: a file as it is, a paste as the form's `text`. */
export async function importLayout(u: Upload): Promise<ImportedRoadmap> {
  if (u.kind === 'file') return importUpload({ body: u.bytes, contentType: 'application/octet-stream', filename: u.filename });
  const form = new FormData();
  form.set('text', u.text);
  const req = new Response(form);
  return importUpload({ body: new Uint8Array(await req.arrayBuffer()), contentType: req.headers.get('content-type')! });
}

type SeenActivity = { title: string; deadline: ExpectedDeadline; responsible?: string[]; result?: string | null };
export type Seen = {
  title?: string;
  period?: { from: string; to: string } | null;
  stages?: { title: string; activities: SeenActivity[] }[];
  /** A layout without stages: its activities in any order (the importer may group them into standard stages). */
  activities?: SeenActivity[];
  indicators?: { title: string; unit: string | null; targets: Record<string, number> }[];
};

const byTitle = (a: SeenActivity, b: SeenActivity) => a.title.localeCompare(b.title) || JSON.stringify(a.deadline).localeCompare(JSON.stringify(b.deadline));

/** What a layout must give back of a generated roadmap. */
export function expected(r: GenRoadmap, layout: Layout): Seen {
  const c = layout.carries;
  const ctx: DeadlineCtx = c.heading ? headingCtx(r) : tableOnlyCtx(r);
  const activity = (a: GenRoadmap['stages'][number]['activities'][number]): SeenActivity => ({
    title: a.title,
    deadline: a.deadline.expect(ctx),
    ...(c.responsible ? { responsible: a.responsible } : {}),
    ...(c.result ? { result: a.result } : {}),
  });
  const seen: Seen = {};
  if (c.heading) {
    seen.title = r.title;
    seen.period = { from: String(r.period.from), to: String(r.period.to) };
  }
  if (c.stages) seen.stages = r.stages.map((s) => ({ title: s.title, activities: s.activities.map(activity) }));
  else seen.activities = r.stages.flatMap((s) => s.activities.map(activity)).sort(byTitle);
  if (c.indicators) seen.indicators = r.indicators.map((i) => ({ title: i.title, unit: i.unit, targets: i.targets }));
  return seen;
}

/** The same view of what the importer gave back. */
export function seenOf(back: ImportedRoadmap, layout: Layout): Seen {
  const c = layout.carries;
  const activity = (a: ImportedRoadmap['stages'][number]['activities'][number]): SeenActivity => ({
    title: a.title,
    deadline: { start: a.deadline.start, end: a.deadline.end, recurrence: a.deadline.recurrence },
    ...(c.responsible ? { responsible: a.responsible } : {}),
    ...(c.result ? { result: a.result } : {}),
  });
  const seen: Seen = {};
  if (c.heading) {
    seen.title = back.title;
    seen.period = back.period;
  }
  if (c.stages) seen.stages = back.stages.map((s) => ({ title: s.title, activities: s.activities.map(activity) }));
  else seen.activities = back.stages.flatMap((s) => s.activities.map(activity)).sort(byTitle);
  if (c.indicators) seen.indicators = back.indicators.map((i) => ({ title: i.title, unit: i.unit, targets: i.targets }));
  return seen;
}
