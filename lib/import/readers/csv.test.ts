import { describe, expect, it } from 'vitest';
import { isImportError, type DocTable } from '../types';
import { readCsv } from './csv';

describe('readCsv', () => {
  it('reads `;` CSV with quoted multi-line cells', () => {
    const text = '\uFEFF№;Мероприятие;Ответственные;\r\n1;"Организационный этап";;\r\n1.1;"Положение\r\nо наставничестве";"Директор\nКуратор";\r\n\r\n1.2;"Кавычки ""внутри""; и точка с запятой";Завуч;\r\n';
    const m = readCsv(text);
    expect(m.warnings).toEqual([]);
    expect((m.blocks[0] as DocTable).rows).toEqual([
      { cells: [{ paragraphs: ['№'] }, { paragraphs: ['Мероприятие'] }, { paragraphs: ['Ответственные'] }] },
      { cells: [{ paragraphs: ['1'] }, { paragraphs: ['Организационный этап'] }, { paragraphs: [] }] },
      { cells: [{ paragraphs: ['1.1'] }, { paragraphs: ['Положение', 'о наставничестве'] }, { paragraphs: ['Директор', 'Куратор'] }] },
      { cells: [{ paragraphs: ['1.2'] }, { paragraphs: ['Кавычки "внутри"; и точка с запятой'] }, { paragraphs: ['Завуч'] }] },
    ]);
  });

  it('guesses comma and tab delimiters', () => {
    expect((readCsv('a,b\nc,d').blocks[0] as DocTable).rows[1].cells.map((c) => c.paragraphs)).toEqual([['c'], ['d']]);
    expect((readCsv('a\tb\nc\td').blocks[0] as DocTable).rows[1].cells.map((c) => c.paragraphs)).toEqual([['c'], ['d']]);
  });

  it('refuses empty text with IMPORT_EMPTY', () => {
    for (const t of ['', '\uFEFF', ' \n\n '])
      expect(() => readCsv(t)).toThrow(expect.objectContaining({ code: 'IMPORT_EMPTY' }));
    try {
      readCsv('');
    } catch (err) {
      expect(isImportError(err)).toBe(true);
    }
  });

  it('warns on an unclosed quote instead of failing', () => {
    const m = readCsv('a;b\n"c;d\n');
    expect(m.warnings.length).toBe(1);
  });
});
