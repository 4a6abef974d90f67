/*
 * Text clean-up for roadmap cells extracted from Word documents: HTML fragments left in
 * cells, entities, markdown bold, Word bookmarks, odd unicode spaces; list splitting;
 * row numbers; words broken by a page break. Pure: no node: imports (runs in the browser).
 */

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  shy: '\u00ad',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  deg: '°',
  times: '×',
  minus: '−',
  thinsp: '\u2009',
  ensp: '\u2002',
  emsp: '\u2003',
  zwj: '\u200d',
  zwnj: '\u200c',
  sect: '§',
  hyphen: '‐',
  numero: '№',
};
/** Entities that old HTML writers emit without the closing «;». */
const LEGACY_ENTITIES = new Set(['nbsp', 'amp', 'quot', 'lt', 'gt', 'laquo', 'raquo', 'copy', 'reg', 'deg', 'shy', 'middot', 'times']);

const ENTITY_RE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}))(;?)/g;

function fromCodePoint(cp: number): string {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0xe000 && cp <= 0xf8ff)) return '';
  return String.fromCodePoint(cp);
}

function decodeEntities(s: string): string {
  return s.replace(ENTITY_RE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined, semi: string) => {
    if (dec !== undefined) return fromCodePoint(parseInt(dec, 10));
    if (hex !== undefined) return fromCodePoint(parseInt(hex, 16));
    const key = (name ?? '').toLowerCase();
    const value = NAMED_ENTITIES[key];
    if (value === undefined) return whole;
    if (!semi && !LEGACY_ENTITIES.has(key)) return whole;
    return value;
  });
}

