import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { offlineBoardWriter } from '../../db/board-writer-offline';
import { loadBoardLog } from '../../db/queries/boards';
import { boardUpdates } from '../../db/schema';
import { readBoard } from '../../lib/board/doc';
import { addCard, addComment, moveCard, setCardText, updateCard } from '../../lib/board/ops';
import { demoPairs, insertPair, serverTargets } from '../helpers/pairs';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { connectBoard, eventually } from '../helpers/yjs-client';

/*
 * The pairs board against forgery (issue 14): who may touch a pair card is decided from the
 * database (pairs, pair_members side 'mentor', people.user_id), never from card fields, and the
 * existence and column of pair cards are the server's. A real server on port 0 with its own
 * embedded database, real y-websocket clients of the demo accounts:
 *   - «own»: the demo mentor's pair with the demo mentee, in the pairs table with no card at all
 *     (as after a crash between a verb's commit and its card write): the board must make it
 *     when it opens;
 *   - «theirs»: the head's pair with the viewer's account, at stage 'trial', whose card a client
 *     once forged to say `mentorId: <the demo mentor>` (the check the old code trusted).
 */
type Client = ReturnType<typeof connectBoard>;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cardsOf = (doc: Y.Doc) => new Map(readBoard(doc).columns.flatMap((c) => c.cards.map((card) => [card.id, { ...card, column: c.id }] as const)));

