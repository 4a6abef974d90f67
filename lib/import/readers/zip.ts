import { Inflate } from 'fflate';

/*
 * Zip archives (docx and xlsx are zips) read with limits that hold whatever the archive
 * claims: sizes are counted on the bytes as they come out of the inflater, never taken
 * from the headers, so a 10 KB file that inflates to gigabytes is stopped at the limit.
 */

type ZipEntry = { name: string; method: number; compressedSize: number; dataStart: number };

/** How much of an archive's parts a reader may inflate, and how many XML elements they may hold. */
export type InflateLimits = { maxBytes: number; maxElements: number };

/** The inflated parts passed a limit: the reader turns this into IMPORT_TOO_LARGE. */
export class InflateLimitError extends Error {
  constructor(
    readonly limit: 'bytes' | 'elements',
    readonly max: number,
  ) {
    super(`inflated parts over ${max} ${limit}`);
    this.name = 'InflateLimitError';
  }
}

/** `PK\x03\x04`: a zip's local file header (docx and xlsx are zips). */
export const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

// An Office file has tens of parts, a big workbook a few hundred.
const MAX_ENTRIES = 10_000;
const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The zip's entries from its central directory, inflating nothing; null when the bytes are
 * not a readable zip (not a zip at all, truncated, corrupt directory, too many entries).
 */
export function listZip(bytes: Uint8Array): ZipEntry[] | null {
  try {
    return readDirectory(bytes);
  } catch {
    return null;
  }
}

function readDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  let end = bytes.length - 22;
  const stop = Math.max(0, end - 0xffff); // the archive comment is at most 64 KB
  while (end >= stop && u32(end) !== EOCD) end--;
  if (end < stop) return null;
  let count = u16(end + 10);
  let at = u32(end + 16);
  if ((count === 0xffff || at === 0xffffffff) && end >= 20 && u32(end - 20) === ZIP64_LOCATOR) {
    const z = u64(end - 12);
    if (u32(z) !== ZIP64_EOCD) return null;
    count = u64(z + 32);
    at = u64(z + 48);
  }
  if (count > MAX_ENTRIES) return null;
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) return null;
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let originalSize = u32(at + 24);
    const nameLen = u16(at + 28);
    const extraLen = u16(at + 30);
    const commentLen = u16(at + 32);
    let local = u32(at + 42);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    // Zip64: the real values of the fields saturated at 0xffffffff, in this order.
    for (let x = at + 46 + nameLen; x + 4 <= at + 46 + nameLen + extraLen; x += 4 + u16(x + 2)) {
      if (u16(x) !== 1) continue;
      let y = x + 4;
      if (originalSize === 0xffffffff) (originalSize = u64(y)), (y += 8);
      if (compressedSize === 0xffffffff) (compressedSize = u64(y)), (y += 8);
      if (local === 0xffffffff) local = u64(y);
    }
    if (u32(local) !== LOCAL) return null;
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataStart + compressedSize > bytes.length) return null;
    entries.push({ name, method, compressedSize, dataStart });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

// Compressed bytes fed to the inflater at a time: deflate's best ratio is about 1:1032, so
// one step yields at most ~4 MB before the count is checked again.
const STEP = 4096;

/**
 * Inflates the entries `wanted` picks and returns those it keeps (all, unless `keep` says
 * otherwise), counting every inflated byte and every XML start tag across them all.
 * Throws InflateLimitError as soon as a count passes its limit, or an Error when the zip
 * is unreadable (bad directory, unknown compression, corrupt data).
 */
export function inflateParts(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limits: InflateLimits,
  keep: (name: string) => boolean = () => true,
): Record<string, Uint8Array> {
  const entries = listZip(bytes);
  if (!entries) throw new Error('unreadable zip');
  const counter = new XmlCounter(limits);
  const out: Record<string, Uint8Array> = {};
  for (const entry of entries) {
    if (!wanted(entry.name)) continue;
    const chunks: Uint8Array[] | null = keep(entry.name) ? [] : null;
    counter.startPart();
    inflateEntry(bytes, entry, (chunk) => {
      counter.add(chunk);
      chunks?.push(chunk);
    });
    if (chunks) out[entry.name] = concat(chunks);
  }
  return out;
}

