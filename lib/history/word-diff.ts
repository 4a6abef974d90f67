import { diffArrays } from 'diff';

/*
 * Word-level diffs of titles and descriptions for the history (issue 15): which words a change
 * removed and which it added, the rest kept. Pure; runs in the browser and on the server.
 *
 * Tokens: words (letters of any script, digits, marks), runs of spaces, each line break and
 * each other character — the tokens of jsdiff's diffWordsWithSpace, whose own pattern knows
 * only Latin letters and would diff a Russian word letter by letter.
 *
 * Cost: the diff is O(N·D) (N words, D edits). A rewrite of a 32,000-character description
 * would take seconds, so the search is cut off (MAX_EDITS, TIME_LIMIT_MS) and such a change is
 * shown as the old text removed and the new one added — still true, only less fine-grained.
 */

export type DiffOp = 'same' | 'added' | 'removed';
export type DiffPart = { op: DiffOp; text: string };

const MAX_EDITS = 1000;
const TIME_LIMIT_MS = 150;

const TOKEN = /\r?\n|[\p{L}\p{M}\p{N}_]+|[^\S\r\n]+|[^\p{L}\p{M}\p{N}_\s]|\s/gu;
const tokens = (text: string): string[] => text.match(TOKEN) ?? [];

const str = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));

/** Adjacent parts of one op merged; empty parts dropped. */
function merged(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/**
 * The word diff of two texts: parts in reading order whose 'same' + 'removed' texts spell
 * `before` and whose 'same' + 'added' texts spell `after`. Within one change the removed part
 * comes before the added one. Null and undefined read as empty texts.
 */
export function wordDiff(before: unknown, after: unknown): DiffPart[] {
  const a = str(before);
  const b = str(after);
  if (a === b) return merged([{ op: 'same', text: a }]);
  if (a === '' || b === '') return merged([{ op: 'removed', text: a }, { op: 'added', text: b }]);
  const changes = diffArrays(tokens(a), tokens(b), { maxEditLength: MAX_EDITS, timeout: TIME_LIMIT_MS });
  if (!changes) return [{ op: 'removed', text: a }, { op: 'added', text: b }];
  return merged(changes.map((c) => ({ op: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value.join('') })));
}

/** The text before the change (what 'same' and 'removed' parts spell). */
export const diffBefore = (parts: readonly DiffPart[]) => parts.filter((p) => p.op !== 'added').map((p) => p.text).join('');
/** The text after the change (what 'same' and 'added' parts spell). */
export const diffAfter = (parts: readonly DiffPart[]) => parts.filter((p) => p.op !== 'removed').map((p) => p.text).join('');

export const ELLIPSIS = '…';

/**
 * A long diff made readable: each unchanged stretch keeps `context` characters next to the
 * changes around it (cut at a space where one is near), the rest replaced by «…». Changed parts
 * are never cut. A diff with no change at all keeps its first `context` characters.
 */
export function trimDiff(parts: readonly DiffPart[], context = 80): DiffPart[] {
  const out: DiffPart[] = [];
  parts.forEach((p, i) => {
    if (p.op !== 'same') return out.push({ ...p });
    const hasBefore = i > 0;
    const hasAfter = i < parts.length - 1;
    const keep = (hasBefore ? context : 0) + (hasAfter ? context : 0);
    if (!hasBefore && !hasAfter) {
      return out.push(p.text.length <= context ? { ...p } : { op: 'same', text: headOf(p.text, context) + ELLIPSIS });
    }
    if (p.text.length <= keep + ELLIPSIS.length + 1) return out.push({ ...p });
    const head = hasBefore ? headOf(p.text, context) : '';
    const tail = hasAfter ? tailOf(p.text, context) : '';
    out.push({ op: 'same', text: `${head}${ELLIPSIS}${tail}` });
  });
  return out;
}

/** The first ~n characters, ending at a space when one lies in the last fifth. */
function headOf(text: string, n: number): string {
  const cut = text.slice(0, n);
  const space = cut.lastIndexOf(' ');
  return space >= n * 0.8 ? cut.slice(0, space + 1) : cut;
}

/** The last ~n characters, starting after a space when one lies in the first fifth. */
function tailOf(text: string, n: number): string {
  const cut = text.slice(text.length - n);
  const space = cut.indexOf(' ');
  return space >= 0 && space <= n * 0.2 ? cut.slice(space) : cut;
}

/** Whether a diff changes anything. */
export const changesSomething = (parts: readonly DiffPart[]) => parts.some((p) => p.op !== 'same');
