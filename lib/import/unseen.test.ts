/*
 * Issue 18: documents the importer has never seen. Table-driven cases, written as real plans
 * write them, for the one-cell-per-line text layout (class 3), a cell numbered «1. …; 2. …»
 * (class 4), the period written in the text (class 5), targets listed by year in a cell
 * (class 6), and the honest warnings on the rows where the importer guessed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES_DIR } from '../../tests/fixtures/paths';
import { importRoadmapText } from './index';
import { findPeriod } from './structure/meta';
import { structureRoadmap } from './structure';
import { yearlyTargets } from './indicators';
import { ImportedRoadmap as RoadmapSchema } from './schema';
import type { DocModel, ImportedActivity, ImportedRoadmap } from './types';

const lines = (...ls: string[]) => ls.join('\n');
/** Cells of the one-cell-per-line layout: each on its own line after a tab; «\n» inside a cell starts an untabbed paragraph. */
const cells = (...cs: string[]) => cs.map((c) => `\t${c}`).join('\n');
const acts = (r: ImportedRoadmap) => r.stages.flatMap((s) => s.activities);
const titles = (r: ImportedRoadmap) => acts(r).map((a) => a.title);
const act = (r: ImportedRoadmap, start: string): ImportedActivity => {
  const a = acts(r).find((x) => x.title.startsWith(start));
  if (!a) throw new Error(`no activity «${start}» in ${JSON.stringify(titles(r))}`);
  return a;
};
const HEADER5 = cells('№ п/п', 'Наименование мероприятия', 'Сроки', 'Ответственные', 'Результат');

type Case = { name: string; text: string; check: (r: ImportedRoadmap) => void };

