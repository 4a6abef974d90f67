import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boardSignature, checkMeeting, daysSince, dropIntent, mayMovePair, meetingInput, moveTargets, meetingChoices, needsRefetch, newDraft, nextMeetingKind, offersAddMeeting, parseRating, stageIndex } from './moves';
import { PAIR_STAGES, type PairStage } from './types';

const stage = fc.constantFrom(...PAIR_STAGES);

describe('dropIntent', () => {
  it('forward one step records that meeting without a reason', () => {
    expect(dropIntent('intro', 'trial')).toEqual({ kind: 'meeting', meeting: 'trial', skipped: [] });
    expect(dropIntent('regular', 'final')).toEqual({ kind: 'meeting', meeting: 'final', skipped: [] });
  });
  it('skipping stages names them (a reason is then required)', () => {
    expect(dropIntent('intro', 'planning')).toEqual({ kind: 'meeting', meeting: 'planning', skipped: ['trial'] });
    expect(dropIntent('trial', 'final')).toEqual({ kind: 'meeting', meeting: 'final', skipped: ['planning', 'regular'] });
  });
  it('backwards asks for a reason, «Завершено» for the end, the same column for nothing', () => {
    expect(dropIntent('planning', 'intro')).toEqual({ kind: 'back', to: 'intro' });
    expect(dropIntent('done', 'final')).toEqual({ kind: 'back', to: 'final' });
    expect(dropIntent('trial', 'done')).toEqual({ kind: 'end' });
    expect(dropIntent('regular', 'regular')).toEqual({ kind: 'none' });
    expect(dropIntent('regular', 'some-column')).toEqual({ kind: 'none' });
  });
  it('every pair of stages has exactly one meaning, consistent with their order', () => {
    fc.assert(
      fc.property(stage, stage, (a: PairStage, b: PairStage) => {
        const d = dropIntent(a, b);
        if (a === b) return d.kind === 'none';
        if (b === 'done') return d.kind === 'end';
        if (stageIndex(b) < stageIndex(a)) return d.kind === 'back' && d.to === b;
        return d.kind === 'meeting' && d.meeting === b && d.skipped.length === stageIndex(b) - stageIndex(a) - 1;
      }),
    );
  });
});

describe('mayMovePair', () => {
  it('the curator moves any active pair, a mentor its own, others none; nobody an ended pair', () => {
    expect(mayMovePair('edit', { mine: false, status: 'active' })).toBe(true);
    expect(mayMovePair('edit', undefined)).toBe(true);
    expect(mayMovePair('none', { mine: true, status: 'active' })).toBe(true);
    expect(mayMovePair('none', { mine: false, status: 'active' })).toBe(false);
    expect(mayMovePair('read', { mine: false, status: 'active' })).toBe(false);
    expect(mayMovePair('none', undefined)).toBe(false);
    expect(mayMovePair('edit', { mine: true, status: 'completed' })).toBe(false);
    expect(mayMovePair('none', { mine: true, status: 'terminated' })).toBe(false);
  });
  it('the menu offers every other stage of an active pair', () => {
    expect(moveTargets('trial', 'active')).toEqual(['intro', 'planning', 'regular', 'final', 'done']);
    expect(moveTargets('done', 'completed')).toEqual([]);
  });
});

