import { EXPORT_HEADERS, exportRows, readableOf, rowCells, type AuditPage, type ExportOptions } from './rows';

/*
 * The filtered history as CSV for Russian Excel: UTF-8 with a BOM (else Excel reads it as
 * cp1251), `;` between fields (Excel's separator where the decimal mark is a comma), CRLF
 * line ends, RFC 4180 quoting. A text starting with = + - @ is prefixed with «'» so that a
 * spreadsheet shows it as text and never runs it as a formula (CSV injection). One chunk per
 * page: nothing is held beyond the page being written.
 */

const BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

const NEEDS_QUOTES = /[";\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field as CSV: guarded against formulas, quoted when it must be. */
export function csvField(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const csvLine = (cells: readonly string[]) => `${cells.map(csvField).join(CSV_SEPARATOR)}\r\n`;

/** The CSV text, a chunk per page: the BOM and header first. */
export async function* auditCsvText(pages: AsyncIterable<AuditPage>, opts: ExportOptions = {}): AsyncGenerator<string> {
  yield BOM + csvLine(EXPORT_HEADERS[opts.locale ?? 'ru']);
  for await (const rows of exportRows(pages, opts)) {
    if (rows.length > 0) yield rows.map((r) => csvLine(rowCells(r))).join('');
  }
}

/** The CSV as UTF-8 bytes, a chunk per page. */
export async function* auditCsvChunks(pages: AsyncIterable<AuditPage>, opts: ExportOptions = {}): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const text of auditCsvText(pages, opts)) yield encoder.encode(text);
}

/** The CSV as a web stream that reads the next page only when the client has taken the last one. */
export const auditCsvStream = (pages: AsyncIterable<AuditPage>, opts: ExportOptions = {}) => readableOf(auditCsvChunks(pages, opts));