describe('class 3: every cell on its own line, introduced by a tab', () => {
  const cases: Case[] = [
    {
      name: 'the issue’s layout: paragraphs split by blank lines, a dash list in a cell, no blank line between rows',
      text: lines(
        HEADER5,
        cells('1.', 'Разработка положения о наставничестве', 'сентябрь 2021 г.', 'Директор', 'Положение'),
        cells('2.', 'Подготовка методических материалов:'),
        '',
        '- методические рекомендации,',
        '',
        '- памятки для наставников',
        cells('октябрь 2021 г.', 'Куратор', 'Материалы'),
        cells('3.', 'Анкетирование обучающихся'),
        '',
        'Сбор запросов наставляемых',
        cells('ноябрь 2021 г.', 'Классные руководители'),
        '',
        'Педагог-психолог',
        cells('База наставляемых'),
      ),
      check: (r) => {
        expect(titles(r)).toEqual(['Разработка положения о наставничестве', 'Подготовка методических материалов', 'Анкетирование обучающихся']);
        expect(act(r, 'Подготовка')).toMatchObject({ number: '2', details: ['методические рекомендации', 'памятки для наставников'], responsible: ['Куратор'], result: 'Материалы' });
        expect(act(r, 'Анкетирование')).toMatchObject({ details: ['Сбор запросов наставляемых'], responsible: ['Классные руководители', 'Педагог-психолог'], result: 'База наставляемых' });
      },
    },
    {
      name: 'no header: the column count comes from the numbering rhythm',
      text: lines(
        cells('1.', 'Издание приказа о внедрении целевой модели', 'до 01.09.2022', 'Директор'),
        cells('2.', 'Назначение куратора', 'сентябрь 2022', 'Директор'),
        cells('3.', 'Формирование базы наставников', 'октябрь 2022', 'Куратор'),
        cells('4.', 'Обучение наставников', 'ноябрь 2022', 'Куратор'),
      ),
      check: (r) => {
        expect(titles(r)).toHaveLength(4);
        expect(act(r, 'Назначение')).toMatchObject({ number: '2', responsible: ['Директор'], deadline: { start: '2022-09-01' } });
        expect(r.warnings.join('\n')).toMatch(/каждая ячейка — отдельная строка: столбцов 4 \(по нумерации строк\)/);
      },
    },
    {
      name: 'the number inside the activity cell («1. Разработка …»), four columns named in the header',
      text: lines(
        cells('Мероприятие', 'Срок исполнения', 'Ответственный', 'Форма отчётности'),
        cells('1. Разработка дорожной карты', 'август 2023 г.', 'Заместитель директора по УВР', 'Дорожная карта'),
        cells('2. Создание рабочей группы', 'сентябрь 2023 г.', 'Директор', 'Приказ'),
        cells('3. Проведение педагогического совета', 'октябрь 2023 г.', 'Директор', 'Протокол'),
      ),
      check: (r) => {
        expect(acts(r).map((a) => [a.number, a.title, a.result])).toEqual([
          ['1', 'Разработка дорожной карты', 'Дорожная карта'],
          ['2', 'Создание рабочей группы', 'Приказ'],
          ['3', 'Проведение педагогического совета', 'Протокол'],
        ]);
      },
    },
    {
      name: 'a row of column numbers under the header',
      text: lines(
        cells('№', 'Содержание деятельности', 'Сроки', 'Исполнители'),
        cells('1', '2', '3', '4'),
        cells('1.', 'Информирование родителей о программе наставничества', 'сентябрь', 'Классные руководители'),
        cells('2.', 'Проведение анкетирования', 'октябрь', 'Педагог-психолог'),
      ),
      check: (r) => {
        expect(titles(r)).toEqual(['Информирование родителей о программе наставничества', 'Проведение анкетирования']);
        expect(act(r, 'Проведение')).toMatchObject({ number: '2', responsible: ['Педагог-психолог'] });
      },
    },
    {
      name: 'section rows merged across the table, sub-rows «1.1», «2.1»',
      text: lines(
        cells('№', 'Мероприятие', 'Срок', 'Ответственный'),
        cells('Раздел 1. Подготовка условий'),
        cells('1.1', 'Разработка положения', 'сентябрь 2022 г.', 'Директор'),
        cells('1.2', 'Утверждение программы наставничества', 'сентябрь 2022 г.', 'Директор'),
        cells('Раздел 2. Реализация'),
        cells('2.1', 'Встречи наставников и наставляемых', 'ежемесячно', 'Наставники'),
      ),
      check: (r) => {
        expect(r.stages.map((s) => [s.number, s.title, s.activities.length])).toEqual([
          ['1', 'Подготовка условий', 2],
          ['2', 'Реализация', 1],
        ]);
        expect(act(r, 'Встречи')).toMatchObject({ number: '2.1', deadline: { text: 'ежемесячно' }, responsible: ['Наставники'] });
      },
    },
    {
      name: 'a numbered stage row of two cells («1.» and the stage merged over the rest)',
      text: lines(
        cells('№ п/п', 'Мероприятия', 'Сроки проведения', 'Ответственные'),
        cells('1.', 'Организационный этап'),
        cells('1.1', 'Назначение куратора программы', 'сентябрь', 'Директор'),
        cells('1.2', 'Разработка программы наставничества', 'сентябрь', 'Куратор'),
        cells('2.', 'Основной этап'),
        cells('2.1', 'Работа наставнических пар', 'октябрь – май', 'Наставники'),
      ),
      check: (r) => {
        expect(r.stages.map((s) => [s.number, s.title, s.activities.length])).toEqual([
          ['1', 'Организационный этап', 2],
          ['2', 'Основной этап', 1],
        ]);
      },
    },
    {
      name: 'empty cells written as a bare tab',
      text: lines(
        HEADER5,
        cells('1.', 'Заседание методического объединения', 'август', '', 'Протокол'),
        cells('2.', 'Подбор наставников', 'сентябрь', 'Заместитель директора', ''),
        cells('3.', 'Закрепление пар приказом', 'сентябрь', 'Директор', 'Приказ'),
      ),
      check: (r) => {
        expect(acts(r).map((a) => [a.number, a.responsible, a.result])).toEqual([
          ['1', [], 'Протокол'],
          ['2', ['Заместитель директора'], null],
          ['3', ['Директор'], 'Приказ'],
        ]);
      },
    },
    {
      name: 'heading before and a paragraph after the table: the paragraph is not glued into the last cell',
      text: lines(
        'ПЛАН МЕРОПРИЯТИЙ',
        'по реализации программы наставничества МАОУ «Лицей № 7» на 2022 – 2025 годы',
        '',
        cells('№', 'Мероприятие', 'Сроки', 'Ответственные'),
        cells('1.', 'Составление плана работы', 'сентябрь 2022 г.', 'Куратор'),
        cells('2.', 'Проведение итоговой конференции', 'май 2025 г.', 'Куратор'),
        '',
        'Ожидаемые результаты: повышение качества обучения.',
      ),
      check: (r) => {
        expect(r.organisation).toBe('МАОУ «Лицей № 7»');
        expect(r.period).toEqual({ from: '2022', to: '2025' });
        expect(act(r, 'Проведение итоговой')).toMatchObject({ responsible: ['Куратор'] });
      },
    },
    {
      name: 'rows separated by blank lines, each row as wide as the header (no guessing, no layout warning)',
      text: lines(
        cells('№', 'Этап', 'Содержание'),
        '',
        cells('1.', 'Подготовка', 'Приказ о внедрении;'),
        'положение о наставничестве',
        '',
        cells('2.', 'Завершение', 'Итоговая конференция'),
      ),
      check: (r) => {
        expect(r.stages.map((s) => s.title)).toEqual(['Подготовка', 'Завершение']);
        expect(r.warnings.join('\n')).not.toMatch(/отдельная строка/);
      },
    },
    {
      name: 'a date-like deadline («30.08») and a count («1 раз в четверть») do not start rows',
      text: lines(
        cells('№', 'Мероприятие', 'Срок', 'Ответственный'),
        cells('1.', 'Утверждение положения', '30.08', 'Директор'),
        cells('2.', 'Мониторинг работы пар', '1 раз в четверть', 'Куратор'),
        cells('3.', 'Отчёт о реализации', '2.06', 'Куратор'),
      ),
      check: (r) => {
        expect(acts(r).map((a) => [a.number, a.deadline.text, a.responsible[0]])).toEqual([
          ['1', '30.08', 'Директор'],
          ['2', '1 раз в четверть', 'Куратор'],
          ['3', '2.06', 'Куратор'],
        ]);
      },
    },
    {
      name: 'numbering that starts again under each stage heading',
      text: lines(
        cells('№', 'Мероприятие', 'Срок', 'Ответственный'),
        cells('Подготовка условий'),
        cells('1.', 'Приказ о внедрении', 'август 2022', 'Директор'),
        cells('2.', 'Положение о наставничестве', 'август 2022', 'Директор'),
        cells('Формирование пар'),
        cells('1.', 'Закрепление пар приказом', 'октябрь 2022', 'Директор'),
        cells('2.', 'Первая встреча пар', 'октябрь 2022', 'Куратор'),
      ),
      check: (r) => {
        expect(r.stages.map((s) => [s.title, s.activities.map((a) => a.number)])).toEqual([
          ['Подготовка условий', ['1', '2']],
          ['Формирование пар', ['1', '2']],
        ]);
        expect(act(r, 'Первая встреча')).toMatchObject({ responsible: ['Куратор'] });
      },
    },
    {
      name: 'a first stage row right under the header, numbered rows with an empty last cell',
      text: lines(
        cells('№ п/п', 'Мероприятие', 'Сроки', 'Ответственные'),
        cells('Подготовка условий'),
        cells('1.', 'Формирование базы наставников', 'до 15.10.2022', 'Заместитель директора по УВР'),
        cells('Реализация программы'),
        cells('2.', 'Анкетирование обучающихся', 'в течение года', ''),
      ),
      check: (r) => {
        expect(r.stages.map((s) => [s.title, s.activities.map((a) => a.number)])).toEqual([
          ['Подготовка условий', ['1']],
          ['Реализация программы', ['2']],
        ]);
      },
    },
    {
      name: 'an unnamed last column («Отметка о выполнении») stays a column',
      text: lines(
        cells('№', 'Мероприятие', 'Срок', 'Ответственный', 'Отметка о выполнении'),
        cells('1.', 'Разработка положения', 'август 2022', 'Директор', 'выполнено'),
        cells('2.', 'Обучение наставников', 'октябрь 2022', 'Методист', ''),
      ),
      check: (r) => {
        expect(acts(r).map((a) => [a.number, a.title, a.responsible])).toEqual([
          ['1', 'Разработка положения', ['Директор']],
          ['2', 'Обучение наставников', ['Методист']],
        ]);
      },
    },
    {
      name: 'no numbers: the columns named in the header give the width',
      text: lines(
        cells('Мероприятие', 'Сроки', 'Ответственные'),
        cells('Разработка положения о наставничестве', 'август 2022 г.', 'Директор'),
        cells('Формирование базы наставников', 'сентябрь 2022 г.', 'Куратор'),
        cells('Обучение наставников', 'октябрь 2022 г.', 'Методист'),
      ),
      check: (r) => {
        expect(acts(r).map((a) => [a.title, a.responsible])).toEqual([
          ['Разработка положения о наставничестве', ['Директор']],
          ['Формирование базы наставников', ['Куратор']],
          ['Обучение наставников', ['Методист']],
        ]);
      },
    },
    {
      name: 'a numbered list inside a cell on untabbed lines stays in its cell',
      text: lines(
        cells('№', 'Мероприятие', 'Сроки', 'Ответственные'),
        cells('1.', 'Разработка документов:'),
        '1. положение о наставничестве;',
        '2. программа наставничества',
        cells('август', 'Директор'),
        cells('2.', 'Обучение кураторов', 'сентябрь', 'Методист'),
      ),
      check: (r) => {
        expect(titles(r)).toEqual(['Разработка документов', 'Обучение кураторов']);
        expect(act(r, 'Разработка')).toMatchObject({ details: ['положение о наставничестве', 'программа наставничества'], responsible: ['Директор'] });
      },
    },
    {
      name: 'a paragraph between two tables («Показатели эффективности») ends the plan; a bare «3» in the KPI table is a value, not row 3',
      text: lines(
        'План мероприятий по внедрению целевой модели наставничества на 2022–2023 годы',
        '',
        cells('№ п/п', 'Наименование мероприятия', 'Сроки', 'Ответственные'),
        cells('1.', 'Разработка положения о наставничестве', 'сентябрь 2022 г.', 'Директор'),
        cells('2.', 'Обучение наставников', 'октябрь 2022 г.', 'Методист'),
        '',
        'Показатели эффективности',
        '',
        cells('№ п/п', 'Наименование показателя', '2022 год', '2023 год'),
        cells('1.', 'Число педагогов-наставников, чел.', '4', '6'),
        cells('2.', 'Доля наставляемых, удовлетворённых участием в программе, %', '1,1', '3'),
        cells('3.', 'Число наставнических пар, ед.', '3', '5'),
      ),
      check: (r) => {
        expect(acts(r).map((a) => [a.number, a.title, a.responsible])).toEqual([
          ['1', 'Разработка положения о наставничестве', ['Директор']],
          ['2', 'Обучение наставников', ['Методист']],
        ]);
        expect(r.indicators.map((i) => [i.title, i.targets])).toEqual([
          ['Число педагогов-наставников', { '2022': 4, '2023': 6 }],
          ['Доля наставляемых, удовлетворённых участием в программе', { '2022': 1.1, '2023': 3 }],
          ['Число наставнических пар', { '2022': 3, '2023': 5 }],
        ]);
      },
    },
    {
      name: 'a first stage row under the header worded like a column («Организация работы наставнических пар») is no second activity column',
      text: lines(
        cells('№ п/п', 'Наименование мероприятия', 'Сроки', 'Ответственные', 'Результат'),
        cells('Организация работы наставнических пар'),
        cells('1.', 'Проведение встреч наставников и наставляемых', 'ежемесячно', 'Наставники', 'Отчёты пар'),
        cells('2.', 'Промежуточный мониторинг', 'декабрь 2022 г.', 'Куратор', ''),
      ),
      check: (r) => {
        expect(r.stages.map((s) => [s.title, s.activities.map((a) => [a.number, a.responsible])])).toEqual([
          ['Организация работы наставнических пар', [['1', ['Наставники']], ['2', ['Куратор']]]],
        ]);
      },
    },
    {
      name: 'unnumbered rows under «Этап 1.» headings: each heading a row of its own, the header ends at the first heading',
      text: lines(
        cells('Мероприятие', 'Сроки', 'Ответственные'),
        cells('Этап 1. Подготовка условий'),
        cells('Разработка положения о наставничестве', 'август 2022 г.', 'Директор'),
        cells('Формирование базы наставников', 'сентябрь 2022 г.', 'Куратор'),
        cells('Этап 2. Реализация'),
        cells('Встречи наставнических пар', 'ежемесячно', 'Наставники'),
      ),
      check: (r) => {
        expect(r.stages.map((s) => [s.title, s.activities.map((a) => [a.title, a.responsible])])).toEqual([
          ['Подготовка условий', [['Разработка положения о наставничестве', ['Директор']], ['Формирование базы наставников', ['Куратор']]]],
          ['Реализация', [['Встречи наставнических пар', ['Наставники']]]],
        ]);
      },
    },
  ];
  it.each(cases)('$name', ({ text, check }) => check(importRoadmapText(text)));

  it('the nineteen-row municipal plan: every row back, four sections, nothing skipped', () => {
    const r = importRoadmapText(readFileSync(path.join(SAMPLES_DIR, 'cell-per-line-municipal.txt'), 'utf8'));
    expect(r.stages.map((s) => [s.number, s.activities.length])).toEqual([
      ['1', 5],
      ['2', 5],
      ['3', 5],
      ['4', 4],
    ]);
    expect(acts(r).map((a) => a.number)).toEqual(Array.from({ length: 19 }, (_, k) => String(k + 1)));
    expect(act(r, 'Обучение наставников')).toMatchObject({ details: ['курсы повышения квалификации', 'семинары-практикумы'], result: 'Удостоверения, сертификаты' });
    expect(act(r, 'Подготовка отчёта')).toMatchObject({ responsible: ['Кураторы ОО', 'Руководители ОО'] });
    expect(r.period).toEqual({ from: '2021', to: '2024' });
    expect(r.warnings.filter((w) => /Пропущена|не перенесена/.test(w))).toEqual([]);
    expect(r.warnings.join('\n')).toMatch(/столбцов 5 \(по заголовку\), строк короче заголовка 4/);
  });
});

