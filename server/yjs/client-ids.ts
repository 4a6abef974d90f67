import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Decoded } from './update-check';

/*
 * Yjs client ids are chosen by clients and public (every state vector lists them). Two
 * things follow, both handled here, per room:
 *
 * - Ownership. A writer that adds structs under another person's client id, at that
 *   client's next clocks, makes that person's real next edit look already known: it is
 *   skipped everywhere, and the writer's content sits in its place. So the first user to
 *   add structs under a client id owns it for the life of the room (the same user's tabs
 *   and reconnections share it), and an update adding structs under a client id another
 *   user owns is refused. After a restart ownership starts afresh.
 *
 * - Refused content leaves a gap. A client whose update was refused (a key a card does
 *   not have, another pair's card) goes on numbering its structs after it; every later
 *   update of that client would then wait for the missing clocks for ever. The refused
 *   clocks are therefore filled with garbage (GC structs: a clock range with no content,
 *   no position, nothing to audit), so the client's later, allowed edits still apply.
 *   Only for client ids the writer owns, so nobody can burn another's clocks.
 */
export class ClientIds {
  private readonly owners = new Map<number, string>();

  /** The clients an update adds structs under, with the clock range it adds. */
  static added(doc: Y.Doc, decoded: Decoded): Map<number, { from: number; to: number }> {
    const ranges = new Map<number, { from: number; to: number }>();
    for (const s of decoded.structs) {
      if (s instanceof Y.Skip) continue;
      const known = Y.getState(doc.store, s.id.client);
      const end = s.id.clock + s.length;
      if (end <= known) continue;
      const r = ranges.get(s.id.client);
      if (r) r.to = Math.max(r.to, end);
      else ranges.set(s.id.client, { from: Math.max(known, s.id.clock), to: end });
    }
    return ranges;
  }

  /** Null when `userId` may add these structs, else why not. */
  problem(doc: Y.Doc, decoded: Decoded, userId: string): string | null {
    for (const client of ClientIds.added(doc, decoded).keys()) {
      const owner = this.owners.get(client);
      if (owner !== undefined && owner !== userId) return `client id ${client} belongs to another user`;
    }
    return null;
  }

  /** After an update of `userId` was accepted: the client ids it added structs under are its. */
  claim(clients: Iterable<number>, userId: string): void {
    for (const client of clients) if (!this.owners.has(client)) this.owners.set(client, userId);
  }

  /**
   * The update that fills the clocks a refused update of `userId` would have added, for the
   * client ids that are (or become) the user's; null when there is nothing to fill.
   */
  garbage(doc: Y.Doc, decoded: Decoded, userId: string): Uint8Array | null {
    const ranges = [...ClientIds.added(doc, decoded)].filter(([client]) => (this.owners.get(client) ?? userId) === userId);
    if (ranges.length === 0) return null;
    const enc = new Y.UpdateEncoderV1();
    encoding.writeVarUint(enc.restEncoder, ranges.length);
    for (const [client, { from, to }] of ranges) {
      this.owners.set(client, userId);
      encoding.writeVarUint(enc.restEncoder, 1);
      enc.writeClient(client);
      encoding.writeVarUint(enc.restEncoder, from);
      new Y.GC(Y.createID(client, from), to - from).write(enc, 0);
    }
    encoding.writeVarUint(enc.restEncoder, 0); // no deletions
    return enc.toUint8Array();
  }
}
