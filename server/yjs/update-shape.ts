import * as Y from 'yjs';
import {
  CARD_KEYS,
  CARD_LIST_KEY,
  CARD_TEXT_KEYS,
  COLUMN_KEYS,
  commentProblem,
  MAX_VALUE_CHARS,
  META_KEYS,
  valueChars,
} from '../../lib/board/shape';
import type { EditScope } from '../../lib/permissions';
import type { BoardKind } from '../../lib/permissions/roles';
import type { Decoded } from './update-check';
import { ownsPair } from './write-filter';

/*
 * Does every struct an update adds land where the board's shape allows it, with the right
 * kind of content (lib/board/shape.ts)? Decided before the update is applied, from the
 * decoded structs and the board as it is, in O(update): where a struct lands is where
 * Yjs will put it, i.e. beside its origin (or right origin) in the same parent and key,
 * or, without origins, in the parent it names. Run after unmetDependencies, so every id
 * a struct names is in the board or in the update, without cycles.
 *
 * Besides keys and value sizes this checks what only the server can vouch for: a comment
 * carries the author of the connection that adds it, and a mentor (own-pairs) writes only
 * inside the cards of the pairs the database says it mentors (`owners`).
 */
type Where = { path: string[]; key: string | null } | null; // null: Yjs turns it into garbage
type Struct = Decoded['structs'][number];
type Content = Y.Item['content'];
/** `owners` (pairs boards): pair id → its mentor's accounts, from the database (write-filter.ts). */
export type Writer = { userId: string; scope: EditScope; kind: BoardKind; owners?: ReadonlyMap<string, ReadonlySet<string>> };

export function shapeProblem(doc: Y.Doc, decoded: Decoded, writer: Writer): string | null {
  const boardClock = (client: number) => Y.getState(doc.store, client);
  const blocks = new Map<number, Y.Item[]>();
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    const list = blocks.get(s.id.client);
    if (list) list.push(s);
    else blocks.set(s.id.client, [s]);
  }
  const inUpdate = (id: Y.ID): Y.Item | undefined => {
    if (id.clock < boardClock(id.client)) return undefined;
    const list = blocks.get(id.client) ?? [];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid];
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  };
  const inBoard = (id: Y.ID): Y.Item | null => {
    try {
      const s = Y.getItem(doc.store, id) as Struct;
      return s instanceof Y.Item ? s : null;
    } catch {
      return null;
    }
  };
  const typePath = (type: Y.AbstractType<unknown>): string[] | null => {
    const path: string[] = [];
    let t = type;
    while (t._item) {
      path.unshift(t._item.parentSub ?? '#');
      t = t._item.parent as Y.AbstractType<unknown>;
    }
    for (const [name, root] of doc.share) if (root === t) return [name, ...path];
    return null;
  };

  const memo = new Map<Y.Item, Where>();
  /** The struct of this update whose place decides this one's, if any. */
  const decidedBy = (s: Y.Item): Y.Item | undefined => {
    const ref = s.origin ?? s.rightOrigin ?? (s.parent instanceof Y.ID ? s.parent : null);
    return ref ? inUpdate(ref) : undefined;
  };
  const place = (s: Y.Item): Where => {
    const beside = s.origin ?? s.rightOrigin;
    if (beside) {
      const own = inUpdate(beside);
      if (own) return memo.get(own) ?? null;
      const item = inBoard(beside);
      if (!item || !(item.parent instanceof Y.AbstractType)) return null;
      const path = typePath(item.parent);
      return path && { path, key: item.parentSub };
    }
    if (typeof s.parent === 'string') return { path: [s.parent], key: s.parentSub };
    if (!(s.parent instanceof Y.ID)) return null;
    const own = inUpdate(s.parent);
    if (own) {
      const at = memo.get(own);
      return own.content instanceof Y.ContentType && at ? { path: [...at.path, at.key ?? '#'], key: s.parentSub } : null;
    }
    const item = inBoard(s.parent);
    const path = item && item.content instanceof Y.ContentType ? typePath(item.content.type) : null;
    return path && { path, key: s.parentSub };
  };
  // Places are resolved along chains of the update's own structs without recursion.
  const where = (s: Y.Item): Where => {
    const chain = new Set<Y.Item>();
    for (let cur: Y.Item | undefined = s; cur && !memo.has(cur) && !chain.has(cur); cur = decidedBy(cur)) chain.add(cur);
    for (const item of [...chain].reverse()) memo.set(item, place(item));
    return memo.get(s) ?? null;
  };

  for (const list of blocks.values()) {
    for (const s of list) {
      if (s.id.clock + s.length <= boardClock(s.id.client)) continue; // known already: Yjs skips it
      const at = where(s);
      if (!at || s.content instanceof Y.ContentDeleted) continue; // integrates as nothing
      const problem = problemAt(at.path, at.key, s.content, writer);
      if (problem) return `${s.id.client}:${s.id.clock} at ${[...at.path, at.key ?? '#'].join('/')}: ${problem}`;
    }
  }
  return null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const isType = (c: Content, type: abstract new (...args: any[]) => unknown) => c instanceof Y.ContentType && c.type instanceof type;

function plainProblem(content: Content): string | null {
  if (!(content instanceof Y.ContentAny)) return 'only a plain value may be set here';
  return content.arr.some((v) => valueChars(v) > MAX_VALUE_CHARS) ? `a value over ${MAX_VALUE_CHARS} characters` : null;
}

function problemAt(path: string[], key: string | null, content: Content, w: Writer): string | null {
  const [root, ...rest] = path;
  const mentor = w.scope === 'own-pairs';
  if (root === 'cards') {
    const cardId = rest[0];
    if (mentor && (rest.length === 0 || cardId === undefined || !ownsPair(w.owners ?? new Map(), cardId, w.userId))) return "not one of the mentor's pairs";
    if (rest.length === 0) return key !== null && isType(content, Y.Map) ? null : 'the cards map holds only cards';
    if (rest.length === 1) {
      if (key === null || !CARD_KEYS[w.kind].has(key)) return `${key} is not a card field`;
      if (CARD_TEXT_KEYS.has(key)) return isType(content, Y.Text) ? null : `${key} must be a text`;
      if (key === CARD_LIST_KEY) return isType(content, Y.Array) ? null : `${key} must be a list`;
      return plainProblem(content);
    }
    if (rest.length === 2 && key === null && CARD_TEXT_KEYS.has(rest[1])) {
      return content instanceof Y.ContentString || content instanceof Y.ContentFormat ? null : 'a text holds only characters';
    }
    if (rest.length === 2 && key === null && rest[1] === CARD_LIST_KEY) {
      if (!(content instanceof Y.ContentAny)) return 'a comment must be a plain value';
      for (const c of content.arr) {
        const problem = commentProblem(c, w.userId);
        if (problem) return problem;
      }
      return null;
    }
    return 'not a place of a card';
  }
  if (mentor) return "outside the mentor's pairs";
  if (root === 'columns') {
    if (rest.length === 0) return key !== null && isType(content, Y.Map) ? null : 'the columns map holds only columns';
    if (rest.length === 1 && key !== null && COLUMN_KEYS.has(key)) return plainProblem(content);
    return 'not a column field';
  }
  if (root === 'meta') return rest.length === 0 && key !== null && META_KEYS.has(key) ? plainProblem(content) : 'not a board field';
  return `${root} is not part of a board`;
}
