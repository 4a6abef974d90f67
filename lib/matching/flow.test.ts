import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinCostFlow } from './flow';

type Edge = { u: number; v: number; cap: number; cost: number };

/** Residual arcs of a flow: forward where room is left, backward where something flows. */
function residual(edges: Edge[], flows: number[]) {
  const arcs: { u: number; v: number; cost: number }[] = [];
  edges.forEach((e, i) => {
    if (flows[i]! < e.cap) arcs.push({ u: e.u, v: e.v, cost: e.cost });
    if (flows[i]! > 0) arcs.push({ u: e.v, v: e.u, cost: -e.cost });
  });
  return arcs;
}

/** Is t reachable from s in the residual graph? (a max flow has no augmenting path) */
function augmentingPath(n: number, arcs: { u: number; v: number }[], s: number, t: number) {
  const seen = new Array<boolean>(n).fill(false);
  const stack = [s];
  seen[s] = true;
  while (stack.length) {
    const u = stack.pop()!;
    for (const a of arcs) if (a.u === u && !seen[a.v]) (seen[a.v] = true), stack.push(a.v);
  }
  return seen[t]!;
}

/** A negative cycle in the residual graph (Bellman-Ford from every node at once)? Its absence proves the flow's cost minimal for its value. */
function negativeCycle(n: number, arcs: { u: number; v: number; cost: number }[]) {
  const d = new Array<number>(n).fill(0);
  for (let round = 0; round < n; round++) {
    let changed = false;
    for (const a of arcs) {
      if (d[a.u]! + a.cost < d[a.v]!) {
        d[a.v] = d[a.u]! + a.cost;
        changed = true;
      }
    }
    if (!changed) return false;
  }
  return true;
}

/** The largest flow value, by plain augmenting paths (Ford–Fulkerson on small integer capacities). */
function maxFlowValue(n: number, edges: Edge[], s: number, t: number) {
  const flows = edges.map(() => 0);
  let value = 0;
  for (;;) {
    const prev = new Array<{ edge: number; forward: boolean } | null>(n).fill(null);
    const seen = new Array<boolean>(n).fill(false);
    seen[s] = true;
    const queue = [s];
    while (queue.length && !seen[t]) {
      const u = queue.shift()!;
      edges.forEach((e, i) => {
        if (e.u === u && !seen[e.v] && flows[i]! < e.cap) (seen[e.v] = true), (prev[e.v] = { edge: i, forward: true }), queue.push(e.v);
        if (e.v === u && !seen[e.u] && flows[i]! > 0) (seen[e.u] = true), (prev[e.u] = { edge: i, forward: false }), queue.push(e.u);
      });
    }
    if (!seen[t]) return value;
    for (let v = t; v !== s; ) {
      const p = prev[v]!;
      flows[p.edge]! += p.forward ? 1 : -1;
      v = p.forward ? edges[p.edge]!.u : edges[p.edge]!.v;
    }
    value++;
  }
}

// Random small graphs; tails lean to the source and heads to the sink so that most have
// several routes from 0 to n − 1 that compete (a sparse uniform graph mostly has none).
const graph = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(
      fc.record({
        u: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: n - 1 })),
        v: fc.oneof(fc.constant(n - 1), fc.integer({ min: 0, max: n - 1 })),
        cap: fc.integer({ min: 0, max: 4 }),
        cost: fc.integer({ min: 0, max: 9 }),
      }),
      { maxLength: 24 },
    ),
    limit: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  }),
);

