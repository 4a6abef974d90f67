import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MAX_PRESENCE_CHARS, serverPresenceState } from '../../lib/board/presence';

/*
 * Awareness (presence) as a room relays it. y-websocket would relay any state for any
 * client id; here a connection speaks only for the client id it introduced (its first
 * awareness state claims it; an id another user's connection holds is refused; the same
 * user reconnecting takes its id over), states are capped in size, and what is relayed
 * is rebuilt by the server: `user` comes from the session, `editing` is a short string.
 */
export type Speaker = { userId: string; name: string };
type Entry = { clientId: number; clock: number; state: string };

export class AwarenessGuard {
  private readonly owners = new Map<number, Speaker>();
  private readonly claimed = new Map<Speaker, number>();

  /** The update the room may apply for this speaker (null: nothing), and what was refused. */
  admit(speaker: Speaker, update: Uint8Array): { update: Uint8Array | null; refused: string[] } {
    const refused: string[] = [];
    const kept: Entry[] = [];
    for (const e of decodeEntries(update)) {
      const problem = this.claim(speaker, e.clientId) ?? (e.state.length > MAX_PRESENCE_CHARS ? `a ${e.state.length}-character state (cap ${MAX_PRESENCE_CHARS})` : null);
      if (problem) {
        refused.push(`client ${e.clientId}: ${problem}`);
        continue;
      }
      const parsed = parse(e.state);
      if (parsed === null) {
        kept.push(e); // the speaker leaves: its state goes
        continue;
      }
      const state = serverPresenceState(parsed, { id: speaker.userId, name: speaker.name });
      if (!state) refused.push(`client ${e.clientId}: a state that is not an object`);
      else kept.push({ ...e, state: JSON.stringify(state) });
    }
    return { update: kept.length ? encodeEntries(kept) : null, refused };
  }

  /** The client id a leaving connection held (its presence is removed), and it is free again. */
  release(speaker: Speaker): number[] {
    const id = this.claimed.get(speaker);
    this.claimed.delete(speaker);
    if (id === undefined || this.owners.get(id) !== speaker) return [];
    this.owners.delete(id);
    return [id];
  }

  private claim(speaker: Speaker, clientId: number): string | null {
    const mine = this.claimed.get(speaker);
    if (mine !== undefined) return mine === clientId ? null : `this connection speaks for client ${mine}`;
    const owner = this.owners.get(clientId);
    if (owner && owner !== speaker && owner.userId !== speaker.userId) return "another user's client id";
    if (owner) this.claimed.delete(owner); // the same user's new connection takes it over
    this.owners.set(clientId, speaker);
    this.claimed.set(speaker, clientId);
    return null;
  }
}

function parse(state: string): unknown {
  try {
    return JSON.parse(state) as unknown;
  } catch {
    return undefined; // not JSON: refused as "not an object"
  }
}

/** The entries of an awareness update (y-protocols/awareness: count, then id, clock, JSON). */
function decodeEntries(update: Uint8Array): Entry[] {
  const dec = decoding.createDecoder(update);
  const n = decoding.readVarUint(dec);
  const entries: Entry[] = [];
  for (let i = 0; i < n; i++) {
    entries.push({ clientId: decoding.readVarUint(dec), clock: decoding.readVarUint(dec), state: decoding.readVarString(dec) });
  }
  return entries;
}

function encodeEntries(entries: Entry[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(enc, e.clientId);
    encoding.writeVarUint(enc, e.clock);
    encoding.writeVarString(enc, e.state);
  }
  return encoding.toUint8Array(enc);
}
