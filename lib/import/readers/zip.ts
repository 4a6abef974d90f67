import { unzipSync } from 'fflate';

/** The largest uncompressed part a reader inflates: more is a zip bomb, not a roadmap. */
export const MAX_PART_BYTES = 200 * 1024 * 1024;

type ZipEntry = { name: string; size: number; originalSize: number };

/** `PK\x03\x04`: a zip's local file header (docx and xlsx are zips). */
export const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * The zip's entries from its central directory, inflating nothing; null when the bytes are
 * not a readable zip (not a zip at all, truncated, corrupt directory).
 */
export function listZip(bytes: Uint8Array): ZipEntry[] | null {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        return false;
      },
    });
  } catch {
    return null;
  }
  return entries;
}

/**
 * Inflates only the wanted entries, each at most MAX_PART_BYTES (checked on the declared size
 * before inflating; fflate never writes past the declared size). Throws 'too-large' when one is
 * bigger, or fflate's own error when the zip is unreadable.
 */
export function unzipParts(bytes: Uint8Array, wanted: readonly string[]): Record<string, Uint8Array> {
  let tooLarge = false;
  const files = unzipSync(bytes, {
    filter: (f) => {
      if (!wanted.includes(f.name)) return false;
      if (f.originalSize > MAX_PART_BYTES) {
        tooLarge = true;
        return false;
      }
      return true;
    },
  });
  if (tooLarge) throw new Error('too-large');
  return files;
}

/** An XML part's text: UTF-8 unless it starts with a UTF-16 byte order mark. */
export function xmlText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