describe('tab-separated text: bare lines that start a stage or a row, not continue the cell above', () => {
  const tabs = (...cs: string[]) => cs.join('\t');
  const cases: Case[] = [
    {
      name: 'stage rows not worded as headings, numbering starting again under each; a last cell of two paragraphs stays one cell',
      text: lines(
        tabs('№ п/п', 'Наименование мероприятия', 'Сроки', 'Ответственные'),
        'Подготовка условий для запуска программы',
        tabs('1.', 'Разработка положения о наставничестве', 'сентябрь 2022 г.', 'Директор'),
        'Заместитель директора по УВР',
        tabs('2.', 'Назначение куратора', 'сентябрь 2022 г.', 'Директор'),
        'Формирование базы наставляемых',
        tabs('1.', 'Анкетирование обучающихся', 'октябрь 2022 г.', 'Классные руководители'),
      ),
      check: (r) => {
        expect(r.stages.map((s) => [s.title, s.activities.map((a) => [a.number, a.responsible])])).toEqual([
          ['Подготовка условий для запуска программы', [['1', ['Директор', 'Заместитель директора по УВР']], ['2', ['Директор']]]],
          ['Формирование базы наставляемых', [['1', ['Классные руководители']]]],
        ]);
      },
    },
    {
      name: 'a stage row not worded as a heading, then the header repeated after a page break, then «2.1.»',
      text: lines(
        tabs('№ п/п', 'Мероприятие', 'Сроки', 'Ответственные'),
        'Подготовка условий',
        tabs('1.1.', 'Приказ о внедрении', 'август 2022 г.', 'Директор'),
        'Реализация программы',
        tabs('№ п/п', 'Мероприятие', 'Сроки', 'Ответственные'),
        tabs('2.1.', 'Встречи наставнических пар', 'ежемесячно', 'Наставники'),
      ),
      check: (r) => {
        expect(r.stages.map((s) => [s.title, s.activities.map((a) => a.title)])).toEqual([
          ['Подготовка условий', ['Приказ о внедрении']],
          ['Реализация программы', ['Встречи наставнических пар']],
        ]);
      },
    },
    {
      name: 'a first cell that wraps («1. Разработка и» / «утверждение положения→…»): a row of its own, under a heading and after a row',
      text: lines(
        tabs('Наименование мероприятия', 'Сроки', 'Ответственные'),
        'Раздел 1. Подготовка условий',
        '1. Разработка и утверждение',
        tabs('положения о наставничестве', 'сентябрь 2022 г.', 'Директор'),
        '2. Формирование базы',
        tabs('наставников и наставляемых', 'октябрь 2022 г.', 'Куратор'),
      ),
      check: (r) => {
        expect(r.stages.map((s) => [s.title, s.activities.map((a) => [a.number, a.title, a.responsible])])).toEqual([
          [
            'Подготовка условий',
            [
              ['1', 'Разработка и утверждение положения о наставничестве', ['Директор']],
              ['2', 'Формирование базы наставников и наставляемых', ['Куратор']],
            ],
          ],
        ]);
      },
    },
  ];
  it.each(cases)('$name', ({ text, check }) => check(importRoadmapText(text)));
});

