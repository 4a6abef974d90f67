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
    // A colour outside the palette, however well-formed, would leave the white initials unreadable.
    expect(readPresence(1, { user: { id: 'u1', name: 'X', color: '#ffff00' } })?.color).toBe(colorFor('u1'));
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

  it('every colour of the palette gives white initials at least 4.5:1 contrast (WCAG 2 AA)', () => {
    const channel = (hex: string, i: number) => {
      const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (hex: string) => 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
    for (const color of PRESENCE_COLORS) expect((1 + 0.05) / (luminance(color) + 0.05), color).toBeGreaterThanOrEqual(4.5);
    expect(luminance('#ffff00')).toBeGreaterThan(0.5); // the formula itself: yellow is light
  });
});
