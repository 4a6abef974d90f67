/*
 * Minimum-cost maximum flow, pure, for the matching (lib/matching/assign.ts). No well-kept npm
 * package fits: `munkres` (Hungarian) needs a dense square matrix — 2,000 mentees × ~1,500
 * capacity slots, O(n³) — and `min-cost-flow` is a one-version package without a repository.
 *
 * The algorithm is primal-dual successive shortest paths:
 *   1. Dijkstra on reduced costs (cost + pot[u] − pot[v] ≥ 0) from the source, stopped as soon
 *      as the sink is settled; every node's potential grows by min(its distance, the sink's
 *      distance), which keeps every residual arc's reduced cost ≥ 0 and makes the arcs of the
 *      shortest paths cost 0;
 *   2. one DFS pass (current-arc pointers, dead ends marked) that augments along the arcs whose
 *      reduced cost is 0 — every such source-to-sink path is a shortest one, so many units go
 *      per Dijkstra; a DFS finds a path whenever one exists, so each phase sends at least one
 *      unit. The phases number about the distinct shortest-path lengths (small integer costs:
 *      about fifty in bench/matching.ts). Measured there, this takes about a quarter less CPU
 *      than a Dinic blocking flow (BFS levels, then DFS, repeated) per phase.
 * Run to exhaustion it gives a maximum flow of minimum cost among the maximum flows; with a
 * `limit` it gives a minimum-cost flow of that value (or the maximum, if smaller).
 *
 * Costs must be non-negative safe integers (reduced costs are compared with 0 exactly) and
 * capacities non-negative integers.
 */

export type FlowResult = { flow: number; cost: number };

export class MinCostFlow {
  readonly nodes: number;
  private m = 0;
  private from: Int32Array;
  private to: Int32Array;
  private capacity: Float64Array;
  private costs: Float64Array;
  /** per edge id: how much flows on it after run() */
  private flows: Float64Array | null = null;
  private ran = false;

  /** `expectedEdges`: room reserved for that many edges (more may be added). */
  constructor(nodes: number, expectedEdges = 16) {
    if (!Number.isInteger(nodes) || nodes < 0) throw new RangeError(`node count must be a non-negative integer, not ${nodes}`);
    this.nodes = nodes;
    const room = Math.max(16, Math.floor(expectedEdges) || 0);
    this.from = new Int32Array(room);
    this.to = new Int32Array(room);
    this.capacity = new Float64Array(room);
    this.costs = new Float64Array(room);
  }

  /** A directed edge u → v; returns its id (for flowOn). */
  addEdge(u: number, v: number, capacity: number, cost: number): number {
    if (this.ran) throw new Error('edges cannot be added after run()');
    if (!(Number.isInteger(u) && u >= 0 && u < this.nodes && Number.isInteger(v) && v >= 0 && v < this.nodes)) {
      throw new RangeError(`edge ${u} → ${v} outside 0…${this.nodes - 1}`);
    }
    if (!(Number.isSafeInteger(capacity) && capacity >= 0)) throw new RangeError(`capacity must be a non-negative integer, not ${capacity}`);
    if (!(Number.isSafeInteger(cost) && cost >= 0)) throw new RangeError(`cost must be a non-negative integer, not ${cost}`);
    if (this.m === this.from.length) this.grow();
    const e = this.m++;
    this.from[e] = u;
    this.to[e] = v;
    this.capacity[e] = capacity;
    this.costs[e] = cost;
    return e;
  }

  private grow() {
    const size = this.from.length * 2;
    const more = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.from = more(this.from, (k) => new Int32Array(k));
    this.to = more(this.to, (k) => new Int32Array(k));
    this.capacity = more(this.capacity, (k) => new Float64Array(k));
    this.costs = more(this.costs, (k) => new Float64Array(k));
  }

  get edgeCount() {
    return this.m;
  }

  /** The flow on edge `id` after run(). */
  flowOn(id: number): number {
    if (!this.flows) throw new Error('run() first');
    return this.flows[id]!;
  }

