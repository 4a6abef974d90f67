/*
 * Stage headings as real roadmaps write them: «Раздел I. …», «Этап 1. …», «1 этап: …»,
 * «2-й этап», «I. Подготовительный этап», «Организационный этап». Such a line is a stage
 * row even when nothing else marks it (no number column, no merged cell): in text extracted
 * from Word a merged heading row arrives as a bare line, or as a lone cell after a page
 * break, which must not be glued to the row above as its continuation.
 */
import { cleanText } from '../clean';

const STAGE_HEADING_RES: RegExp[] = [
  // «Этап 1.», «Раздел I –», «Модуль 2:»
  /^(?:этап|раздел|модуль|блок|направление)\s*(?:№\s*)?(?:\d{1,2}|[IVXLC]{1,5})(?![\dа-яё])/i,
  // «1 этап:», «II этап», «2-й этап», «3. Этап …»
  /^(?:\d{1,2}|[IVXLC]{1,5})\s*(?:-?(?:й|ой|ый)\s+|\.\s*|\s+)(?:этап|раздел)(?![а-яё])/i,
  // «I. Подготовительный этап», «IV. Мониторинг»
  /^[IVX]{1,4}\.\s+[А-ЯЁ«"]/,
  // «Подготовительный этап», «Организационно-методический этап», «Этап подготовки»
  /^[А-ЯЁ][а-яё]+(?:-[а-яё]+)?(?:ый|ий|ой)\s+этап(?![а-яё])/,
  /^Этап\s+[а-яё]+/,
];

/**
 * Is this text (a whole cell or line) a stage heading? Short, and worded as one. `numbered`:
 * only the forms that carry a stage number («Этап 1.», «1 этап:»), which no activity's
 * wording starts with, so they hold even in a row that has a deadline of its own.
 */
export function isStageHeading(raw: string, numbered = false): boolean {
  const t = cleanText(raw);
  if (t === '' || t.length > 160) return false;
  return (numbered ? STAGE_HEADING_RES.slice(0, 2) : STAGE_HEADING_RES).some((re) => re.test(t));
}
