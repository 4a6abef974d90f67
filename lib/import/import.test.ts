import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importRoadmap, importRoadmapText } from '.';
import { isImportError, MAX_IMPORT_BYTES, type ImportedRoadmap } from './types';

// The whole import as the API and the CLI run it: bytes → reader → structure → roadmap.

const p = (text: string) => new Paragraph(text);
const tc = (texts: (string | Paragraph)[], opts: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
  new TableCell({ ...opts, children: texts.map((t) => (typeof t === 'string' ? p(t) : t)) });
const row = (cells: TableCell[], header = false) => new TableRow({ tableHeader: header, children: cells });
const HEAD = ['№ п/п', 'Наименование мероприятия', 'Срок исполнения', 'Ответственный исполнитель', 'Ожидаемый результат'];

async function docx(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}
const all = (r: ImportedRoadmap) => r.stages.flatMap((s) => s.activities);

async function expectImportError(promise: Promise<unknown>, code: string) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isImportError(err), String(err)).toBe(true);
  expect((err as { code: string }).code).toBe(code);
  expect((err as Error).message).toMatch(/[А-Яа-я]/);
}

describe('importRoadmap on a Word document the test builds', () => {
  it('keeps stage rows and numbered sub-rows, merged cells, lists in cells, a repeated header and a KPI table', async () => {
    const bytes = await docx([
      p('УТВЕРЖДАЮ Директор МБОУ «СОШ № 12»'),
      p('План мероприятий (дорожная карта) внедрения целевой модели наставничества в МБОУ «СОШ № 12» на 2023-2025 годы'),
      new Table({
        rows: [
          row(HEAD.map((h) => tc([h])), true),
          row([tc(['1. Подготовка условий для запуска программы наставничества'], { columnSpan: 5 })]),
          row([
            tc(['1.1.']),
            tc(['Разработка и утверждение положения о наставничестве, включающего:', p('• цели и задачи;'), p('• формы наставничества.')]),
            tc(['до 30.09.2023']),
            tc(['Директор', 'Куратор'], { verticalMerge: VerticalMergeType.RESTART }),
            tc(['Приказ ОО']),
          ]),
          row([tc(['1.2.']), tc(['Назначение куратора']), tc(['сентябрь 2023 г.']), tc([], { verticalMerge: VerticalMergeType.CONTINUE }), tc(['Приказ'])]),
          // Word repeats the header after a page break; the text keeps it as a row.
          row(HEAD.map((h) => tc([h]))),
          row([tc(['2. Формирование базы наставляемых'], { columnSpan: 5 })]),
          row([tc(['2.1']), tc(['Анкетирование обучающихся']), tc(['ежегодно, октябрь']), tc(['Классные руководители, педагог-психолог']), tc(['База наставляемых'])]),
        ],
      }),
      p('Показатели эффективности'),
      new Table({
        rows: [
          row(['№', 'Наименование показателя', '2023 г.', '2024 г.', '2025 г.'].map((h) => tc([h]))),
          row(['1', 'Доля обучающихся, вовлечённых в программы наставничества, %', '10', '30', '50'].map((h) => tc([h]))),
        ],
      }),
    ]);
    const r = await importRoadmap(bytes, 'plan.docx');
    expect(r.period).toEqual({ from: '2023', to: '2025' });
    expect(r.stages.map((s) => [s.number, s.title])).toEqual([
      ['1', 'Подготовка условий для запуска программы наставничества'],
      ['2', 'Формирование базы наставляемых'],
    ]);
    const [a11, a12, a21] = all(r);
    expect(a11).toMatchObject({
      number: '1.1',
      title: expect.stringMatching(/^Разработка и утверждение положения о наставничестве/),
      details: ['цели и задачи', 'формы наставничества'],
      result: 'Приказ ОО',
      responsible: ['Директор', 'Куратор'],
      deadline: { text: 'до 30.09.2023', start: null, end: '2023-09-30', recurrence: 'once' },
    });
    // The vertically merged responsible cell applies to the row it spans.
    expect(a12).toMatchObject({ number: '1.2', title: 'Назначение куратора', responsible: ['Директор', 'Куратор'], deadline: { start: '2023-09-01', end: '2023-09-30' } });
    expect(a21).toMatchObject({ number: '2.1', responsible: ['Классные руководители', 'педагог-психолог'], deadline: { recurrence: 'yearly' } });
    expect(all(r)).toHaveLength(3);
    expect(r.indicators).toEqual([{ title: expect.stringContaining('Доля обучающихся'), unit: '%', targets: { '2023': 10, '2024': 30, '2025': 50 } }]);
  });

  it('reads an Excel plan with a stage column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('План');
    ws.addRow(['Этап', 'Мероприятие', 'Сроки', 'Ответственные', 'Результат']);
    ws.addRow(['Формирование базы наставников', 'Анкетирование педагогов', 'ноябрь 2024', 'Куратор', 'База наставников']);
    ws.addRow(['Формирование базы наставников', 'Собеседование с кандидатами', 'декабрь 2024', 'Куратор; психолог', '']);
    ws.addRow(['Завершение наставничества', 'Итоговая конференция', 'май 2025', 'Директор', 'Отчёт']);
    const r = await importRoadmap(new Uint8Array(await wb.xlsx.writeBuffer()), 'plan.xlsx');
    expect(r.stages.map((s) => [s.title, s.activities.map((a) => a.title)])).toEqual([
      ['Формирование базы наставников', ['Анкетирование педагогов', 'Собеседование с кандидатами']],
      ['Завершение наставничества', ['Итоговая конференция']],
    ]);
    expect(all(r)[1]).toMatchObject({ responsible: ['Куратор', 'психолог'], result: null, deadline: { start: '2024-12-01', end: '2024-12-31' } });
  });

  it('reads a CSV plan and a table pasted from a spreadsheet alike', async () => {
    const csv = 'Мероприятие;Сроки;Ответственные\n"Встреча-знакомство наставника и наставляемого";"сентябрь 2024";"Куратор, наставники"\n"Итоговая встреча";"май 2025";"Куратор"\n';
    const fromCsv = await importRoadmap(strToU8(csv), 'plan.csv');
    const pasted = importRoadmapText(csv.replaceAll(';', '\t').replaceAll('"', ''));
    expect(all(fromCsv).map((a) => [a.title, a.deadline.end, a.responsible])).toEqual([
      ['Встреча-знакомство наставника и наставляемого', '2024-09-30', ['Куратор', 'наставники']],
      ['Итоговая встреча', '2025-05-31', ['Куратор']],
    ]);
    expect(all(pasted)).toEqual(all(fromCsv));
  });
});