describe.each(serverTargets())('the pairs board on $name: pair cards are the server’s, a mentor touches only the pairs the database gives it', (target) => {
  let srv: RunningServer;
  let dispose: (() => Promise<void>) | undefined;
  let boardId: string;
  let own: string;
  let own2: string;
  let theirs: string;
  const users: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  const clients = new Set<Client>();

  beforeAll(async () => {
    const prepared = await target.prepare(async (db) => {
      const d = await demoPairs(db);
      for (const role of ['mentor', 'curator', 'head'] as const) users[role] = await d.userOf(role);
      const theirs = await insertPair(db, { orgId: d.orgId, boardId: d.boardId, mentorPersonId: await d.personOf('head'), menteePersonIds: [await d.personOf('viewer')], stage: 'trial', number: 102 });
      // «theirs» has its card (written by the board writer); then a forged field on it.
      await offlineBoardWriter(db).pairCards(d.boardId, users.curator, [{ op: 'add', pairId: theirs, title: 'Пара № 102', stage: 'trial' }]);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await loadBoardLog(db, d.boardId)).state);
      const sv = Y.encodeStateVector(doc);
      doc.getMap<Y.Map<unknown>>('cards').get(theirs)!.set('mentorId', users.mentor);
      await db.insert(boardUpdates).values({ boardId: d.boardId, update: Y.encodeStateAsUpdate(doc, sv), actorId: null });
      // The mentor's pairs: rows only, no cards (written after the board writer ran, which reconciles).
      const own = await insertPair(db, { orgId: d.orgId, boardId: d.boardId, mentorPersonId: await d.personOf('mentor'), menteePersonIds: [await d.personOf('mentee')], stage: 'intro', number: 101 });
      const own2 = await insertPair(db, { orgId: d.orgId, boardId: d.boardId, mentorPersonId: await d.personOf('mentor'), menteePersonIds: [await d.personOf('mentee')], stage: 'intro', number: 103 });
      return { boardId: d.boardId, own, own2, theirs };
    });
    dispose = prepared.dispose;
    ({ boardId, own, own2, theirs } = prepared.value);
    srv = await startServer({ ...prepared.env, COMMIT_WINDOW_MS: '20', AUDIT_TYPING_QUIET_MS: '200' }, 'writer');
    for (const role of ['curator', 'mentor', 'head'] as const) cookies[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await srv?.stop();
    await dispose?.();
  });

  const open = async (role: string) => {
    const client = connectBoard(srv.url, boardId, cookies[role]);
    clients.add(client);
    await client.synced;
    return client;
  };
  const audit = async (cardId: string) => {
    const res = await fetch(`${srv.url}/api/boards/${boardId}/audit?cardId=${cardId}`, { headers: { cookie: cookies.curator } });
    return ((await res.json()) as { events: { type: string; actor: { id: string | null }; data: { entityType: string; before?: unknown; after?: unknown } }[] }).events;
  };
  /**
   * Returns once the server has handled what `from` sent so far: a mark in its awareness state
   * reaches `to` only after them, on the same sockets, in order (it rides in `editing`, the one
   * field the server relays as the client wrote it).
   */
  const handled = async (from: Client, to: Client) => {
    const mark = randomUUID();
    from.provider.awareness.setLocalStateField('editing', mark);
    await eventually(() => expect([...to.provider.awareness.getStates().values()].some((s) => s.editing === mark)).toBe(true));
  };
  /** An allowed comment of `from` on `cardId` reaches `to`: its connection still writes. */
  const stillWrites = async (from: Client, to: Client, cardId: string, authorId: string) => {
    const mark = `метка ${randomUUID()}`;
    addComment(from.doc, cardId, { authorId, at: new Date().toISOString(), text: mark });
    await eventually(() => expect(JSON.stringify(cardsOf(to.doc).get(cardId)?.fields.comments)).toContain(mark));
  };

  it('makes the card of a pair that has none when the board opens, in its stage, holding only its id', async () => {
    const curator = await open('curator');
    // The first client may be synced from the stored board, before the room is built; the card
    // made when it is built follows as an update (server/yjs/rooms.ts).
    await eventually(() => expect(cardsOf(curator.doc).get(own)).toBeDefined());
    const cards = cardsOf(curator.doc);
    expect(cards.get(own)).toMatchObject({ column: 'intro', title: 'Пара № 101', description: '', fields: { pairId: own, comments: [] } });
    expect(Object.keys(cards.get(own)!.fields).sort()).toEqual(['comments', 'pairId']);
    expect(cards.get(theirs)).toMatchObject({ column: 'trial', fields: { pairId: theirs } });
    await eventually(async () => expect((await audit(own)).map((e) => [e.type, e.actor.id])).toEqual([['card.created', null]]));
  });

  it("refuses a mentor every forgery on another pair's card, even one whose card names the mentor", async () => {
    const curator = await open('curator');
    const mentor = await open('mentor');
    const before = cardsOf(curator.doc).get(theirs)!;
    expect(before.fields.mentorId).toBe(users.mentor); // the forged field the old check trusted
    const forgeries: [string, (d: Y.Doc) => void][] = [
      ['a comment', (d) => void addComment(d, theirs, { authorId: users.mentor, at: new Date().toISOString(), text: 'чужая пара' })],
      ['the description', (d) => setCardText(d, theirs, 'description', 'Подделка')],
      ['mentorId: itself', (d) => updateCard(d, theirs, { mentorId: users.mentor })],
      ['a move to another stage', (d) => moveCard(d, theirs, 'final', 0)],
      ['a reorder', (d) => moveCard(d, theirs, 'trial', 0)],
      ['the title', (d) => setCardText(d, theirs, 'title', 'Моя пара')],
    ];
    for (const [what, forge] of forgeries) {
      forge(mentor.doc);
      await handled(mentor, curator);
      const now = cardsOf(curator.doc).get(theirs)!;
      expect({ column: now.column, order: now.order, title: now.title, description: now.description, fields: now.fields }, what).toEqual({
        column: before.column,
        order: before.order,
        title: before.title,
        description: before.description,
        fields: before.fields,
      });
    }
    await stillWrites(mentor, curator, own, users.mentor); // its own pair's comments still go through
    // A fresh connection, after the board was written out and read back, says the same.
    mentor.close();
    curator.close();
    clients.clear();
    await pause(300);
    const fresh = await open('head');
    expect(cardsOf(fresh.doc).get(theirs)).toMatchObject({ column: 'trial', description: '', fields: { pairId: theirs, mentorId: users.mentor, comments: [] } });
    expect(srv.output()).toMatch(/refused an update of user .* not one of the mentor's pairs/);
  });

  it("lets a mentor reorder and comment on its own pair (the database names it, the card does not)", async () => {
    const curator = await open('curator');
    const mentor = await open('mentor');
    const was = cardsOf(curator.doc).get(own)!;
    expect(cardsOf(curator.doc).get(own2)!.column).toBe('intro');
    const at = readBoard(curator.doc).columns.find((c) => c.id === 'intro')!.cards.findIndex((c) => c.id === own);
    moveCard(mentor.doc, own, 'intro', at === 0 ? 1 : 0); // past its other pair, or before it
    addComment(mentor.doc, own, { authorId: users.mentor, at: new Date().toISOString(), text: 'Познакомились' });
    await eventually(() => {
      const card = cardsOf(curator.doc).get(own)!;
      expect(card.order).not.toBe(was.order);
      expect(card.order).toBe(cardsOf(mentor.doc).get(own)!.order);
      expect(JSON.stringify(card.fields.comments)).toContain('Познакомились');
    });
    expect(cardsOf(curator.doc).get(own)!.column).toBe('intro');
    const order = readBoard(curator.doc).columns.find((c) => c.id === 'intro')!.cards.map((c) => c.id);
    expect(order.indexOf(own)).toBe(at === 0 ? 1 : 0);
  });

  it("refuses a curator's client creating a card or moving a pair card across columns; its comments go through", async () => {
    const curator = await open('curator');
    const head = await open('head');
    const made = addCard(curator.doc, { columnId: 'intro', title: 'Пара № 4', fields: { pairId: randomUUID() } });
    moveCard(curator.doc, own, 'planning', 0);
    await handled(curator, head);
    await stillWrites(curator, head, own, users.curator);
    expect(cardsOf(head.doc).has(made)).toBe(false);
    expect(cardsOf(head.doc).get(own)!.column).toBe('intro');
    const fresh = await open('head');
    expect(cardsOf(fresh.doc).has(made)).toBe(false);
    expect(cardsOf(fresh.doc).get(own)!.column).toBe('intro');
    expect(srv.output()).toMatch(/pair cards are the server's|only the server moves a pair/);
  });

  // Last: the pairs table still says 'intro' (only a verb changes it), so a reopened board
  // would be reconciled back; this checks the live path while the clients are connected.
  it('moves a pair card through the live board writer: every connected client sees it, audited as pair.stage_changed', async () => {
    const curator = await open('curator');
    const mentor = await open('mentor');
    await srv.boardWriter.pairCards(boardId, users.mentor, [{ op: 'move', pairId: own, stage: 'trial', reason: 'пробная встреча проведена' }]);
    await eventually(() => {
      expect(cardsOf(curator.doc).get(own)!.column).toBe('trial');
      expect(cardsOf(mentor.doc).get(own)!.column).toBe('trial');
    });
    // Resolved when durable: the audit row is there at once.
    const moves = async () => (await audit(own)).filter((e) => e.type === 'pair.stage_changed');
    expect(await moves()).toMatchObject([{
      type: 'pair.stage_changed',
      actor: { id: users.mentor },
      data: { entityType: 'pair', before: { stage: 'intro' }, after: { stage: 'trial', reason: 'пробная встреча проведена' } },
    }]);
    // Idempotent: the same move, and an add of a card that exists, change nothing.
    await srv.boardWriter.pairCards(boardId, users.mentor, [
      { op: 'move', pairId: own, stage: 'trial' },
      { op: 'add', pairId: own, title: 'Пара № 1', stage: 'intro' },
    ]);
    expect(await moves()).toHaveLength(1);
    expect((await audit(own)).filter((e) => e.type === 'card.created')).toHaveLength(1);
    expect(cardsOf(curator.doc).get(own)!.column).toBe('trial');
  });
});
