import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeText, detectFormat } from './detect';

const cp1251 = (s: string) =>
  new Uint8Array(
    [...s].map((ch) => {
      const c = ch.charCodeAt(0);
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      if (c === 0x401) return 0xa8;
      if (c === 0x2116) return 0xb9;
      if (c === 0x451) return 0xb8;
      throw new Error(`no cp1251 for ${ch}`);
    }),
  );

describe('detectFormat', () => {
  it('tells docx and xlsx apart by their zip entries', async () => {
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('x')] }] })));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a');
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(detectFormat(docx)).toBe('docx');
    expect(detectFormat(xlsx, 'plan.docx')).toBe('xlsx');
    expect(detectFormat(docx.subarray(0, docx.length - 100))).toBe('docx'); // truncated: names in local headers
    expect(detectFormat(zipSync({ 'a.txt': strToU8('x') }))).toBe('unknown-binary');
  });

  it('knows old Office, PDF and binary garbage', () => {
    expect(detectFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'plan.doc')).toBe('doc');
    expect(detectFormat(strToU8('%PDF-1.7\n...'))).toBe('pdf');
    expect(detectFormat(new Uint8Array(1000).map((_, i) => (i * 37) % 256))).toBe('unknown-binary');
  });

  it('decides csv vs text by name, then by consistent separators', () => {
    const csv = '№;Мероприятие;Сроки\n1;"Положение\nо наставничестве";сентябрь\n2;Диагностика;октябрь\n';
    expect(detectFormat(strToU8(csv))).toBe('csv');
    expect(detectFormat(strToU8(csv), 'plan.txt')).toBe('text');
    expect(detectFormat(strToU8('просто текст'), 'plan.CSV')).toBe('csv');
    expect(detectFormat(strToU8('1. Этап, первый\nМероприятие: положение, приказ, план\n'))).toBe('text');
    expect(detectFormat(strToU8('a;b\tc\nd;e\tf'))).toBe('text');
    expect(detectFormat(cp1251('№;Мероприятие\n1;Положение\n'))).toBe('csv');
    expect(detectFormat(new Uint8Array())).toBe('text');
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM, UTF-16 with BOM and Windows-1251', () => {
    expect(decodeText(strToU8('\uFEFFПривет'))).toBe('Привет');
    expect(decodeText(strToU8('Привет'))).toBe('Привет');
    expect(decodeText(cp1251('Ёлка и ёж'))).toBe('Ёлка и ёж');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Да'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeText(utf16)).toBe('Да');
  });
});