describe('class 4: a cell numbered «1. …; 2. …» holds several activities', () => {
  const table = (...rows: string[][]) => rows.map((r) => r.join('\t')).join('\n');
  const head = ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'];
  const cases: Case[] = [
    {
      name: 'two activities of one row, deadline and responsible shared',
      text: table(head, ['1.', 'Назначение куратора программы', 'август', 'Директор', 'Приказ'], ['2.', '1. Разработка положения о наставничестве; 2. Утверждение программы наставничества', 'сентябрь 2022 г.', 'Директор', 'Положение, программа']),
      check: (r) => {
        const split = acts(r).filter((a) => a.number?.startsWith('2.'));
        expect(split.map((a) => [a.number, a.title, a.deadline.text, a.responsible, a.result])).toEqual([
          ['2.1', 'Разработка положения о наставничестве', 'сентябрь 2022 г.', ['Директор'], 'Положение, программа'],
          ['2.2', 'Утверждение программы наставничества', 'сентябрь 2022 г.', ['Директор'], 'Положение, программа'],
        ]);
        expect(split[0]!.warnings![0]).toMatch(/разделена на 2 мероприятия \(сроки, ответственные, результат — общие\)/);
      },
    },
    {
      name: 'the deadline numbered likewise is split too',
      text: table(head, ['3.', '1. Анкетирование наставляемых; 2. Формирование базы наставляемых', '1. сентябрь; 2. октябрь', 'Куратор', '']),
      check: (r) => {
        expect(acts(r).map((a) => [a.number, a.deadline.text])).toEqual([
          ['3.1', 'сентябрь'],
          ['3.2', 'октябрь'],
        ]);
        expect(acts(r)[0]!.warnings![0]).toMatch(/сроки — по номерам; ответственные — общие/);
      },
    },
    {
      name: 'responsible and result numbered likewise',
      text: table(head, ['4.', '1) Обучение наставников 2) Обучение кураторов', 'ноябрь', '1) Методист 2) Заместитель директора', '1) Сертификаты 2) Удостоверения']),
      check: (r) => {
        expect(acts(r).sort((a, b) => a.number!.localeCompare(b.number!)).map((a) => [a.title, a.responsible, a.result])).toEqual([
          ['Обучение наставников', ['Методист'], 'Сертификаты'],
          ['Обучение кураторов', ['Заместитель директора'], 'Удостоверения'],
        ]);
      },
    },
    {
      name: 'items on lines of their own (a per-line cell of several paragraphs)',
      text: lines(
        cells('№', 'Мероприятие', 'Срок', 'Ответственный'),
        cells('1.', '1. Проведение встречи-знакомства;'),
        '2. Составление плана работы пары;',
        '3. Проведение пробной рабочей встречи',
        cells('сентябрь', 'Наставник'),
      ),
      check: (r) => {
        expect(acts(r).sort((a, b) => a.number!.localeCompare(b.number!)).map((a) => [a.number, a.title])).toEqual([
          ['1.1', 'Проведение встречи-знакомства'],
          ['1.2', 'Составление плана работы пары'],
          ['1.3', 'Проведение пробной рабочей встречи'],
        ]);
      },
    },
    {
      name: 'a result numbered with another count stays shared',
      text: table(head, ['5.', '1. Конкурс «Лучший наставник»; 2. Публикация лучших практик; 3. Итоговая конференция', 'май', 'Куратор', '1. Приказ; 2. Сборник']),
      check: (r) => {
        expect(acts(r)).toHaveLength(3);
        for (const a of acts(r)) expect(a.result).toBe('Приказ; Сборник');
      },
    },
    {
      name: 'no number column: the activities get no made-up numbers',
      text: table(['Мероприятие', 'Срок', 'Ответственный'], ['1. Проведение родительского собрания; 2. Информирование на сайте школы', 'сентябрь', 'Классные руководители'], ['Формирование пар', 'октябрь', 'Куратор']),
      check: (r) => {
        expect(acts(r).map((a) => [a.number, a.title])).toEqual([
          [null, 'Проведение родительского собрания'],
          [null, 'Информирование на сайте школы'],
          [null, 'Формирование пар'],
        ]);
      },
    },
    {
      name: 'not split: a date «до 1.09» inside the text',
      text: table(head, ['1.', 'Разработка положения до 1.09 и его утверждение', 'август 2022 г.', 'Директор', 'Положение']),
      check: (r) => expect(acts(r).map((a) => [a.number, a.title, a.warnings])).toEqual([['1', 'Разработка положения до 1.09 и его утверждение', undefined]]),
    },
    {
      name: 'not split: a reference «2.1 Положение» inside the text',
      text: table(head, ['2.', 'Утверждение документов (п. 2.1 Положения о наставничестве, п. 3.4 Программы)', 'август', 'Директор', '']),
      check: (r) => expect(titles(r)).toEqual(['Утверждение документов (п. 2.1 Положения о наставничестве, п. 3.4 Программы)']),
    },
    {
      name: 'not split: a numbered list after an intro is the activity’s details',
      text: table(head, ['3.', 'Подготовка приказов: 1. о положении о наставничестве; 2. о закреплении пар', 'сентябрь', 'Директор', 'Приказы']),
      check: (r) => {
        expect(acts(r).map((a) => [a.number, a.title, a.details])).toEqual([['3', 'Подготовка приказов', ['о положении о наставничестве', 'о закреплении пар']]]);
      },
    },
    {
      name: 'not split: counts in the text («2 встречи, 3 консультации»)',
      text: table(head, ['4.', 'Проведение 2 встреч и 3 консультаций для наставников', 'в течение года', 'Методист', '']),
      check: (r) => expect(titles(r)).toEqual(['Проведение 2 встреч и 3 консультаций для наставников']),
    },
    {
      name: 'not split: items too short to be tasks («1. а; 2. б»)',
      text: table(head, ['5.', '1. 5 кл.; 2. 6 кл.', 'октябрь', 'Куратор', '']),
      check: (r) => expect(acts(r)).toHaveLength(1),
    },
  ];
  it.each(cases)('$name', ({ text, check }) => check(importRoadmapText(text)));
});

