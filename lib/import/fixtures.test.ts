/*
 * The three real roadmaps (text extracted from Word) read as a careful reader reads them.
 * The fixtures live in tests/fixtures/roadmaps.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { structureRoadmap } from './structure';
import { readText } from './text';
import type { ImportedRoadmap } from './types';
import { ROADMAPS_DIR } from '../../tests/fixtures/paths';

const load = (name: string) => structureRoadmap(readText(readFileSync(path.join(ROADMAPS_DIR, name), 'utf8')));
const acts = (r: ImportedRoadmap) => r.stages.flatMap((s) => s.activities);
const find = (r: ImportedRoadmap, start: string) => acts(r).find((a) => a.title.startsWith(start))!;

function expectClean(r: ImportedRoadmap) {
  const texts = [r.title, r.organisation ?? '', ...r.indicators.map((i) => i.title)];
  for (const s of r.stages) {
    texts.push(s.title);
    for (const a of s.activities) {
      expect(a.title.trim()).not.toBe('');
      texts.push(a.title, ...a.details, a.result ?? '', ...a.responsible, a.deadline.text);
    }
  }
  for (const t of texts) {
    expect(t).not.toMatch(/<|\*\*|\[bookmark/);
    expect(t).not.toMatch(/^\d+(\.\d+)*\.?\s/);
  }
}

describe('fixture: ЦВПВМ (cell per line, stages with `;` lists)', () => {
  const r = load('cvpvm-pedagogical.txt');

  it('title, organisation, no period', () => {
    expect(r.title).toBe('ДОРОЖНАЯ КАРТА (ПЛАН МЕРОПРИЯТИЙ) ПО РЕАЛИЗАЦИИ ПОЛОЖЕНИЯ О СИСТЕМЕ НАСТАВНИЧЕСТВА ПЕДАГОГИЧЕСКИХ РАБОТНИКОВ В МБУ ДО ЦВПВМ');
    expect(r.organisation).toBe('МБУ ДО ЦВПВМ');
    expect(r.period).toBeNull();
    expect(r.indicators).toEqual([]);
    expectClean(r);
  });

  it('seven numbered stages whose list items are the activities', () => {
    expect(r.stages.map((s) => [s.number, s.title, s.activities.length])).toEqual([
      ['1', 'Подготовка условий для реализации системы наставничества', 4],
      ['2', 'Формирование банка наставляемых', 2],
      ['3', 'Формирование банка наставников', 2],
      ['4', 'Отбор и обучение', 4],
      ['5', 'Организация и осуществление работы наставнических пар/групп', 3],
      ['6', 'Завершение персонализированных программ наставничества', 4],
      ['7', 'Информационная поддержка системы наставничества', 1],
    ]);
    expect(r.stages[0]!.activities.map((a) => a.title)).toEqual([
      'Подготовка и принятие локальных нормативных правовых актов МБУ ДО ЦВПВМ',
      'приказ «Об утверждении Положения о системе наставничества педагогических работников в МБУ ДО ЦВПВМ»',
      'приказ(ы) о закреплении наставнических пар/групп с письменного согласия их участников на возложение на них дополнительных обязанностей, связанных с наставнической деятельностью',
      'подготовка персонализированных программ наставничества – при наличии в организации наставляемых',
    ]);
    expect(r.stages[3]!.activities[1]!.title).toBe('обучение наставников для работы с наставляемыми');
    for (const a of acts(r)) expect(a).toMatchObject({ number: null, details: [], responsible: [], result: null, deadline: { text: '', start: null, end: null } });
  });
});

describe('fixture: Мордовия (flat plan, no stages)', () => {
  const r = load('mordovia-regional.txt');

  it('title, region as organisation, period 2020–2024', () => {
    expect(r.title).toMatch(/^План мероприятий \(«дорожная карта»\) региональной программы наставничества обучающихся .* Республики Мордовия на 2020-2024 годы$/);
    expect(r.organisation).toBe('Республика Мордовия');
    expect(r.period).toEqual({ from: '2020', to: '2024' });
    expectClean(r);
  });

  it('groups the 41 activities into the standard stages, with a warning', () => {
    expect(r.stages.map((s) => [s.number, s.title, s.activities.length])).toEqual([
      [null, 'Подготовка условий для запуска программы наставничества', 8],
      [null, 'Формирование базы наставляемых', 5],
      [null, 'Формирование базы наставников', 3],
      [null, 'Отбор и обучение наставников', 3],
      [null, 'Формирование наставнических пар/групп', 4],
      [null, 'Организация работы наставнических пар/групп', 8],
      [null, 'Завершение наставничества', 10],
    ]);
    expect(r.warnings.some((w) => w.includes('Этапы не указаны в документе'))).toBe(true);
    expect(r.stages[6]!.activities[0]!.title).toBe('Проведение заключительной встречи наставника и наставляемого');
  });

  it('places yearless months in the academic year of the period and splits responsible', () => {
    expect(find(r, 'Разработка Региональной программы')).toMatchObject({
      number: null,
      responsible: ['ЦНППМ «Педагог 13.ру»'],
      result: null,
      deadline: { text: 'октябрь', start: '2020-10-01', end: '2020-10-31', recurrence: 'once' },
    });
    expect(find(r, 'Проведение первой, организационной').deadline).toMatchObject({ start: '2021-01-01', end: '2021-01-31' });
    expect(find(r, 'Встреча с обучающимися').responsible).toEqual(['Министерство образования РМ', 'Региональный наставнический центр']);
    expect(find(r, 'Регулярные встречи').deadline).toMatchObject({ text: 'Постоянно', recurrence: 'ongoing' });
    // The row a page break split: its responsible continues on the next page.
    expect(find(r, 'Разработка и утверждение Порядка').responsible).toEqual(['Министерство образования РМ', 'Региональный наставнический центр']);
    expect(acts(r).some((a) => a.title.startsWith('наставнический'))).toBe(false);
  });
});

describe('fixture: Гимназия № 73 (stage table, detailed plan, KPI table)', () => {
  const r = load('gymnasium-73-novokuznetsk.txt');

  it('title, organisation, period from the plan heading; the stage table skipped with a warning', () => {
    expect(r.title).toBe('План мероприятий (дорожная карта) внедрения методологии (целевой модели) наставничества МБОУ «Гимназия №73», на 2022 – 2023 учебный год');
    expect(r.organisation).toBe('МБОУ «Гимназия № 73»');
    expect(r.period).toEqual({ from: '2022', to: '2023' });
    expect(r.warnings.some((w) => w.includes('таблица этапов'))).toBe(true);
    expectClean(r);
  });

  it('the plan table: stages 1–6 with their numbered and unnumbered activities', () => {
    expect(r.stages.map((s) => [s.number, s.activities.length])).toEqual([
      ['1', 9],
      ['2', 8],
      ['3', 7],
      ['4', 3],
      ['5', 9],
      ['6', 4],
    ]);
    expect(r.stages[0]!.title).toBe('Нормативное правовое регулирование внедрения методологии (целевой модели) наставничества МБОУ «Гимназия №73»');
    expect(r.stages[0]!.activities.map((a) => a.number)).toEqual(['1.2', '1.3', '1.7', '1.8', '1.9', '1.10', '1.11', '1.12', '1.15']);
    expect(r.stages[1]!.activities.map((a) => a.number)).toEqual(['2.1', '2.3', '2.4', '2.5', '2.6', '2.8', null, null]);
    expect(r.stages[4]!.activities.map((a) => a.number)).toEqual(['5.1', null, null, '5.2', '5.3', '5.4', '5.5', '5.6', '5.7']);
    expect(r.stages[5]!.activities.map((a) => a.number)).toEqual(['6.1', '6.1.1', '6.2', '6.2.1']);
  });

  it('activities with their deadline, responsible and result', () => {
    expect(find(r, 'Назначение куратора')).toMatchObject({
      number: '1.3',
      responsible: ['Андропова Л. А.'],
      result: 'Приказ ОО',
      deadline: { text: 'до 30.08.2022', start: null, end: '2022-08-30', recurrence: 'once' },
    });
    expect(find(r, 'Подготовка условий для запуска программы наставничества Утверждение').deadline).toMatchObject({ text: 'В течение первого месяца', start: '2022-09-01', end: '2022-09-30' });
    expect(find(r, 'Формирование базы наставляемых в 2022').responsible).toEqual(['Андропова Л. А.', 'Руководители МО']);
    expect(find(r, 'Проведение внутреннего мониторинга').deadline).toMatchObject({ recurrence: 'semiannual' });
    expect(find(r, 'Информирование участников образовательных').deadline).toMatchObject({ recurrence: 'yearly' });
  });

  it('rows split by page breaks are joined', () => {
    expect(find(r, 'Разработка и утверждение распорядительных актов')).toMatchObject({
      number: '1.11',
      title: 'Разработка и утверждение распорядительных актов о внедрении ЦМН на уровне школы, включающие',
      result: 'Приказы ОО',
    });
    expect(find(r, 'Разработка и утверждение распорядительных актов').details).toHaveLength(6);
    expect(find(r, 'Популяризация ЦМН')).toMatchObject({
      number: null,
      title: 'Популяризация ЦМН через муниципальные СМИ, информационные ресурсов сети Интернет, сообщества в социальных сетях, официальных ресурсах организаций - участников ЦМН',
      result: 'Наполнение информационных ресурсов актуальной информацией с применением единого брендинга',
      deadline: { text: 'в течение всего периода реализации ЦМН', recurrence: 'ongoing' },
    });
    expect(find(r, 'Организация работы наставнических пар')).toMatchObject({ number: '3.6', details: ['встреча-знакомство', 'пробная встреча', 'встреча-планирование', expect.stringMatching(/^совместная работа/), 'итоговая встреча'] });
    expect(find(r, 'Оценка участников – наставников').title).toBe('Оценка участников – наставников по заданным параметрам, необходимым для будущего сравнения и мониторинга влияния программ на всех участников');
    expect(find(r, 'на уровне гимназии').details).toEqual(['контроль процедуры внедрения целевой модели наставничества', 'контроль проведения программ наставничества']);
    expect(acts(r).some((a) => /^(ресурсов|заданным|распорядительных|•)/.test(a.title))).toBe(false);
  });

  it('the KPI table becomes three indicators', () => {
    expect(r.indicators).toEqual([
      { title: expect.stringMatching(/^Доля учителей - молодых специалистов \(с опытом работы от 0 до 3 лет\), .*в роли наставляемого$/), unit: '%', targets: { '2022': 100, '2023': 100, '2024': 100 } },
      { title: 'Уровень удовлетворенности наставляемых участием в программах наставничества', unit: '%', targets: { '2022': 60, '2023': 70, '2024': 85 } },
      { title: 'Уровень удовлетворенности наставников участием в программах наставничества', unit: '%', targets: { '2022': 60, '2023': 70, '2024': 85 } },
    ]);
    expect(acts(r).some((a) => a.title.startsWith('Доля') || a.title.startsWith('Уровень удовлетворенности'))).toBe(false);
  });
});
