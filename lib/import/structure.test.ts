import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { structureRoadmap } from './structure';
import type { DocBlock, DocModel, DocTable } from './types';

const table = (rows: (string | string[])[][]): DocTable => ({
  kind: 'table',
  rows: rows.map((r) => ({ cells: r.map((c) => ({ paragraphs: Array.isArray(c) ? c : c === '' ? [] : [c] })) })),
});
const p = (text: string): DocBlock => ({ kind: 'paragraph', text });
const doc = (...blocks: DocBlock[]): DocModel => ({ blocks, warnings: [] });
/** Text extracted from Word: a page break splits a table row in two. */
const extracted = (...blocks: DocBlock[]): DocModel => ({ blocks, warnings: [], splitRows: true });
const titles = (r: ReturnType<typeof structureRoadmap>) => r.stages.map((s) => [s.title, s.activities.map((a) => a.title)]);

describe('structureRoadmap: columns', () => {
  it('recognises header wordings in any order', () => {
    const r = structureRoadmap(
      doc(
        table([
          ['Ответственный исполнитель', 'Срок исполнения', 'Содержание работы', '№ п/п', 'Итоговый документ'],
          ['Директор', 'до 30.09.2022', 'Разработка положения о наставничестве', '1', 'Положение'],
        ]),
      ),
    );
    const a = r.stages[0]!.activities[0]!;
    expect(a).toMatchObject({ number: '1', title: 'Разработка положения о наставничестве', responsible: ['Директор'], result: 'Положение' });
    expect(a.deadline).toMatchObject({ text: 'до 30.09.2022', end: '2022-09-30' });
  });

  it('guesses the columns of a table without a header, and says so', () => {
    const r = structureRoadmap(
      doc(
        table([
          ['1.', 'Разработка положения о наставничестве в школе', 'сентябрь 2022', 'Заместитель директора'],
          ['2.', 'Формирование базы наставников и наставляемых', 'октябрь 2022', 'Куратор'],
          ['3.', 'Обучение наставников по программе школы наставника', 'ноябрь 2022', 'Методист'],
        ]),
      ),
    );
    const acts = r.stages.flatMap((s) => s.activities);
    expect(acts.map((a) => a.number)).toEqual(['1', '2', '3']);
    expect(acts[0]).toMatchObject({ title: 'Разработка положения о наставничестве в школе', responsible: ['Заместитель директора'] });
    expect(acts[0]!.deadline.start).toBe('2022-09-01');
    expect(r.warnings.some((w) => w.includes('не распознан'))).toBe(true);
  });

  it('takes the first text column of a table with no recognisable columns, with a warning', () => {
    const r = structureRoadmap(doc(table([['Альфа', 'Бета'], ['Первое дело', 'x'], ['Второе дело', 'y']])));
    expect(r.warnings.length).toBeGreaterThan(0);
    expect(r.stages.flatMap((s) => s.activities).map((a) => a.title)).toContain('Первое дело');
  });

  it('returns zero stages with a warning for an empty document', () => {
    const r = structureRoadmap({ blocks: [], warnings: [] });
    expect(r).toMatchObject({ title: 'Дорожная карта', organisation: null, period: null, stages: [], indicators: [] });
    expect(r.warnings).toHaveLength(1);
    expect(structureRoadmap({ blocks: [], warnings: [] }, { filename: 'План_школы.docx' }).title).toBe('План школы');
  });

  it('drops repeated header rows, column-number rows and dash rows', () => {
    const r = structureRoadmap(
      doc(
        table([
          ['№', 'Мероприятие', 'Сроки'],
          ['1', '2', '3'],
          ['1.1', 'Приказ о наставничестве', 'сентябрь'],
          ['№', 'Мероприятие', 'Сроки'],
          ['1.2', 'Обучение наставников', 'октябрь'],
          ['--', '--', '--'],
        ]),
      ),
    );
    expect(r.stages.flatMap((s) => s.activities.map((a) => a.number))).toEqual(['1.1', '1.2']);
  });
});

