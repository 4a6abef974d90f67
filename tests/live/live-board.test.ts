import { spawnSync } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { offlineBoardWriter } from '../../db/board-writer-offline';
import { openDb, type Db } from '../../db/client';
import { auditEvents, boardUpdates, users } from '../../db/schema';
import { readBoard } from '../../lib/board/doc';
import { addCard, moveCard, setCardText } from '../../lib/board/ops';
import { ROOT_DIR } from '../../server/root';
import { demoPairs, insertPair, serverTargets } from '../helpers/pairs';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { connectBoard, eventually } from '../helpers/yjs-client';

/** The demo, plus two pairs in the database with their cards: the demo mentor's and another mentor's (the head's). */
type Pairs = { own: string; other: string };
async function withPairs(db: Db): Promise<Pairs> {
  const d = await demoPairs(db);
  const own = await insertPair(db, { orgId: d.orgId, boardId: d.boardId, mentorPersonId: await d.personOf('mentor'), menteePersonIds: [await d.personOf('mentee')] });
  const other = await insertPair(db, { orgId: d.orgId, boardId: d.boardId, mentorPersonId: await d.personOf('head'), menteePersonIds: [await d.personOf('viewer')] });
  await offlineBoardWriter(db).pairCards(d.boardId, null, []); // reconciles: both pairs get their cards
  return { own, other };
}

const targets = serverTargets();

