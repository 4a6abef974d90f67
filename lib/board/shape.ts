import type { BoardKind } from '../permissions/roles';

/*
 * What a board document may hold, key by key (DESIGN.md, "Shared board document"; the
 * fields of lib/board/ops.ts). The server refuses updates that write anything else, so a
 * peer cannot park junk or large values in the shared document.
 */
const CARD_COMMON = ['columnId', 'order', 'title', 'description', 'comments'];
export const CARD_KEYS: Record<BoardKind, ReadonlySet<string>> = {
  roadmap: new Set([...CARD_COMMON, 'number', 'deadline', 'responsible', 'result', 'status', 'checklist']),
  // A pair card holds only the pair's id (lib/board/pair-cards.ts): who the pair is, its form and
  // meetings live in Postgres, its stage is its column.
  pairs: new Set([...CARD_COMMON, 'pairId']),
};
export const COLUMN_KEYS: ReadonlySet<string> = new Set(['title', 'order', 'removed']);
export const META_KEYS: ReadonlySet<string> = new Set(['title', 'kind', 'period', 'organisation', 'indicators']);
/** Card keys held as shared types (the others are plain JSON values). */
export const CARD_TEXT_KEYS: ReadonlySet<string> = new Set(['title', 'description']);
export const CARD_LIST_KEY = 'comments';

/** A plain value's size cap, as JSON text: far above any real field, far below the message cap. */
export const MAX_VALUE_CHARS = 32_000;

/** The JSON size of a plain value, or Infinity for what JSON cannot hold (e.g. binary). */
export function valueChars(value: unknown): number {
  if (value instanceof Uint8Array) return Infinity;
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

/** Why a comment added by `authorId` is not acceptable, or null (CardComment, lib/board/ops.ts). */
export function commentProblem(value: unknown, authorId: string): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'a comment must be an object';
  const c = value as Record<string, unknown>;
  const keys = Object.keys(c);
  if (keys.some((k) => !['id', 'authorId', 'at', 'text'].includes(k))) return 'a comment has unknown keys';
  if (typeof c.id !== 'string' || typeof c.at !== 'string' || typeof c.text !== 'string') return 'a comment needs id, at and text strings';
  if (c.authorId !== authorId) return `a comment signed ${JSON.stringify(c.authorId)} by user ${authorId}`;
  if (valueChars(c) > MAX_VALUE_CHARS) return 'a comment is too large';
  return null;
}
