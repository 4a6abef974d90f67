import type ExcelJS from 'exceljs';
import { decodeExportMeta, EXPORT_PROPERTY } from '../export-meta';
import { ImportError, MAX_IMPORT_BYTES, type DocBlock, type DocCell, type DocModel, type DocRow } from '../types';
import { inflateParts, isZip, InflateLimitError, limitMessage, listZip, type InflateLimits } from './zip';

/*
 * An Excel workbook (.xlsx) → DocModel: each visible, non-empty worksheet becomes one table
 * block. Merged ranges: the master cell gets `span` for its width; the rows below it hold a
 * `continued` cell (with the same span). Fully empty rows and trailing empty columns are dropped.
 */

const UNREADABLE = 'Файл не является книгой Excel (.xlsx) или повреждён';

/**
 * What the whole workbook may inflate to (exceljs inflates every part): a big plan is a
 * few MB and some 100 000 elements; exceljs holds a million in the worker's memory.
 */
export const XLSX_LIMITS: InflateLimits = { maxBytes: 50 * 1024 * 1024, maxElements: 1_000_000 };

type MergeBox = { top: number; left: number; bottom: number; right: number };

export async function readXlsx(bytes: Uint8Array): Promise<DocModel> {
  if (bytes.length === 0) throw new ImportError('IMPORT_EMPTY', 'Файл пуст');
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportError('IMPORT_TOO_LARGE', 'Файл слишком большой для импорта');
  if (!isZip(bytes)) throw new ImportError('IMPORT_UNREADABLE', UNREADABLE);
  // exceljs inflates every part: inflate them once first, counting, and hand it only a workbook within the limits.
  const entries = listZip(bytes);
  if (!entries || !entries.some((e) => e.name === 'xl/workbook.xml')) throw new ImportError('IMPORT_UNREADABLE', UNREADABLE);
  try {
    inflateParts(bytes, () => true, XLSX_LIMITS, () => false);
  } catch (err) {
    if (err instanceof InflateLimitError) throw new ImportError('IMPORT_TOO_LARGE', limitMessage(err));
    throw new ImportError('IMPORT_UNREADABLE', UNREADABLE);
  }

  // Loaded on first use: exceljs takes seconds to load, and most imports are Word files.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw new ImportError('IMPORT_UNREADABLE', UNREADABLE);
  }
  const blocks: DocBlock[] = [];
  const warnings: string[] = [];
  workbook.eachSheet((ws) => {
    if (ws.state && ws.state !== 'visible') {
      warnings.push(`Скрытый лист «${ws.name}» пропущен`);
      return;
    }
    const rows = readSheet(ws);
    // The lines above a sheet's table (title, organisation, period: one filled cell each)
    // are its heading, as paragraphs are in a Word document.
    let top = 0;
    while (top < rows.length - 1 && rows[top]!.cells.filter((c) => c.paragraphs.length > 0).length === 1) top++;
    for (const row of rows.slice(0, top)) blocks.push({ kind: 'paragraph', text: row.cells.flatMap((c) => c.paragraphs).join(' ') });
    if (rows.length > top) blocks.push({ kind: 'table', rows: rows.slice(top) });
  });
  const meta = workbook.category === EXPORT_PROPERTY ? decodeExportMeta(workbook.description) : null;
  return { blocks, warnings, meta };
}

function readSheet(ws: ExcelJS.Worksheet): DocRow[] {
  const merges = sheetMerges(ws);
  // merged cells keyed "row:col": the master's width, the covered cells' role
  const masterSpan = new Map<string, number>();
  const covered = new Map<string, { continued: boolean; span: number } | null>();
  for (const m of merges) {
    const width = m.right - m.left + 1;
    masterSpan.set(`${m.top}:${m.left}`, width);
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        // the first column of a lower row stands for the whole continued stretch; the rest vanish
        covered.set(`${r}:${c}`, r > m.top && c === m.left ? { continued: true, span: width } : null);
      }
  }

  // texts by row, and the sheet's real extent
  const texts = new Map<number, Map<number, string[]>>();
  let lastRow = 0;
  let lastCol = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (covered.has(`${r}:${c}`)) return;
      const paragraphs = cellText(cell.value)
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (paragraphs.length === 0) return;
      let byCol = texts.get(r);
      if (!byCol) texts.set(r, (byCol = new Map()));
      byCol.set(c, paragraphs);
      lastRow = Math.max(lastRow, r);
      lastCol = Math.max(lastCol, c + (masterSpan.get(`${r}:${c}`) ?? 1) - 1);
    });
  });

  const rows: DocRow[] = [];
  for (let r = 1; r <= lastRow; r++) {
    const byCol = texts.get(r);
    if (!byCol) continue; // an empty row (a merge's continuation alone carries nothing)
    const cells: DocCell[] = [];
    for (let c = 1; c <= lastCol; c++) {
      const key = `${r}:${c}`;
      if (covered.has(key)) {
        const role = covered.get(key);
        if (role) cells.push(withSpan({ paragraphs: [], continued: true }, Math.min(role.span, lastCol - c + 1)));
        continue;
      }
      const span = Math.min(masterSpan.get(key) ?? 1, lastCol - c + 1);
      cells.push(withSpan({ paragraphs: byCol.get(c) ?? [] }, span));
    }
    rows.push({ cells });
  }
  return rows;
}

function withSpan(cell: DocCell, span: number): DocCell {
  if (span > 1) cell.span = span;
  return cell;
}

function sheetMerges(ws: ExcelJS.Worksheet): MergeBox[] {
  const raw = (ws as unknown as { _merges?: Record<string, Partial<MergeBox>> })._merges ?? {};
  const out: MergeBox[] = [];
  for (const m of Object.values(raw)) {
    if (m && typeof m.top === 'number' && typeof m.left === 'number' && typeof m.bottom === 'number' && typeof m.right === 'number')
      out.push({ top: m.top, left: m.left, bottom: m.bottom, right: m.right });
  }
  return out;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A cell value as the text a reader sees: rich text joined, dates DD.MM.YYYY, formulas → result. */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'ИСТИНА' : 'ЛОЖЬ';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${pad2(value.getUTCDate())}.${pad2(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    const v = value as unknown as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((p) => (typeof p.text === 'string' ? p.text : '')).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return '';
}
