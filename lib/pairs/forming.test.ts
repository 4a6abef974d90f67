import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptPairs, addPreferred, batches, defaultOrderPairIds, filterPairs, menteeOptions, mentorOptions, moveRank, orderUrl, pairInput, preferredFrom, removePreferred, type BankPerson } from './forming';
import type { PairSummary } from './types';

const person = (id: string, fullName: string, over: Partial<BankPerson> = {}): BankPerson => ({ id, fullName, status: 'approved', capacity: 2, consent: { valid: true }, ...over });
const member = (personId: string, side: 'mentor' | 'mentee') => ({ personId, side, name: null, positionOrClass: null, userId: null });
const pair = (id: string, mentorId: string, menteeIds: string[], over: Partial<PairSummary> = {}): PairSummary => ({
  id,
  orgId: 'o',
  boardId: 'b',
  number: 1,
  form: 'учитель – учитель',
  roleModel: null,
  rhythmDays: 14,
  startedOn: '2025-01-01',
  stage: 'intro',
  status: 'active',
  endedOn: null,
  endReason: null,
  order: null,
  mentor: member(mentorId, 'mentor'),
  mentees: menteeIds.map((x) => member(x, 'mentee')),
  meetingsHeld: 0,
  lastMeetingOn: null,
  stalled: false,
  mine: false,
  consentWithdrawn: false,
  ...over,
});

describe('the by-hand form offers', () => {
  it('mentors with a place left, a valid consent, approved or already in a pair; sorted by name', () => {
    const mentors = [
      person('a', 'Яковлева', { capacity: 2 }),
      person('b', 'Борисова', { capacity: 1 }),
      person('c', 'Алексеев', { status: 'in_pair', capacity: 3 }),
      person('d', 'Гусев', { consent: { valid: false } }),
      person('e', 'Дёмин', { status: 'candidate' }),
      person('f', 'Егоров', { erased: true }),
      person('g', 'Жуков', { capacity: null }), // none given: one
    ];
    const pairs = [pair('p1', 'a', ['x']), pair('p2', 'b', ['y']), pair('p3', 'c', ['z', 'w']), pair('p4', 'a', ['v'], { status: 'completed' })];
    expect(mentorOptions(mentors, pairs).map((x) => [x.id, x.left])).toEqual([
      ['c', 1],
      ['g', 1],
      ['a', 1],
    ]);
  });
  it('approved mentees with a valid consent outside every active pair', () => {
    const mentees = [person('x', 'Петров'), person('y', 'Иванов'), person('z', 'Сидоров', { status: 'in_pair' }), person('w', 'Абрамов', { consent: { valid: false } }), person('v', 'Васильев')];
    const pairs = [pair('p1', 'a', ['x']), pair('p2', 'a', ['v'], { status: 'terminated' })];
    expect(menteeOptions(mentees, pairs).map((x) => x.id)).toEqual(['v', 'y']);
  });
  it('the body: trimmed, mentees once, an empty rhythm left to the server, a bad one sent as such', () => {
    expect(pairInput({ mentorId: 'm', menteeIds: ['a', 'b', 'a'], form: ' учитель – учитель ', roleModel: ' ', rhythmDays: '' })).toEqual({ mentorId: 'm', menteeIds: ['a', 'b'], form: 'учитель – учитель', roleModel: null });
    expect(pairInput({ mentorId: 'm', menteeIds: ['a'], form: 'f', roleModel: 'опытный – молодой', rhythmDays: '7' })).toMatchObject({ roleModel: 'опытный – молодой', rhythmDays: 7 });
    expect(pairInput({ mentorId: 'm', menteeIds: ['a'], form: 'f', roleModel: '', rhythmDays: '1.5' }).rhythmDays).toBeNaN();
  });
});

