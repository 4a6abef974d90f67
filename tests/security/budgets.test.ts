import { rm } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBoard } from '../../db/queries/boards';
import { SYSTEM } from '../../db/queries/organisations';
import { boards as boardsTable } from '../../db/schema';
import { prepareDataDir } from '../helpers/pairs';
import * as Y from 'yjs';
import { readBoard } from '../../lib/board/doc';
import { addCard, setCardText, updateCard } from '../../lib/board/ops';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { connectBoard, eventually } from '../helpers/yjs-client';
import { yjsFrame } from '../helpers/yjs-forge';

// Budgets of the live endpoint. Before them, one connection could send as many messages
// and bytes as it liked, and a board could grow without bound.
const LIMITS = {
  YJS_BUDGET_MESSAGES_PER_SEC: '5',
  YJS_BUDGET_BURST_MESSAGES: '40',
  YJS_BUDGET_BYTES_PER_SEC: '16384',
  YJS_BUDGET_BURST_BYTES: String(256 * 1024),
  YJS_MAX_MESSAGE_BYTES: String(128 * 1024),
  BOARD_MAX_BYTES: String(64 * 1024),
  BOARD_MAX_CARDS: '3',
};

type Board = { id: string; kind: string; title: string };

/** A raw socket on a board: what it was closed with, once it is. */
function rawSocket(base: string, boardId: string, cookie: string, query = '') {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/yjs/${boardId}${query}`, { headers: { cookie } });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return { ws, opened, closed };
}


describe('budgets of the live endpoint', () => {
  let srv: RunningServer;
  let curator: string;
  let viewer: string;
  let boards: Board[];
  let dir: string;
  const SMALL = 'Малая дорожная карта';
  beforeAll(async () => {
    // A small roadmap (one card; the cap is three) beside the demo's, which is past the cap.
    ({ dir } = await prepareDataDir(async (db) => {
      const [demo] = await db.select().from(boardsTable).where(eq(boardsTable.kind, 'roadmap'));
      await createBoard(db, SYSTEM, { orgId: demo.orgId, kind: 'roadmap', title: SMALL }, {
        title: SMALL,
        kind: 'roadmap',
        period: null,
        columns: [{ id: 'stage', title: 'Этап', cards: [{ id: 'first', title: 'Мероприятие № 1', fields: {} }] }],
      });
    }));
    srv = await startServer({ ...LIMITS, DATA_DIR: dir });
    curator = (await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo')).cookie!;
    viewer = (await signIn(srv.url, 'viewer@demo.tropa', 'tropa-demo')).cookie!;
    boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: curator } })).json()) as Board[];
  });
  afterAll(async () => {
    await srv?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('closes a connection that sends messages faster than its budget with 1008 "rate limit"; others go on', async () => {
    const roadmap = boards.find((b) => b.kind === 'roadmap' && b.title !== SMALL)!;
    const calm = connectBoard(srv.url, roadmap.id, curator);
    await calm.synced;
    const flood = rawSocket(srv.url, roadmap.id, viewer);
    await flood.opened;
    const step1 = yjsFrame(0, 0, Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i < 200 && flood.ws.readyState === WebSocket.OPEN; i++) flood.ws.send(step1);
    expect(await flood.closed).toEqual({ code: 1008, reason: 'rate limit' });
    expect(srv.output()).toMatch(/closing the connection of user .*: over its rate budget/);
    // The calm client is untouched.
    const watcher = connectBoard(srv.url, roadmap.id, curator);
    await watcher.synced;
    const card = readBoard(calm.doc).columns[0].cards[0].id;
    updateCard(calm.doc, card, { result: 'После потока' }); // (a new card: the roadmap is past this test's card cap)
    await eventually(() => expect(readBoard(watcher.doc).columns[0].cards[0].fields.result).toBe('После потока'));
    calm.close();
    watcher.close();
  });

  it('closes a connection that sends more bytes than its budget, even updates it may not apply', async () => {
    const roadmap = boards.find((b) => b.kind === 'roadmap' && b.title !== SMALL)!;
    const heavy = rawSocket(srv.url, roadmap.id, viewer);
    await heavy.opened;
    const doc = new Y.Doc();
    doc.getMap('junk').set('x', 'я'.repeat(50_000)); // ~100 KB: under the message cap, a third of the burst
    const update = yjsFrame(0, 2, Y.encodeStateAsUpdate(doc));
    for (let i = 0; i < 6 && heavy.ws.readyState === WebSocket.OPEN; i++) heavy.ws.send(update);
    expect(await heavy.closed).toEqual({ code: 1008, reason: 'rate limit' });
  });

  it('refuses new cards past the card cap: a client that asked is told and stays, a stock client is closed', async () => {
    const small = boards.find((b) => b.title === SMALL)!; // one card; the cap is three
    const told = connectBoard(srv.url, small.id, curator, { withStatus: true });
    const stock = connectBoard(srv.url, small.id, curator);
    await Promise.all([told.synced, stock.synced]);
    const column = readBoard(told.doc).columns[0].id;
    addCard(told.doc, { columnId: column, title: 'Мероприятие № 2' });
    addCard(told.doc, { columnId: column, title: 'Мероприятие № 3' });
    await eventually(() => expect(readBoard(stock.doc).columns.flatMap((c) => c.cards)).toHaveLength(3));

    addCard(told.doc, { columnId: column, title: 'Мероприятие № 4' });
    await eventually(() => expect(told.statuses).toContainEqual({ saving: 'refused', reason: 'board-full' }));
    expect(srv.output()).toMatch(/refused a growing update of user .*: the board is at its size cap, 3 cards \(cap 3, BOARD_MAX_CARDS\)/);
    expect(told.provider.wsconnected).toBe(true);
    const fresh = connectBoard(srv.url, small.id, curator);
    await fresh.synced;
    expect(readBoard(fresh.doc).columns.flatMap((c) => c.cards).map((c) => c.title)).not.toContain('Мероприятие № 4');
    fresh.close();

    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      stock.provider.ws!.addEventListener('close', (e: { code: number; reason: string }) => resolve({ code: e.code, reason: e.reason }), { once: true }),
    );
    addCard(stock.doc, { columnId: column, title: 'Мероприятие № 5' });
    expect(await closed).toEqual({ code: 1008, reason: 'board too large' });
    told.close();
    stock.close();
  });

  it('refuses what would grow a board past its byte cap', async () => {
    const small = boards.find((b) => b.title === SMALL)!;
    const told = connectBoard(srv.url, small.id, curator, { withStatus: true });
    await told.synced;
    const card = readBoard(told.doc).columns.flatMap((c) => c.cards).find((c) => c.title === 'Мероприятие № 2')!;
    setCardText(told.doc, card.id, 'description', 'ж'.repeat(40_000)); // ~80 KB, over the 64 KB cap
    await eventually(() => expect(told.statuses.filter((s) => s.saving === 'refused')).toHaveLength(1));
    expect(srv.output()).toMatch(/the board is at its size cap, \d+ bytes encoded \(cap 65536, BOARD_MAX_BYTES\)/);
    told.close();
  });
});
