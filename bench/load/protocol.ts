// The wire side of a thin load client: just enough of the y-websocket protocol (Tropa, the
// classic y-websocket server) and of Hocuspocus's (the same sync messages, each prefixed
// with the document's name, behind an auth message) to sync once and then read what
// arrives, without a Y.Doc. Plain functions over bytes (lib0's varints, as the protocols'
// own code), so they can be tested and run in worker threads without Yjs.

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type Protocol = 'y-websocket' | 'hocuspocus';

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
/** Hocuspocus answers some sync messages as a "sync reply"; the payload is the same. */
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** Frames a message of `type`: Hocuspocus puts the document's name first. */
function frame(protocol: Protocol, doc: string, type: number, body: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder();
  if (protocol === 'hocuspocus') encoding.writeVarString(enc, doc);
  encoding.writeVarUint(enc, type);
  body(enc);
  return encoding.toUint8Array(enc);
}

/** What a fresh client sends on open: Hocuspocus's auth (no token), then SyncStep1 with an empty state vector. */
export function openingMessages(protocol: Protocol, doc: string): Uint8Array[] {
  const step1 = frame(protocol, doc, MESSAGE_SYNC, (enc) => {
    encoding.writeVarUint(enc, SYNC_STEP1);
    encoding.writeVarUint8Array(enc, Uint8Array.of(0)); // an empty state vector: "send me everything"
  });
  if (protocol === 'y-websocket') return [step1];
  const auth = frame(protocol, doc, MESSAGE_AUTH, (enc) => {
    encoding.writeVarUint(enc, 0); // AuthMessageType.Token
    encoding.writeVarString(enc, ''); // an empty token
  });
  return [auth, step1];
}

/** The answer to the server's SyncStep1: SyncStep2 with an empty update (a thin client has nothing of its own). */
export const emptyStep2 = (protocol: Protocol, doc: string) =>
  frame(protocol, doc, MESSAGE_SYNC, (enc) => {
    encoding.writeVarUint(enc, SYNC_STEP2);
    encoding.writeVarUint8Array(enc, Uint8Array.of(0, 0));
  });

/** An update message carrying `update` (bytes pre-encoded by the generator). */
export const updateMessage = (protocol: Protocol, doc: string, update: Uint8Array) =>
  frame(protocol, doc, MESSAGE_SYNC, (enc) => {
    encoding.writeVarUint(enc, SYNC_UPDATE);
    encoding.writeVarUint8Array(enc, update);
  });

/** What a received message is: the server asks for our state, answers the sync, carries an update, or something else (awareness, acks). */
export type Kind = 'step1' | 'step2' | 'update' | 'other';

/** The kind of a received message, and where its payload starts (the update's bytes, length-prefixed). */
export function classify(protocol: Protocol, bytes: Uint8Array): { kind: Kind; at: number } {
  const dec = decoding.createDecoder(bytes);
  if (protocol === 'hocuspocus') decoding.readVarString(dec); // the document's name
  const type = decoding.readVarUint(dec);
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return { kind: 'other', at: dec.pos };
  const sub = decoding.readVarUint(dec);
  return { kind: sub === SYNC_STEP1 ? 'step1' : sub === SYNC_STEP2 ? 'step2' : sub === SYNC_UPDATE ? 'update' : 'other', at: dec.pos };
}

const TILDE = 0x7e;
const DOT = 0x2e;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/**
 * Calls `found(client, seq)` for every token `~client.seq~` in `bytes` from `from` on: the
 * typed text travels as UTF-8 inside the update, so the tokens can be read from the bytes
 * as they are, without decoding the update.
 */
export function scanTokens(bytes: Uint8Array, from: number, found: (client: number, seq: number) => void): void {
  const end = bytes.length;
  for (let i = from; i < end; i++) {
    if (bytes[i] !== TILDE) continue;
    let j = i + 1;
    let client = 0;
    const c0 = j;
    while (j < end && isDigit(bytes[j])) client = client * 10 + bytes[j++] - 0x30;
    if (j === c0 || j >= end || bytes[j] !== DOT) continue;
    j++;
    let seq = 0;
    const s0 = j;
    while (j < end && isDigit(bytes[j])) seq = seq * 10 + bytes[j++] - 0x30;
    if (j === s0 || j >= end || bytes[j] !== TILDE) continue;
    found(client, seq);
    i = j; // the closing tilde cannot open the next token: tokens are written back to back as ~a.b~~c.d~
  }
}
