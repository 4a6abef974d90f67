import { DOMParser, onErrorStopParsing, type Element } from '@xmldom/xmldom';
import { ImportError, MAX_IMPORT_BYTES, type DocBlock, type DocCell, type DocModel, type DocRow } from '../types';
import { decodeExportMeta, EXPORT_PROPERTY, type DocMeta } from '../export-meta';
import { inflateParts, isZip, InflateLimitError, limitMessage, xmlText, type InflateLimits } from './zip';

/*
 * A Word document (.docx) → DocModel: the body's paragraphs and tables in reading order.
 * Only word/document.xml is inflated. Auto-numbering (numbering.xml) is not rendered: a list
 * item is its own paragraph with its own text, without the «1.»/«•» Word draws before it.
 */

const UNREADABLE = 'Файл не является документом Word (.docx) или повреждён';
const DOCUMENT = 'word/document.xml';
const CUSTOM_PROPS = 'docProps/custom.xml';
// Transitional (usual) and Strict OOXML spell the WordprocessingML namespace differently.
const W_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/**
 * What the parts we parse may inflate to. A long Word roadmap is a few MB of XML and some
 * 100 000 elements; xmldom needs ~1 KB of heap per element, so the element count is what
 * keeps a parse within the import worker's memory (server/import-pool).
 */
export const DOCX_LIMITS: InflateLimits = { maxBytes: 20 * 1024 * 1024, maxElements: 200_000 };

export function readDocx(bytes: Uint8Array): DocModel {
  if (bytes.length === 0) throw new ImportError('IMPORT_EMPTY', 'Файл пуст');
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportError('IMPORT_TOO_LARGE', 'Файл слишком большой для импорта');
  if (!isZip(bytes)) throw new ImportError('IMPORT_UNREADABLE', UNREADABLE);
  let xml: string;
  let custom: Uint8Array | undefined;
  try {
    const parts = inflateParts(bytes, (name) => name === DOCUMENT || name === CUSTOM_PROPS, DOCX_LIMITS);
    const doc = parts[DOCUMENT];
    if (!doc) throw new Error('no document.xml');
    xml = xmlText(doc);
    custom = parts[CUSTOM_PROPS];
  } catch (err) {
    if (err instanceof InflateLimitError) throw new ImportError('IMPORT_TOO_LARGE', limitMessage(err));
    throw new ImportError('IMPORT_UNREADABLE', UNREADABLE);
  }
  let root: Element | null;
  try {
    root = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml').documentElement;
  } catch {
    throw new ImportError('IMPORT_UNREADABLE', UNREADABLE);
  }
  const body = root && isW(root, 'document') ? childrenOf(root).find((c) => isW(c, 'body')) : undefined;
  if (!body) throw new ImportError('IMPORT_UNREADABLE', UNREADABLE);
  const blocks: DocBlock[] = [];
  readBlocks(body, blocks);
  return { blocks, warnings: [], meta: custom ? exportMeta(xmlText(custom)) : null };
}

/** The meta a Tropa export keeps in a custom document property (lib/import/export-meta.ts). */
function exportMeta(xml: string): DocMeta | null {
  try {
    const root = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml').documentElement;
    const props = root ? childrenOf(root) : [];
    const prop = props.find((p) => p.localName === 'property' && p.getAttribute('name') === EXPORT_PROPERTY);
    return prop ? decodeExportMeta(prop.textContent) : null;
  } catch {
    return null; // a damaged properties part is no reason to refuse the document itself
  }
}

function isW(el: Element, name: string): boolean {
  return el.localName === name && W_NS.has(el.namespaceURI ?? '');
}

function childrenOf(el: Element): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < el.childNodes.length; i++) {
    const n = el.childNodes.item(i);
    if (n && n.nodeType === 1) out.push(n as Element);
  }
  return out;
}

function wAttr(el: Element, name: string): string | null {
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (a && a.localName === name && W_NS.has(a.namespaceURI ?? '')) return a.value;
  }
  return el.getAttribute(`w:${name}`);
}

/** Wrappers whose content counts as if it stood in their place: content controls, custom XML, tracked insertions. */
function transparentContent(el: Element): Element | null {
  if (isW(el, 'sdt')) return childrenOf(el).find((c) => isW(c, 'sdtContent')) ?? null;
  if (isW(el, 'customXml') || isW(el, 'ins') || isW(el, 'moveTo') || isW(el, 'smartTag')) return el;
  return null;
}

