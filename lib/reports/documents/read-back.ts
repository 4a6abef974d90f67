import type { DocBlock, DocModel } from '../../import/types';

/*
 * Test helpers: the documents read back with the project's own import readers
 * (lib/import/readers), as plain text lines and tables of cell texts.
 */

export type TextTable = string[][];

export const paragraphs = (m: DocModel): string[] => m.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

export const tables = (m: DocModel): TextTable[] =>
  m.blocks.flatMap((b: DocBlock) => (b.kind === 'table' ? [b.rows.map((r) => r.cells.map((c) => c.paragraphs.join('\n')))] : []));

/** The table whose first row starts with these headers. */
export function tableWithHeaders(m: DocModel, headers: string[]): TextTable {
  const t = tables(m).find((t) => headers.every((h, i) => t[0]?.[i] === h));
  if (!t) throw new Error(`no table with headers ${headers.join(' | ')}; tables: ${tables(m).map((t) => t[0]?.join(' | ')).join(' // ')}`);
  return t;
}

/** The row whose first cell is this text. */
export function rowOf(t: TextTable, first: string): string[] {
  const r = t.find((r) => r[0]?.split('\n')[0] === first);
  if (!r) throw new Error(`no row «${first}»: ${t.map((r) => r[0]).join(', ')}`);
  return r;
}
