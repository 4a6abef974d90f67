/*
 * Roadmaps written for these tests (tests/fixtures/samples/) in the shapes real schools, colleges,
 * municipalities and regions publish, as Word text extraction or an Excel CSV gives them:
 * stage rows as «Раздел I.», «Этап 1.», «1 этап:», «I. …», a bare line, a merged cell repeated
 * in every column, «Организационный этап» in the activity column; columns in other orders and
 * wordings; page-break splits and repeated headers. Each is read as a careful reader reads it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRoadmap } from './index';
import type { ImportedRoadmap } from './types';
import { SAMPLES_DIR } from '../../tests/fixtures/paths';

const load = (name: string) => importRoadmap(new Uint8Array(readFileSync(path.join(SAMPLES_DIR, name))), name);
const acts = (r: ImportedRoadmap) => r.stages.flatMap((s) => s.activities);
const find = (r: ImportedRoadmap, start: string) => acts(r).find((a) => a.title.startsWith(start))!;
const shape = (r: ImportedRoadmap) => r.stages.map((s) => [s.number, s.title, s.activities.length]);

function expectClean(r: ImportedRoadmap) {
  for (const a of acts(r)) {
    for (const t of [a.title, ...a.details, a.result ?? '', ...a.responsible]) {
      expect(t).not.toMatch(/<|\*\*|&nbsp;|^\d+(\.\d+)*[.)]?\s|^(Раздел|Этап)\s/);
    }
  }
  // No stage heading swallowed by the activity above it.
  for (const a of acts(r)) expect(a.title).not.toMatch(/(Этап|Раздел) \d|этап$/);
}

describe('sample: school, «Раздел I.» as bare lines, ignored «Отметка о выполнении»', async () => {
  const r = await load('school-razdel.txt');
  it('heading', () => {
    expect(r.title).toBe('Дорожная карта по внедрению целевой модели наставничества в МБОУ «СОШ № 5» на 2021-2022 учебный год');
    expect(r.organisation).toBe('МБОУ «СОШ № 5»');
    expect(r.period).toEqual({ from: '2021', to: '2022' });
    expectClean(r);
  });
  it('four sections with their numbered rows, the page-broken row joined', () => {
    expect(shape(r)).toEqual([
      ['I', 'Нормативно-правовое обеспечение внедрения целевой модели наставничества', 4],
      ['II', 'Информационное сопровождение', 3],
      ['III', 'Формирование баз наставников и наставляемых', 3],
      ['IV', 'Организация работы наставнических пар (групп)', 4],
    ]);
    expect(find(r, 'Обучение наставников')).toMatchObject({ number: '3.3', result: 'Сертификаты о прохождении обучения' });
  });
  it('recurring deadlines over the academic year; people not glued', () => {
    expect(find(r, 'Подготовка отчета').deadline).toMatchObject({ recurrence: 'ongoing', start: '2021-09-01', end: '2022-08-31' });
    expect(find(r, 'Мониторинг').deadline).toMatchObject({ recurrence: 'ongoing', start: '2021-09-01' });
    expect(find(r, 'Проведение итогового').responsible).toEqual(['Куратор', 'наставники', 'наставляемые']);
    expect(r.warnings).toEqual([]);
  });
});

describe('sample: college, «Этап N.» rows with an empty number cell', async () => {
  const r = await load('college-etap.txt');
  it('five stages, none glued to the row above', () => {
    expect(r.organisation).toBe('ГАПОУ «ЧПК»');
    expect(r.period).toEqual({ from: '2021', to: '2024' });
    expect(shape(r)).toEqual([
      ['1', 'Подготовка условий для запуска программы наставничества', 3],
      ['2', 'Формирование базы наставников и наставляемых', 2],
      ['3', 'Обучение наставников', 1],
      ['4', 'Реализация программы наставничества', 3],
      ['5', 'Подведение итогов', 2],
    ]);
    expectClean(r);
  });
  it('responsible before deadline; college forms kept whole', () => {
    expect(find(r, 'Определение форм')).toMatchObject({ number: '1.2', responsible: ['Рабочая группа'], result: 'Перечень форм наставничества' });
    expect(find(r, 'Определение форм').title).toContain('«работодатель – студент»');
    expect(find(r, 'Привлечение').deadline).toMatchObject({ start: '2021-10-01', end: '2021-12-31', recurrence: 'once' });
    expect(find(r, 'Мониторинг').deadline).toMatchObject({ text: 'по итогам полугодия', recurrence: 'semiannual' });
    expect(find(r, 'Конкурс').deadline).toMatchObject({ start: '2022-05-01', end: '2024-05-31', recurrence: 'yearly' });
  });
});

describe('sample: municipal plan, «I. Подготовительный этап», «Форма завершения»', async () => {
  const r = await load('municipal-roman.txt');
  it('the issuing body, three stages', () => {
    expect(r.organisation).toBe('Управление образования администрации Кировского муниципального района');
    expect(r.period).toEqual({ from: '2021', to: '2024' });
    expect(shape(r)).toEqual([
      ['I', 'Подготовительный этап', 3],
      ['II', 'Основной этап', 5],
      ['III', 'Заключительный этап', 2],
    ]);
    expectClean(r);
  });
  it('fields', () => {
    expect(find(r, 'Формирование муниципальной базы')).toMatchObject({
      number: '4',
      responsible: ['МКУ «Информационно-методический центр»', 'руководители ОО'],
      result: 'База данных',
      deadline: { start: '2022-01-01', end: '2022-05-31', recurrence: 'once' },
    });
    expect(find(r, 'Проведение семинаров').deadline.recurrence).toBe('ongoing');
    expect(r.warnings).toEqual([]);
  });
});

describe('sample: regional plan, «1 этап:», KPI table and a stated target', async () => {
  const r = await load('regional-kpi.txt');
  it('ministry, stages', () => {
    expect(r.organisation).toBe('Министерство образования и науки Самарской области');
    expect(r.title).toMatch(/^План мероприятий \(дорожная карта\) по внедрению .* в Самарской области на 2021-2024 годы$/);
    expect(shape(r)).toEqual([
      ['1', 'Организационно-управленческий', 3],
      ['2', 'Внедрение целевой модели', 3],
      ['3', 'Мониторинг и оценка эффективности', 2],
    ]);
    expect(find(r, 'Создание регионального').responsible).toEqual(['Министерство образования и науки Самарской области', 'ГАУ ДПО «Институт развития образования»']);
    expect(find(r, 'Сбор информации').responsible).toEqual(['Органы местного самоуправления, осуществляющие управление в сфере образования']);
    expectClean(r);
  });
  it('indicators', () => {
    expect(r.indicators[0]).toEqual({
      title: 'Доля обучающихся в возрасте от 10 до 18 лет, вовлеченных в различные формы наставничества',
      unit: '%',
      targets: { '2021': 10, '2022': 30, '2023': 50, '2024': 70 },
    });
    expect(r.indicators[2]).toMatchObject({ unit: 'ед.', targets: { '2024': 812 } });
    expect(r.indicators.some((i) => i.title.startsWith('Доля обучающихся общеобразовательных') && i.targets['2024'] === 70)).toBe(true);
  });
});

describe('sample: flat lyceum plan with «Целевая аудитория» and a repeated header', async () => {
  const r = await load('flat-audience.txt');
  it('ten activities, grouped with a warning, the split row joined', () => {
    expect(r.period).toEqual({ from: '2022', to: '2023' });
    expect(acts(r)).toHaveLength(10);
    expect(r.warnings.some((w) => w.includes('Этапы не указаны'))).toBe(true);
    expect(find(r, 'Методическая неделя')).toMatchObject({ number: '8', responsible: ['Заместитель директора по УВР'], deadline: { start: '2023-02-01' } });
    expect(find(r, 'Встречи наставников').deadline).toMatchObject({ recurrence: 'ongoing', start: '2022-09-01', end: '2023-08-31' });
    expect(r.stages.find((s) => s.title.startsWith('Организация работы'))!.activities[0]!.title).toMatch(/^Встречи наставников/);
    expectClean(r);
  });
});

describe('sample: kindergarten, unnumbered stage rows, HTML list cell, bold heading lines', async () => {
  const r = await load('html-lists-spanning.txt');
  it('heading over three bold lines, nested quotes in the name', () => {
    expect(r.title).toBe('План мероприятий («дорожная карта») по внедрению системы наставничества педагогических работников в МБДОУ «Детский сад № 17 «Солнышко»» на 2023-2025 годы');
    expect(r.organisation).toBe('МБДОУ «Детский сад № 17 «Солнышко»»');
  });
  it('three stages; lists as details', () => {
    expect(shape(r)).toEqual([
      [null, 'Организационный этап', 2],
      [null, 'Основной этап', 3],
      [null, 'Итоговый этап', 2],
    ]);
    expect(find(r, 'Подготовка нормативной базы').details).toHaveLength(3);
    expect(find(r, 'Консультации').details).toEqual(['планирование образовательной деятельности', 'организация РППС группы', 'взаимодействие с родителями воспитанников']);
    expect(find(r, 'Участие').title).toBe('Участие молодых специалистов в конкурсах профессионального мастерства «Педагогический дебют»');
    expect(find(r, 'Взаимопосещение').deadline.recurrence).toBe('ongoing');
    expect(find(r, 'Анкетирование').deadline.recurrence).toBe('yearly');
    expectClean(r);
  });
});

describe('sample: merged stage cells repeated in every column, «1)» numbering', async () => {
  const r = await load('merged-duplicated.txt');
  it('three stages, nothing copied into the fields', () => {
    expect(r.organisation).toBe('МКОУ «Новоселовская ООШ»');
    expect(shape(r)).toEqual([
      ['1', 'Нормативно-правовое обеспечение', 2],
      ['2', 'Работа с наставниками и наставляемыми', 3],
      ['3', 'Подведение итогов', 1],
    ]);
    expect(find(r, 'Формирование наставнических пар')).toMatchObject({ number: '1', deadline: { end: '2022-10-01' } });
    expect(r.warnings).toEqual([]);
  });
});

describe('sample: stage column with merged cells', async () => {
  const r = await load('stage-column.txt');
  it('four stages from the first column', () => {
    expect(r.organisation).toBe('ГБПОУ «Курганский техникум сервиса и технологий»');
    expect(shape(r)).toEqual([
      [null, 'Подготовительный', 3],
      [null, 'Формирование баз', 2],
      [null, 'Реализация', 2],
      [null, 'Завершение', 1],
    ]);
    expect(find(r, 'Организация работы пар').deadline).toMatchObject({ start: '2022-11-01', end: '2023-05-31' });
  });
});

describe('sample: deadline column first, months without a year', async () => {
  const r = await load('deadline-first.txt');
  it('one stage «Мероприятия»: too few activities belong to a standard stage', () => {
    expect(shape(r)).toEqual([[null, 'Мероприятия', 8]]);
    expect(find(r, 'Утверждение персонализированных')).toMatchObject({ responsible: ['Куратор'], result: 'Программы', deadline: { start: '2023-09-01' } });
    expect(find(r, 'Собеседование').deadline).toMatchObject({ start: '2024-01-01', end: '2024-01-31' });
  });
});

describe('sample: a bare «Раздел 1.» line after the header and inside the table', async () => {
  const r = await load('untabbed-stages.txt');
  it('two sections; the result cell keeps only its own lines', () => {
    expect(r.organisation).toBe('Администрация Белгородского района');
    expect(shape(r)).toEqual([
      ['1', 'Организационно-методическое обеспечение', 3],
      ['2', 'Реализация программ наставничества', 3],
    ]);
    expect(find(r, 'Организация курсов').result).toBe('Удостоверения');
    expect(find(r, 'Проведение муниципального фестиваля')).toMatchObject({ result: 'Положение о фестивале, приказ об итогах', deadline: { recurrence: 'yearly' } });
    expect(find(r, 'Мониторинг').deadline).toMatchObject({ recurrence: 'semiannual', end: '2024-12-20' });
  });
});

describe('sample: CSV exported from Excel with «;»', async () => {
  const r = await load('excel-export.csv');
  it('three stages; the academic year read from the dates', () => {
    expect(shape(r)).toEqual([
      ['1', 'Подготовительный этап', 2],
      ['2', 'Основной этап', 3],
      ['3', 'Заключительный этап', 1],
    ]);
    expect(find(r, 'Разработка и утверждение документов').details).toEqual(['положения о наставничестве', 'программы наставничества']);
    expect(find(r, 'Работа наставнических пар').deadline).toMatchObject({ start: '2022-09-01', end: '2023-08-31', recurrence: 'ongoing' });
    expect(r.warnings.some((w) => w.includes('2022/2023'))).toBe(true);
  });
});

describe('sample: a two-column paste', async () => {
  const r = await load('two-column-paste.txt');
  it('six activities with their deadlines', () => {
    expect(acts(r)).toHaveLength(6);
    expect(find(r, 'Обучение наставников').deadline).toMatchObject({ start: '2022-11-01', end: '2022-11-30' });
    expect(find(r, 'Встречи').deadline).toMatchObject({ recurrence: 'ongoing', start: '2022-09-01', end: '2023-08-31' });
    for (const a of acts(r)) expect(a.responsible).toEqual([]);
  });
});
