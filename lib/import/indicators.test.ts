import { describe, expect, it } from 'vitest';
import { indicatorsFromText, parseValue, readIndicators, splitTitleUnit } from './indicators';
import type { DocTable } from './types';

const table = (rows: string[][]): DocTable => ({ kind: 'table', rows: rows.map((r) => ({ cells: r.map((c) => ({ paragraphs: c ? [c] : [] })) })) });

describe('readIndicators', () => {
  it('reads a KPI table: year columns, units, explanations stripped, split rows joined', () => {
    const r = readIndicators(
      table([
        ['№ п/п', 'Наименование показателя', '2022 г.', '2023 год', '2024-2025 уч. г.'],
        ['1', '2', '3', '4', '5'],
        ['1', 'Доля молодых специалистов, вошедших в программы, % <i>(отношение количества …</i>', '100', '100', '100'],
        ['2', 'Уровень удовлетворенности наставников, % (опросный) <i>(отношение к общему</i>', 'не менее 60', '70%', '85,5'],
        ['', '<i>количеству наставников)</i>', '', '', ''],
        ['3', 'Количество наставников (чел.)', '5', '—', '7'],
        ['--', '--', '--', '--', '--'],
      ]),
    );
    expect(r).toEqual([
      { title: 'Доля молодых специалистов, вошедших в программы', unit: '%', targets: { '2022': 100, '2023': 100, '2024': 100 } },
      { title: 'Уровень удовлетворенности наставников', unit: '%', targets: { '2022': 60, '2023': 70, '2024': 85.5 } },
      { title: 'Количество наставников', unit: 'чел.', targets: { '2022': 5, '2024': 7 } },
    ]);
  });

  it('takes the unit from a unit column and returns null for other tables', () => {
    expect(readIndicators(table([['Показатель', 'Ед. изм.', '2023'], ['Число пар', 'ед.', '12']]))).toEqual([{ title: 'Число пар', unit: 'ед.', targets: { '2023': 12 } }]);
    expect(readIndicators(table([['Мероприятие', 'Сроки'], ['Приказ', '2022']]))).toBeNull();
    expect(readIndicators(table([]))).toBeNull();
  });

  it('parses values and title units', () => {
    expect([parseValue('не менее 70'), parseValue('12,5 %'), parseValue('—')]).toEqual([70, 12.5, null]);
    expect(splitTitleUnit('Доля обучающихся (%)')).toEqual({ title: 'Доля обучающихся', unit: '%' });
    expect(splitTitleUnit('Доля обучающихся в программах')).toEqual({ title: 'Доля обучающихся в программах', unit: '%' });
    expect(splitTitleUnit('Число встреч')).toEqual({ title: 'Число встреч', unit: null });
  });
});

describe('indicatorsFromText', () => {
  it('reads clear statements of targets by year', () => {
    expect(indicatorsFromText(['Доля обучающихся, вовлечённых в наставничество, к 2024 году составит не менее 70%.'])).toEqual([
      { title: 'Доля обучающихся, вовлечённых в наставничество', unit: '%', targets: { '2024': 70 } },
    ]);
    expect(indicatorsFromText(['Ожидается увеличение доли обучающихся в программах наставничества с 10% в 2020 году до 70% к 2024 году.'])).toEqual([
      { title: 'Доля обучающихся в программах наставничества', unit: '%', targets: { '2020': 10, '2024': 70 } },
    ]);
  });

  it('ignores vague statements', () => {
    expect(indicatorsFromText(['Увеличение доли обучающихся с 10% до 70%.', 'Наставничество важно для 100% школ.', ''])).toEqual([]);
  });
});
