/*
 * People's names, pure: how a name is written clean, and the key two spellings of the same
 * name share (duplicate detection: «Иванов  Пётр» and «иванов петр.» are the same person).
 */

/** Whitespace (including non-breaking spaces and newlines) collapsed to single spaces, trimmed. */
export const cleanText = (s: string) => s.replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim();

/** The parts of a name (surname, first name, patronymic) joined with single spaces; empty parts dropped. */
export const joinName = (parts: readonly (string | null | undefined)[]) =>
  cleanText(parts.filter((p): p is string => typeof p === 'string').join(' '));

/**
 * The key under which two spellings of one name meet: lower case, ё → е, punctuation
 * (hyphens, dots, commas, quotes) read as a space, spaces collapsed.
 */
export function nameKey(fullName: string): string {
  return fullName
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A name has at least one letter (a cell of dashes or digits is no name). */
export const hasLetter = (s: string) => /\p{L}/u.test(s);
