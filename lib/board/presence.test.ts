import { describe, expect, it } from 'vitest';
import { colorFor, PRESENCE_COLORS, readPresence, serverPresenceState } from './presence';

describe('presence states', () => {
  it('reads a well-formed state as it is', () => {
    expect(readPresence(5, { user: { id: 'u1', name: 'Ирина Корнилова', color: '#2f6f5e' }, editing: 'card-1' })).toEqual({
      clientId: 5,
      id: 'u1',
      name: 'Ирина Корнилова',
      color: '#2f6f5e',
      editing: 'card-1',
    });
  });

  it('never lets a bad state through: no CSS in a colour, no non-string name, no junk shapes', () => {
    const css = readPresence(1, { user: { id: 'u1', name: 'X', color: 'url(http://evil.example/x.png)' } });
    expect(css?.color).toBe(colorFor('u1'));
    expect(readPresence(1, { user: { id: 'u1', name: 'X', color: 'red; background:url(x)' } })?.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(readPresence(1, { user: { id: 'u1', name: 42 } })).toBeNull();
    expect(readPresence(1, { user: { id: 'u1', name: { first: 'x' } } })).toBeNull();
    expect(readPresence(1, { user: { id: 7, name: 'X' } })).toBeNull();
    for (const bad of [null, 42, 'user', [], { user: null }, { user: [] }, { user: 'x' }, {}]) expect(readPresence(1, bad)).toBeNull();
    expect(readPresence(1, { user: { id: 'u1', name: 'X' }, editing: { id: 1 } })?.editing).toBeNull();
    expect(readPresence(1, { user: { id: 'u1', name: 'X'.repeat(10_000) } })?.name).toHaveLength(200);
    expect(readPresence(1, { user: { id: 'u1', name: '\u0000\u0007' } })).toBeNull();
  });

  it("the server's state keeps only what it vouches for", () => {
    const state = serverPresenceState({ user: { id: 'head', name: 'Руководитель', color: 'url(x)' }, editing: 'card-2', extra: 'x'.repeat(100) }, { id: 'u9', name: 'Наблюдатель' });
    expect(state).toEqual({ user: { id: 'u9', name: 'Наблюдатель', color: colorFor('u9') }, editing: 'card-2' });
    expect(PRESENCE_COLORS).toContain(state!.user.color);
    expect(serverPresenceState('x', { id: 'u9', name: 'Н' })).toBeNull();
    expect(serverPresenceState({ editing: 5 }, { id: 'u9', name: 'Н' })?.editing).toBeNull();
  });
});