describe('the meeting form', () => {
  const today = '2025-03-10';
  it('a rating is a whole number 1–10 or nothing', () => {
    expect(parseRating('')).toBeNull();
    expect(parseRating(' 7 ')).toBe(7);
    expect(parseRating('10')).toBe(10);
    for (const bad of ['0', '11', '5.5', '-1', 'abc', '100']) expect(parseRating(bad)).toBeNaN();
  });
  it('refuses a date in the future, before the start, or none', () => {
    const d = newDraft('trial', today);
    expect(checkMeeting(d, { today, needsReason: false })).toEqual([]);
    expect(checkMeeting({ ...d, heldOn: '2025-03-11' }, { today, needsReason: false })).toEqual([{ field: 'heldOn', problem: 'dateFuture' }]);
    expect(checkMeeting({ ...d, heldOn: '' }, { today, needsReason: false })).toEqual([{ field: 'heldOn', problem: 'dateRequired' }]);
    expect(checkMeeting({ ...d, heldOn: '2025-01-01' }, { today, startedOn: '2025-02-01', needsReason: false })).toEqual([{ field: 'heldOn', problem: 'dateBeforeStart' }]);
  });
  it('requires a reason when the move skips a stage, and a valid rating', () => {
    const d = { ...newDraft('planning', today), goals: [{ key: 'a', text: 'Открытый урок' }] };
    expect(checkMeeting(d, { today, needsReason: true })).toEqual([{ field: 'reason', problem: 'reasonRequired' }]);
    expect(checkMeeting({ ...d, reason: '  ' }, { today, needsReason: true })).toHaveLength(1);
    expect(checkMeeting({ ...d, reason: 'болезнь', rating: '12' }, { today, needsReason: true })).toEqual([{ field: 'rating', problem: 'rating' }]);
  });
  it('planning needs a goal; final needs every goal marked', () => {
    expect(checkMeeting(newDraft('planning', today), { today, needsReason: false })).toEqual([{ field: 'goals', problem: 'goalsRequired' }]);
    const f = newDraft('final', today);
    expect(checkMeeting(f, { today, needsReason: false, goalIds: ['g1', 'g2'] })).toEqual([{ field: 'goals', problem: 'goalsUnmarked' }]);
    expect(checkMeeting({ ...f, reached: { g1: 'yes', g2: 'no' } }, { today, needsReason: false, goalIds: ['g1', 'g2'] })).toEqual([]);
  });
  it('builds the request body: trimmed text, empty goals dropped, reached as booleans', () => {
    const p = { ...newDraft('planning', today), summary: '  обсудили  ', rating: '8', goals: [{ key: 'a', text: ' Урок ' }, { key: 'b', text: ' ' }] };
    expect(meetingInput(p)).toEqual({ kind: 'planning', heldOn: today, format: 'in_person', summary: 'обсудили', nextSteps: null, rating: 8, goals: [{ text: 'Урок' }] });
    const f = { ...newDraft('final', today), format: 'remote' as const, reason: ' пропуск ', reached: { g1: 'yes' as const, g2: 'no' as const } };
    expect(meetingInput(f, ['g1', 'g2'])).toEqual({
      kind: 'final',
      heldOn: today,
      format: 'remote',
      summary: null,
      nextSteps: null,
      rating: null,
      reason: 'пропуск',
      goalsReached: [
        { id: 'g1', reached: true },
        { id: 'g2', reached: false },
      ],
    });
  });
});

describe('needsRefetch', () => {
  const pairs = new Map([['a', { stage: 'intro' as const }]]);
  it('asks when a card appears that the map lacks, or a card moved, once per look of the board', () => {
    const cards = [{ id: 'a', columnId: 'intro' }];
    expect(needsRefetch(cards, pairs, null)).toBe(false);
    const more = [...cards, { id: 'b', columnId: 'intro' }];
    expect(needsRefetch(more, pairs, null)).toBe(true);
    expect(needsRefetch(more, pairs, boardSignature(more))).toBe(false); // asked already: no loop
    const moved = [{ id: 'a', columnId: 'trial' }];
    expect(needsRefetch(moved, pairs, boardSignature(cards))).toBe(true);
  });
  it('the signature does not depend on the cards’ order', () => {
    expect(boardSignature([{ id: 'b', columnId: 'x' }, { id: 'a', columnId: 'y' }])).toBe(boardSignature([{ id: 'a', columnId: 'y' }, { id: 'b', columnId: 'x' }]));
  });
});

it('daysSince counts calendar days', () => {
  expect(daysSince('2025-03-01', '2025-03-10')).toBe(9);
  expect(daysSince('2025-03-30', '2025-03-31')).toBe(1); // across the DST change elsewhere
});

it('the next meeting: its own stage’s unless held, else the next stage’s; regular ones repeat; none once done', () => {
  expect(nextMeetingKind('intro', [])).toBe('intro');
  expect(nextMeetingKind('intro', ['intro'])).toBe('trial');
  expect(nextMeetingKind('trial', ['intro', 'trial'])).toBe('planning');
  expect(nextMeetingKind('trial', ['intro'])).toBe('trial'); // moved on without its meeting
  expect(nextMeetingKind('regular', ['intro', 'trial', 'planning', 'regular'])).toBe('regular');
  expect(nextMeetingKind('final', ['final'])).toBeNull();
  expect(nextMeetingKind('done', [])).toBeNull();
  expect(meetingChoices('planning', ['intro', 'trial', 'planning'])).toEqual(['regular', 'final']);
  expect(meetingChoices('intro', [])).toEqual(['intro', 'trial', 'planning', 'regular', 'final']);
});

it('«+ встреча»: always among the regular meetings, in the first stage only before its meeting', () => {
  expect(offersAddMeeting('regular', 7)).toBe(true);
  expect(offersAddMeeting('intro', 0)).toBe(true);
  expect(offersAddMeeting('intro', undefined)).toBe(true); // the pair not loaded yet
  expect(offersAddMeeting('intro', 1)).toBe(false);
  for (const s of ['trial', 'planning', 'final', 'done']) expect(offersAddMeeting(s, 0)).toBe(false);
});
