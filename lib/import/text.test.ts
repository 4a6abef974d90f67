import { describe, expect, it } from 'vitest';
import { readText } from './text';
import type { DocTable } from './types';

const tables = (text: string) => readText(text).blocks.filter((b): b is DocTable => b.kind === 'table');
const cells = (t: DocTable) => t.rows.map((r) => r.cells.map((c) => c.paragraphs.join(' / ')));

describe('readText', () => {
  it('reads paragraphs and a tab-separated table', () => {
    const doc = readText('Дорожная карта\n\nМероприятие\tСроки\tОтветственные\nРазработка положения\tоктябрь\tДиректор\n');
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: 'Дорожная карта' });
    expect(doc.blocks[1]).toEqual({ kind: 'paragraph', text: '' });
    expect(cells(tables('Мероприятие\tСроки\nРазработка\tоктябрь')[0]!)).toEqual([
      ['Мероприятие', 'Сроки'],
      ['Разработка', 'октябрь'],
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it('keeps a table across blank lines and repeated headers; a paragraph after a gap ends it', () => {
    const t = tables('A\tB\tC\n1\t2\t3\n\nA\tB\tC\nx\ty\tz\n\nПосле таблицы\n');
    expect(t).toHaveLength(1);
    expect(t[0]!.rows).toHaveLength(4);
    const doc = readText('A\tB\n1\t2\n\nПосле таблицы');
    expect(doc.blocks[doc.blocks.length - 1]).toEqual({ kind: 'paragraph', text: 'После таблицы' });
  });

  it('continues a short row on the next line (a cell running over lines)', () => {
    const t = tables('№\tМероприятие\tСроки\tОтветственный\n1.\tРазработка и\nутверждение положения\tдо 30.08\tДиректор\n2.\tОбучение\tмай\tКуратор');
    expect(cells(t[0]!)).toEqual([
      ['№', 'Мероприятие', 'Сроки', 'Ответственный'],
      ['1.', 'Разработка и утверждение положения', 'до 30.08', 'Директор'],
      ['2.', 'Обучение', 'май', 'Куратор'],
    ]);
  });

  it('keeps a page-break continuation row (leading empty cells) for the structurer', () => {
    const t = tables('Мероприятие\tСроки\tОтветственные\nРазработка порядка\tФевраль\tМинистерство образования РМ Региональный\n\n\t\tнаставнический центр\n');
    expect(cells(t[0]!)[2]).toEqual(['', '', 'наставнический центр']);
  });

  it('reads the layout with every cell on its own line and rows split by blank lines', () => {
    const text = '\t№\n\tНаименование этапа\n\tСодержание деятельности и \nпримерный план\n\n\t1. \n\tПодготовка условий \nнаставничества\n\tПодготовка актов:\nприказ о положении;\n  приказ о парах;\nподготовка программ\n\n\t2. \n\tЗавершение\n\tИтоговое мероприятие\n';
    const t = tables(text);
    expect(t).toHaveLength(1);
    expect(t[0]!.rows.map((r) => r.cells.map((c) => c.paragraphs))).toEqual([
      [['№'], ['Наименование этапа'], ['Содержание деятельности и примерный план']],
      [['1.'], ['Подготовка условий наставничества'], ['Подготовка актов:', 'приказ о положении;', 'приказ о парах;', 'подготовка программ']],
      [['2.'], ['Завершение'], ['Итоговое мероприятие']],
    ]);
  });

  it('pads short rows, keeps HTML and markdown for the cleaner, drops outer gaps', () => {
    const doc = readText('\n\n**План мероприятий\nна 2022 год**\n\nA\tB\tC\n<ul> – раз; – два\tмай\n\n\n');
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: '**План мероприятий' });
    expect(doc.blocks[1]).toEqual({ kind: 'paragraph', text: 'на 2022 год**' });
    const t = doc.blocks.find((b): b is DocTable => b.kind === 'table')!;
    expect(t.rows[1]!.cells).toHaveLength(3);
    expect(t.rows[1]!.cells[0]!.paragraphs[0]).toContain('<ul>');
    expect(doc.blocks[doc.blocks.length - 1]!.kind).toBe('table');
  });

  it('joins a hyphenated line break and never throws on odd input', () => {
    expect(cells(tables('A\tB\tC\n1\tнаставничес-\nтва в ОО\tx')[0]!)[1]).toEqual(['1', 'наставничества в ОО', 'x']);
    for (const s of ['', '\t', '\t\t\n\t', '\r\n\r\n', 'a\tb\r\nc']) expect(() => readText(s)).not.toThrow();
    expect(readText('').blocks).toEqual([]);
  });
});

describe('readText: stage headings as bare lines', () => {
  it('a merged heading row that lost its tabs is a row of its own, not a paragraph of the cell above', () => {
    const doc = readText('№\tМероприятие\tСрок\nРаздел 1. Подготовка\n1.1\tПриказ\tсентябрь\nи октябрь\nРаздел 2. Реализация\n2.1\tВстречи\tежемесячно');
    const table = doc.blocks.find((b) => b.kind === 'table') as { rows: { cells: { paragraphs: string[] }[] }[] };
    expect(table.rows.map((r) => r.cells[0]!.paragraphs.join(' '))).toEqual(['№', 'Раздел 1. Подготовка', '1.1', 'Раздел 2. Реализация', '2.1']);
    expect(table.rows[2]!.cells[2]!.paragraphs).toEqual(['сентябрь и октябрь']);
  });
});