describe('MinCostFlow', () => {
  it('gives a feasible flow of the largest value (up to the limit) with no negative residual cycle, i.e. of least cost', () => {
    fc.assert(
      fc.property(graph, ({ n, edges, limit }) => {
        const s = 0;
        const t = n - 1;
        const mcf = new MinCostFlow(n);
        const ids = edges.map((e) => mcf.addEdge(e.u, e.v, e.cap, e.cost));
        const result = mcf.run(s, t, limit);
        const flows = ids.map((id) => mcf.flowOn(id));

        // capacities and conservation
        const net = new Array<number>(n).fill(0);
        edges.forEach((e, i) => {
          expect(flows[i]).toBeGreaterThanOrEqual(0);
          expect(flows[i]).toBeLessThanOrEqual(e.cap);
          expect(Number.isInteger(flows[i])).toBe(true);
          net[e.u]! -= flows[i]!;
          net[e.v]! += flows[i]!;
        });
        for (let v = 1; v < n - 1; v++) expect(net[v]).toBe(0);
        expect(net[t]).toBe(result.flow);
        expect(-net[s]! + 0).toBe(result.flow);
        expect(result.cost).toBe(edges.reduce((sum, e, i) => sum + e.cost * flows[i]!, 0));

        // the value: the maximum, or the limit when smaller
        const max = maxFlowValue(n, edges, s, t);
        expect(result.flow).toBe(limit === undefined ? max : Math.min(max, limit));
        const arcs = residual(edges, flows);
        if (limit === undefined || limit >= max) expect(augmentingPath(n, arcs, s, t)).toBe(false);
        // least cost for that value: no negative cycle in the residual graph
        expect(negativeCycle(n, arcs)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the cheaper path first and the dearer one only for more flow', () => {
    // 0 → 1 → 3 costs 1 + 1; 0 → 2 → 3 costs 5 + 5; each carries at most 2
    const build = () => {
      const g = new MinCostFlow(4);
      const ids = [g.addEdge(0, 1, 2, 1), g.addEdge(1, 3, 2, 1), g.addEdge(0, 2, 2, 5), g.addEdge(2, 3, 2, 5)];
      return { g, ids };
    };
    const two = build();
    expect(two.g.run(0, 3, 2)).toEqual({ flow: 2, cost: 4 });
    expect(two.ids.map((id) => two.g.flowOn(id))).toEqual([2, 2, 0, 0]);
    const all = build();
    expect(all.g.run(0, 3)).toEqual({ flow: 4, cost: 24 });
  });

  it('reroutes flow along a backward arc when that is cheaper overall', () => {
    // The classic: the first shortest path 0→1→2→3 (cost 0) must be undone partly to reach flow 2.
    const g = new MinCostFlow(4);
    const e01 = g.addEdge(0, 1, 1, 0);
    const e02 = g.addEdge(0, 2, 1, 3);
    const e12 = g.addEdge(1, 2, 1, 0);
    const e13 = g.addEdge(1, 3, 1, 3);
    const e23 = g.addEdge(2, 3, 1, 0);
    expect(g.run(0, 3)).toEqual({ flow: 2, cost: 6 });
    expect([e01, e02, e12, e13, e23].map((e) => g.flowOn(e))).toEqual([1, 1, 0, 1, 1]);
  });

  it('finds the cheaper of two perfect assignments, which needs the second unit to undo part of the first', () => {
    // s=0; left 1, 2; right 3, 4; t=5. 1→3 costs 1, 1→4 costs 2, 2→3 costs 1, 2→4 costs 9:
    // the best is 1→4, 2→3 (3), not 1→3, 2→4 (10).
    const g = new MinCostFlow(6);
    g.addEdge(0, 1, 1, 0);
    g.addEdge(0, 2, 1, 0);
    const e13 = g.addEdge(1, 3, 1, 1);
    const e14 = g.addEdge(1, 4, 1, 2);
    const e23 = g.addEdge(2, 3, 1, 1);
    const e24 = g.addEdge(2, 4, 1, 9);
    g.addEdge(3, 5, 1, 0);
    g.addEdge(4, 5, 1, 0);
    expect(g.run(0, 5)).toEqual({ flow: 2, cost: 3 });
    expect([e13, e14, e23, e24].map((e) => g.flowOn(e))).toEqual([0, 1, 1, 0]);
  });

  it('refuses negative or fractional costs and capacities, unknown nodes, and a second run', () => {
    const g = new MinCostFlow(2);
    expect(() => g.addEdge(0, 1, 1, -1)).toThrow(RangeError);
    expect(() => g.addEdge(0, 1, 1.5, 1)).toThrow(RangeError);
    expect(() => g.addEdge(0, 1, 1, 0.5)).toThrow(RangeError);
    expect(() => g.addEdge(0, 2, 1, 1)).toThrow(RangeError);
    expect(() => g.flowOn(0)).toThrow();
    g.addEdge(0, 1, 3, 2);
    expect(g.run(0, 1)).toEqual({ flow: 3, cost: 6 });
    expect(() => g.run(0, 1)).toThrow();
    expect(() => g.addEdge(0, 1, 1, 1)).toThrow();
    expect(() => new MinCostFlow(3).run(1, 1)).toThrow(RangeError);
  });
});
