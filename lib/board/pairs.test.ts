import { describe, expect, it } from 'vitest';
import { ownPairPeople, type PairAccount } from './pairs';

const members: PairAccount[] = [
  { pairId: 'own', side: 'mentor', userId: 'me' },
  { pairId: 'own', side: 'mentee', userId: 'm1' },
  { pairId: 'own', side: 'mentee', userId: null }, // a mentee without an account
  { pairId: 'group', side: 'mentor', userId: 'me' },
  { pairId: 'group', side: 'mentee', userId: 'm2' },
  { pairId: 'other', side: 'mentor', userId: 'someone' },
  { pairId: 'other', side: 'mentee', userId: 'm3' },
  // In another pair the mentor is a mentee: that pair's people are not its to know.
  { pairId: 'learning', side: 'mentor', userId: 'senior' },
  { pairId: 'learning', side: 'mentee', userId: 'me' },
];

describe('ownPairPeople', () => {
  it("names the mentor and the accounts of its own pairs' people, nobody from other pairs", () => {
    expect([...ownPairPeople(members, 'me')].sort()).toEqual(['m1', 'm2', 'me']);
  });
  it('a mentor without pairs knows only itself', () => {
    expect([...ownPairPeople(members, 'nobody')]).toEqual(['nobody']);
  });
});
