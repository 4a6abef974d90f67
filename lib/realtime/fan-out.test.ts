import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fanOutPlan } from './fan-out';

describe('fanning out the updates of one turn', () => {
  it('gives every connection exactly the updates others sent, in order, and a sender never its own', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 12 }), (n, origins) => {
        const conns = Array.from({ length: n }, (_, i) => ({ id: i }));
        // Origin -1 (or a connection that has left) is the server's own write: everyone gets it.
        const batch = origins.map((o, i) => ({ update: i, origin: conns[o] ?? 'server' }));
        const plan = new Map(fanOutPlan(batch, conns));
        for (const conn of conns) {
          const expected = batch.filter((b) => b.origin !== conn).map((b) => b.update);
          expect(plan.get(conn) ?? []).toEqual(expected);
        }
      }),
    );
  });

  it('shares one list among everyone who sent nothing, so it is encoded once', () => {
    const [a, b, c] = [{}, {}, {}];
    const plan = fanOutPlan([{ update: 'u1', origin: a }, { update: 'u2', origin: a }], [a, b, c]);
    expect(plan.map(([conn]) => conn)).toEqual([b, c]);
    expect(plan[0][1]).toBe(plan[1][1]);
  });
});