  /** Sends as much flow as possible (at most `limit`) from s to t at the least cost. Once. */
  run(s: number, t: number, limit = Infinity): FlowResult {
    if (this.ran) throw new Error('run() may be called once');
    this.ran = true;
    const n = this.nodes;
    if (s === t || s < 0 || t < 0 || s >= n || t >= n) throw new RangeError(`source ${s} and sink ${t} must be two nodes of 0…${n - 1}`);
    const m = this.m;

    // Compressed adjacency: arcs grouped by tail, in insertion order; arc 2 per edge (forward,
    // backward). arcOf[e] is edge e's forward arc; rev[a] the arc opposite a.
    const start = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      start[this.from[e]! + 1]!++;
      start[this.to[e]! + 1]!++;
    }
    for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, n);
    const head = new Int32Array(2 * m); // the arc's head (where it goes)
    const cap = new Float64Array(2 * m);
    const cost = new Float64Array(2 * m);
    const rev = new Int32Array(2 * m);
    const arcOf = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      const u = this.from[e]!;
      const v = this.to[e]!;
      const a = fill[u]!++;
      const b = fill[v]!++;
      head[a] = v;
      cap[a] = this.capacity[e]!;
      cost[a] = this.costs[e]!;
      rev[a] = b;
      head[b] = u;
      cap[b] = 0;
      cost[b] = -this.costs[e]!;
      rev[b] = a;
      arcOf[e] = a;
    }

    const pot = new Float64Array(n);
    const dist = new Float64Array(n);
    const settled = new Uint8Array(n);
    const heap = new IndexedHeap(n, dist);
    const current = new Int32Array(n);
    const pathNode = new Int32Array(n);
    const pathArc = new Int32Array(n);

    /** Dijkstra on reduced costs until t is settled; false when t cannot be reached. */
    const shortest = (): boolean => {
      dist.fill(Infinity);
      settled.fill(0);
      heap.clear();
      dist[s] = 0;
      heap.push(s);
      while (heap.size > 0) {
        const u = heap.pop();
        settled[u] = 1;
        if (u === t) break;
        const du = dist[u]!;
        const pu = pot[u]!;
        for (let a = start[u]!, end = start[u + 1]!; a < end; a++) {
          if (cap[a]! <= 0) continue;
          const v = head[a]!;
          if (settled[v]) continue;
          const nd = du + cost[a]! + pu - pot[v]!;
          if (nd < dist[v]!) {
            dist[v] = nd;
            heap.pushOrDecrease(v);
          }
        }
      }
      if (!settled[t]) return false;
      const dt = dist[t]!;
      for (let v = 0; v < n; v++) pot[v]! += settled[v] ? dist[v]! : dt;
      return true;
    };

    const mark = new Uint8Array(n); // 1: on the DFS stack, 2: a dead end in this pass
    /**
     * Augments along admissible arcs (residual room, reduced cost 0) by a DFS from s with
     * current-arc pointers, at most `room`. Every such path is a shortest one. A node is a dead
     * end once its arcs are used up (it stays so for the pass, although an augmentation may
     * open a way from it again: such paths are found by the next phase, at the same distance).
     */
    const pass = (room: number): number => {
      for (let v = 0; v < n; v++) current[v] = start[v]!;
      mark.fill(0);
      mark[s] = 1;
      let pushed = 0;
      let depth = 0;
      let u = s;
      while (pushed < room) {
        if (u === t) {
          let f = room - pushed;
          for (let i = 0; i < depth; i++) f = Math.min(f, cap[pathArc[i]!]!);
          let back = depth;
          for (let i = 0; i < depth; i++) {
            const a = pathArc[i]!;
            cap[a]! -= f;
            cap[rev[a]!]! += f;
            if (cap[a] === 0 && back === depth) back = i;
          }
          pushed += f;
          if (back === depth) break; // nothing saturated: the room is used up
          for (let i = back + 1; i < depth; i++) mark[pathNode[i]!] = 0; // off the stack
          depth = back;
          u = pathNode[depth]!; // the tail of the first saturated arc
          continue;
        }
        let advanced = false;
        const pu = pot[u]!;
        for (let end = start[u + 1]!; current[u]! < end; current[u]!++) {
          const a = current[u]!;
          if (cap[a]! <= 0) continue;
          const v = head[a]!;
          if (mark[v] === 0 && cost[a]! + pu - pot[v]! === 0) {
            pathNode[depth] = u;
            pathArc[depth] = a;
            depth++;
            if (v !== t) mark[v] = 1;
            u = v;
            advanced = true;
            break;
          }
        }
        if (advanced) continue;
        if (u === s) break;
        mark[u] = 2;
        depth--;
        u = pathNode[depth]!;
        current[u]!++;
      }
      return pushed;
    };

    let flow = 0;
    let total = 0;
    while (flow < limit && shortest()) {
      const f = pass(limit - flow);
      flow += f;
      total += f * (pot[t]! - pot[s]!);
    }

    this.flows = new Float64Array(m);
    for (let e = 0; e < m; e++) this.flows[e] = cap[rev[arcOf[e]!]!]!;
    return { flow, cost: total };
  }
}

/** A binary min-heap of node ids keyed by `key[node]`, with decrease-key. */
class IndexedHeap {
  private items: Int32Array;
  private where: Int32Array; // position + 1 in items, 0 when absent
  size = 0;
  constructor(
    n: number,
    private key: Float64Array,
  ) {
    this.items = new Int32Array(n);
    this.where = new Int32Array(n);
  }
  clear() {
    for (let i = 0; i < this.size; i++) this.where[this.items[i]!] = 0;
    this.size = 0;
  }
  push(v: number) {
    this.items[this.size] = v;
    this.where[v] = ++this.size;
    this.up(this.size - 1);
  }
  pushOrDecrease(v: number) {
    const at = this.where[v]!;
    if (at === 0) this.push(v);
    else this.up(at - 1);
  }
  pop(): number {
    const top = this.items[0]!;
    this.where[top] = 0;
    const last = this.items[--this.size]!;
    if (this.size > 0) {
      this.items[0] = last;
      this.where[last] = 1;
      this.down(0);
    }
    return top;
  }
  private up(i: number) {
    const { items, where, key } = this;
    const v = items[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const w = items[p]!;
      if (!less(key, v, w)) break;
      items[i] = w;
      where[w] = i + 1;
      i = p;
    }
    items[i] = v;
    where[v] = i + 1;
  }
  private down(i: number) {
    const { items, where, key } = this;
    const v = items[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      const r = c + 1;
      if (r < this.size && less(key, items[r]!, items[c]!)) c = r;
      const w = items[c]!;
      if (!less(key, w, v)) break;
      items[i] = w;
      where[w] = i + 1;
      i = c;
    }
    items[i] = v;
    where[v] = i + 1;
  }
}

/** Ties by node id, so the order nodes settle in is a function of the graph alone. */
const less = (key: Float64Array, a: number, b: number) => key[a]! < key[b]! || (key[a] === key[b] && a < b);
