import { describe, expect, it } from 'vitest';
import { MEETING_STAGES } from '../board/templates';
import { LOCALES } from '../i18n/messages';
import { pairLabels } from './labels';
import { MEETING_FORMATS, MEETING_KINDS, PAIR_SIDES, PAIR_STAGES, PAIR_STATUSES } from './types';

describe('pairLabels', () => {
  it('names every stage as the pairs board titles its columns', () => {
    const ru = pairLabels('ru');
    expect(MEETING_STAGES.map((s) => s.id)).toEqual([...PAIR_STAGES]);
    for (const s of MEETING_STAGES) expect(ru.stages[s.id]).toBe(s.title);
  });

  it('has a non-empty word for every kind, format, status and side in both locales, distinct within each set', () => {
    for (const locale of LOCALES) {
      const l = pairLabels(locale);
      const sets: [readonly string[], Record<string, string>][] = [
        [PAIR_STAGES, l.stages],
        [MEETING_KINDS, l.kinds],
        [MEETING_FORMATS, l.formats],
        [PAIR_STATUSES, l.statuses],
        [PAIR_SIDES, l.sides],
      ];
      for (const [keys, words] of sets) {
        expect(Object.keys(words).sort()).toEqual([...keys].sort());
        for (const k of keys) expect(words[k].trim()).not.toBe('');
        expect(new Set(Object.values(words)).size).toBe(keys.length);
      }
    }
  });

  it('speaks Russian by default, with the kinds and formats the journal prints', () => {
    const l = pairLabels();
    expect(l.kinds).toEqual({
      intro: 'Встреча-знакомство',
      trial: 'Пробная рабочая встреча',
      planning: 'Встреча-планирование',
      regular: 'Регулярная встреча',
      final: 'Итоговая встреча',
    });
    expect(l.formats).toEqual({ in_person: 'очно', remote: 'дистанционно' });
    expect(pairLabels('en').formats.remote).toBe('remote');
  });

  it('titles a pair or a group by its number of mentees', () => {
    expect(pairLabels('ru').pairTitle(3, 1)).toBe('Пара № 3');
    expect(pairLabels('ru').pairTitle(4, 2)).toBe('Группа № 4');
    expect(pairLabels('en').pairTitle(4, 3)).toBe('Group No. 4');
    expect(pairLabels('en').pairTitle(5, 0)).toBe('Pair No. 5');
  });
});
