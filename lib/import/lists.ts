/*
 * The items of a cell that holds a list: HTML <li>, bullets and dashes, «1. …; 2. …»,
 * «;»-separated items after a <ul>, and lines ending with «;». Text before the first item
 * is the list's intro («…, включающие:»).
 */
import { cleanText, joinBroken, LI_MARK, stripMarkup, trimItemPunctuation, UL_MARK } from './clean';
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
  const body = text.slice(at + 1).replaceAll(UL_MARK, '\n');
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
  const plain = text.replaceAll(LI_MARK, '\n');
  for (const strategy of [splitByBullets, splitByNumbers, splitUlBySemicolons, splitBySemicolonLines]) {
    const r = finish(strategy(plain));
    if (r) return r;
  }
  return { intro: null, items: [] };
}

/**
 * A cell that is a numbered list from its first word («1. …; 2. …», «1) … 2) …»): its items,
 * each as written (an item's own sub-list stays in it). Null when the cell has text before the
 * first number or fewer than two items. Numbers inside the text («до 1.09», «2.1 Положение»,
 * «2 раза в год») are not markers.
 */
export function numberedItems(s: string): string[] | null {
  const text = stripMarkup(s, true).replaceAll(LI_MARK, '\n').replaceAll(UL_MARK, '\n');
  const split = splitByNumbers(text);
  if (!split || cleanText(split.preamble) !== '') return null;
  const items = split.items.map((t) => t.trim().replace(/;\s*$/, '')).filter((t) => cleanText(t) !== '');
  return items.length >= 2 ? items : null;
}

/** The items of a cell that holds a list (see splitIntroAndList); [] when it is not a list. */
export function splitListItems(s: string): string[] {
  return splitIntroAndList(s).items;
}
