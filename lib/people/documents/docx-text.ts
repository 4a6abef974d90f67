import { strFromU8, unzipSync } from 'fflate';
import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom';

/*
 * The plain text of a DOCX, for tests: word/document.xml's paragraphs, one line each (a
 * table cell's paragraphs too), runs joined, XML entities decoded. Only what the builders
 * in this folder write is read: <w:t>, <w:tab/>, <w:br/>.
 */

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** The files of the DOCX zip (throws when it is not a zip). */
export function docxFiles(buf: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(buf);
}

export function docxXml(buf: Uint8Array): string {
  const xml = docxFiles(buf)['word/document.xml'];
  if (!xml) throw new Error('word/document.xml is missing');
  return strFromU8(xml);
}

export function docxText(buf: Uint8Array): string {
  const xml = docxXml(buf);
  const lines: string[] = [];
  for (const p of xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const body = p[1] ?? '';
    let line = '';
    for (const t of body.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:t(?:\s[^>]*)?\/>|<w:(tab|br)\b[^>]*\/>/g)) {
      if (t[2] === 'tab') line += '\t';
      else if (t[2] === 'br') line += '\n';
      else line += decode(t[1] ?? '');
    }
    lines.push(line);
  }
  return lines.join('\n');
}

// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why Word would refuse the file, or [] when it opens: the parts a DOCX must have, and
 * document.xml well-formed (xmldom, stopping at the first error) and free of characters
 * XML 1.0 cannot carry.
 */
export function docxProblems(buf: Uint8Array): string[] {
  let files: Record<string, Uint8Array>;
  try {
    files = docxFiles(buf);
  } catch (e) {
    return [`not a zip: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml']) if (!files[part]) problems.push(`${part} is missing`);
  const doc = files['word/document.xml'];
  if (doc) {
    const xml = strFromU8(doc);
    if (XML_ILLEGAL.test(xml)) problems.push('word/document.xml holds a character XML cannot carry');
    try {
      const root = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml').documentElement;
      if (!root || root.tagName !== 'w:document') problems.push('word/document.xml has no w:document root');
    } catch (e) {
      problems.push(`word/document.xml is not well-formed: ${(e as Error).message}`);
    }
  }
  return problems;
}