const BLOCK_TAGS = new Set([
  'p', 'br', 'li', 'ul', 'ol', 'div', 'tr', 'td', 'th', 'table', 'tbody', 'thead', 'tfoot', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'blockquote', 'section', 'dl', 'dt', 'dd', 'pre', 'article', 'header', 'footer',
]);
const TAG_RE = /<\/?([a-zA-Z][a-zA-Z0-9]*)[^<>]*>/g;
const COMMENT_RE = /<!--[\s\S]*?-->|<![^<>]*>|<\?[^<>]*>/g;
const BOOKMARK_RE = /\[\s*bookmark\s*:[^\]]*\]/gi;
const STRAY_BOOKMARK_RE = /\[\s*bookmark/gi;
const ZERO_WIDTH_RE = /[\u00ad\u200b-\u200d\u2060\ufeff\u180e]/g;
const PRIVATE_USE_RE = /[\ue000-\uf8ff]/g;
const CONTROL_RE = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const LINE_BREAK_RE = /\r\n?|[\u000b\u000c\u2028\u2029\u0085]/g;
const SPACE_RE = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/** Private-use markers that stripMarkup can leave for the list splitter. */
export const LI_MARK = '\ue000';
export const UL_MARK = '\ue001';

/**
 * Removes markup (entities, HTML tags, bookmarks, markdown bold, zero-width characters) but
 * keeps line structure: block tags become line breaks, spaces inside a line collapse.
 * With `marks`, `<li>` becomes LI_MARK and `<ul>`/`<ol>` become UL_MARK (each on its own line).
 */
export function stripMarkup(input: string, marks = false): string {
  let s = String(input ?? '');
  // Normalise line breaks and remove characters that may hide inside a tag or an entity.
  s = s.replace(LINE_BREAK_RE, '\n').replace(PRIVATE_USE_RE, '');
  for (;;) {
    const before = s;
    s = s.replace(ZERO_WIDTH_RE, '').replace(CONTROL_RE, '');
    s = decodeEntities(s);
    s = s.replace(COMMENT_RE, ' ');
    s = s.replace(TAG_RE, (whole, name: string) => {
      const tag = name.toLowerCase();
      if (!BLOCK_TAGS.has(tag)) return '';
      if (marks && !whole.startsWith('</')) {
        if (tag === 'li') return `\n${LI_MARK}`;
        if (tag === 'ul' || tag === 'ol') return `\n${UL_MARK}`;
      }
      return '\n';
    });
    s = s.replace(BOOKMARK_RE, '').replace(STRAY_BOOKMARK_RE, '');
    s = s.replace(/\*{2,}/g, '');
    s = s.replace(LINE_BREAK_RE, '\n');
    if (s === before) break;
  }
  s = s.replace(SPACE_RE, ' ');
  s = s.replace(/[ ]{2,}/g, ' ');
  s = s.replace(/ *\n */g, '\n');
  return s;
}

const LEADING_JUNK_RE = /^(?:[–—•●▪◦■□►▸➢➤✓✔·∙*]\s*|[-‐−]\s+|\.+\s+|\.(?=[А-ЯЁA-Z«"]))/;

/**
 * `s` without its trailing characters of class `ch` (one character). A loop rather than
 * /[…]+$/, which tries every position of a long run of them: quadratic, and a document can
 * hold a cell of a million spaces.
 */
export function stripTrailing(s: string, ch: RegExp): string {
  let end = s.length;
  while (end > 0 && ch.test(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** Cleans one cell's text to a single trimmed line (see the module comment). */
export function cleanText(s: string): string {
  let t = stripMarkup(s).replace(/\s+/g, ' ').trim();
  for (;;) {
    const next = t.replace(LEADING_JUNK_RE, '').trim();
    if (next === t) break;
    t = next;
  }
  return t;
}

/**
 * Removes an item's trailing «;», «,» and a final «.», keeping the dot of an abbreviation or
 * initials («и др.», «Л. А.»).
 */
export function trimItemPunctuation(s: string): string {
  let t = stripTrailing(s, /[\s;,]/);
  if (t.endsWith('.') && !t.endsWith('..')) {
    const token = t.slice(0, -1).split(/[\s.]/).pop() ?? '';
    const abbreviation = /^\p{L}{1,3}$/u.test(token);
    if (!abbreviation) t = t.slice(0, -1).trimEnd();
  }
  return t;
}

const ROMAN_RE = /^(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

/** Separates a row number («1.12.», «3.1», «IV.», «Этап 2.») from the title. */
export function splitNumber(s: string): { number: string | null; title: string } {
  const t = cleanText(s);
  const none = { number: null, title: t };
  // «Этап 2. Формирование»
  const stage = /^(?:этап|раздел|шаг|блок)\s+(\d{1,3}(?:\.\d{1,3})*|[IVXLC]+)\.?(?=[\s.):–—-]|$)[\s.):–—-]*(.*)$/i.exec(t);
  if (stage && (/^\d/.test(stage[1]!) || ROMAN_RE.test(stage[1]!))) return { number: stage[1]!, title: cleanText(stage[2]!) };
  // «IV. Мониторинг»
  const roman = /^([IVXLC]+)(?:([.)])\s*|\s+(?=[А-ЯЁA-Z«"])|$)(.*)$/.exec(t);
  if (roman && ROMAN_RE.test(roman[1]!)) return { number: roman[1]!, title: cleanText(roman[3]!) };
  // «1 этап: Организационный», «II этап. Основной», «2-й этап – …»: the number comes before the word.
  const ordinal = /^(\d{1,2}|[IVXLC]+)\s*(?:-?(?:й|ой|ый)\s+|\s+)(?:этап|раздел)(?:\s*[.:)–—-]+\s*|\s+(?=[А-ЯЁ«"])|$)(.*)$/i.exec(t);
  if (ordinal && (/^\d/.test(ordinal[1]!) || ROMAN_RE.test(ordinal[1]!))) return { number: ordinal[1]!, title: cleanText(ordinal[2]!) };
  // A date («30.08.2022») is not a row number.
  if (/^\d{1,2}\.\d{1,2}\.\s*\d{2,4}(?!\d)/.test(t)) return none;
  const m = /^(\d{1,3}(?:\.\d{1,3})*)(\.?\)?)/.exec(t);
  if (!m) return none;
  const number = m[1]!;
  const punct = m[2]!;
  const rest = t.slice(m[0].length);
  if (rest === '') return { number, title: '' };
  if (!punct && !/^\s/.test(rest)) return none; // «2022», «5%», «1а»
  if (punct && /^\d/.test(rest)) return none;
  const title = cleanText(rest);
  if (!punct && !number.includes('.')) {
    // «2 раза в год»: a count, not a row number.
    const word = /^\S+/.exec(title)?.[0] ?? '';
    if (/^\p{Ll}/u.test(word) && !word.includes('.')) return none;
  }
  return { number, title };
}

/** Joins text that a page break split; a word hyphenated at the break is glued back. */
export function joinBroken(prev: string, next: string): string {
  const p = prev.trimEnd();
  const n = next.replace(/^\s+/, '');
  if (p === '') return n;
  if (n === '') return p;
  if (/\p{L}[-‐\u00ad]$/u.test(p) && /^\p{Ll}/u.test(n)) return p.slice(0, -1) + n;
  return `${p} ${n}`;
}
