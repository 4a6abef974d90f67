import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicatorStatus, statusLabel, statusRule } from './status';

describe('indicatorStatus', () => {
  it('judges against the target with the 0.9 threshold', () => {
    expect(indicatorStatus(70, 70)).toBe('on_track');
    expect(indicatorStatus(85.5, 70)).toBe('on_track');
    expect(indicatorStatus(63, 70)).toBe('at_risk'); // 70 × 0.9 is 63.000…01 in binary
    expect(indicatorStatus(62.9, 70)).toBe('behind');
    expect(indicatorStatus(0, 0)).toBe('on_track');
    expect(indicatorStatus(50, 100, 0.5)).toBe('at_risk');
  });
  it('says when there is no target or no actual', () => {
    expect(indicatorStatus(null, 70)).toBe('no_data');
    expect(indicatorStatus(undefined, 70)).toBe('no_data');
    expect(indicatorStatus(Number.NaN, 70)).toBe('no_data');
    expect(indicatorStatus(50, null)).toBe('no_target');
    expect(indicatorStatus(null, null)).toBe('no_target');
  });
  it('is monotone in the actual', () => {
    const rank = { behind: 0, at_risk: 1, on_track: 2 } as Record<string, number>;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (a, b, t) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank[indicatorStatus(lo, t)]!).toBeLessThanOrEqual(rank[indicatorStatus(hi, t)]!);
      }),
    );
  });
  it('labels in Russian', () => {
    expect(statusLabel('at_risk')).toBe('под угрозой');
    expect(statusRule()).toContain('90 %');
  });
});
