import { describe, expect, it } from 'vitest';
import { BoardTitle, NewBoard, NewOrganisation, NewUser, parseInput } from './validation';

describe('text that reaches a text column', () => {
  it('is refused as invalid input when Postgres could not store it as sent', () => {
    for (const bad of ['План\u0000', 'План \ud800']) {
      expect(() => parseInput(BoardTitle, bad)).toThrow(/invalid/);
      expect(() => parseInput(NewBoard, { orgId: crypto.randomUUID(), kind: 'roadmap', title: bad })).toThrow(/title/);
      expect(() => parseInput(NewUser, { email: 'a@b.ru', name: bad, password: 'password1' })).toThrow(/name/);
      expect(() => parseInput(NewOrganisation, { parentId: null, kind: 'region', name: bad, slug: 'r' })).toThrow(/name/);
    }
    expect(parseInput(BoardTitle, 'План на 2026 год 😀')).toBe('План на 2026 год 😀');
  });
});
