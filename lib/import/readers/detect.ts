import { isZip, listZip } from './zip';

/*
 * What an uploaded file is, by its bytes (the name only breaks ties): the import picks its
 * reader from this. Zips are told apart by their entry names, read without inflating.
 */

type DetectedFormat = 'docx' | 'xlsx' | 'csv' | 'text' | 'doc' | 'pdf' | 'unknown-binary';

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
const extOf = (filename?: string) => /\.([a-z0-9]+)$/i.exec(filename ?? '')?.[1]?.toLowerCase() ?? '';

export function detectFormat(bytes: Uint8Array, filename?: string): DetectedFormat {
  const ext = extOf(filename);
  if (isZip(bytes)) return zipKind(bytes, ext);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'doc'; // OLE2: old .doc/.xls
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf'; // %PDF
  if (looksBinary(bytes)) return 'unknown-binary';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'txt' || ext === 'md' || ext === 'text') return 'text';
  return looksLikeCsv(decodeText(bytes)) ? 'csv' : 'text';
}

function zipKind(bytes: Uint8Array, ext: string): DetectedFormat {
  const names = listZip(bytes)?.map((e) => e.name);
  if (names) {
    if (names.some((n) => n.startsWith('word/'))) return 'docx';
    if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
    return 'unknown-binary';
  }
  // An unreadable (e.g. truncated) zip: local headers keep the names in clear text.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20)));
  if (head.includes('word/')) return 'docx';
  if (head.includes('xl/')) return 'xlsx';
  if (ext === 'docx' || ext === 'xlsx') return ext;
  return 'unknown-binary';
}

/** NUL bytes or many control characters in the first 4 KB: not text in any encoding we read. */
function looksBinary(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false; // UTF-16 text
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return n > 0 && control / n > 0.05;
}

/**
 * Text bytes → string: UTF-8 (BOM stripped), UTF-16 with a BOM, or, when the bytes are not
 * valid UTF-8, Windows-1251 (Russian Excel's CSV export).
 */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/** Lines (outside quotes) with the same number, at least one, of `;` or `,` separators and no tabs. */
function looksLikeCsv(text: string): boolean {
  if (text.includes('\t')) return false;
  const lines = splitRecords(text, 200);
  if (lines.length < 2) return false;
  return [';', ','].some((sep) => {
    const counts = lines.map((l) => countOutsideQuotes(l, sep));
    return counts[0] >= 1 && counts.every((c) => c === counts[0]);
  });
}

/** The first `limit` non-empty records; a newline inside double quotes does not end one. */
function splitRecords(text: string, limit: number): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if ((ch === '\n' || ch === '\r') && !quoted) {
      if (cur.trim()) out.push(cur);
      if (out.length === limit) return out;
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

function countOutsideQuotes(line: string, sep: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) n++;
  }
  return n;
}
