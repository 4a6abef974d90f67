import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROADMAPS_DIR, SAMPLES_DIR } from '../../tests/fixtures/paths';
import { importRoadmapText } from '../import';
import { countFigure, percentFigure } from './figures';
import { conflictWarnings, guessLink, indicatorLines, mergeIndicators, normaliseIndicatorKey, targetFor, withTargets } from './indicators';
import { FIGURE_KINDS } from './rollup';
import { roundOf } from './rounds';
import { FIGURE_KEYS, type FigureKey, type Figures, type ReportIndicator } from './types';

const fixtureIndicators = (file: string) => importRoadmapText(readFileSync(file, 'utf8')).indicators;
const gymnasium = fixtureIndicators(path.join(ROADMAPS_DIR, 'gymnasium-73-novokuznetsk.txt'));
const regional = fixtureIndicators(path.join(SAMPLES_DIR, 'regional-kpi.txt'));

describe('normaliseIndicatorKey', () => {
  it('gives one key for spelling variants', () => {
    expect(normaliseIndicatorKey('  Уровень удовлетворённости наставляемых, %  ')).toBe('уровень удовлетворенности наставляемых');
    expect(normaliseIndicatorKey('Уровень  удовлетворенности — наставляемых (%)')).toBe('уровень удовлетворенности наставляемых');
    expect(normaliseIndicatorKey('Доля учителей - молодых специалистов (с опытом работы от 0 до 3 лет)')).toBe('доля учителей молодых специалистов с опытом работы от 0 до 3 лет');
  });
  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normaliseIndicatorKey(normaliseIndicatorKey(s)) === normaliseIndicatorKey(s)));
  });
});

describe('guessLink', () => {
  it('links the real indicators of the fixtures', () => {
    const guessed = Object.fromEntries([...gymnasium, ...regional].map((i) => [i.title, guessLink(i.title)]));
    expect(guessed).toEqual({
      'Доля учителей - молодых специалистов (с опытом работы от 0 до 3 лет), работающих в, вошедших в программы наставничества в роли наставляемого': 'youngSpecialistCoverage',
      'Уровень удовлетворенности наставляемых участием в программах наставничества': 'menteeSatisfaction',
      'Уровень удовлетворенности наставников участием в программах наставничества': 'mentorSatisfaction',
      'Доля обучающихся в возрасте от 10 до 18 лет, вовлеченных в различные формы наставничества': 'studentCoverage',
      'Доля педагогических работников в возрасте до 35 лет, вовлеченных в различные формы наставничества': null,
      'Количество образовательных организаций, внедривших целевую модель наставничества': null,
      'Доля обучающихся общеобразовательных организаций, вовлеченных в различные формы наставничества': 'studentCoverage',
    });
  });

  it('reads other usual wordings', () => {
    const cases: [string, FigureKey | null][] = [
      ['Доля молодых специалистов, закреплённых за наставником', 'youngSpecialistCoverage'],
      ['Удовлетворённость наставляемых программой, %', 'menteeSatisfaction'],
      ['Уровень удовлетворенности наставников', 'mentorSatisfaction'],
      ['Удовлетворенность участников (наставников и наставляемых)', null],
      ['Охват обучающихся программами наставничества', 'studentCoverage'],
      ['Доля обучающихся в возрасте 15–19 лет, выступающих наставниками', null],
      ['Количество наставнических пар', 'pairs'],
      ['Число пар «ученик – ученик»', 'pairs'],
      ['Количество завершённых пар', 'pairsCompleted'],
      ['Количество проведённых встреч наставника и наставляемого', 'meetingsHeld'],
      ['Выполнение мероприятий дорожной карты', 'roadmapOnTime'],
      ['Доля мероприятий, выполненных в срок', 'roadmapOnTime'],
      ['Количество наставников', 'mentors'],
      ['Число наставляемых', 'mentees'],
      ['Количество участников программы', 'participants'],
      ['Количество молодых специалистов', null],
      ['Доля работодателей, предоставивших наставников', null],
      ['Количество организаций-участников', null],
      // less is better: not guessed (the status rule counts up); a share of meetings is not their count
      ['Количество пар, прекративших работу досрочно', null],
      ['Доля встреч, проведённых очно', null],
    ];
    for (const [title, link] of cases) expect(guessLink(title), title).toBe(link);
  });
});

describe('targetFor', () => {
  it('takes the round’s year', () => {
    const t = { '2023': 70, '2024': 85 };
    expect([targetFor(t, roundOf('2024-06')), targetFor(t, roundOf('2024-12')), targetFor(t, '2025-06'), targetFor({}, '2024-12')]).toEqual([85, 85, null, null]);
  });
});