function inflateEntry(bytes: Uint8Array, entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += STEP) onChunk(data.subarray(at, at + STEP));
    return;
  }
  if (entry.method !== 8) throw new Error(`unknown compression ${entry.method}`);
  const inflater = new Inflate((chunk) => onChunk(chunk));
  if (data.length === 0) inflater.push(data, true);
  for (let at = 0; at < data.length; at += STEP) inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
}

/**
 * Counts inflated bytes and XML start tags: a `<` not followed by `/`, `?` or `!` (inside a
 * comment or CDATA that over-counts, which only errs on the safe side). A part that starts
 * with a UTF-16 byte order mark is counted by 16-bit code units.
 */
class XmlCounter {
  private bytes = 0;
  private elements = 0;
  private afterLt = false;
  private encoding: 'start' | 'bom?' | 'utf8' | 'utf16le' | 'utf16be' = 'start';
  private held = -1; // the first byte of a code unit (UTF-16) or of a possible byte order mark
  constructor(private readonly limits: InflateLimits) {}

  startPart() {
    this.afterLt = false;
    this.encoding = 'start';
    this.held = -1;
  }

  add(chunk: Uint8Array) {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxBytes) throw new InflateLimitError('bytes', this.limits.maxBytes);
    let i = 0;
    while (i < chunk.length && (this.encoding === 'start' || this.encoding === 'bom?')) this.sniff(chunk[i++]!);
    if (this.encoding === 'utf8') this.countUnits8(chunk, i);
    else for (; i < chunk.length; i++) this.byte16(chunk[i]!);
    if (this.elements > this.limits.maxElements) throw new InflateLimitError('elements', this.limits.maxElements);
  }

  private sniff(b: number) {
    if (this.encoding === 'start') {
      if (b === 0xff || b === 0xfe) {
        this.encoding = 'bom?';
        this.held = b;
      } else {
        this.encoding = 'utf8';
        this.unit(b);
      }
      return;
    }
    if (this.held === 0xff && b === 0xfe) this.encoding = 'utf16le';
    else if (this.held === 0xfe && b === 0xff) this.encoding = 'utf16be';
    else {
      this.encoding = 'utf8';
      this.unit(this.held);
      this.unit(b);
    }
    this.held = -1;
  }

  private countUnits8(chunk: Uint8Array, from: number) {
    let afterLt = this.afterLt;
    let elements = this.elements;
    for (let i = from; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (afterLt && b !== 0x2f && b !== 0x3f && b !== 0x21) elements++;
      afterLt = b === 0x3c;
    }
    this.afterLt = afterLt;
    this.elements = elements;
  }

  private byte16(b: number) {
    if (this.held < 0) {
      this.held = b;
      return;
    }
    this.unit(this.encoding === 'utf16le' ? this.held | (b << 8) : (this.held << 8) | b);
    this.held = -1;
  }

  private unit(u: number) {
    if (this.afterLt && u !== 0x2f && u !== 0x3f && u !== 0x21) this.elements++;
    this.afterLt = u === 0x3c;
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The Russian message for a part limit passed: what was too much, and what to do instead. */
export function limitMessage(err: InflateLimitError): string {
  return err.limit === 'bytes'
    ? `Файл слишком большой после распаковки: больше ${Math.round(err.max / 1024 / 1024)} МБ разметки. Уберите из него вложенные объекты или вставьте таблицу плана текстом.`
    : `Файл слишком сложный: больше ${err.max.toLocaleString('ru-RU')} элементов разметки. Разделите его на части или вставьте таблицу плана текстом.`;
}

/** An XML part's text: UTF-8 unless it starts with a UTF-16 byte order mark. */
export function xmlText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
