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
  let t = s.replace(/[\s;,]+$/, '');
  if (t.endsWith('.') && !t.endsWith('..')) {
    const token = t.slice(0, -1).split(/[\s.]/).pop() ?? '';
    const abbreviation = /^\p{L}{1,3}$/u.test(token);
    if (!abbreviation) t = t.slice(0, -1).replace(/\s+$/, '');
  }
  return t;
}

function cleanItem(s: string): string {
  return trimItemPunctuation(cleanText(s));
}

function cleanIntro(s: string): string | null {
  const t = cleanText(s).replace(/[\s:]+$/, '');
  return t === '' ? null : t;
}

type Split = { preamble: string; items: string[] };

const DASHES = '–—‐−-';
const SAFE_BULLETS = '•●▪◦■►▸➢➤';

/** Bullet-introduced items: dashes after start/«;»/«:»/line break, unambiguous bullets after any space. */
function splitByBullets(text: string): Split | null {
  const cuts: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '\n' || c === UL_MARK) depth = 0;
    const isDash = DASHES.includes(c) || c === '*';
    const isSafe = SAFE_BULLETS.includes(c);
    if (!isDash && !isSafe) continue;
    const after = text[i + 1];
    if (isDash && !(after === undefined || /\s/.test(after))) continue;
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    const prev = j < 0 ? '' : text[j]!;
    const boundary = j < 0 || prev === '\n' || prev === UL_MARK || prev === LI_MARK || prev === ';' || prev === ':';
    if (isDash && !boundary) continue;
    if (isSafe && !boundary && (depth > 0 || j === i - 1)) continue;
    cuts.push(i);
  }
  if (cuts.length === 0) return null;
  const items: string[] = [];
  for (let k = 0; k < cuts.length; k++) items.push(text.slice(cuts[k]! + 1, cuts[k + 1] ?? text.length));
  return { preamble: text.slice(0, cuts[0]), items };
}

/** «1. …; 2. …» or «1) … 2) …»: a chain of markers numbered 1, 2, 3 … */
function splitByNumbers(text: string): Split | null {
  type Marker = { at: number; end: number; n: number; style: string };
  const markers: Marker[] = [];
  const re = /(\d{1,2})([.)])(?=\s)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index;
    const before = at > 0 ? text[at - 1]! : '';
    if (before && !/[\s;:(]/.test(before)) continue;
    if (m[2] === '.') {
      let j = at - 1;
      while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
      const prev = j < 0 ? '' : text[j]!;
      if (!(j < 0 || '\n;:.'.includes(prev) || prev === UL_MARK || prev === LI_MARK)) continue;
    }
    markers.push({ at, end: at + m[0].length, n: parseInt(m[1]!, 10), style: m[2]! });
  }
  for (let start = 0; start < markers.length; start++) {
    if (markers[start]!.n !== 1) continue;
    const chain = [markers[start]!];
    for (let k = start + 1; k < markers.length; k++) {
      const last = chain[chain.length - 1]!;
      if (markers[k]!.style === last.style && markers[k]!.n === last.n + 1) chain.push(markers[k]!);
    }
    if (chain.length < 2) continue;
    const items: string[] = [];
    for (let k = 0; k < chain.length; k++) items.push(text.slice(chain[k]!.end, chain[k + 1]?.at ?? text.length));
    return { preamble: text.slice(0, chain[0]!.at), items };
  }
  return null;
}

/** After `<ul>`: items separated by «;» outside brackets and quotes. */
function splitUlBySemicolons(text: string): Split | null {
  const at = text.indexOf(UL_MARK);
  if (at < 0) return null;
  const body = text.slice(at + 1).replace(new RegExp(UL_MARK, 'g'), '\n');
  const items: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '(' || c === '«') depth++;
    else if ((c === ')' || c === '»') && depth > 0) depth--;
    else if (c === ';' && depth === 0) {
      items.push(body.slice(from, i));
      from = i + 1;
    }
  }
  items.push(body.slice(from));
  return { preamble: text.slice(0, at), items };
}

/** Lines that end with «;» (a line ending with «:» also closes an item; other lines continue it). */
function splitBySemicolonLines(text: string): Split | null {
  const lines = text
    .split(/[\n\ue000\ue001]/)
    .map((l) => l.trim())
    .filter((l) => cleanText(l) !== '');
  if (lines.length < 2) return null;
  const items: string[] = [];
  let current = '';
  let closedBySemicolon = 0;
  for (const line of lines) {
    current = current ? joinBroken(current, line) : line;
    if (/[;:]$/.test(line)) {
      if (line.endsWith(';')) closedBySemicolon++;
      items.push(current);
      current = '';
    }
  }
  if (current) items.push(current);
  if (closedBySemicolon === 0) return null;
  let preamble = '';
  if (items.length > 2 && items[0]!.endsWith(':')) preamble = items.shift()!;
  return { preamble, items };
}

function finish(split: Split | null): { intro: string | null; items: string[] } | null {
  if (!split) return null;
  const items = split.items.map(cleanItem).filter((t) => t !== '');
  let intro: string | null = null;
  const pre = cleanText(split.preamble);
  if (pre !== '') {
    if (pre.endsWith(';')) {
      const first = cleanItem(pre);
      if (first !== '') items.unshift(first);
    } else intro = cleanIntro(pre);
  }
  if (items.length < 2) return null;
  return { intro, items };
}

/**
 * Splits a cell that holds a list into its intro (text before the first item, without the
 * trailing «:») and its items (cleaned, without a trailing «;»/«.»). Not a list (fewer than
 * two items) → { intro: null, items: [] }.
 */
export function splitIntroAndList(s: string): { intro: string | null; items: string[] } {
  const text = stripMarkup(s, true);
  // 1. <li> items.
  const li = text.split(LI_MARK);
  if (li.length > 2) {
    const r = finish({ preamble: li[0]!, items: li.slice(1) });
    if (r) return r;
  }
  const plain = text.replace(new RegExp(LI_MARK, 'g'), '\n');
  for (const strategy of [splitByBullets, splitByNumbers, splitUlBySemicolons, splitBySemicolonLines]) {
    const r = finish(strategy(plain));
    if (r) return r;
  }
  return { intro: null, items: [] };
}

/** The items of a cell that holds a list (see splitIntroAndList); [] when it is not a list. */
export function splitListItems(s: string): string[] {
  return splitIntroAndList(s).items;
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
  const p = prev.replace(/\s+$/, '');
  const n = next.replace(/^\s+/, '');
  if (p === '') return n;
  if (n === '') return p;
  if (/\p{L}[-‐\u00ad]$/u.test(p) && /^\p{Ll}/u.test(n)) return p.slice(0, -1) + n;
  return `${p} ${n}`;
}
