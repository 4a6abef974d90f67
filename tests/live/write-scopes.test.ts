import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { createBoard, setBoardArchived } from '../../db/queries/boards';
import { SYSTEM } from '../../db/queries/organisations';
import { findUserByEmail } from '../../db/queries/users';
import { boards, people } from '../../db/schema';
import { offlineBoardWriter } from '../../db/board-writer-offline';
import { insertPair, insertPerson } from '../helpers/pairs';
import { demoEmail, seedDemo } from '../../db/seed-demo';
import { readBoard } from '../../lib/board/doc';
import { addCard, addComment, moveCard, setCardText, updateCard } from '../../lib/board/ops';
import { demoPrincipal } from '../helpers/db';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { connectBoard, eventually } from '../helpers/yjs-client';

/*
 * What a connection may write, against the real server: a viewer whose document already
 * holds an edit when it connects (sent in its SyncStep2), a mentor touching another pair's
 * card in any way, and a mentor on an archived pairs board. Each refused write is checked
 * on another client, on a fresh connection, and after the board was unloaded and read back
 * from the database.
 */
type Client = ReturnType<typeof connectBoard>;

const cardsOf = (doc: Y.Doc) => readBoard(doc).columns.flatMap((c) => c.cards);
const cardOf = (doc: Y.Doc, id: string) => {
  const card = cardsOf(doc).find((k) => k.id === id);
  return card && { ...card, fields: { ...card.fields } };
};

