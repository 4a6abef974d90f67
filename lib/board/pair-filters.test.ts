import { describe, expect, it } from 'vitest';
import type { PairSummary } from '../pairs/types';
import { isPairFiltering, matchesPairFilter, NO_PAIR_FILTER, pairFilterOptions } from './pair-filters';

const member = (personId: string, side: 'mentor' | 'mentee', name: string | null) => ({ personId, side, name, positionOrClass: null, userId: null });
const pair = (over: Partial<PairSummary> = {}): PairSummary => ({
  id: 'p1',
  orgId: 'o',
  boardId: 'b',
  number: 1,
  form: 'учитель – учитель',
  roleModel: null,
  rhythmDays: 14,
  startedOn: '2025-01-10',
  stage: 'trial',
  status: 'active',
  endedOn: null,
  endReason: null,
  order: null,
  mentor: member('m1', 'mentor', 'Смирнова Анна Петровна'),
  mentees: [member('e1', 'mentee', 'Иванов Пётр')],
  meetingsHeld: 2,
  lastMeetingOn: '2025-02-01',
  stalled: false,
  mine: false,
  consentWithdrawn: false,
  ...over,
});
const card = { id: 'p1', title: 'Пара № 1' };

describe('matchesPairFilter', () => {
  it('no filter shows everything, known or not', () => {
    expect(isPairFiltering(NO_PAIR_FILTER)).toBe(false);
    expect(matchesPairFilter(card, pair(), NO_PAIR_FILTER)).toBe(true);
    expect(matchesPairFilter(card, undefined, NO_PAIR_FILTER)).toBe(true);
  });
  it('mine, form, mentor and stalled each narrow by the pair', () => {
    expect(matchesPairFilter(card, pair(), { ...NO_PAIR_FILTER, mine: true })).toBe(false);
    expect(matchesPairFilter(card, pair({ mine: true }), { ...NO_PAIR_FILTER, mine: true })).toBe(true);
    expect(matchesPairFilter(card, pair(), { ...NO_PAIR_FILTER, form: 'студент – студент' })).toBe(false);
    expect(matchesPairFilter(card, pair(), { ...NO_PAIR_FILTER, form: 'учитель – учитель' })).toBe(true);
    expect(matchesPairFilter(card, pair(), { ...NO_PAIR_FILTER, mentorId: 'm2' })).toBe(false);
    expect(matchesPairFilter(card, pair(), { ...NO_PAIR_FILTER, mentorId: 'm1' })).toBe(true);
    expect(matchesPairFilter(card, pair(), { ...NO_PAIR_FILTER, stalled: true })).toBe(false);
    expect(matchesPairFilter(card, pair({ stalled: true }), { ...NO_PAIR_FILTER, stalled: true })).toBe(true);
    // all at once: every condition must hold
    expect(matchesPairFilter(card, pair({ stalled: true, mine: true }), { ...NO_PAIR_FILTER, stalled: true, mine: true, mentorId: 'm2' })).toBe(false);
  });
  it('a card whose pair is unknown hides under any pair filter', () => {
    for (const f of [{ mine: true }, { form: 'x' }, { mentorId: 'm1' }, { stalled: true }]) {
      expect(matchesPairFilter(card, undefined, { ...NO_PAIR_FILTER, ...f })).toBe(false);
    }
  });
  it('the text looks at the title, the form and the names it may see', () => {
    expect(matchesPairFilter(card, pair(), { ...NO_PAIR_FILTER, text: 'смирнова' })).toBe(true);
    expect(matchesPairFilter(card, pair(), { ...NO_PAIR_FILTER, text: 'ИВАНОВ' })).toBe(true);
    expect(matchesPairFilter(card, pair(), { ...NO_PAIR_FILTER, text: 'пара № 1' })).toBe(true);
    expect(matchesPairFilter(card, pair(), { ...NO_PAIR_FILTER, text: 'сидоров' })).toBe(false);
    const hidden = pair({ mentor: member('m1', 'mentor', null), mentees: [member('e1', 'mentee', null)] });
    expect(matchesPairFilter(card, hidden, { ...NO_PAIR_FILTER, text: 'смирнова' })).toBe(false);
    expect(matchesPairFilter(card, undefined, { ...NO_PAIR_FILTER, text: 'пара' })).toBe(true);
  });
});

it('pairFilterOptions lists forms and named mentors once, sorted', () => {
  const o = pairFilterOptions([
    pair(),
    pair({ id: 'p2', form: 'студент – студент', mentor: member('m2', 'mentor', 'Алексеева Ольга') }),
    pair({ id: 'p3' }),
    pair({ id: 'p4', mentor: member('m3', 'mentor', null) }),
  ]);
  expect(o.forms).toEqual(['студент – студент', 'учитель – учитель']);
  expect(o.mentors).toEqual([
    { id: 'm2', name: 'Алексеева Ольга' },
    { id: 'm1', name: 'Смирнова Анна Петровна' },
  ]);
});