describe('class 5: the period written in the text, not in the title', () => {
  const plan = lines('№\tМероприятие\tСрок\tОтветственный', '1.\tРазработка положения\tноябрь\tДиректор', '2.\tОбучение наставников\tдекабрь\tКуратор');
  const doc = (...before: string[]) => lines('План мероприятий (дорожная карта) по внедрению целевой модели наставничества', '', ...before, '', plan);
  const cases: { name: string; text: string; period: { from: string; to: string } | null; november?: string }[] = [
    { name: '«на период 2021-2024гг.»', text: doc('на период 2021-2024гг.'), period: { from: '2021', to: '2024' } },
    { name: '«на 2022 – 2025 годы»', text: doc('в МБОУ «СОШ № 3» на 2022 – 2025 годы'), period: { from: '2022', to: '2025' } },
    { name: '«на 2023/2024 учебный год» (and «ноябрь» falls in it)', text: doc('на 2023/2024 учебный год'), period: { from: '2023', to: '2024' }, november: '2023-11-01' },
    { name: '«2021–2025 гг.» on a line of its own', text: doc('2021–2025 гг.'), period: { from: '2021', to: '2025' } },
    { name: '«Срок реализации: с 01.09.2021 по 31.05.2024»', text: doc('Срок реализации: с 01.09.2021 по 31.05.2024'), period: { from: '2021', to: '2024' } },
    { name: '«с сентября 2022 года по май 2023 года»', text: doc('Программа рассчитана на период с сентября 2022 года по май 2023 года'), period: { from: '2022', to: '2023' } },
    { name: '«на 2021-2022 и 2022-2023 учебные годы» runs to the last year', text: doc('на 2021-2022 и 2022-2023 учебные годы'), period: { from: '2021', to: '2023' } },
    { name: 'split over two lines («на 2022 –» / «2025 годы»)', text: doc('в образовательных организациях района на 2022 –', '2025 годы'), period: { from: '2022', to: '2025' } },
    {
      name: 'after an approval block with an order number and date',
      text: lines('УТВЕРЖДЕНО', 'приказом от 30.08.2021 № 112', '', 'План мероприятий по внедрению целевой модели наставничества', '', 'на 2021 - 2024 г.г.', '', plan),
      period: { from: '2021', to: '2024' },
    },
    {
      name: 'a national project’s years named first lose to the plan’s own period',
      text: doc('в рамках национального проекта «Образование» (2019–2024)', 'Сроки реализации дорожной карты: 2022–2024 годы'),
      period: { from: '2022', to: '2024' },
    },
    {
      name: 'a passport table before the plan («Сроки реализации | 2021–2024 гг.»)',
      text: lines('Программа наставничества', '', 'Наименование\tПрограмма наставничества МБОУ «СОШ № 1»', 'Сроки реализации\t2021–2024 гг.', '', 'План мероприятий', '', plan),
      period: { from: '2021', to: '2024' },
    },
    { name: 'no years at all: no period', text: doc('для педагогических работников'), period: null },
  ];
  it.each(cases)('$name', ({ text, period, november }) => {
    const r = importRoadmapText(text);
    expect(r.period).toEqual(period);
    if (november) expect(act(r, 'Разработка').deadline.start).toBe(november);
  });

  it('a title row merged across the plan table carries the period', () => {
    const row = (...t: string[]) => ({ cells: t.map((p) => ({ paragraphs: [p] })) });
    const doc: DocModel = {
      blocks: [
        {
          kind: 'table',
          rows: [
            { cells: [{ paragraphs: ['План мероприятий по реализации программы наставничества на 2022-2023 учебный год'], span: 3 }] },
            row('Мероприятие', 'Сроки', 'Ответственные'),
            row('Встреча наставников', 'ноябрь', 'Куратор'),
          ],
        },
      ],
      warnings: [],
    };
    const r = structureRoadmap(doc);
    expect(r.period).toEqual({ from: '2022', to: '2023' });
    expect(r.title).toBe('План мероприятий по реализации программы наставничества на 2022-2023 учебный год');
    expect(acts(r)[0]!.deadline.start).toBe('2022-11-01');
  });

  it('findPeriod keeps the old wordings', () => {
    expect(findPeriod(['на 2020-2024 годы'])).toEqual({ from: '2020', to: '2024' });
    expect(findPeriod(['С 2022 г. по 2024 г.'])).toEqual({ from: '2022', to: '2024' });
    expect(findPeriod(['на 2021/22 учебный год'])).toEqual({ from: '2021', to: '2022' });
    expect(findPeriod(['на 2023 год'])).toEqual({ from: '2023', to: '2023' });
    expect(findPeriod(['Дорожная карта 2021-2024', 'на 2022-2023 учебный год'])).toEqual({ from: '2021', to: '2024' });
  });
});

