import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fanOutPlan, MAX_SENDERS_SPARED_ECHO } from './fan-out';

describe('fanning out the updates of one turn', () => {
  it('gives every connection exactly the updates others sent, in order, and a sender never its own while few send', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SENDERS_SPARED_ECHO - 1 }), fc.array(fc.integer({ min: -1, max: MAX_SENDERS_SPARED_ECHO - 2 }), { maxLength: 12 }), (n, origins) => {
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

  it('gives everyone every update, in order, in one shared list, when many sent in one turn', () => {
    const conns = Array.from({ length: MAX_SENDERS_SPARED_ECHO + 3 }, (_, i) => ({ id: i }));
    const batch = conns.slice(0, MAX_SENDERS_SPARED_ECHO + 1).map((c, i) => ({ update: i, origin: c }));
    const plan = fanOutPlan(batch, conns);
    expect(plan).toHaveLength(conns.length);
    for (const [, updates] of plan) expect(updates).toBe(plan[0][1]);
    expect(plan[0][1]).toEqual(batch.map((b) => b.update));
  });

  it('shares one list among everyone who sent nothing, so it is encoded once', () => {
    const [a, b, c] = [{}, {}, {}];
    const plan = fanOutPlan([{ update: 'u1', origin: a }, { update: 'u2', origin: a }], [a, b, c]);
    expect(plan.map(([conn]) => conn)).toEqual([b, c]);
    expect(plan[0][1]).toBe(plan[1][1]);
  });
});