describe('mergeIndicators', () => {
  const ind = (title: string, targets: Record<string, number>, unit: string | null = '%') => ({ title, unit, targets });

  it('imports the fixtures’ tables as targets with guessed links', () => {
    const list = mergeIndicators([{ boardId: 'g', boardTitle: 'Дорожная карта гимназии № 73', indicators: gymnasium }], [], {});
    expect(list.map((i) => [i.link, i.guessed, i.targets])).toEqual([
      ['youngSpecialistCoverage', true, { '2022': 100, '2023': 100, '2024': 100 }],
      ['menteeSatisfaction', true, { '2022': 60, '2023': 70, '2024': 85 }],
      ['mentorSatisfaction', true, { '2022': 60, '2023': 70, '2024': 85 }],
    ]);
    expect(list[0]!.origin).toEqual({ kind: 'board', boardId: 'g', boardTitle: 'Дорожная карта гимназии № 73' });
  });

  it('joins one indicator of two roadmaps and names a conflict of targets', () => {
    const list = mergeIndicators(
      [
        { boardId: 'a', boardTitle: 'План гимназии', indicators: [ind('Уровень удовлетворённости наставляемых', { '2023': 70, '2024': 85 })] },
        { boardId: 'b', boardTitle: 'План района', indicators: [ind('уровень удовлетворенности наставляемых, %', { '2024': 80, '2025': 90 }), ind('Число пар', { '2024': 10 }, 'ед.')] },
      ],
      [],
      {},
    );
    expect(list).toHaveLength(2);
    const sat = list[0]!;
    expect(sat.targets).toEqual({ '2023': 70, '2024': 85, '2025': 90 });
    expect(sat.conflict).toBe('Дорожные карты расходятся в цели «Уровень удовлетворённости наставляемых»: на 2024 год «План гимназии» — 85, «План района» — 80; в отчёте — цель первой из них.');
    expect(list[1]!.conflict).toBeNull();
    expect(conflictWarnings(list)).toEqual([{ code: 'TARGET_CONFLICT', message: sat.conflict, indicator: sat.key }]);
  });

  it('adds indicators by hand, and person-set links win over guesses', () => {
    const list = mergeIndicators(
      [{ boardId: 'a', boardTitle: 'План', indicators: [ind('Количество наставников', { '2024': 5 }, 'чел.'), ind('Доля родителей, вовлечённых в программы', { '2024': 10 })] }],
      [
        { key: 'доля победителей конкурсов', title: 'Доля победителей конкурсов', unit: '%', targets: { '2024': 20 } },
        { key: 'количество наставников', title: 'Количество наставников', unit: null, targets: {} }, // the roadmap has it
      ],
      { 'количество наставников': null, 'доля победителей конкурсов': 'manual', 'доля родителей вовлеченных в программы': 'bogus' as never },
    );
    expect(list.map((i) => [i.key, i.origin.kind, i.link, i.guessed])).toEqual([
      ['количество наставников', 'board', null, false],
      ['доля родителей вовлеченных в программы', 'board', null, false],
      ['доля победителей конкурсов', 'manual', 'manual', false],
    ]);
  });
});

function figuresWith(values: Partial<Record<FigureKey, number | null>>): Figures {
  const out = {} as Figures;
  for (const k of FIGURE_KEYS) {
    const v = values[k] ?? 0;
    out[k] = FIGURE_KINDS[k] === 'count' ? countFigure(v ?? 0, '') : values[k] === null ? percentFigure(k, 0, undefined, 'n', 'd', 'нет') : percentFigure(k, v, 100, 'n', 'd', 'нет');
  }
  return out;
}

describe('indicatorLines', () => {
  const indicators: ReportIndicator[] = mergeIndicators(
    [{ boardId: 'g', boardTitle: 'Гимназия', indicators: gymnasium }],
    [{ key: 'доля победителей', title: 'Доля победителей', unit: '%', targets: { '2024': 20 } }],
    { 'доля победителей': 'manual' },
  );
  const dec24 = roundOf('2024-12');

  it('gives target, actual, status and trend, oldest first', () => {
    const lines = indicatorLines(
      indicators,
      figuresWith({ youngSpecialistCoverage: 100, menteeSatisfaction: 80, mentorSatisfaction: null }),
      { 'доля победителей': { value: 25, note: 'по итогам олимпиад' } },
      dec24,
      [
        { round: roundOf('2024-06'), figures: figuresWith({ menteeSatisfaction: 75 }), actuals: {} },
        { round: roundOf('2023-12'), figures: figuresWith({ menteeSatisfaction: 66 }), actuals: { 'доля победителей': { value: 10, note: null } } },
        { round: roundOf('2025-06'), figures: null, actuals: {} }, // after the round: not a trend point
      ],
    );
    expect(lines.map((l) => [l.link, l.target, l.actual, l.status, l.note])).toEqual([
      ['youngSpecialistCoverage', 100, 100, 'on_track', null],
      ['menteeSatisfaction', 85, 80, 'at_risk', null],
      ['mentorSatisfaction', 85, null, 'no_data', null],
      ['manual', 20, 25, 'on_track', 'по итогам олимпиад'],
    ]);
    expect(lines[1]!.trend).toEqual([
      { round: '2023-12', actual: 66, target: 70 },
      { round: '2024-06', actual: 75, target: 85 },
    ]);
    expect(lines[3]!.trend.map((t) => t.actual)).toEqual([10, null]);
  });

  it('an unlinked indicator has no actual; a year without target has no status', () => {
    const [line] = indicatorLines([{ ...indicators[0]!, link: null }], figuresWith({}), {}, dec24);
    expect([line!.actual, line!.status]).toEqual([null, 'no_data']);
    const [later] = indicatorLines(indicators.slice(0, 1), figuresWith({ youngSpecialistCoverage: 90 }), {}, roundOf('2025-12'));
    expect(later!.status).toBe('no_target');
  });

  it('puts targets on the linked figures', () => {
    const f = withTargets(figuresWith({}), indicators, dec24);
    expect([f.youngSpecialistCoverage.target, f.menteeSatisfaction.target, f.pairs.target]).toEqual([100, 85, undefined]);
  });
});
