import Papa from 'papaparse';
import { ImportError, type DocCell, type DocModel, type DocRow } from '../types';

/*
 * CSV text → DocModel: one table block. The delimiter is guessed among `,` `;` and tab;
 * quoted fields may hold newlines (each line becomes a paragraph of the cell). Fully empty
 * rows and trailing empty columns are dropped.
 */

export function readCsv(text: string): DocModel {
  const source = text.replace(/^\uFEFF/, '');
  if (!source.trim()) throw new ImportError('IMPORT_EMPTY', 'Файл пуст');
  const parsed = Papa.parse<string[]>(source, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: 'greedy' });
  const warnings: string[] = [];
  if (parsed.errors.some((e) => e.type === 'Quotes')) warnings.push('В CSV есть незакрытые кавычки: часть ячеек может быть склеена');

  const table: string[][][] = parsed.data.map((fields) =>
    (Array.isArray(fields) ? fields : []).map((f) =>
      String(f ?? '')
        .split(/\r?\n|\r/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  );
  let width = 0;
  for (const fields of table) {
    for (let c = fields.length - 1; c >= 0; c--)
      if (fields[c].length > 0) {
        width = Math.max(width, c + 1);
        break;
      }
  }
  const rows: DocRow[] = [];
  for (const fields of table) {
    if (!fields.some((f) => f.length > 0)) continue;
    const cells: DocCell[] = [];
    for (let c = 0; c < width; c++) cells.push({ paragraphs: fields[c] ?? [] });
    rows.push({ cells });
  }
  if (rows.length === 0) throw new ImportError('IMPORT_EMPTY', 'Файл пуст');
  return { blocks: [{ kind: 'table', rows }], warnings };
}
