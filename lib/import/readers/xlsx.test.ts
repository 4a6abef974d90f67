import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isImportError, type DocTable } from '../types';
import { readXlsx, XLSX_LIMITS } from './xlsx';

async function expectImportError(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isImportError(err), String(err)).toBe(true);
  expect((err as { code: string }).code).toBe(code);
}

describe('readXlsx', () => {
  it('reads merged cells, multi-line text, numbers, dates, rich text and formulas', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('План');
    ws.addRow(['№', 'Мероприятие', 'Сроки', 'Ответственные', 'Доля']); // 1
    ws.addRow([1, 'Организационный этап']); // 2: B:E merged
    ws.mergeCells('B2:E2');
    ws.addRow([1.1, 'Положение\nо наставничестве', new Date(Date.UTC(2025, 8, 1)), 'Директор', 0.5]); // 3
    ws.addRow(['1.2', { richText: [{ text: 'Жирный ' }, { text: 'текст' }] }, 'октябрь', null, { formula: 'E3*2', result: 1 }]); // 4
    ws.mergeCells('D3:D4');
    ws.addRow([]); // 5: empty, dropped
    ws.addRow(['2', { text: 'ссылка', hyperlink: 'https://example.org' }]); // 6
    ws.getCell('H20').value = ''; // styled but empty: not a column
    wb.addWorksheet('Пустой');
    const hidden = wb.addWorksheet('Скрытый', { state: 'hidden' });
    hidden.addRow(['секрет']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    const m = await readXlsx(bytes);
    expect(m.warnings).toEqual(['Скрытый лист «Скрытый» пропущен']);
    expect(m.blocks).toHaveLength(1);
    const t = m.blocks[0] as DocTable;
    expect(t.rows).toEqual([
      { cells: ['№', 'Мероприятие', 'Сроки', 'Ответственные', 'Доля'].map((s) => ({ paragraphs: [s] })) },
      { cells: [{ paragraphs: ['1'] }, { paragraphs: ['Организационный этап'], span: 4 }] },
      {
        cells: [
          { paragraphs: ['1.1'] },
          { paragraphs: ['Положение', 'о наставничестве'] },
          { paragraphs: ['01.09.2025'] },
          { paragraphs: ['Директор'] },
          { paragraphs: ['0.5'] },
        ],
      },
      {
        cells: [
          { paragraphs: ['1.2'] },
          { paragraphs: ['Жирный текст'] },
          { paragraphs: ['октябрь'] },
          { paragraphs: [], continued: true },
          { paragraphs: ['1'] },
        ],
      },
      { cells: [{ paragraphs: ['2'] }, { paragraphs: ['ссылка'] }, { paragraphs: [] }, { paragraphs: [] }, { paragraphs: [] }] },
    ]);
  });

  it('gives a block merged over rows and columns its span on every row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лист');
    ws.addRow(['a', 'b', 'c']);
    ws.addRow(['x', 'y', 'z']);
    ws.mergeCells('A1:B2');
    const m = await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect((m.blocks[0] as DocTable).rows).toEqual([
      { cells: [{ paragraphs: ['a'], span: 2 }, { paragraphs: ['c'] }] },
      { cells: [{ paragraphs: [], continued: true, span: 2 }, { paragraphs: ['z'] }] },
    ]);
  });

  it('refuses hostile input with a clean ImportError', async () => {
    await expectImportError(readXlsx(new Uint8Array()), 'IMPORT_EMPTY');
    await expectImportError(readXlsx(zipSync({ 'a.txt': strToU8('привет') })), 'IMPORT_UNREADABLE');
    await expectImportError(readXlsx(new Uint8Array(2048).map((_, i) => (i * 31 + 7) % 256)), 'IMPORT_UNREADABLE');
    await expectImportError(readXlsx(zipSync({ 'xl/workbook.xml': strToU8('<broken') })), 'IMPORT_UNREADABLE');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист').addRow(['a']);
    const real = new Uint8Array(await wb.xlsx.writeBuffer());
    for (const cut of [10, Math.floor(real.length / 2), real.length - 10])
      await expectImportError(readXlsx(real.subarray(0, cut)), 'IMPORT_UNREADABLE');
  });

  it('refuses a workbook whose parts inflate past the limits before exceljs sees it', async () => {
    const sheet = (cells: string) => strToU8(`<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`);
    const workbook = { 'xl/workbook.xml': strToU8('<workbook/>') };
    // 54 MB of padding in a small file, spread over parts that are each under the limit.
    const padding = strToU8(' '.repeat(18 * 1024 * 1024));
    const big = zipSync({ ...workbook, 'xl/a.xml': padding, 'xl/b.xml': padding, 'xl/c.xml': padding }, { level: 9 });
    expect(big.length).toBeLessThan(1024 * 1024);
    await expectImportError(readXlsx(big), 'IMPORT_TOO_LARGE');
    const dense = zipSync({ ...workbook, 'xl/worksheets/sheet1.xml': sheet('<c/>'.repeat(XLSX_LIMITS.maxElements)) }, { level: 9 });
    await expectImportError(readXlsx(dense), 'IMPORT_TOO_LARGE');
  });
});