describe('acceptPairs', () => {
  const s = [
    { mentorId: 'm1', menteeId: 'a', form: 'f1' },
    { mentorId: 'm2', menteeId: 'b', form: 'f1' },
    { mentorId: 'm1', menteeId: 'c', form: 'f1' },
    { mentorId: 'm1', menteeId: 'd', form: 'f2' },
  ];
  it('one pair per suggestion, or one group per mentor and form', () => {
    expect(acceptPairs(s, false).pairs).toHaveLength(4);
    const g = acceptPairs(s, true);
    expect(g.pairs).toEqual([
      { mentorId: 'm1', menteeIds: ['a', 'c'], form: 'f1' },
      { mentorId: 'm2', menteeIds: ['b'], form: 'f1' },
      { mentorId: 'm1', menteeIds: ['d'], form: 'f2' },
    ]);
    expect(g.of).toEqual([[0, 2], [1], [3]]);
  });
  it('every suggestion lands in exactly one pair, with its mentor and form', () => {
    const arb = fc.array(fc.record({ mentorId: fc.constantFrom('m1', 'm2', 'm3'), menteeId: fc.uuid(), form: fc.constantFrom('f1', 'f2') }), { maxLength: 30 });
    fc.assert(
      fc.property(arb, fc.boolean(), (list, group) => {
        const { pairs, of } = acceptPairs(list, group);
        const seen = of.flat().sort((a, b) => a - b);
        if (seen.join() !== list.map((_, i) => i).join()) return false;
        return of.every((idx, k) => idx.every((i) => pairs[k].mentorId === list[i].mentorId && pairs[k].form === list[i].form && pairs[k].menteeIds.includes(list[i].menteeId)));
      }),
    );
  });
});

it('batches split in order and lose nothing', () => {
  expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  expect(batches([], 3)).toEqual([]);
  expect(() => batches([1], 0)).toThrow();
  fc.assert(fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 7 }), (list, n) => batches(list, n).flat().join() === list.join() && batches(list, n).every((b) => b.length <= n && b.length > 0)));
});

describe('preferences', () => {
  it('moves, adds once (never oneself), removes', () => {
    expect(moveRank(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveRank(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveRank(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveRank(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(addPreferred(['a'], 'b', 's')).toEqual(['a', 'b']);
    expect(addPreferred(['a'], 'a', 's')).toEqual(['a']);
    expect(addPreferred(['a'], 's', 's')).toEqual(['a']);
    expect(addPreferred(['a'], '', 's')).toEqual(['a']);
    expect(removePreferred(['a', 'b'], 'a')).toEqual(['b']);
  });
  it('a move keeps the same people', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1 }), fc.nat(), fc.constantFrom(-1 as const, 1 as const), (list, i, d) => {
        const out = moveRank(list, i % list.length, d);
        return [...out].sort().join('\u0001') === [...list].sort().join('\u0001');
      }),
    );
  });
});

it('the order names active pairs without an order by default; its address carries the choice', () => {
  const pairs = [pair('p1', 'm', ['a']), pair('p2', 'm', ['b'], { order: { number: '5', date: '2025-01-02' } }), pair('p3', 'm', ['c'], { status: 'completed' })];
  expect(defaultOrderPairIds(pairs)).toEqual(['p1']);
  expect(orderUrl('org', { number: '12-о', date: '2025-09-01', pairIds: ['p1', 'p2'] })).toBe('/api/orgs/org/pairs/order?number=12-%D0%BE&date=2025-09-01&pairIds=p1%2Cp2');
});

it('the list filters by status, form and mentor, by number', () => {
  const pairs = [pair('p2', 'm1', ['a'], { number: 2 }), pair('p1', 'm2', ['b'], { number: 1, form: 'студент – студент' }), pair('p3', 'm1', ['c'], { number: 3, status: 'completed' })];
  expect(filterPairs(pairs, { status: '', form: '', mentorId: '' }).map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  expect(filterPairs(pairs, { status: 'active', form: '', mentorId: 'm1' }).map((p) => p.id)).toEqual(['p2']);
  expect(filterPairs(pairs, { status: '', form: 'студент – студент', mentorId: '' }).map((p) => p.id)).toEqual(['p1']);
});

it('preferredFrom reads rows or a ranked list, one person’s only', () => {
  const rows = [
    { personId: 'p', preferredId: 'b', rank: 2 },
    { personId: 'q', preferredId: 'z', rank: 1 },
    { personId: 'p', preferredId: 'a', rank: 1 },
  ];
  expect(preferredFrom(rows, 'p')).toEqual(['a', 'b']);
  expect(preferredFrom({ preferences: rows }, 'q')).toEqual(['z']);
  expect(preferredFrom({ personId: 'p', preferred: ['c', 'd'] }, 'p')).toEqual(['c', 'd']);
  expect(preferredFrom({ personId: 'x', preferred: ['c'] }, 'p')).toEqual([]);
  expect(preferredFrom([{ personId: 'p', preferred: ['e'] }], 'p')).toEqual(['e']);
  expect(preferredFrom(null, 'p')).toEqual([]);
});