const cardTitles = (doc: Y.Doc) => readBoard(doc).columns.flatMap((c) => c.cards.map((card) => card.title));
const columnOf = (doc: Y.Doc, cardId: string) => readBoard(doc).columns.find((c) => c.cards.some((card) => card.id === cardId))?.id;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(targets)('live board core on $name', (target) => {
  let env: Record<string, string>;
  let dispose: () => Promise<void>;
  let srv: RunningServer;
  const cookies: Record<string, string> = {};
  let roadmapId: string;
  let pairsId: string;
  let pairs: Pairs;
  const clients: { close(): void }[] = [];

  const start = async () => {
    srv = await startServer({ ...env, AUDIT_TYPING_QUIET_MS: '300', COMMIT_WINDOW_MS: '50' });
    for (const role of ['curator', 'member', 'viewer', 'mentor']) {
      cookies[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo'))!.cookie!;
    }
  };
  const open = async (role: string, boardId: string) => {
    const client = connectBoard(srv.url, boardId, cookies[role]);
    clients.push(client);
    await client.synced;
    return client;
  };
  const openDbAfterStop = () => openDb(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR });
  const auditVerify = () =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/audit-verify.ts'], {
      cwd: ROOT_DIR,
      env: { ...process.env, DATABASE_URL: '', ...env },
      encoding: 'utf8',
    });

  beforeAll(async () => {
    ({ env, value: pairs, dispose } = await target.prepare(withPairs));
    // The server seeds nothing more; on Postgres it is asked to and finds the demo present.
    if (target.name === 'postgres') env = { ...env, SEED_DEMO: '1' };
    await start();
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookies.curator } })).json()) as { id: string; kind: string }[];
    roadmapId = boards.find((b) => b.kind === 'roadmap')!.id;
    pairsId = boards.find((b) => b.kind === 'pairs')!.id;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await srv?.stop();
    await dispose?.();
  });

  it('two users converge live through the stock y-websocket provider', async () => {
    const curator = await open('curator', roadmapId);
    const member = await open('member', roadmapId);
    expect(readBoard(member.doc).columns).toHaveLength(7); // loaded before the first sync reply
    const [first, second] = readBoard(curator.doc).columns;
    const cardId = addCard(curator.doc, { columnId: first.id, title: 'Совместная карточка' });
    await eventually(() => expect(cardTitles(member.doc)).toContain('Совместная карточка'));
    moveCard(member.doc, cardId, second.id, 0);
    await eventually(() => expect(columnOf(curator.doc, cardId)).toBe(second.id));

    // Both type into the same description at once: both words survive.
    setCardText(curator.doc, cardId, 'description', 'Начало.');
    await eventually(() => expect(member.doc.getMap<Y.Map<Y.Text>>('cards').get(cardId)!.get('description')!.toString()).toBe('Начало.'));
    curator.doc.getMap<Y.Map<Y.Text>>('cards').get(cardId)!.get('description')!.insert(0, 'Куратор: ');
    member.doc.getMap<Y.Map<Y.Text>>('cards').get(cardId)!.get('description')!.insert(7, ' Член группы.');
    await eventually(() => {
      const a = curator.doc.getMap<Y.Map<Y.Text>>('cards').get(cardId)!.get('description')!.toString();
      const b = member.doc.getMap<Y.Map<Y.Text>>('cards').get(cardId)!.get('description')!.toString();
      expect(a).toBe(b);
      expect(a).toContain('Куратор: ');
      expect(a).toContain(' Член группы.');
    });
  });

  it('refuses upgrades without a session (401) or without access to the board (403)', async () => {
    const refusal = (cookie?: string, boardId = pairsId) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/yjs/${boardId}`, { headers: cookie ? { cookie } : {} });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => reject(new Error('accepted')));
        ws.on('error', () => {});
      });
    expect(await refusal()).toBe(401);
    expect(await refusal(cookies.member)).toBe(403); // a working-group member has no pairs board
  });

  it("a viewer's edits never reach another client", async () => {
    const curator = await open('curator', roadmapId);
    const viewer = await open('viewer', roadmapId);
    addCard(viewer.doc, { columnId: readBoard(viewer.doc).columns[0].id, title: 'Правка наблюдателя' });
    addCard(curator.doc, { columnId: readBoard(curator.doc).columns[0].id, title: 'Правка куратора после' });
    await eventually(() => expect(cardTitles(viewer.doc)).toContain('Правка куратора после'));
    await pause(200);
    expect(cardTitles(curator.doc)).not.toContain('Правка наблюдателя');
  });

  it("a mentor reorders its own pair but cannot move it to another stage, nor touch another pair's card", async () => {
    const curator = await open('curator', pairsId);
    const mentor = await open('mentor', pairsId);
    const intro = (doc: Y.Doc) => readBoard(doc).columns.find((c) => c.id === 'intro')!.cards.map((c) => c.id);
    const ids = intro(curator.doc); // the demo's own pair in «Встреча-знакомство» too
    expect(ids).toEqual(expect.arrayContaining([pairs.own, pairs.other]));
    const to = ids.indexOf(pairs.own) === 0 ? ids.length - 1 : 0;
    moveCard(mentor.doc, pairs.own, 'intro', to); // within its column: its own to change
    await eventually(() => expect(intro(curator.doc).indexOf(pairs.own)).toBe(to));

    moveCard(mentor.doc, pairs.own, 'planning', 0); // a stage: only the server moves a pair
    moveCard(mentor.doc, pairs.other, 'final', 0);
    setCardText(mentor.doc, pairs.other, 'description', 'Чужая пара');
    setCardText(mentor.doc, pairs.own, 'description', 'Своя пара'); // after them, on the same socket
    await eventually(() => expect(curator.doc.getMap<Y.Map<Y.Text>>('cards').get(pairs.own)!.get('description')!.toString()).toBe('Своя пара'));
    await pause(200);
    expect(columnOf(curator.doc, pairs.own)).toBe('intro');
    expect(columnOf(curator.doc, pairs.other)).toBe('intro');
    expect(curator.doc.getMap<Y.Map<Y.Text>>('cards').get(pairs.other)!.get('description')!.toString()).toBe('');
  });

  it('malformed frames close that one connection; others go on and the board still loads', async () => {
    const curator = await open('curator', roadmapId);
    const frames = [Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]), Buffer.from([7, 7, 7]), Buffer.from([0, 9]), Buffer.from('текст')];
    for (const frame of frames) {
      const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/yjs/${roadmapId}`, { headers: { cookie: cookies.member } });
      await new Promise((resolve) => ws.once('open', resolve));
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send(frame, { binary: !frame.equals(Buffer.from('текст')) });
      expect([1003, 1009]).toContain(await closed);
    }
    const member = await open('member', roadmapId);
    addCard(curator.doc, { columnId: readBoard(curator.doc).columns[0].id, title: 'После мусора' });
    await eventually(() => expect(cardTitles(member.doc)).toContain('После мусора'));
  });

  it('the audit trail names who did what, coalesces typing, and is served by the API', async () => {
    const curator = await open('curator', roadmapId);
    const member = await open('member', roadmapId);
    const cardId = addCard(curator.doc, { columnId: readBoard(curator.doc).columns[0].id, title: 'Аудит' });
    await eventually(() => expect(cardTitles(member.doc)).toContain('Аудит'));
    moveCard(member.doc, cardId, readBoard(member.doc).columns[1].id, 0);
    setCardText(curator.doc, cardId, 'title', 'Аудит мероприятия');
    setCardText(curator.doc, cardId, 'title', 'Аудит мероприятия ОО');
    const get = async (query: string, role = 'curator') =>
      (await fetch(`${srv.url}/api/boards/${roadmapId}/audit?${query}`, { headers: { cookie: cookies[role] } }));
    await eventually(async () => {
      const { events } = (await (await get(`cardId=${cardId}`)).json()) as { events: { type: string; actor: { name: string }; data: Record<string, unknown> }[] };
      expect(events.map((e) => e.type).sort()).toEqual(['card.created', 'card.moved', 'card.updated']);
      const byType = Object.fromEntries(events.map((e) => [e.type, e]));
      expect(byType['card.updated'].data).toMatchObject({ field: 'title', before: 'Аудит', after: 'Аудит мероприятия ОО' });
      expect(byType['card.created'].actor.name).toBe('Ирина Сергеевна Корнилова');
      expect(byType['card.moved'].actor.name).toBe('Ольга Петровна Смирнова');
    }, 5_000);
    const moved = (await (await get('type=card.moved')).json()) as { events: { actor: { name: string } }[] };
    expect(moved.events.map((e) => e.actor.name)).toContain('Ольга Петровна Смирнова');
    const page = (await (await get('limit=2')).json()) as { events: { id: number }[]; next: number };
    expect(page.events).toHaveLength(2);
    const older = (await (await get(`limit=2&before=${page.next}`)).json()) as { events: { id: number }[] };
    expect(older.events[0].id).toBeLessThan(page.events[1].id);
    expect((await get('', 'member')).status).toBe(403);
    expect((await get('limit=0')).status).toBe(400);
  });

  it('socket.io streams the board\'s audit events to a joined history page', async () => {
    const socket = ioClient(srv.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: cookies.curator } });
    try {
      await new Promise<void>((resolve, reject) => socket.on('connect', () => resolve()).on('connect_error', reject));
      expect(await socket.emitWithAck('board:join', roadmapId)).toMatchObject({ ok: true });
      const received = new Promise<{ type: string; actor: { name: string } }>((resolve) =>
        socket.on('board:audit', (boardId: string, event: { type: string; actor: { name: string } }) => boardId === roadmapId && resolve(event)),
      );
      const member = await open('member', roadmapId);
      addCard(member.doc, { columnId: readBoard(member.doc).columns[1].id, title: 'Для ленты' });
      const event = await received;
      expect(event).toMatchObject({ type: 'card.created', actor: { name: 'Ольга Петровна Смирнова' } });
    } finally {
      socket.close();
    }
  });

  it('SIGKILL right after a burst of edits loses nothing older than the commit window', async () => {
    const curator = await open('curator', roadmapId);
    const column = readBoard(curator.doc).columns[2].id;
    for (let i = 0; i < 40; i++) addCard(curator.doc, { columnId: column, title: `Всплеск ${i}` });
    await pause(400); // the commit window is 50 ms
    await srv.crash(); // the server's whole process group is gone and its port refuses connections
    clients.splice(0).forEach((c) => c.close());
    await start();
    const again = await open('member', roadmapId);
    const titles = cardTitles(again.doc);
    for (let i = 0; i < 40; i++) expect(titles).toContain(`Всплеск ${i}`);
    expect(titles).toContain('Совместная карточка');
  }, 90_000);

  it('after a restart, the log and the audit hold only allowed edits, and the chain verifies until a row is forged', async () => {
    clients.splice(0).forEach((c) => c.close());
    await srv.stop();
    const handle = await openDbAfterStop();
    try {
      const actorEmails = await handle.db
        .selectDistinct({ email: users.email })
        .from(boardUpdates)
        .innerJoin(users, eq(users.id, boardUpdates.actorId));
      expect(actorEmails.map((r) => r.email)).not.toContain('viewer@demo.tropa');
      const viewerAudit = await handle.db.select().from(auditEvents).innerJoin(users, eq(users.id, auditEvents.actorId)).where(eq(users.email, 'viewer@demo.tropa'));
      expect(viewerAudit).toHaveLength(0);
    } finally {
      await handle.close();
    }
    const ok = auditVerify();
    expect(ok.stdout).toContain('all intact');
    expect(ok.status).toBe(0);

    const forge = await openDbAfterStop();
    let forgedId: number;
    try {
      const [row] = await forge.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.type, 'card.moved')).limit(1);
      forgedId = row.id;
      await forge.db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
      await forge.db.execute(sql`update audit_events set after = '{"columnId":"forged"}' where id = ${forgedId}`);
      await forge.db.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
    } finally {
      await forge.close();
    }
    const broken = auditVerify();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`first broken row id=${forgedId}`);
    await start(); // afterAll stops it
  }, 120_000); // two restarts and two verifier runs: slow on a loaded 2-core machine
});
