import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { structureRoadmap } from '../structure';
import { isImportError, type DocModel, type DocTable } from '../types';
import { DOCX_LIMITS, readDocx } from './docx';

const p = (text: string) => new Paragraph(text);
const tc = (texts: string[] | Paragraph[], opts: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
  new TableCell({ ...opts, children: texts.map((t) => (typeof t === 'string' ? p(t) : t)) });

async function build(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  const doc = new Document({
    numbering: {
      config: [{ reference: 'num', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const tables = (m: DocModel) => m.blocks.filter((b): b is DocTable => b.kind === 'table');

function expectImportError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (err) {
    expect(isImportError(err), String(err)).toBe(true);
    expect((err as { code: string }).code).toBe(code);
    expect((err as Error).message).toMatch(/[А-Яа-я]/);
    return;
  }
  throw new Error('expected an ImportError');
}

describe('readDocx', () => {
  it('reads a roadmap table: header, spanning stage row, vertical merge, several paragraphs and lists', async () => {
    const bytes = await build([
      new Paragraph({ children: [new TextRun({ text: 'План мероприятий', bold: true }), new TextRun({ text: '\tна 2025 год', break: 1 })] }),
      p(''),
      new Table({
        rows: [
          new TableRow({ tableHeader: true, children: ['№ п/п', 'Мероприятие', 'Сроки', 'Ответственные'].map((h) => tc([h])) }),
          new TableRow({ children: [tc(['1. Организационный этап'], { columnSpan: 4 })] }),
          new TableRow({
            children: [
              tc(['1.1']),
              tc([
                p('Разработка положения'),
                new Paragraph({ text: 'согласование', bullet: { level: 0 } }),
                new Paragraph({ text: 'утверждение', bullet: { level: 0 } }),
              ]),
              tc(['сентябрь']),
              tc(['Директор', 'Куратор'], { verticalMerge: VerticalMergeType.RESTART }),
            ],
          }),
          new TableRow({
            children: [
              tc(['1.2']),
              tc([
                p('Диагностика'),
                new Paragraph({ text: 'анкетирование', numbering: { reference: 'num', level: 0 } }),
                new Paragraph({ text: 'беседы', numbering: { reference: 'num', level: 0 } }),
              ]),
              tc(['октябрь']),
              tc([], { verticalMerge: VerticalMergeType.CONTINUE }),
            ],
          }),
        ],
      }),
      p('Показатели эффективности'),
      new Table({
        rows: [
          new TableRow({ children: [tc(['Показатель']), tc(['2025'])] }),
          new TableRow({
            children: [
              tc([new Paragraph('Доля'), new Table({ rows: [new TableRow({ children: [tc(['вложенная']), tc(['таблица'])] })] }) as unknown as Paragraph]),
              tc(['50']),
            ],
          }),
        ],
      }),
    ]);
    const m = readDocx(bytes);
    expect(m.warnings).toEqual([]);
    expect(m.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph', 'table']);
    expect(m.blocks[0]).toEqual({ kind: 'paragraph', text: 'План мероприятий\n\tна 2025 год' });
    expect(m.blocks[2]).toEqual({ kind: 'paragraph', text: 'Показатели эффективности' });
    const [plan, indicators] = tables(m);
    expect(plan.rows).toEqual([
      { cells: [{ paragraphs: ['№ п/п'] }, { paragraphs: ['Мероприятие'] }, { paragraphs: ['Сроки'] }, { paragraphs: ['Ответственные'] }] },
      { cells: [{ paragraphs: ['1. Организационный этап'], span: 4 }] },
      {
        cells: [
          { paragraphs: ['1.1'] },
          { paragraphs: ['Разработка положения', 'согласование', 'утверждение'] },
          { paragraphs: ['сентябрь'] },
          { paragraphs: ['Директор', 'Куратор'] },
        ],
      },
      {
        cells: [
          { paragraphs: ['1.2'] },
          { paragraphs: ['Диагностика', 'анкетирование', 'беседы'] },
          { paragraphs: ['октябрь'] },
          { paragraphs: [], continued: true },
        ],
      },
    ]);
    expect(indicators.rows[1].cells[0].paragraphs).toEqual(['Доля', 'вложенная', 'таблица']);
    expect(indicators.rows[1].cells[1].paragraphs).toEqual(['50']);
  });

  it('takes content controls (w:sdt) transparently and ignores deleted text', () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>
<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>В контроле</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p><w:r><w:t xml:space="preserve">Текст </w:t></w:r><w:del><w:r><w:delText>удалённый</w:delText></w:r></w:del><w:ins><w:r><w:t>вставленный</w:t></w:r></w:ins></w:p>
<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>ячейка</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr></w:tbl>
<w:sectPr/></w:body></w:document>`;
    const bytes = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(xml) });
    expect(readDocx(bytes).blocks).toEqual([
      { kind: 'paragraph', text: 'В контроле' },
      { kind: 'paragraph', text: 'Текст вставленный' },
      { kind: 'table', rows: [{ cells: [{ paragraphs: [] }, { paragraphs: ['ячейка'] }] }] },
    ]);
  });

  it('refuses hostile input with a clean ImportError', async () => {
    expectImportError(() => readDocx(new Uint8Array()), 'IMPORT_EMPTY');
    expectImportError(() => readDocx(zipSync({ 'a.txt': strToU8('привет') })), 'IMPORT_UNREADABLE');
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expectImportError(() => readDocx(random), 'IMPORT_UNREADABLE');
    const real = await build([p('Текст')]);
    for (const cut of [10, 100, Math.floor(real.length / 2), real.length - 10])
      expectImportError(() => readDocx(real.subarray(0, cut)), 'IMPORT_UNREADABLE');
    expectImportError(() => readDocx(strToU8('PK\u0003\u0004 not really')), 'IMPORT_UNREADABLE');
    // broken XML inside a well-formed zip
    expectImportError(() => readDocx(zipSync({ 'word/document.xml': strToU8('<w:document><w:body>') })), 'IMPORT_UNREADABLE');
    expectImportError(() => readDocx(zipSync({ 'word/document.xml': strToU8('<html/>') })), 'IMPORT_UNREADABLE');
  });

  it('refuses a zip bomb by what it inflates to, whatever its headers declare', () => {
    const xml = (body: string) => strToU8(`<w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);
    // 30 MB of XML in a ~30 KB file; its headers claim 100 bytes.
    const bomb = zipSync({ 'word/document.xml': xml('<w:p/>'.repeat(5_000_000)) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    setDeclaredSize(bomb, 100);
    expectImportError(() => readDocx(bomb), 'IMPORT_TOO_LARGE');
    // Small in bytes, too many elements for the parser.
    const dense = zipSync({ 'word/document.xml': xml('<w:p/>'.repeat(DOCX_LIMITS.maxElements)) }, { level: 9 });
    expectImportError(() => readDocx(dense), 'IMPORT_TOO_LARGE');
    // A declared 300 MB is no reason to refuse four real bytes.
    const liar = zipSync({ 'word/document.xml': xml('<w:p><w:r><w:t>План</w:t></w:r></w:p>') }, { level: 0 });
    setDeclaredSize(liar, 300 * 1024 * 1024);
    expect(readDocx(liar).blocks).toEqual([{ kind: 'paragraph', text: 'План' }]);
  });
});

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Patches a one-entry zip's declared uncompressed size (local header and central directory). */
function setDeclaredSize(zip: Uint8Array, size: number) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  view.setUint32(22, size, true);
  for (let i = zip.length - 22; i >= 0; i--)
    if (view.getUint32(i, true) === 0x02014b50) {
      view.setUint32(i + 24, size, true);
      break;
    }
}

/*
 * Split cells (Word's «Разделить ячейки»): the split adds a grid column; rows with the split
 * cell have two cells there, every other row (the header included) one cell spanning both.
 * The halves are one logical column, their text joined in order.
 */
describe('readDocx + structure: split cells', () => {
  type Cell = string[] | { span: number; text: string[] } | { vMerge: 'restart' | 'continue'; span?: number; text: string[] };
  const cell = (c: Cell) =>
    Array.isArray(c)
      ? tc(c.length ? c : [''])
      : 'vMerge' in c
        ? tc(c.text.length ? c.text : [''], { columnSpan: c.span, verticalMerge: c.vMerge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE })
        : tc(c.text, { columnSpan: c.span });
  const cases: { name: string; rows: Cell[][]; want: { title: string; responsible: string[]; deadline?: [string | null, string | null] }[] }[] = [
    {
      name: 'responsible split in one row, spanned by the header and the other rows',
      rows: [
        [['№'], ['Мероприятие'], ['Сроки'], { span: 2, text: ['Ответственные'] }],
        [['1.'], ['Разработка положения'], ['сентябрь 2025 г.'], ['Директор'], ['Куратор']],
        [['2.'], ['Встреча пар'], ['октябрь 2025 г.'], { span: 2, text: ['Наставник'] }],
      ],
      want: [
        { title: 'Разработка положения', responsible: ['Директор', 'Куратор'] },
        { title: 'Встреча пар', responsible: ['Наставник'] },
      ],
    },
    {
      name: 'a split column before others, several paragraphs a half, one half empty',
      rows: [
        [['Мероприятие'], { span: 2, text: ['Ответственный исполнитель'] }, ['Срок исполнения'], ['Результат']],
        [['Анкетирование'], ['Педагог-психолог', 'Классный руководитель'], ['Социальный педагог'], ['ноябрь 2025 г.'], ['Справка']],
        [['Круглый стол'], ['Заместитель директора'], [], ['декабрь 2025 г.'], ['Протокол']],
        [['Итоговая конференция'], { span: 2, text: ['Директор'] }, ['май 2026 г.'], ['Отчёт']],
      ],
      want: [
        { title: 'Анкетирование', responsible: ['Педагог-психолог', 'Классный руководитель', 'Социальный педагог'] },
        { title: 'Круглый стол', responsible: ['Заместитель директора'] },
        { title: 'Итоговая конференция', responsible: ['Директор'] },
      ],
    },
    {
      name: 'a split row next to a vertically merged responsible spanning both grid columns',
      rows: [
        [['№ п/п'], ['Наименование мероприятия'], ['Сроки'], { span: 2, text: ['Ответственные'] }],
        [['1.'], ['Подбор наставников'], ['сентябрь 2025 г.'], { vMerge: 'restart', span: 2, text: ['Куратор'] }],
        [['2.'], ['Обучение наставников'], ['октябрь 2025 г.'], { vMerge: 'continue', span: 2, text: [] }],
        [['3.'], ['Мониторинг'], ['ноябрь 2025 г.'], ['Директор'], ['Методист']],
      ],
      want: [
        { title: 'Подбор наставников', responsible: ['Куратор'] },
        { title: 'Обучение наставников', responsible: ['Куратор'] },
        { title: 'Мониторинг', responsible: ['Директор', 'Методист'] },
      ],
    },
    {
      name: 'the last column split, the halves each one name',
      rows: [
        [['№'], ['Мероприятие'], ['Сроки'], ['Результат'], { span: 2, text: ['Ответственные'] }],
        [['1.'], ['Диагностика'], ['январь 2026 г.'], ['Справка'], ['Директор'], ['Педагог-психолог']],
        [['2.'], ['Отчёт о работе'], ['май 2026 г.'], ['Отчёт'], { span: 2, text: ['Куратор'] }],
      ],
      want: [
        { title: 'Диагностика', responsible: ['Директор', 'Педагог-психолог'] },
        { title: 'Отчёт о работе', responsible: ['Куратор'] },
      ],
    },
    {
      name: 'the deadline split into start and end, the header «Сроки» over both',
      rows: [
        [['№'], ['Мероприятие'], { span: 2, text: ['Сроки'] }, ['Ответственные']],
        [['1.'], ['Адаптация новых педагогов'], ['сентябрь –'], ['декабрь 2025 г.'], ['Куратор']],
        [['2.'], ['Открытые уроки'], ['2025–'], ['2026 гг.'], ['Наставник']],
        [['3.'], ['Итоговый отчёт'], { span: 2, text: ['май 2026 г.'] }, ['Директор']],
      ],
      want: [
        { title: 'Адаптация новых педагогов', responsible: ['Куратор'], deadline: ['2025-09-01', '2025-12-31'] },
        { title: 'Открытые уроки', responsible: ['Наставник'], deadline: ['2025-01-01', '2026-12-31'] },
        { title: 'Итоговый отчёт', responsible: ['Директор'], deadline: ['2026-05-01', '2026-05-31'] },
      ],
    },
  ];
  it.each(cases)('$name', async ({ rows, want }) => {
    const bytes = await build([p('План мероприятий на 2025/2026 учебный год'), new Table({ rows: rows.map((r) => new TableRow({ children: r.map(cell) })) })]);
    const back = structureRoadmap(readDocx(bytes));
    const got = back.stages.flatMap((s) => s.activities);
    expect(got.map((a) => ({ title: a.title, responsible: a.responsible }))).toEqual(want.map((w) => ({ title: w.title, responsible: w.responsible })));
    want.forEach((w, k) => w.deadline && expect([got[k]!.deadline.start, got[k]!.deadline.end]).toEqual(w.deadline));
  });
});
