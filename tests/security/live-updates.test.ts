import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { offlineBoardWriter } from '../../db/board-writer-offline';
import { demoPairs, insertPair, prepareDataDir } from '../helpers/pairs';
import { readBoard } from '../../lib/board/doc';
import { addCard, addComment, setCardText, updateCard } from '../../lib/board/ops';
import { signIn, startServer, whoAmI, type RunningServer } from '../helpers/server';
import { connectBoard, eventually } from '../helpers/yjs-client';
import { forgeUpdate, openRaw, updateFrame } from '../helpers/yjs-forge';

// Attacks on the live write path (issue 12: High #1 and the Low items on comments and card
// keys), each by a signed-in role against a real server.
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
type CardMap = Y.Map<unknown>;
const card = (doc: Y.Doc, id: string) => doc.getMap<CardMap>('cards').get(id);
const titles = (doc: Y.Doc) => readBoard(doc).columns.flatMap((c) => c.cards.map((x) => x.title));

describe('live updates: pending structs, forged comment authors, card keys', () => {
  let srv: RunningServer;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let roadmapId: string;
  let pairsId: string;
  let dir: string;
  // The demo mentor's pair and the head's (as another mentor), in the database, with their cards.
  const pairs = { own: '', other: '' };
  const clients: { close(): void }[] = [];
  const open = async (role: string, boardId: string) => {
    const client = connectBoard(srv.url, boardId, cookies[role]);
    clients.push(client);
    await client.synced;
    return client;
  };
  const audit = async (boardId: string, cardId: string) => {
    const res = await fetch(`${srv.url}/api/boards/${boardId}/audit?cardId=${cardId}`, { headers: { cookie: cookies.curator } });
    return ((await res.json()) as { events: { type: string; actor: { id: string }; data: { field?: string; after?: unknown } }[] }).events;
  };

  beforeAll(async () => {
    ({ dir } = await prepareDataDir(async (db) => {
      const d = await demoPairs(db);
      pairs.own = await insertPair(db, { orgId: d.orgId, boardId: d.boardId, mentorPersonId: await d.personOf('mentor'), menteePersonIds: [await d.personOf('mentee')] });
      pairs.other = await insertPair(db, { orgId: d.orgId, boardId: d.boardId, mentorPersonId: await d.personOf('head'), menteePersonIds: [await d.personOf('viewer')] });
      await offlineBoardWriter(db).pairCards(d.boardId, null, []); // reconciles: both pairs get their cards
    }));
    srv = await startServer({ DATA_DIR: dir, AUDIT_TYPING_QUIET_MS: '200', COMMIT_WINDOW_MS: '20' });
    for (const role of ['curator', 'member', 'mentor', 'head']) {
      cookies[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
      ids[role] = await whoAmI(srv.url, cookies[role]);
    }
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookies.curator } })).json()) as { id: string; kind: string }[];
    roadmapId = boards.find((b) => b.kind === 'roadmap')!.id;
    pairsId = boards.find((b) => b.kind === 'pairs')!.id;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await srv?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("a mentor's struct parked on the curator's next clock never lands in another pair's card", async () => {
    const curator = await open('curator', pairsId);
    const other = pairs.other;
    const mentor = await open('mentor', pairsId);
    await eventually(() => expect(card(mentor.doc, other)).toBeDefined());

    // The curator's next clock is public: it is in the state vector every peer receives.
    const next = Y.getState(mentor.doc.store, curator.doc.clientID);
    const forged = forgeUpdate([{ client: 0x5eed, clock: 0, origin: { client: curator.doc.clientID, clock: next }, content: new Y.ContentAny(['подмена наставником']) }]);
    const raw = await openRaw(srv.url, `/yjs/${pairsId}`, cookies.mentor);
    raw.send(updateFrame(forged));
    await pause(300);

    setCardText(curator.doc, other, 'description', 'очная'); // its first struct takes exactly that clock
    const watcher = await open('curator', pairsId);
    const description = (doc: Y.Doc) => String(card(doc, other)?.get('description'));
    await eventually(() => expect(description(watcher.doc)).toBe('очная'));
    await pause(300);
    expect(description(watcher.doc)).toBe('очная');
    expect(description(curator.doc)).toBe('очная');
    await eventually(async () => expect((await audit(pairsId, other)).some((e) => e.data.field === 'description' && e.data.after === 'очная')).toBe(true), 8_000);
    const events = await audit(pairsId, other);
    expect(events.filter((e) => JSON.stringify(e.data).includes('подмена'))).toEqual([]);
    expect(srv.output()).toMatch(/would stay pending/);
    raw.ws.close();
  });

  it("structs under the curator's client id, even allowed ones, never take the place of the curator's next edit", async () => {
    const curator = await open('curator', pairsId);
    const mentor = await open('mentor', pairsId);
    const other = pairs.other;
    setCardText(curator.doc, other, 'description', 'исходная'); // the curator's client id is the curator's now
    await eventually(() => expect(String(card(mentor.doc, other)?.get('description'))).toBe('исходная'));
    // The mentor edits its own pair, but numbers the struct as the curator's next one.
    const own = { id: pairs.own };
    const squat = new Y.Doc();
    Y.applyUpdate(squat, Y.encodeStateAsUpdate(mentor.doc));
    squat.clientID = curator.doc.clientID;
    const sv = Y.encodeStateVector(squat);
    addComment(squat, own.id, { authorId: ids.mentor, at: new Date().toISOString(), text: 'занято наставником' });
    const raw = await openRaw(srv.url, `/yjs/${pairsId}`, cookies.mentor);
    raw.send(updateFrame(Y.encodeStateAsUpdate(squat, sv)));
    await pause(300);
    setCardText(curator.doc, other, 'description', 'очно-заочная');
    const watcher = await open('curator', pairsId);
    await eventually(() => expect(String(card(watcher.doc, other)?.get('description'))).toBe('очно-заочная'));
    expect(JSON.stringify(card(watcher.doc, own.id)?.get('comments'))).not.toContain('занято наставником');
    expect(srv.output()).toMatch(/client id \d+ belongs to another user/);
    raw.ws.close();
  });

  it("a pending delete set cannot delete the curator's next card in the curator's name", async () => {
    const curator = await open('curator', roadmapId);
    const member = await open('member', roadmapId);
    const next = Y.getState(member.doc.store, curator.doc.clientID);
    const raw = await openRaw(srv.url, `/yjs/${roadmapId}`, cookies.member);
    raw.send(updateFrame(forgeUpdate([], [{ client: curator.doc.clientID, clock: next, len: 1 }])));
    await pause(300);

    const id = addCard(curator.doc, { columnId: readBoard(curator.doc).columns[0].id, title: 'После подлога' }); // its card map takes that clock
    await eventually(() => expect(titles(member.doc)).toContain('После подлога'));
    await pause(300);
    const watcher = await open('member', roadmapId);
    expect(titles(watcher.doc)).toContain('После подлога');
    await eventually(async () => expect((await audit(roadmapId, id)).map((e) => e.type)).toContain('card.created'));
    expect((await audit(roadmapId, id)).map((e) => e.type)).not.toContain('card.deleted');
    raw.ws.close();
  });

  it('an honest client whose update raced ahead of what it depends on is asked to sync and gets through', async () => {
    const watcher = await open('member', roadmapId);
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(watcher.doc));
    const raw = await openRaw(srv.url, `/yjs/${roadmapId}`, cookies.member);
    await eventually(() => expect(raw.received.length).toBeGreaterThan(0)); // the server's own sync step 1
    const id = addCard(local, { columnId: readBoard(local).columns[0].id, title: 'Офлайн' });
    const middle = Y.encodeStateVector(local);
    updateCard(local, id, { status: 'done' });
    const seen = raw.received.length;
    raw.send(updateFrame(Y.encodeStateAsUpdate(local, middle))); // the second edit alone: its card is missing
    const resync = () => raw.received.slice(seen).find((f) => f[0] === 0 && f[1] === 0);
    await eventually(() => expect(resync()).toBeDefined());
    const step1 = resync()!;
    const dec = decoding.createDecoder(step1);
    decoding.readVarUint(dec);
    decoding.readVarUint(dec);
    const serverSv = decoding.readVarUint8Array(dec);
    expect(Y.decodeStateVector(serverSv).get(local.clientID)).toBeUndefined();
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, 0);
    encoding.writeVarUint(reply, 1); // sync step 2: everything the server lacks
    encoding.writeVarUint8Array(reply, Y.encodeStateAsUpdate(local, serverSv));
    raw.send(encoding.toUint8Array(reply));
    await eventually(() => expect(card(watcher.doc, id)?.get('status')).toBe('done'));
    raw.ws.close();
  });

  it("a comment under someone else's name is refused; one's own goes through", async () => {
    const curator = await open('curator', roadmapId);
    const watcher = await open('member', roadmapId);
    const cardId = readBoard(curator.doc).columns[0].cards[0].id;
    const at = new Date().toISOString();
    addComment(curator.doc, cardId, { authorId: ids.head, at, text: 'Подписано руководителем' });
    await pause(300);
    addComment(watcher.doc, cardId, { authorId: ids.member, at, text: 'Свой комментарий' });
    const texts = (doc: Y.Doc) => ((card(doc, cardId)?.get('comments') as Y.Array<{ text: string }>)?.toArray() ?? []).map((c) => c.text);
    await eventually(() => expect(texts(curator.doc)).toContain('Свой комментарий'));
    await pause(200);
    expect(texts(watcher.doc)).not.toContain('Подписано руководителем');
    const fresh = await open('member', roadmapId);
    expect(texts(fresh.doc)).toContain('Свой комментарий');
    expect(texts(fresh.doc)).not.toContain('Подписано руководителем');
    expect(srv.output()).toMatch(/refused an update of user .*signed/);
  });

  it('no junk keys or oversized values: not on a mentor\'s own card, not in the cards map', async () => {
    const mentor = await open('mentor', pairsId);
    const member = await open('member', roadmapId);
    const watcherPairs = await open('curator', pairsId);
    const watcherRoadmap = await open('curator', roadmapId);
    const own = { id: pairs.own };
    card(mentor.doc, own.id)!.set('junk', 'я'.repeat(200_000));
    member.doc.getMap('cards').set('junk', 'я'.repeat(200_000));
    const roadmapCard = readBoard(member.doc).columns[0].cards[0].id;
    updateCard(member.doc, roadmapCard, { result: 'я'.repeat(100_000) });
    await pause(300);
    // Then a legitimate edit from each: once it arrives, the refused ones would have too.
    setCardText(mentor.doc, own.id, 'description', 'Метка');
    addCard(member.doc, { columnId: readBoard(member.doc).columns[0].id, title: 'Метка' });
    await eventually(() => expect(String(card(watcherPairs.doc, own.id)?.get('description'))).toBe('Метка'));
    await eventually(() => expect(titles(watcherRoadmap.doc)).toContain('Метка'));
    expect(card(watcherPairs.doc, own.id)!.has('junk')).toBe(false);
    expect(watcherRoadmap.doc.getMap('cards').has('junk')).toBe(false);
    expect(String(card(watcherRoadmap.doc, roadmapCard)!.get('result') ?? '')).not.toMatch(/яяя/);
  });
});
