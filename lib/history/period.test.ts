import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, formatMoment, localMoment, toLocalMoment } from './period';

describe('the history period: Moscow days as instants', () => {
  it('turns a day into its first and last instant in Moscow time', () => {
    expect(new Date(dayStart('2026-12-01')!).toISOString()).toBe('2026-11-30T21:00:00.000Z');
    expect(new Date(dayEnd('2026-12-01')!).toISOString()).toBe('2026-12-01T20:59:59.999Z');
    expect(dayStart('2026-02-30')).toBeUndefined(); // no such day
  });

  it('ignores what is not a date rather than guessing', () => {
    for (const bad of [undefined, '', '01.12.2026', '2026-13-01', "2026-12-01'; drop", '2026-12-01T10:00']) {
      expect(dayStart(bad), String(bad)).toBeUndefined();
      expect(dayEnd(bad), String(bad)).toBeUndefined();
    }
  });

  it('reads and writes the picker’s local moment both ways', () => {
    const at = localMoment('2026-12-01T14:05')!;
    expect(at.toISOString()).toBe('2026-12-01T11:05:00.000Z');
    expect(toLocalMoment(at)).toBe('2026-12-01T14:05');
    expect(localMoment('2026-12-01')).toBeUndefined();
    expect(localMoment('yesterday')).toBeUndefined();
  });

  it('shows a moment as Russians read it', () => {
    expect(formatMoment('2026-12-01T11:05:00Z')).toBe('01.12.2026, 14:05');
  });
});