describe('class 6: targets listed by year in a cell become an indicator', () => {
  const listed: [string, Record<string, number>, string | null][] = [
    ['до конца 2021 г. – не менее 15 % обучающихся; до конца 2022 г. – не менее 30 %; до конца 2023 г. – не менее 50 %', { 2021: 15, 2022: 30, 2023: 50 }, '%'],
    ['2022 год – 20 %, 2023 год – 35 %, 2024 год – 50 %', { 2022: 20, 2023: 35, 2024: 50 }, '%'],
    ['в 2023/2024 уч. г. — не менее 12 чел.; в 2024/2025 уч. г. — не менее 20 чел.', { 2023: 12, 2024: 20 }, 'чел.'],
    ['к концу 2022 года – 10%; к концу 2024 года – 70%', { 2022: 10, 2024: 70 }, '%'],
    ['на 01.01.2023 — 25%, на 01.01.2024 — 40%', { 2023: 25, 2024: 40 }, '%'],
    ['2021 г.: не менее 10 процентов; 2022 г.: не менее 20 процентов', { 2021: 10, 2022: 20 }, '%'],
    ['в 2022 году – 12,5 %; в 2023 году – 17,5 %', { 2022: 12.5, 2023: 17.5 }, '%'],
  ];
  it.each(listed)('reads «%s»', (text, targets, unit) => {
    expect(yearlyTargets(text)).toMatchObject({ targets: Object.fromEntries(Object.entries(targets).map(([y, v]) => [y, v])), unit });
  });
  it.each(['до 1.09.2022, до 1.09.2023', '2022 г. до 15 сентября; 2023 г. до 15 сентября', 'Проведение 2 встреч в 2022 году и 3 встреч в 2023 году', 'ежегодно, 2022–2024 гг.'])(
    'not a list of targets: «%s»',
    (text) => expect(yearlyTargets(text)).toBeNull(),
  );

  const table = (...rows: string[][]) => rows.map((r) => r.join('\t')).join('\n');
  const head = ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Результат'];
  it('a result cell with yearly targets: an indicator named by the activity, said on its row', () => {
    const r = importRoadmapText(
      table(head, ['1.', 'Вовлечение обучающихся в программы наставничества', '2021–2024 гг.', 'Куратор', 'до конца 2021 г. – не менее 15 % обучающихся; до конца 2022 г. – не менее 30 %; до конца 2023 г. – не менее 50 %'], ['2.', 'Обучение наставников', 'ежегодно', 'Методист', 'Сертификаты']),
    );
    expect(r.indicators).toEqual([{ title: 'Вовлечение обучающихся в программы наставничества', unit: '%', targets: { 2021: 15, 2022: 30, 2023: 50 } }]);
    expect(act(r, 'Вовлечение').warnings).toEqual(['значения по годам из ячейки перенесены в показатель «Вовлечение обучающихся в программы наставничества» — проверьте']);
    expect(act(r, 'Вовлечение').result).toMatch(/^до конца 2021 г./);
  });
  it('a named target in the activity cell keeps its own name', () => {
    const r = importRoadmapText(table(head, ['1.', 'Охват педагогов наставничеством: 2022 год – 20 %, 2023 год – 35 %', 'в течение года', 'Куратор', 'Отчёт']));
    expect(r.indicators).toEqual([{ title: 'Охват педагогов наставничеством', unit: '%', targets: { 2022: 20, 2023: 35 } }]);
  });
  it('a KPI table whose values are listed in one cell (no year columns)', () => {
    const r = importRoadmapText(
      lines(
        table(head, ['1.', 'Разработка положения', 'сентябрь 2021', 'Директор', 'Положение']),
        '',
        'Показатели эффективности',
        '',
        table(['№', 'Показатель', 'Целевое значение'], ['1.', 'Доля обучающихся, вовлечённых в наставничество, %', 'до конца 2021 г. – не менее 10 %; до конца 2022 г. – не менее 30 %'], ['2.', 'Количество наставников, чел.', '2021 г. – 5 чел.; 2022 г. – 12 чел.']),
      ),
    );
    expect(r.indicators).toEqual([
      { title: 'Доля обучающихся, вовлечённых в наставничество', unit: '%', targets: { 2021: 10, 2022: 30 } },
      { title: 'Количество наставников', unit: 'чел.', targets: { 2021: 5, 2022: 12 } },
    ]);
    expect(titles(r)).toEqual(['Разработка положения']);
  });
  it('in a paragraph, and as a name with the years on the lines after it', () => {
    const r = importRoadmapText(
      lines(
        'План мероприятий',
        '',
        'Доля педагогов – молодых специалистов, вошедших в программы наставничества: до конца 2022 г. – не менее 50 %; до конца 2023 г. – не менее 70 %.',
        '',
        'Доля обучающихся, вовлечённых в различные формы наставничества:',
        'до конца 2021 г. – не менее 10 %;',
        'до конца 2022 г. – не менее 20 %;',
        'до конца 2023 г. – не менее 40 %.',
        '',
        table(head, ['1.', 'Разработка положения', 'сентябрь 2021', 'Директор', 'Положение']),
      ),
    );
    expect(r.indicators).toEqual([
      { title: 'Доля педагогов – молодых специалистов, вошедших в программы наставничества', unit: '%', targets: { 2022: 50, 2023: 70 } },
      { title: 'Доля обучающихся, вовлечённых в различные формы наставничества', unit: '%', targets: { 2021: 10, 2022: 20, 2023: 40 } },
    ]);
  });
  it('deadlines by year are no indicator', () => {
    const r = importRoadmapText(table(head, ['1.', 'Мониторинг', '2022 г. до 15 сентября; 2023 г. до 15 сентября', 'Куратор', 'Справка']));
    expect(r.indicators).toEqual([]);
  });
});