describe('hostile input: a clear error or a warning, never a crash', () => {
  it('an empty file, a zip that is not a docx, random bytes, an oversized file, a PDF', async () => {
    await expectImportError(importRoadmap(new Uint8Array(), 'empty.docx'), 'IMPORT_EMPTY');
    await expectImportError(importRoadmap(zipSync({ 'hello.txt': strToU8('привет') }), 'fake.docx'), 'IMPORT_UNREADABLE');
    await expectImportError(importRoadmap(zipSync({ 'word/document.xml': strToU8('<not xml') }), 'broken.docx'), 'IMPORT_UNREADABLE');
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    await expectImportError(importRoadmap(noise, 'noise.bin'), 'IMPORT_UNREADABLE');
    await expectImportError(importRoadmap(new Uint8Array(50 * 1024 * 1024), 'big.docx'), 'IMPORT_TOO_LARGE');
    expect(MAX_IMPORT_BYTES).toBeLessThan(50 * 1024 * 1024);
    await expectImportError(importRoadmap(strToU8('%PDF-1.7\n%âãÏÓ'), 'plan.pdf'), 'IMPORT_UNSUPPORTED');
    await expectImportError(importRoadmap(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'plan.doc'), 'IMPORT_UNSUPPORTED');
  });

  it('a document with a table of no recognisable columns: an error naming the problem, or activities with a warning', async () => {
    const bytes = await docx([
      new Table({
        rows: [
          row(['Фамилия', 'Класс', 'Любимый предмет'].map((h) => tc([h]))),
          row(['Иванов', '5А', 'математика'].map((h) => tc([h]))),
        ],
      }),
    ]);
    const outcome = await importRoadmap(bytes, 'list.docx').then(
      (r) => ({ r }),
      (err: unknown) => ({ err }),
    );
    if ('err' in outcome) expect(outcome.err).toMatchObject({ code: 'IMPORT_NO_TABLE' });
    else expect(outcome.r.warnings.join(' ')).toMatch(/столб/i);
  });

  it('a cell of 100 000 spaces, digits or punctuation is read in linear time (no regex tries every position of a run)', async () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const cell = (t: string) => `<w:tc><w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p></w:tc>`;
    const tr = (...cells: string[]) => `<w:tr>${cells.map(cell).join('')}</w:tr>`;
    for (const filler of [' ', '1', ',', ';']) {
      const run = filler.repeat(100_000);
      const xml = `<w:document xmlns:w="${W}"><w:body><w:tbl>${tr('№', 'Мероприятие', 'Срок', 'Ответственный')}${tr('1', `Встреча${run}x`, `сентябрь 2024${run}`, `Директор${run}`)}</w:tbl></w:body></w:document>`;
      const started = performance.now();
      await importRoadmap(zipSync({ 'word/document.xml': strToU8(xml) }), 'runs.docx').catch(() => null);
      try {
        importRoadmapText(`№\tМероприятие\tСрок\tОтветственный\n1\tВстреча${run}x\tсентябрь 2024${run}\tДиректор${run}`);
      } catch {
        // refusing is fine too; hanging is not
      }
      expect(performance.now() - started, JSON.stringify(filler)).toBeLessThan(10_000);
    }
  }, 90_000);

  it('pasted text with no table', async () => {
    await expectImportError(Promise.resolve().then(() => importRoadmapText('   ')), 'IMPORT_EMPTY');
  });
});