describe('structureRoadmap: rows and stages', () => {
  const plan = table([
    ['№ п/п', 'Наименование мероприятий', 'Срок реализации', 'Ответственный', 'Результат'],
    ['1.', 'Нормативное регулирование', '', '', ''],
    ['1.1.', 'Разработка и утверждение', 'до 15.09.2022', 'Иванова И. И.', 'Приказ'],
    ['', '<p>распорядительных актов, включающие:</p> <ul> • сроки внедрения; • назначение ответственных. ', '', '', ''],
    ['1.2.', 'Популяризация через СМИ, информационные', 'в течение всего периода', 'Иванова И. И.', 'Наполнение ресурсов'],
    ['', 'ресурсов сети Интернет', '', '', 'актуальной информацией'],
    ['', 'Информирование родителей', 'сентябрь', 'Петров П. П.', ''],
    ['2', 'Завершение', '', '', ''],
    ['2.1', '1.5. Итоговая конференция', 'май', 'Директор', 'Отчёт'],
  ]);

  it('keeps stage rows and numbered sub-rows, joins page-break continuations', () => {
    const r = structureRoadmap(extracted(p('План мероприятий на 2022-2023 учебный год'), plan));
    expect(r.period).toEqual({ from: '2022', to: '2023' });
    expect(r.stages.map((s) => [s.number, s.title])).toEqual([
      ['1', 'Нормативное регулирование'],
      ['2', 'Завершение'],
    ]);
    const [a, b, c] = r.stages[0]!.activities;
    expect(a).toMatchObject({ number: '1.1', title: 'Разработка и утверждение распорядительных актов, включающие', details: ['сроки внедрения', 'назначение ответственных'] });
    expect(b).toMatchObject({ number: '1.2', title: 'Популяризация через СМИ, информационные ресурсов сети Интернет', result: 'Наполнение ресурсов актуальной информацией' });
    expect(c).toMatchObject({ number: null, title: 'Информирование родителей', responsible: ['Петров П. П.'] });
    expect(r.stages[1]!.activities[0]).toMatchObject({ number: '2.1', title: 'Итоговая конференция' });
  });

  it('in a DOCX or XLSX table a row is whole: an unnumbered row with empty cells is an activity of its own', () => {
    const r = structureRoadmap(doc(p('План мероприятий на 2022-2023 учебный год'), plan));
    const titles = r.stages[0]!.activities.map((a) => a.title);
    expect(titles).toContain('ресурсов сети Интернет');
    expect(titles).toContain('Информирование родителей');
  });

  it('joins a continuation row whose only text is in a later column', () => {
    const r = structureRoadmap(
      extracted(
        table([
          ['Мероприятие', 'Сроки', 'Ответственные'],
          ['Разработка порядка выбора лучшего наставника', 'Февраль', 'Министерство образования РМ Региональный'],
          ['', '', 'наставнический центр'],
          ['Утверждение форм поощрений наставников', 'Март', 'Министерство образования РМ'],
        ]),
      ),
    );
    const acts = r.stages.flatMap((s) => s.activities);
    expect(acts).toHaveLength(2);
    expect(acts[0]!.responsible).toEqual(['Министерство образования РМ', 'Региональный наставнический центр']);
  });

  it('reads a stage table: each row a stage, its list items activities, documents the result', () => {
    const r = structureRoadmap(
      extracted(
        table([
          ['№ этапа', 'Наименование этапа', 'Длительность этапа', 'На этом этапе важно:', 'Рекомендуемые документы'],
          ['1', 'Подготовка условий', 'В течение первого месяца', '<ul> – информировать педагогов; – определить цели, ', '<ul> – Приказ; – Положение;'],
          ['', '', '', 'продолжить поиск', ''],
          ['2', 'Завершение наставничества', 'В конце отчетного периода', 'Провести итоговое мероприятие', ''],
        ]),
      ),
    );
    expect(r.stages.map((s) => [s.number, s.title, s.activities.length])).toEqual([
      ['1', 'Подготовка условий', 2],
      ['2', 'Завершение наставничества', 1],
    ]);
    expect(r.stages[0]!.activities[1]).toMatchObject({ title: 'определить цели, продолжить поиск', result: 'Приказ; Положение', number: null });
    expect(r.stages[0]!.activities[0]!.deadline.text).toBe('В течение первого месяца');
  });

  it('a stage row without sub-rows: its list items, or the row itself', () => {
    const r = structureRoadmap(
      doc(
        table([
          ['№', 'Этап', 'Содержание деятельности'],
          ['1.', 'Подготовка', 'Подготовка актов:\nприказ о положении;\nприказ о парах;\nподготовка программ'.split('\n')],
          ['2.', 'Информационная поддержка', 'Освещение на сайте'],
        ]),
      ),
    );
    expect(titles(r)).toEqual([
      ['Подготовка', ['Подготовка актов', 'приказ о положении', 'приказ о парах', 'подготовка программ']],
      ['Информационная поддержка', ['Освещение на сайте']],
    ]);
  });

  it('reads a stage column whose cells span several rows (merged cells)', () => {
    const t = table([
      ['Этап', 'Мероприятие', 'Сроки'],
      ['Подготовительный', 'Приказ о наставничестве', 'сентябрь'],
      ['', 'Положение о наставничестве', 'сентябрь'],
      ['Основной', 'Встречи пар', 'постоянно'],
    ]);
    t.rows[2]!.cells[0]!.continued = true;
    const r = structureRoadmap(doc(t));
    expect(titles(r)).toEqual([
      ['Подготовительный', ['Приказ о наставничестве', 'Положение о наставничестве']],
      ['Основной', ['Встречи пар']],
    ]);
  });

  it('groups a flat plan into the standard stages when its activities fit them', () => {
    const r = structureRoadmap(
      doc(
        table([
          ['Мероприятие', 'Сроки'],
          ['Разработка положения о наставничестве', 'сентябрь'],
          ['Анкетирование обучающихся', 'октябрь'],
          ['Формирование базы наставников', 'октябрь'],
          ['Обучение наставников', 'ноябрь'],
          ['Закрепление пар приказом', 'ноябрь'],
          ['Выбор форматов', 'ноябрь'],
          ['Регулярные встречи наставника и наставляемого', 'постоянно'],
          ['Заключительное мероприятие', 'май'],
        ]),
      ),
    );
    expect(titles(r)).toEqual([
      ['Подготовка условий для запуска программы наставничества', ['Разработка положения о наставничестве']],
      ['Формирование базы наставляемых', ['Анкетирование обучающихся']],
      ['Формирование базы наставников', ['Формирование базы наставников']],
      ['Отбор и обучение наставников', ['Обучение наставников']],
      ['Формирование наставнических пар/групп', ['Закрепление пар приказом', 'Выбор форматов']],
      ['Организация работы наставнических пар/групп', ['Регулярные встречи наставника и наставляемого']],
      ['Завершение наставничества', ['Заключительное мероприятие']],
    ]);
    expect(r.warnings.some((w) => w.includes('стандартным этапам'))).toBe(true);
  });

  it('puts a flat plan with no recognisable stages into «Мероприятия»', () => {
    const r = structureRoadmap(doc(table([['Мероприятие', 'Сроки'], ['Ремонт кабинета', 'май'], ['Закупка мебели', 'июнь'], ['Субботник', 'апрель']])));
    expect(titles(r)).toEqual([['Мероприятия', ['Ремонт кабинета', 'Закупка мебели', 'Субботник']]]);
    expect(r.warnings.some((w) => w.includes('«Мероприятия»'))).toBe(true);
  });
});

