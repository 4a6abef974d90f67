/*
 * What an audit row may hold. Postgres refuses U+0000 in text and jsonb (22021, 22P05) and
 * lone surrogates in jsonb (22P02); a driver that encodes text as UTF-8 turns a lone
 * surrogate into U+FFFD, so the stored row would no longer match its hash. A value that
 * JSON cannot carry (a BigInt throws in JSON.stringify) fails before it reaches the
 * database at all. Any of these in one row used to hold its board's whole log back.
 *
 * `storable` maps any value to one that every one of those steps keeps as it is: U+0000
 * and lone surrogates become U+FFFD, numbers that JSON has no form for become null,
 * BigInts and dates become strings, byte arrays become arrays of numbers, and nesting
 * deeper than MAX_DEPTH is cut (a board's values are a few levels deep; deeper ones come
 * from a hostile peer, and would overflow the stack of the hash or the parser). Pure.
 */
export const REPLACEMENT = '\ufffd';
export const MAX_DEPTH = 32;
export const TOO_DEEP = '…';

// U+0000, a high surrogate not followed by a low one, a low one not preceded by a high one.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with U+0000 and unpaired surrogates replaced by U+FFFD; the same string when there are none. */
export const storableText = (s: string): string => s.replace(UNSTORABLE, REPLACEMENT);

/** A detached JSON value equal to `value` wherever `value` is storable already. */
export function storable(value: unknown, depth = 0): unknown {
  switch (typeof value) {
    case 'string':
      return storableText(value);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return null; // undefined, functions, symbols: what JSON has no form for
  }
  if (value === null) return null;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => storable(v, depth + 1));
  if (ArrayBuffer.isView(value)) return Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  // fromEntries defines own properties, so a key "__proto__" stays a key.
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [storableText(k), storable(v, depth + 1)]),
  );
}
