// The load generator's thin clients read latency tokens straight from the bytes they receive
// (bench/load/protocol.ts): what they find must be exactly what decoding the update finds,
// for single edits and for updates a server merged, or the bench would count deliveries
// that did not happen (or miss ones that did).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { classify, emptyStep2, openingMessages, scanTokens, updateMessage, type Protocol } from '../../bench/load/protocol';
import { token, tokensOf } from '../../bench/scenarios/common';

const scanned = (bytes: Uint8Array, from = 0) => {
  const out: string[] = [];
  scanTokens(bytes, from, (c, s) => out.push(`${c}.${s}`));
  return out;
};

describe('thin load clients', () => {
  it('find the same tokens in an update as decoding it does, merged or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ writer: fc.nat(499), text: fc.constantFrom('', 'а', '~', '~1.', 'x~2~'), at: fc.nat() }), { minLength: 1, maxLength: 30 }),
        (edits) => {
          const doc = new Y.Doc();
          const text = doc.getText('t');
          const updates: Uint8Array[] = [];
          doc.on('update', (u: Uint8Array) => updates.push(u));
          const seq = new Map<number, number>();
          edits.forEach(({ writer, text: noise, at }) => {
            doc.clientID = 1 + writer;
            const k = seq.get(writer) ?? 0;
            seq.set(writer, k + 1);
            // Tokens typed next to noise that looks like half a token.
            text.insert(at % (text.length + 1), `${noise}${token(writer, k)}`);
          });
          for (const u of updates) expect(scanned(u).sort()).toEqual(tokensOf(u).sort());
          const merged = Y.mergeUpdates(updates);
          expect(scanned(merged).sort()).toEqual(tokensOf(merged).sort());
          expect(tokensOf(merged)).toHaveLength(edits.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each<Protocol>(['y-websocket', 'hocuspocus'])('frame and read %s messages', (protocol) => {
    const update = (() => {
      const doc = new Y.Doc();
      let u: Uint8Array | null = null;
      doc.on('update', (x: Uint8Array) => (u = x));
      doc.getText('t').insert(0, token(7, 3));
      return u!;
    })();
    const message = updateMessage(protocol, 'board-1', update);
    const { kind, at } = classify(protocol, message);
    expect(kind).toBe('update');
    expect(scanned(message, at)).toEqual(['7.3']);
    expect(classify(protocol, emptyStep2(protocol, 'board-1')).kind).toBe('step2');
    const opening = openingMessages(protocol, 'board-1');
    expect(opening.map((m) => classify(protocol, m).kind)).toEqual(protocol === 'hocuspocus' ? ['other', 'step1'] : ['step1']);
  });
});