describe('structureRoadmap: document', () => {
  it('takes the title, organisation and period from the heading; KPI tables go to indicators', () => {
    const r = structureRoadmap(
      doc(
        p('УТВЕРЖДАЮ'),
        p('Директор МАОУ «СОШ № 5»'),
        p(''),
        p('**Дорожная карта'),
        p('внедрения наставничества на 2021-2024 годы**'),
        table([['Мероприятие', 'Сроки'], ['Приказ о наставничестве', 'сентябрь 2021']]),
        table([['Наименование показателя', '2022 г.', '2023 г.'], ['Доля наставляемых, %', '10', '20']]),
      ),
    );
    expect(r).toMatchObject({ title: 'Дорожная карта внедрения наставничества на 2021-2024 годы', organisation: 'МАОУ «СОШ № 5»', period: { from: '2021', to: '2024' } });
    expect(r.indicators).toEqual([{ title: 'Доля наставляемых', unit: '%', targets: { '2022': 10, '2023': 20 } }]);
    expect(r.stages.flatMap((s) => s.activities)).toHaveLength(1);
  });

  it('of two plan tables takes the more detailed and warns about the other', () => {
    const r = structureRoadmap(
      doc(
        table([['Наименование этапа', 'Содержание деятельности'], ['Подготовка', 'Приказ']]),
        table([['№', 'Мероприятие', 'Сроки'], ['1', 'Подготовка', ''], ['1.1', 'Приказ', 'май'], ['1.2', 'Положение', 'май'], ['2', 'Завершение', ''], ['2.1', 'Отчёт', 'июнь']]),
      ),
    );
    expect(r.stages.map((s) => s.title)).toEqual(['Подготовка', 'Завершение']);
    expect(r.warnings.some((w) => w.includes('таблица этапов'))).toBe(true);
  });

  it('takes a numbered list from a document without tables', () => {
    const r = structureRoadmap(doc(p('План мероприятий'), p('1. Подготовка условий'), p('1.1. Приказ о наставничестве'), p('1.2. Положение'), p('2. Завершение'), p('2.1. Итоговая встреча')));
    expect(titles(r)).toEqual([
      ['Подготовка условий', ['Приказ о наставничестве', 'Положение']],
      ['Завершение', ['Итоговая встреча']],
    ]);
    const none = structureRoadmap(doc(p('Пояснительная записка'), p('Текст без плана.')));
    expect(none.stages).toEqual([]);
    expect(none.warnings.length).toBeGreaterThan(0);
  });

  it('prefixes deadline warnings with the activity', () => {
    const r = structureRoadmap(doc(table([['№', 'Мероприятие', 'Сроки'], ['1', 'Приказ', 'когда-нибудь потом']])));
    expect(r.warnings.some((w) => w.startsWith('Мероприятие 1:'))).toBe(true);
  });

  it('never throws and never leaves markup or numbers in titles', () => {
    const cell = fc.oneof(fc.constantFrom('', '1.', '1.2.', '<ul> – а; – б', '**x**', '№', 'Сроки', 'Мероприятие', 'май', '\t'), fc.string({ maxLength: 12 }));
    const block = fc.oneof(
      fc.string({ maxLength: 20 }).map((text) => ({ kind: 'paragraph' as const, text })),
      fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 6 }).map((rows) => table(rows)),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 5 }), (blocks) => {
        const r = structureRoadmap({ blocks, warnings: [] });
        for (const s of r.stages) for (const a of s.activities) {
          expect(a.title).not.toBe('');
          expect(a.title).not.toMatch(/<\/?[a-z]+[^<>]*>|\*\*|^\d+(\.\d+)*[.)]\s/i);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('structureRoadmap: merged heading rows', () => {
  it('a stage heading written across the row in the number column', () => {
    const r = structureRoadmap(
      doc(table([['№', 'Мероприятие', 'Сроки'], ['1. Подготовка условий', '', ''], ['1.1', 'Приказ', 'май'], ['2. Завершение', '', ''], ['2.1', 'Отчёт', 'июнь']])),
    );
    expect(r.stages.map((s) => [s.number, s.title, s.activities.map((a) => a.number)])).toEqual([
      ['1', 'Подготовка условий', ['1.1']],
      ['2', 'Завершение', ['2.1']],
    ]);
  });
});
