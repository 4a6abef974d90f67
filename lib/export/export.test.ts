import { describe, expect, it } from 'vitest';
import type { Deadline } from '../import/types';
import { readDocx } from '../import/readers/docx';
import { readXlsx } from '../import/readers/xlsx';
import type { DocTable } from '../import/types';
import { exportDocx } from './docx';
import type { RoadmapExport } from './types';
import { exportXlsx } from './xlsx';

const dl = (text: string): Deadline => ({ text, start: null, end: null, recurrence: 'once' });

// Rows without a number (the first activity, the second stage) stay without one: nothing invented.
const sample: RoadmapExport = {
  title: 'Дорожная карта внедрения целевой модели наставничества',
  organisation: 'МБОУ «СОШ № 5»',
  period: { from: '2024', to: '2026' },
  stages: [
    {
      number: '1.',
      title: 'Подготовительный этап',
      activities: [
        {
          number: null,
          title: 'Разработка положения о наставничестве',
          details: ['согласование с советом', 'утверждение приказом'],
          result: 'Положение, приказ',
          responsible: ['Директор', 'Куратор программы'],
          deadline: dl('сентябрь 2024'),
        },
        { number: '1.2', title: 'Диагностика', details: [], result: null, responsible: ['Педагог-психолог'], deadline: dl('октябрь 2024') },
      ],
    },
    {
      number: null,
      title: 'Основной этап',
      activities: [{ number: null, title: 'Формирование пар', details: [], result: 'Приказ', responsible: [], deadline: dl('ежегодно') }],
    },
  ],
  indicators: [
    { title: 'Доля обучающихся в программах наставничества', unit: '%', targets: { '2025': 10, '2024': 5.5 } },
    { title: 'Число наставников', unit: null, targets: { '2026': 12 } },
  ],
};

const texts = (t: DocTable) => t.rows.map((r) => r.cells.map((c) => c.paragraphs));

describe('exportDocx', () => {
  it('writes a plan that the docx reader reads back', async () => {
    const bytes = await exportDocx(sample);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const m = readDocx(bytes);
    const paragraphs = m.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
    expect(paragraphs).toEqual([
      'План мероприятий (дорожная карта)',
      sample.title,
      'МБОУ «СОШ № 5»',
      'на 2024–2026 годы',
      'Показатели эффективности',
    ]);
    const [plan, indicators] = m.blocks.filter((b): b is DocTable => b.kind === 'table');
    expect(m.meta).toEqual({ title: sample.title, organisation: sample.organisation, period: sample.period });
    expect(texts(plan)).toEqual([
      [['№ п/п'], ['Наименование мероприятия'], ['Сроки'], ['Ответственные'], ['Результат, вид документа']],
      [['1. Подготовительный этап']],
      [
        [],
        ['Разработка положения о наставничестве', 'согласование с советом', 'утверждение приказом'],
        ['сентябрь 2024'],
        ['Директор', 'Куратор программы'],
        ['Положение, приказ'],
      ],
      [['1.2'], ['Диагностика'], ['октябрь 2024'], ['Педагог-психолог'], []],
      [['Основной этап']],
      [[], ['Формирование пар'], ['ежегодно'], [], ['Приказ']],
    ]);
    expect(plan.rows[1].cells[0].span).toBe(5);
    expect(plan.rows[4].cells[0].span).toBe(5);
    expect(texts(indicators)).toEqual([
      [['№ п/п'], ['Наименование показателя'], ['2024'], ['2025'], ['2026']],
      [['1'], ['Доля обучающихся в программах наставничества, %'], ['5,5'], ['10'], []],
      [['2'], ['Число наставников'], [], [], ['12']],
    ]);
  });

  it('marks the header row to repeat, sets A4 landscape and Times New Roman', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = strFromU8(unzipSync(await exportDocx(sample))['word/document.xml']);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    expect(xml).toContain('Times New Roman');
  });

  it('writes a roadmap without organisation, period or indicators', async () => {
    const bare: RoadmapExport = { ...sample, title: 'План мероприятий (дорожная карта)', organisation: null, period: null, indicators: [] };
    const m = readDocx(await exportDocx(bare));
    expect(m.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table']);
  });
});

describe('exportXlsx', () => {
  it('writes a workbook that the xlsx reader reads back', async () => {
    const m = await readXlsx(await exportXlsx(sample));
    expect(m.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text)).toEqual([sample.title, 'МБОУ «СОШ № 5»', 'на 2024–2026 годы']);
    expect(m.meta).toEqual({ title: sample.title, organisation: sample.organisation, period: sample.period });
    const [plan, indicators] = m.blocks.filter((b): b is DocTable => b.kind === 'table');
    expect(texts(plan)).toEqual([
      [['№ п/п'], ['Наименование мероприятия'], ['Сроки'], ['Ответственные'], ['Результат, вид документа']],
      [['1'], ['Подготовительный этап']],
      [
        [],
        ['Разработка положения о наставничестве', 'согласование с советом', 'утверждение приказом'],
        ['сентябрь 2024'],
        ['Директор', 'Куратор программы'],
        ['Положение, приказ'],
      ],
      [['1.2'], ['Диагностика'], ['октябрь 2024'], ['Педагог-психолог'], []],
      [[], ['Основной этап']],
      [[], ['Формирование пар'], ['ежегодно'], [], ['Приказ']],
    ]);
    expect(plan.rows[1].cells[1].span).toBe(4);
    expect(texts(indicators)).toEqual([
      [['Наименование показателя'], ['Единица'], ['2024'], ['2025'], ['2026']],
      [['Доля обучающихся в программах наставничества'], ['%'], ['5.5'], ['10'], []],
      [['Число наставников'], [], [], [], ['12']],
    ]);
  });
});