describe('write scopes on the real server', () => {
  let dir: string;
  let srv: RunningServer;
  const cookies: Record<string, string> = {};
  const clients = new Set<Client>();
  let roadmapId: string;
  let pairsId: string;
  let archivedId: string;
  const ids = { own: '', theirs: '', archivedOwn: '', mentor: '' };

  beforeAll(async () => {
    // The boards are made in the database before the server starts (it seeds nothing then).
    dir = await mkdtemp(path.join(tmpdir(), 'tropa-scopes-'));
    const handle = await openDb({ dataDir: dir });
    try {
      await migrateDb(handle);
      await seedDemo(handle.db, 'tropa-demo');
      ids.mentor = (await findUserByEmail(handle.db, demoEmail('mentor')))!.id;
      const [roadmap] = await handle.db.select().from(boards).where(eq(boards.kind, 'roadmap'));
      roadmapId = roadmap.id;
      const orgId = roadmap.orgId;
      // Pairs in the database: the demo mentor's (its account is linked to its person) and
      // another mentor's; their cards are written by the board writer, holding only their ids.
      const [mentorPerson] = await handle.db.select({ id: people.id }).from(people).where(eq(people.userId, ids.mentor));
      const otherMentor = await insertPerson(handle.db, orgId, null, 'Другой наставник');
      const mentee = await insertPerson(handle.db, orgId, null, 'Наставляемый');
      const pairsBoard = async (title: string, mentors: string[]) => {
        const board = await createBoard(handle.db, SYSTEM, { orgId, kind: 'pairs', title });
        const made: string[] = [];
        for (const mentor of mentors) made.push(await insertPair(handle.db, { orgId, boardId: board.id, mentorPersonId: mentor, menteePersonIds: [mentee] }));
        await offlineBoardWriter(handle.db).pairCards(board.id, null, []); // reconciles: every pair gets its card
        return { id: board.id, made };
      };
      const live = await pairsBoard('Пары для проверки', [mentorPerson.id, otherMentor]);
      pairsId = live.id;
      [ids.own, ids.theirs] = live.made;
      const archived = await pairsBoard('Пары прошлого года', [mentorPerson.id]);
      archivedId = archived.id;
      [ids.archivedOwn] = archived.made;
      await setBoardArchived(handle.db, await demoPrincipal(handle.db, 'curator'), archivedId, true);
    } finally {
      await handle.close();
    }
    srv = await startServer({ DATA_DIR: dir, COMMIT_WINDOW_MS: '20' });
    for (const role of ['curator', 'viewer', 'mentor'] as const) cookies[role] = (await signIn(srv.url, demoEmail(role), 'tropa-demo')).cookie!;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await srv?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const open = async (role: string, boardId: string) => {
    const client = connectBoard(srv.url, boardId, cookies[role]);
    clients.add(client);
    await client.synced;
    return client;
  };
  const close = (...list: Client[]) => list.forEach((c) => (c.close(), clients.delete(c)));

  /**
   * Returns once the server has handled everything `from` sent so far: a mark in its
   * awareness state reaches `to` only after them, on the same sockets, in order. The mark
   * rides in `editing`, the one field the server relays as the client wrote it.
   */
  async function handled(from: Client, to: Client) {
    const mark = randomUUID();
    from.provider.awareness.setLocalStateField('editing', mark);
    await eventually(() => expect([...to.provider.awareness.getStates().values()].some((s) => s.editing === mark)).toBe(true));
  }

  /** The board as the server holds it live, and as the database holds it once every connection left. */
  async function liveAndStored(boardId: string, role = 'curator') {
    const fresh = await open(role, boardId);
    const live = Y.encodeStateAsUpdate(fresh.doc);
    close(...[...clients].filter((c) => c.provider.roomname === boardId));
    // The last connection gone, the server writes the board out and unloads it; the next
    // connection loads it from the database.
    await new Promise((r) => setTimeout(r, 300));
    const again = await open(role, boardId);
    const stored = Y.encodeStateAsUpdate(again.doc);
    close(again);
    return [live, stored].map((u) => {
      const d = new Y.Doc();
      Y.applyUpdate(d, u);
      return d;
    });
  }

  it("a viewer's offline edit, sent in its SyncStep2 when it connects, is not applied, not passed on and not stored", async () => {
    const viewer = await open('viewer', roadmapId);
    const first = readBoard(viewer.doc).columns[0];
    const existing = first.cards[0];
    viewer.provider.disconnect();
    addCard(viewer.doc, { columnId: first.id, title: 'Офлайн-правка наблюдателя' });
    setCardText(viewer.doc, existing.id, 'title', 'Переименовано наблюдателем');
    const curator = await open('curator', roadmapId);
    const resynced = new Promise<void>((resolve) => viewer.provider.once('sync', (s: boolean) => s && resolve()));
    viewer.provider.connect();
    await resynced;
    await handled(viewer, curator);
    expect(cardsOf(viewer.doc).map((k) => k.title)).toContain('Офлайн-правка наблюдателя'); // it was there to send

    const unchanged = (doc: Y.Doc) => {
      expect(cardsOf(doc).map((k) => k.title)).not.toContain('Офлайн-правка наблюдателя');
      expect(cardOf(doc, existing.id)?.title).toBe(existing.title);
    };
    unchanged(curator.doc);
    for (const doc of await liveAndStored(roadmapId)) unchanged(doc);
  });

  it("a mentor changes its own pair but nothing else of another pair's card: title, description, fields or comments", async () => {
    const curator = await open('curator', pairsId);
    const before = cardOf(curator.doc, ids.theirs)!;
    const comment = { authorId: ids.mentor, at: new Date().toISOString(), text: 'Комментарий к чужой паре' };
    const attacks: [string, (d: Y.Doc) => void][] = [
      ['title', (d) => setCardText(d, ids.theirs, 'title', 'Чужая пара, переименованная')],
      ['description', (d) => setCardText(d, ids.theirs, 'description', 'Описание наставника')],
      ['stage', (d) => updateCard(d, ids.theirs, { stage: 'final' })],
      ['form', (d) => updateCard(d, ids.theirs, { form: 'студент – ученик' })],
      ['meetings', (d) => updateCard(d, ids.theirs, { meetings: [{ stage: 'intro', feedback: 'Не моя пара' }] })],
      ['comment', (d) => void addComment(d, ids.theirs, comment)],
      ['move', (d) => moveCard(d, ids.theirs, 'final', 0)],
      ['reorder', (d) => moveCard(d, ids.theirs, 'intro', 0)],
      ['mentorId naming itself', (d) => updateCard(d, ids.theirs, { mentorId: ids.mentor })],
    ];
    for (const [what, attack] of attacks) {
      const mentor = await open('mentor', pairsId); // a fresh connection each: a refused update leaves the mentor's copy behind
      attack(mentor.doc);
      await handled(mentor, curator);
      expect(cardOf(curator.doc, ids.theirs), what).toEqual(before);
      close(mentor);
    }
    // The same connection may change its own pair: the refusals above were not a dead socket.
    const mentor = await open('mentor', pairsId);
    setCardText(mentor.doc, ids.own, 'description', 'Своя пара: заметки');
    addComment(mentor.doc, ids.own, { ...comment, text: 'Своя встреча' });
    await eventually(() => expect(cardOf(curator.doc, ids.own)?.description).toBe('Своя пара: заметки'));
    await eventually(() => expect(JSON.stringify(cardOf(curator.doc, ids.own)?.fields.comments)).toContain('Своя встреча'));
    for (const doc of await liveAndStored(pairsId)) {
      expect(cardOf(doc, ids.theirs)).toEqual(before);
      expect(cardOf(doc, ids.own)?.description).toBe('Своя пара: заметки');
    }
  });

  it('an archived pairs board takes no edit from a mentor, not even of its own pair (nor from a curator)', async () => {
    const watcher = await open('viewer', archivedId);
    const before = readBoard(watcher.doc);
    expect(cardOf(watcher.doc, ids.archivedOwn)?.fields.pairId).toBe(ids.archivedOwn);
    const mentor = await open('mentor', archivedId);
    moveCard(mentor.doc, ids.archivedOwn, 'intro', 0);
    setCardText(mentor.doc, ids.archivedOwn, 'description', 'Правка в архиве');
    addComment(mentor.doc, ids.archivedOwn, { authorId: ids.mentor, at: new Date().toISOString(), text: 'Встреча после архива' });
    await handled(mentor, watcher);
    const curator = await open('curator', archivedId);
    setCardText(curator.doc, ids.archivedOwn, 'description', 'Правка куратора в архиве');
    await handled(curator, watcher);
    expect(readBoard(watcher.doc)).toEqual(before);
    for (const doc of await liveAndStored(archivedId, 'viewer')) expect(readBoard(doc)).toEqual(before);
  });
});
