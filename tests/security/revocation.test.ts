import { rm } from 'node:fs/promises';
import { decode, encode } from 'next-auth/jwt';
import type { Browser, Page } from 'playwright-core';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { openDb } from '../../db/client';
import { loadBoardState } from '../../db/queries/boards';
import { auditEvents } from '../../db/schema';
import { readBoard } from '../../lib/board/doc';
import { addCard, moveCard, setCardText } from '../../lib/board/ops';
import { DEMO_PAIRS_TITLE, DEMO_PEOPLE_NAMES } from '../../lib/demo/content';
import { launchChromium, signedInPage } from '../helpers/browser';
import { demoMentorPair, prepareDataDir } from '../helpers/pairs';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { connectBoard, eventually } from '../helpers/yjs-client';

// Rights are checked at the upgrade; these attacks keep a connection open while they change.
// An admin takes a role away (or narrows it), a curator archives a board, a session runs out:
// the connections already open must lose the old rights at once.
const SECRET = 'revocation-test-secret-revocation-test-0123';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const titles = (doc: Y.Doc) => readBoard(doc).columns.flatMap((c) => c.cards.map((card) => card.title));

describe('open connections follow changes of rights', () => {
  let srv: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let admin: Page;
  const cookies: Record<string, string> = {};
  let roadmapId: string;
  let pairsId: string;
  const open: { close(): void }[] = [];

  beforeAll(async () => {
    // The demo mentor's pair (with the demo mentee), in the database, with its card «Пара № 1».
    ({ dir: dataDir } = await prepareDataDir(demoMentorPair));
    [srv, browser] = await Promise.all([
      startServer({ DATA_DIR: dataDir, AUTH_SECRET: SECRET, COMMIT_WINDOW_MS: '20', AUDIT_TYPING_QUIET_MS: '200' }),
      launchChromium(),
    ]);
    for (const role of ['curator', 'head', 'member', 'mentor']) cookies[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookies.curator } })).json()) as { id: string; kind: string }[];
    roadmapId = boards.find((b) => b.kind === 'roadmap')!.id;
    pairsId = boards.find((b) => b.kind === 'pairs')!.id;
    admin = await signedInPage(browser, srv.url, 'admin');
  });
  afterAll(async () => {
    open.forEach((c) => c.close());
    await browser?.close();
    await srv?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A live board client that records the close codes the server sends it. */
  const board = async (cookie: string, boardId: string) => {
    const client = connectBoard(srv.url, boardId, cookie);
    open.push(client);
    const closes: number[] = [];
    client.provider.on('connection-close', (event) => event && closes.push(event.code));
    await client.synced;
    return { ...client, closes };
  };
  const feed = async (cookie: string) => {
    const socket: Socket = ioClient(srv.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    open.push(socket);
    await new Promise<void>((resolve, reject) => socket.on('connect', () => resolve()).on('connect_error', reject));
    const events: { data: { after: unknown } }[] = [];
    socket.on('board:audit', (_id: string, e: (typeof events)[number]) => events.push(e));
    const saw = (text: string) => events.some((e) => JSON.stringify(e.data.after).includes(text));
    return { socket, events, saw };
  };
  const upgradeStatus = (cookie: string, boardId: string) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/yjs/${boardId}`, { headers: { cookie } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => (ws.close(), resolve(101)));
      ws.on('error', () => {});
    });
  const onAdminPage = async () => {
    await admin.goto(`${srv.url}/admin`);
    await admin.getByTestId('admin-page').waitFor();
  };
  const revokeOnAdminPage = async (role: 'curator' | 'member', roleName: string) => {
    await onAdminPage();
    const button = admin.getByRole('button', { name: `Снять роль: ${DEMO_PEOPLE_NAMES[role]}, ${roleName}` });
    await button.click();
    await eventually(async () => expect(await button.count()).toBe(0), 10_000);
  };

  it('a session that runs out closes its board connection (4401) and its feed', async () => {
    const real = await decode({ token: decodeURIComponent(cookies.head.slice(cookies.head.indexOf('=') + 1)), secret: SECRET });
    const token = await encode({ token: { sub: real!.sub, name: real!.name, email: real!.email }, secret: SECRET, maxAge: 3 });
    const short = `next-auth.session-token=${token}`;
    const live = await board(short, roadmapId);
    const { socket } = await feed(short);
    expect(await socket.emitWithAck('board:join', roadmapId)).toMatchObject({ ok: true });
    const disconnected = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
    await eventually(() => expect(live.closes).toContain(4401), 8_000);
    await disconnected;
    expect(await upgradeStatus(short, roadmapId)).toBe(401);
  }, 30_000);

  it('a mentor narrowed to a viewer is closed (4403) and comes back read-only', async () => {
    const curator = await board(cookies.curator, pairsId);
    const mentor = await board(cookies.mentor, pairsId);
    const own = readBoard(mentor.doc).columns.flatMap((c) => c.cards)[0];
    setCardText(mentor.doc, own.id, 'description', 'Встреча прошла');
    await eventually(() => expect(readBoard(curator.doc).columns.flatMap((c) => c.cards)[0].description).toBe('Встреча прошла'));

    await onAdminPage();
    await admin.getByRole('combobox', { name: `Новая роль для ${DEMO_PEOPLE_NAMES.mentor}` }).selectOption('viewer');
    const row = admin.getByRole('row', { name: new RegExp(DEMO_PEOPLE_NAMES.mentor) });
    await row.getByRole('button', { name: 'Изменить' }).click();
    await eventually(() => expect(mentor.closes).toContain(4403), 10_000);

    const again = await board(cookies.mentor, pairsId);
    moveCard(again.doc, own.id, 'final', 0);
    setCardText(again.doc, own.id, 'description', 'Правка наблюдателя');
    await pause(500);
    const now = readBoard(curator.doc).columns.flatMap((c) => c.cards).find((c) => c.id === own.id)!;
    expect(now.description).toBe('Встреча прошла');
    expect(now.columnId).not.toBe('final');
  }, 60_000);

  it('archiving a board closes its open editors (4403); they come back read-only', async () => {
    const editor = await board(cookies.curator, pairsId);
    const watcher = await board(cookies.head, pairsId);
    const curatorPage = await signedInPage(browser, srv.url, 'curator');
    try {
      await curatorPage.locator('li.board-row', { hasText: DEMO_PAIRS_TITLE }).getByRole('button', { name: 'В архив' }).click();
      await eventually(() => expect(editor.closes).toContain(4403), 10_000);
    } finally {
      await curatorPage.context().close();
    }
    const again = await board(cookies.curator, pairsId);
    addCard(again.doc, { columnId: readBoard(again.doc).columns[0].id, title: 'В архивной доске' });
    await pause(500);
    expect(titles(watcher.doc)).not.toContain('В архивной доске');
  }, 60_000);

  it("a curator whose role is taken away stops receiving the feed and loses its board at once; a head's feed goes on", async () => {
    const curatorFeed = await feed(cookies.curator);
    const headFeed = await feed(cookies.head);
    expect(await curatorFeed.socket.emitWithAck('board:join', roadmapId)).toMatchObject({ ok: true });
    expect(await headFeed.socket.emitWithAck('board:join', roadmapId)).toMatchObject({ ok: true });
    const curator = await board(cookies.curator, roadmapId);
    const member = await board(cookies.member, roadmapId);
    const column = readBoard(member.doc).columns[0].id;
    addCard(member.doc, { columnId: column, title: 'Лента до отзыва' });
    await eventually(() => expect(curatorFeed.saw('Лента до отзыва')).toBe(true));

    await revokeOnAdminPage('curator', 'куратор');
    await eventually(() => expect(curator.closes).toContain(4403));
    addCard(member.doc, { columnId: column, title: 'Лента после отзыва' });
    await eventually(() => expect(headFeed.saw('Лента после отзыва')).toBe(true));
    await pause(300);
    expect(curatorFeed.saw('Лента после отзыва')).toBe(false);
    expect(await curatorFeed.socket.emitWithAck('board:join', roadmapId)).toEqual({ ok: false, code: 'NOT_FOUND' });
  }, 60_000);

  it("a member whose role is taken away while editing: the next edit is not applied, persisted or audited", async () => {
    const member = await board(cookies.member, roadmapId);
    const head = await board(cookies.head, roadmapId);
    const column = readBoard(member.doc).columns[0].id;
    addCard(member.doc, { columnId: column, title: 'Правка до отзыва' });
    await eventually(() => expect(titles(head.doc)).toContain('Правка до отзыва'));

    await revokeOnAdminPage('member', 'член рабочей группы');
    addCard(member.doc, { columnId: column, title: 'Правка после отзыва' }); // at once, on the connection it has
    await pause(500);
    expect(titles(head.doc)).not.toContain('Правка после отзыва');
    expect(member.closes).toContain(4403);
    expect(await upgradeStatus(cookies.member, roadmapId)).toBe(403);
    const audit = await (await fetch(`${srv.url}/api/boards/${roadmapId}/audit?limit=500`, { headers: { cookie: cookies.head } })).text();
    expect(audit).toContain('Правка до отзыва');
    expect(audit).not.toContain('Правка после отзыва');
  }, 60_000);

  it('nothing done after a revocation reached the database', async () => {
    open.splice(0).forEach((c) => c.close());
    await srv.stop(); // flushes every pending write
    const handle = await openDb({ dataDir });
    try {
      for (const boardId of [roadmapId, pairsId]) {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, await loadBoardState(handle.db, boardId));
        expect(titles(doc)).toContain(boardId === roadmapId ? 'Правка до отзыва' : 'Пара № 1');
        expect(titles(doc)).not.toContain('Правка после отзыва');
        expect(titles(doc)).not.toContain('В архивной доске');
        expect(readBoard(doc).columns.flatMap((c) => c.cards).map((c) => c.description)).not.toContain('Правка наблюдателя');
      }
      const rows = JSON.stringify(await handle.db.select().from(auditEvents));
      for (const text of ['Правка после отзыва', 'В архивной доске', 'Правка наблюдателя']) expect(rows).not.toContain(text);
    } finally {
      await handle.close();
    }
  }, 60_000);
});