describe('honest warnings: on the row, and nothing disappears silently', () => {
  const table = (...rows: string[][]) => rows.map((r) => r.join('\t')).join('\n');
  it('a row without an activity is named, not dropped', () => {
    const r = importRoadmapText(table(['№', 'Мероприятие', 'Срок', 'Ответственный'], ['1.', 'Разработка положения', 'август', 'Директор'], ['2.', '', 'сентябрь', 'Куратор по воспитательной работе']));
    expect(titles(r)).toEqual(['Разработка положения']);
    expect(r.warnings).toContainEqual(expect.stringMatching(/^Строка таблицы не перенесена \(в ней нет названия мероприятия\): 2\. \| сентябрь \| Куратор/));
  });
  it('a skipped table names the activities it leaves out', () => {
    const r = importRoadmapText(
      lines(
        table(['Этап', 'Содержание'], ['Подготовительный', 'Приказ'], ['Основной', 'Встречи']),
        '',
        'План',
        '',
        table(['№', 'Мероприятие', 'Срок'], ['1.', 'Разработка положения', 'август'], ['2.', 'Формирование пар', 'сентябрь'], ['3.', 'Встречи пар', 'ежемесячно']),
      ),
    );
    expect(r.warnings.find((w) => w.startsWith('Пропущена'))).toMatch(/не перенесено мероприятий: 2 \(«Приказ», «Встречи»\)/);
  });
  it('a deadline read with a guessed year says so on its row and in the list', () => {
    const r = importRoadmapText(table(['№', 'Мероприятие', 'Срок'], ['1.', 'Разработка положения', 'перед началом практики'], ['2.', 'Встречи', 'сентябрь 2022']));
    const a = act(r, 'Разработка');
    expect(a.warnings).toHaveLength(1);
    expect(r.warnings).toContain(`Мероприятие 1: ${a.warnings![0]}`);
  });
  it('a flat plan: an activity placed by its neighbour says so; a keyword-placed one does not', () => {
    const r = importRoadmapText(
      table(['Мероприятие', 'Срок'], ['Разработка положения о наставничестве', 'август 2022'], ['Издание приказа о назначении куратора', 'август 2022'], ['Анкетирование наставляемых', 'сентябрь 2022'], ['Встреча с родителями', 'сентябрь 2022'], ['Обучение наставников', 'октябрь 2022']),
    );
    expect(act(r, 'Встреча с родителями').warnings?.[0]).toMatch(/выбран по соседнему мероприятию/);
    expect(act(r, 'Обучение наставников').warnings).toBeUndefined();
  });
  it('a date without a year, placed by the plan’s other dates, says so on its row only', () => {
    const r = importRoadmapText(table(['№', 'Мероприятие', 'Срок'], ['1.', 'Разработка положения', 'сентябрь 2022 г.'], ['2.', 'Обучение наставников', 'ноябрь']));
    expect(act(r, 'Обучение').deadline.start).toBe('2022-11-01');
    expect(act(r, 'Обучение').warnings).toEqual(['в сроке «ноябрь» нет года: даты отнесены к 2022/2023 учебному году по другим датам плана — проверьте']);
    expect(act(r, 'Разработка').warnings).toBeUndefined();
  });
  it('columns found by content: a row whose value does not fit its column says so', () => {
    const r = importRoadmapText(
      table(
        ['1.', 'Разработка и утверждение положения о наставничестве в школе', 'сентябрь 2022', 'Директор'],
        ['2.', 'Формирование базы наставников из числа педагогов', 'октябрь 2022', 'Заместитель директора'],
        ['3.', 'Обучение наставников на курсах повышения квалификации', 'ноябрь 2022', 'Методист'],
        ['4.', 'Закрепление наставнических пар приказом директора', 'по готовности', 'Куратор'],
      ),
    );
    expect(r.warnings[0]).toMatch(/столбцы определены по содержимому/);
    expect(act(r, 'Закрепление').warnings).toContain('столбцы определены по содержимому: «по готовности» взято как срок — проверьте');
    expect(act(r, 'Обучение').warnings).toBeUndefined();
  });
  it('activities with warnings pass the schema the client sends back', () => {
    const r = importRoadmapText(table(['№', 'Мероприятие', 'Срок'], ['1.', '1. Разработка положения; 2. Утверждение программы', 'август 2022 г.']));
    expect(acts(r).every((a) => a.warnings && a.warnings.length === 1)).toBe(true);
    expect(RoadmapSchema.parse(r).stages[0]!.activities[0]!.warnings).toEqual(acts(r)[0]!.warnings);
  });
});
