import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe';
import { EVERY_TYPE, NAMES } from './describe.fixture';
import { roundName } from './describe-reports';

const of = (type: string) => EVERY_TYPE.find(([t]) => t === type)![1];
const say = (type: string, locale: 'ru' | 'en' = 'ru') => describeEvent(of(type), NAMES, locale);

describe('report.* events in words', () => {
  it.each([
    ['report.round_set', 'Л. А. Андропова задала даты периода мониторинга «декабрь 2026 г.» для всех организаций ниже'],
    ['report.contingent_set', 'Л. А. Андропова ввела контингент за декабрь 2026 г.'],
    ['report.setting_set', 'Л. А. Андропова изменила формулу удовлетворённости'],
    ['report.indicator_set', 'Л. А. Андропова связала показатель «Доля молодых специалистов»'],
    ['report.indicator_added', 'Л. А. Андропова добавила показатель «Доля работодателей»'],
    ['report.indicator_removed', 'Л. А. Андропова удалила показатель «Доля работодателей»'],
    ['report.actual_set', 'Л. А. Андропова ввела фактическое значение показателя «Доля работодателей» за декабрь 2026 г.'],
    ['report.conclusions_set', 'Л. А. Андропова изменила выводы и рекомендации за декабрь 2026 г.'],
    ['report.signed', 'Л. А. Андропова подписала отчёт за декабрь 2026 г. (версия 2)'],
    ['report.reopened', 'Л. А. Андропова открыла новую версию отчёта за декабрь 2026 г.'],
  ])('%s', (type, text) => {
    expect(say(type).text).toBe(text);
    expect(say(type, 'en').text).not.toMatch(/событие|event “/);
  });

  it('shows what changed', () => {
    expect(say('report.contingent_set').changes).toEqual([
      { label: 'обучающиеся', kind: 'value', before: '400', after: '420' },
      { label: 'молодые специалисты', kind: 'value', before: '5', after: '6' },
      { label: 'возраст обучающихся', kind: 'value', before: '—', after: '10–18 лет' },
    ]);
    expect(say('report.indicator_set').changes).toEqual([{ label: 'связь', kind: 'value', before: 'не связан', after: 'охват молодых специалистов' }]);
    expect(say('report.signed').changes.map((c) => [c.label, c.kind === 'value' ? c.after : null])).toEqual([
      ['участники', '12'],
      ['пары', '5'],
      ['охват обучающихся', '10,5'],
    ]);
    expect(say('report.reopened').changes).toEqual([{ label: 'причина', kind: 'value', before: '—', after: 'Уточнён контингент' }]);
  });

  it('names rounds by the month they end', () => {
    expect(roundName('2026-06', true)).toBe('июнь 2026 г.');
    expect(roundName('2026-12', false)).toBe('December 2026');
    expect(roundName('bad', true)).toBe('bad');
  });
});
