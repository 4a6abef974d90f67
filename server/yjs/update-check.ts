import * as Y from 'yjs';

/*
 * Is every dependency of an update met by the board or by the update itself?
 *
 * Yjs parks what it cannot integrate yet (pending structs, a pending delete set) and
 * integrates it later, inside whichever transaction brings the missing piece. A writer can
 * use that to have its change land in someone else's transaction: filtered as a no-op when
 * it arrived, then applied, persisted, fanned out and audited as the other person's. So an
 * update that would leave anything pending is refused as a whole, before it is applied.
 *
 * This mirrors what Y.applyUpdate does (yjs 13.6, utils/encoding.js integrateStructs and
 * readAndApplyDeleteSet), on the decoded update and the board's state vector only:
 *   - a client's structs must start at or below the board's clock for it (no gap);
 *   - every origin, right origin and parent id of a struct must be in the board or in the
 *     update, and the update's own structs must not depend on each other in a cycle
 *     (Yjs parks a cycle); an id of the struct's own client must lie before it;
 *   - every deleted range must exist once the update's structs are in.
 * The cost is O(update), never O(board).
 */
export type Decoded = ReturnType<typeof Y.decodeUpdate>;
type Struct = Decoded['structs'][number];

/** Null when the update can be applied whole, else why it would leave something pending. */
export function unmetDependencies(doc: Y.Doc, decoded: Decoded): string | null {
  const boardClock = (client: number) => Y.getState(doc.store, client);
  // Per client: its structs in the update (in clock order) and the clock reached with them.
  const blocks = new Map<number, Struct[]>();
  const reached = new Map<number, number>();
  let previous: Struct | null = null;
  for (const s of decoded.structs) {
    const client = s.id.client;
    // Clocks are implicit inside a client's block; a clock out of step starts a second block
    // of the same client, which Y.applyUpdate would let replace the first one.
    const sameBlock = previous?.id.client === client && previous.id.clock + previous.length === s.id.clock;
    if (!sameBlock && blocks.has(client)) return `client ${client} appears twice in the update`;
    previous = s;
    if (!blocks.has(client)) blocks.set(client, []);
    if (s instanceof Y.Skip) continue; // a gap: the next struct of this client finds it
    const at = reached.get(client) ?? boardClock(client);
    if (s.id.clock > at) return `${client}:${s.id.clock} comes after a gap (the board has ${client} up to ${at})`;
    reached.set(client, Math.max(at, s.id.clock + s.length));
    blocks.get(client)!.push(s);
  }
  const available = (client: number) => reached.get(client) ?? boardClock(client);

  // Dependencies on the update's own structs, as edges between structs; each must exist.
  const edges = new Map<Struct, Struct[]>();
  for (const list of blocks.values()) {
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (!(s instanceof Y.Item)) continue;
      const out: Struct[] = i > 0 ? [list[i - 1]] : [];
      for (const ref of [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null]) {
        if (!ref) continue;
        const at = `${s.id.client}:${s.id.clock}`;
        if (ref.client === s.id.client) {
          // An earlier clock of its own client is the board's or an earlier struct here.
          if (ref.clock >= s.id.clock) return `${at} refers to ${ref.client}:${ref.clock}, not before it`;
        } else if (ref.clock >= available(ref.client)) {
          return `${at} depends on ${ref.client}:${ref.clock}, which neither the board nor the update has`;
        } else if (ref.clock >= boardClock(ref.client)) {
          out.push(containing(blocks.get(ref.client)!, ref.clock));
        }
      }
      edges.set(s, out);
    }
  }
  const cycle = findCycle(edges);
  if (cycle) return `${cycle.id.client}:${cycle.id.clock} is part of a dependency cycle`;

  for (const [client, items] of decoded.ds.clients) {
    const end = available(client);
    for (const d of items) {
      if (d.clock + d.len > end) return `deletes ${client}:${d.clock}+${d.len}, beyond ${client}'s clock ${end}`;
    }
  }
  return null;
}

/** The struct of a client's (clock-ordered, gapless) list that holds `clock`. */
function containing(list: Struct[], clock: number): Struct {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid].id.clock <= clock) lo = mid;
    else hi = mid - 1;
  }
  return list[lo];
}

/** A struct on a cycle of the dependency graph, if there is one (iterative: updates can be long). */
function findCycle(edges: Map<Struct, Struct[]>): Struct | null {
  const state = new Map<Struct, 1 | 2>(); // 1: on the current path, 2: done
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: [Struct, number][] = [[start, 0]];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const out = edges.get(top[0]) ?? [];
      if (top[1] === out.length) {
        state.set(top[0], 2);
        stack.pop();
        continue;
      }
      const next = out[top[1]++];
      const seen = state.get(next);
      if (seen === 1) return next;
      if (seen === undefined) {
        state.set(next, 1);
        stack.push([next, 0]);
      }
    }
  }
  return null;
}

/**
 * The last line of defence: if anything was parked anyway, it is dropped before a later
 * transaction can integrate it. Returns whether there was something to drop.
 */
export function dropPending(doc: Y.Doc): boolean {
  const { store } = doc;
  if (!store.pendingStructs && !store.pendingDs) return false;
  store.pendingStructs = null;
  store.pendingDs = null;
  return true;
}
