import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/*
 * Hand-made Yjs updates, as a hostile client would write them: structs with chosen ids,
 * origins and parents, and delete sets of chosen ranges (the v1 update format).
 */
export type ForgedItem = {
  client: number;
  clock: number;
  origin?: { client: number; clock: number } | null;
  rightOrigin?: { client: number; clock: number } | null;
  /** Used only without origins: a root type's name, or the id of the item that made the parent type. */
  parent?: string | { client: number; clock: number };
  parentSub?: string | null;
  content: Y.ContentAny | Y.ContentString | Y.ContentType | Y.ContentDeleted;
};

const id = (x: { client: number; clock: number } | null | undefined) => (x ? Y.createID(x.client, x.clock) : null);

export function forgeUpdate(items: ForgedItem[], deletes: { client: number; clock: number; len: number }[] = []): Uint8Array {
  const enc = new Y.UpdateEncoderV1();
  const byClient = new Map<number, ForgedItem[]>();
  for (const it of items) byClient.set(it.client, [...(byClient.get(it.client) ?? []), it]);
  encoding.writeVarUint(enc.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.clock - b.clock);
    encoding.writeVarUint(enc.restEncoder, list.length);
    enc.writeClient(client);
    encoding.writeVarUint(enc.restEncoder, list[0].clock);
    for (const it of list) {
      const parent = it.origin || it.rightOrigin ? null : typeof it.parent === 'string' ? it.parent : id(it.parent ?? null);
      const item = new Y.Item(Y.createID(client, it.clock), null, id(it.origin), null, id(it.rightOrigin), parent as never, it.parentSub ?? null, it.content);
      item.write(enc, 0);
    }
  }
  const ranges = new Map<number, { clock: number; len: number }[]>();
  for (const d of deletes) ranges.set(d.client, [...(ranges.get(d.client) ?? []), d]);
  encoding.writeVarUint(enc.restEncoder, ranges.size);
  for (const [client, list] of ranges) {
    encoding.writeVarUint(enc.restEncoder, client);
    encoding.writeVarUint(enc.restEncoder, list.length);
    for (const d of list) {
      encoding.writeVarUint(enc.restEncoder, d.clock);
      encoding.writeVarUint(enc.restEncoder, d.len);
    }
  }
  return enc.toUint8Array();
}

/** A y-websocket frame: message type (0 sync, 1 awareness), the sync sub-type if any, the payload. */
export function yjsFrame(type: number, sub: number | null, payload: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, type);
  if (sub !== null) encoding.writeVarUint(enc, sub);
  encoding.writeVarUint8Array(enc, payload);
  return encoding.toUint8Array(enc);
}

/** A y-websocket frame carrying an update (sync, messageYjsUpdate). */
export const updateFrame = (update: Uint8Array): Uint8Array => yjsFrame(0, 2, update);

/** A raw websocket to the server (no provider), collecting the binary frames it receives. */
export async function openRaw(base: string, path: string, cookie: string | null, headers: Record<string, string> = {}) {
  const { default: WebSocket } = await import('ws');
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}${path}`, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return { ws, received, send: (frame: Uint8Array) => ws.send(frame) };
}