/** Body-level content: paragraphs and tables, in order. */
function readBlocks(container: Element, blocks: DocBlock[]): void {
  for (const el of childrenOf(container)) {
    if (isW(el, 'p')) {
      const text = paragraphText(el);
      if (text) blocks.push({ kind: 'paragraph', text });
    } else if (isW(el, 'tbl')) {
      blocks.push({ kind: 'table', rows: readTable(el) });
    } else {
      const inner = transparentContent(el);
      if (inner) readBlocks(inner, blocks);
    }
  }
}

/** A paragraph's text: its runs' text, tabs and line breaks; trimmed. Empty → ''. */
function paragraphText(p: Element): string {
  let out = '';
  const walk = (el: Element) => {
    for (const c of childrenOf(el)) {
      if (c.namespaceURI === MC_NS && c.localName === 'Fallback') continue; // a copy of mc:Choice
      if (W_NS.has(c.namespaceURI ?? '')) {
        switch (c.localName) {
          case 'pPr':
          case 'rPr':
          case 'del':
          case 'moveFrom':
          case 'delText':
          case 'instrText':
            continue;
          case 't':
            out += c.textContent ?? '';
            continue;
          case 'tab':
            out += '\t';
            continue;
          case 'br':
          case 'cr':
            out += '\n';
            continue;
          case 'noBreakHyphen':
            out += '-';
            continue;
          case 'p': // a text box's paragraph inside this one
            if (out && !out.endsWith('\n')) out += '\n';
            walk(c);
            continue;
        }
      }
      walk(c);
    }
  };
  walk(p);
  return out
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

function readTable(tbl: Element): DocRow[] {
  const rows: DocRow[] = [];
  const collectRows = (el: Element) => {
    for (const c of childrenOf(el)) {
      if (isW(c, 'tr')) rows.push(readRow(c));
      else {
        const inner = transparentContent(c);
        if (inner) collectRows(inner);
      }
    }
  };
  collectRows(tbl);
  return rows;
}

function intVal(el: Element | undefined, fallback: number): number {
  const v = el ? Number.parseInt(wAttr(el, 'val') ?? '', 10) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function readRow(tr: Element): DocRow {
  const cells: DocCell[] = [];
  const trPr = childrenOf(tr).find((c) => isW(c, 'trPr'));
  const trProps = trPr ? childrenOf(trPr) : [];
  // Grid columns skipped before/after the row's cells: an empty cell keeps the columns aligned.
  const gap = (n: number) => {
    if (n > 0) cells.push(n > 1 ? { paragraphs: [], span: n } : { paragraphs: [] });
  };
  const gridBefore = trProps.find((c) => isW(c, 'gridBefore'));
  if (gridBefore) gap(intVal(gridBefore, 0));
  const collectCells = (el: Element) => {
    for (const c of childrenOf(el)) {
      if (isW(c, 'tc')) {
        const cell = readCell(c);
        if (cell) cells.push(cell);
        else if (cells.length > 0) {
          // legacy horizontal merge (w:hMerge continue): widen the cell to the left
          const prev = cells[cells.length - 1];
          prev.span = (prev.span ?? 1) + 1;
        }
      } else {
        const inner = transparentContent(c);
        if (inner) collectCells(inner);
      }
    }
  };
  collectCells(tr);
  const gridAfter = trProps.find((c) => isW(c, 'gridAfter'));
  if (gridAfter) gap(intVal(gridAfter, 0));
  return { cells };
}

/** A cell; null for a legacy horizontal-merge continuation (merged into the cell before). */
function readCell(tc: Element): DocCell | null {
  const tcPr = childrenOf(tc).find((c) => isW(c, 'tcPr'));
  const props = tcPr ? childrenOf(tcPr) : [];
  const span = intVal(props.find((c) => isW(c, 'gridSpan')), 1);
  const hMerge = props.find((c) => isW(c, 'hMerge'));
  if (hMerge && wAttr(hMerge, 'val') !== 'restart') return null;
  const vMerge = props.find((c) => isW(c, 'vMerge'));
  const continued = vMerge !== undefined && wAttr(vMerge, 'val') !== 'restart';
  const cell: DocCell = { paragraphs: continued ? [] : cellParagraphs(tc) };
  if (span > 1) cell.span = span;
  if (continued) cell.continued = true;
  return cell;
}

/** The cell's non-empty paragraphs, nested tables flattened into paragraphs in reading order. */
function cellParagraphs(container: Element, out: string[] = []): string[] {
  for (const el of childrenOf(container)) {
    if (isW(el, 'p')) {
      const text = paragraphText(el);
      if (text) out.push(text);
    } else if (isW(el, 'tbl') || isW(el, 'tr') || isW(el, 'tc')) {
      cellParagraphs(el, out);
    } else {
      const inner = transparentContent(el);
      if (inner) cellParagraphs(inner, out);
    }
  }
  return out;
}
