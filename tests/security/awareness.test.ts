import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPresence } from '../../lib/board/presence';
import { DEMO_PEOPLE_NAMES } from '../../lib/demo/content';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { connectBoard, eventually } from '../helpers/yjs-client';
import { openRaw } from '../helpers/yjs-forge';

// Presence attacks (issue 12, Medium #9): a viewer speaks for the curator's client id,
// injects CSS through a colour, sends a name that is not a string, or a huge state.
type State = { user?: { id?: unknown; name?: unknown; color?: unknown }; editing?: unknown };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An awareness frame as a hostile client writes it: any client ids, clocks and states. */
function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(update, e.clientId);
    encoding.writeVarUint(update, e.clock);
    encoding.writeVarString(update, JSON.stringify(e.state));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, 1);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

describe('awareness from a hostile connection', () => {
  let srv: RunningServer;
  const cookies: Record<string, string> = {};
  let boardId: string;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    srv = await startServer();
    for (const role of ['curator', 'member', 'viewer']) cookies[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookies.curator } })).json()) as { id: string; kind: string }[];
    boardId = boards.find((b) => b.kind === 'roadmap')!.id;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await srv?.stop();
  });

  it("cannot speak for the curator's client id, inject a colour, send a non-string name or a huge state", async () => {
    const curator = connectBoard(srv.url, boardId, cookies.curator);
    const observer = connectBoard(srv.url, boardId, cookies.member);
    clients.push(curator, observer);
    await Promise.all([curator.synced, observer.synced]);
    curator.provider.awareness.setLocalState({ user: { id: 'x', name: 'Куратор', color: '#2f6f5e' }, editing: null });
    const curatorId = curator.doc.clientID;
    const seen: State[] = [];
    observer.provider.awareness.on('change', () => observer.provider.awareness.getStates().forEach((s) => seen.push(s as State)));
    await eventually(() => expect(observer.provider.awareness.getStates().get(curatorId)).toBeDefined());
    const curatorState = () => observer.provider.awareness.getStates().get(curatorId) as State;
    expect(curatorState().user?.name).toBe(DEMO_PEOPLE_NAMES.curator); // the server's, from the session

    const viewer = await openRaw(srv.url, `/yjs/${boardId}`, cookies.viewer);
    const mine = 4_242_424;
    viewer.send(awarenessFrame([{ clientId: curatorId, clock: 1000, state: { user: { id: 'x', name: 'Куратор', color: '#000000' }, editing: 'подмена' } }]));
    viewer.send(awarenessFrame([{ clientId: curatorId, clock: 1001, state: null }])); // nor remove the curator
    viewer.send(awarenessFrame([{ clientId: mine, clock: 1, state: { user: { name: 'x', color: '#000000' }, editing: 'огромное', pad: 'я'.repeat(3000) } }]));
    viewer.send(awarenessFrame([{ clientId: mine, clock: 2, state: { user: { id: 'head', name: 42, color: 'url(http://evil.example/track.png)' }, editing: 'метка' } }]));
    await eventually(() => expect((observer.provider.awareness.getStates().get(mine) as State | undefined)?.editing).toBe('метка'));
    await pause(200);

    expect(curatorState().editing).toBeNull();
    expect(curatorState().user?.name).toBe(DEMO_PEOPLE_NAMES.curator);
    const spoofer = observer.provider.awareness.getStates().get(mine) as State;
    expect(spoofer.user?.name).toBe(DEMO_PEOPLE_NAMES.viewer); // the viewer's own name, not 42
    expect(spoofer.user?.color).toMatch(/^#[0-9a-f]{6}$/i);
    const everything = JSON.stringify(seen);
    expect(everything).not.toContain('url(');
    expect(everything).not.toContain('подмена');
    expect(everything).not.toContain('огромное');
    // Whatever a peer's state holds, the browser's reader gives a drawable person or nobody.
    for (const [id, state] of observer.provider.awareness.getStates()) {
      const person = readPresence(id, state);
      if (person) expect(typeof person.name).toBe('string');
    }
    expect(readPresence(mine, { user: { id: 'x', name: 42, color: 'url(http://evil.example/)' } })).toBeNull();
    viewer.ws.close();
  });
});
