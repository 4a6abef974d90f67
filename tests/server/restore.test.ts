import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../lib/board/doc';
import { removeCard, setCardText } from '../../lib/board/ops';
import { liveView } from '../../lib/history/replay';
import { serverTargets } from '../helpers/pairs';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { connectBoard, eventually } from '../helpers/yjs-client';

/*
 * Restore from the history (issue 15) through a real server on port 0 and real y-websocket
 * clients: a curator restores an old title and a deleted card of the demo roadmap through
 * POST /api/boards/<id>/restore; the change goes through the live room (a second connected client
 * sees it at once), is stored and audited as a restore; who may not edit the board is refused;
 * GET /api/boards/<id>/as-of agrees before and after.
 */
type Role = 'curator' | 'member' | 'head' | 'viewer';
type Event = { id: number; at: string; type: string; actor: { id: string | null }; cardId: string | null; data: { before: unknown; after: unknown } };
type AsOf = { at: string; eventId: number | null; prev: { id: number; at: string } | null; next: { id: number; at: string } | null; columns: { id: string; title: string; cards: { id: string; title: string; fields: Record<string, unknown> }[] }[] };

describe.each(serverTargets())('restore from the history on $name', (target) => {
  let srv: RunningServer;
  let dispose: (() => Promise<void>) | undefined;
  let boardId: string;
  const cookies = {} as Record<Role, string>;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    const prepared = await target.prepare(async () => null);
    dispose = prepared.dispose;
    srv = await startServer({ ...prepared.env, COMMIT_WINDOW_MS: '20', AUDIT_TYPING_QUIET_MS: '200' });
    for (const role of ['curator', 'member', 'head', 'viewer'] as const) cookies[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
    const boards = (await (await get('curator', '/api/boards')).json()) as { id: string; kind: string }[];
    boardId = boards.find((b) => b.kind === 'roadmap')!.id;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await srv?.stop();
    await dispose?.();
  });

  const get = (who: Role, path: string) => fetch(`${srv.url}${path}`, { headers: { cookie: cookies[who] } });
  const restore = (who: Role, body: unknown) =>
    fetch(`${srv.url}/api/boards/${boardId}/restore`, { method: 'POST', headers: { cookie: cookies[who], 'content-type': 'application/json', origin: srv.url }, body: JSON.stringify(body) });
  const audit = async (cardId: string) => ((await (await get('curator', `/api/boards/${boardId}/audit?cardId=${cardId}`)).json()) as { events: Event[] }).events;
  const asOf = async (who: Role, at: string) => {
    const res = await get(who, `/api/boards/${boardId}/as-of?at=${encodeURIComponent(at)}`);
    return { status: res.status, body: (await res.json()) as AsOf & { error?: { code: string } } };
  };
  const open = async (role: Role) => {
    const client = connectBoard(srv.url, boardId, cookies[role]);
    clients.push(client);
    await client.synced;
    return client;
  };
  const cardsOf = (doc: Y.Doc) => new Map(readBoard(doc).columns.flatMap((c) => c.cards.map((card) => [card.id, { ...card, column: c.id }] as const)));

  it('restores an old title and a deleted card through the live board; the other client sees it; audited as restores; the board as of agrees', async () => {
    const curator = await open('curator');
    const member = await open('member');
    const [first, second] = readBoard(curator.doc).columns.flatMap((c) => c.cards);
    const oldTitle = first.title;
    setCardText(curator.doc, first.id, 'title', 'Переименовано по ошибке');
    removeCard(curator.doc, second.id);
    await eventually(() => expect(cardsOf(member.doc).has(second.id)).toBe(false));
    let renamed: Event | undefined;
    let deleted: Event | undefined;
    await eventually(async () => {
      renamed = (await audit(first.id)).find((e) => e.type === 'card.updated');
      deleted = (await audit(second.id)).find((e) => e.type === 'card.deleted');
      expect(renamed && deleted).toBeTruthy();
    });
    expect(renamed!.data).toEqual({ entityType: 'card', entityId: first.id, field: 'title', before: oldTitle, after: 'Переименовано по ошибке' });
    const beforeRestore = new Date().toISOString();
    const liveBefore = liveView(member.doc);

    // Who may not edit the board is refused, and nothing changes.
    for (const who of ['head', 'viewer'] as const) {
      const res = await restore(who, { eventId: renamed!.id });
      expect(res.status, who).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
    expect((await restore('curator', { eventId: 'x' })).status).toBe(422);
    expect((await restore('curator', { eventId: renamed!.id + 100_000 })).status).toBe(404);

    const titleBack = await restore('curator', { eventId: renamed!.id, field: 'title' });
    expect(titleBack.status).toBe(200);
    expect(await titleBack.json()).toEqual({ cardId: first.id });
    await eventually(() => expect(cardsOf(member.doc).get(first.id)?.title).toBe(oldTitle));
    const cardBack = await restore('curator', { eventId: deleted!.id });
    expect(await cardBack.json()).toEqual({ cardId: second.id });
    await eventually(() => expect(cardsOf(member.doc).get(second.id)).toMatchObject({ title: second.title, column: second.columnId, description: second.description }));
    expect(cardsOf(curator.doc).get(second.id)!.order).toBe(cardsOf(member.doc).get(second.id)!.order);

    // Nothing left to restore: the card is there, the title has that value.
    for (const eventId of [deleted!.id, renamed!.id]) {
      const again = await restore('curator', { eventId });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: { code: string } }).error.code).toBe('RESTORE_NOT_APPLICABLE');
    }

    // Audited as restores, by the curator, naming the events they restore.
    const curatorId = renamed!.actor.id;
    await eventually(async () => {
      expect((await audit(first.id)).find((e) => e.type === 'card.field_restored')).toMatchObject({
        actor: { id: curatorId },
        data: { before: { field: 'title', value: 'Переименовано по ошибке' }, after: { field: 'title', value: oldTitle, fromEvent: renamed!.id } },
      });
      expect((await audit(second.id)).find((e) => e.type === 'card.restored')).toMatchObject({
        actor: { id: curatorId },
        data: { before: null, after: { title: second.title, columnId: second.columnId, fromEvent: deleted!.id } },
      });
    });

    // The board as of before the restores is the board then; as of now it is the live board.
    const then = await asOf('head', beforeRestore);
    expect(then.status).toBe(200);
    expect({ columns: then.body.columns }).toEqual(liveBefore);
    expect(then.body.next).toMatchObject({ id: expect.any(Number) });
    const now = await asOf('head', new Date(Date.now() + 1000).toISOString());
    expect({ columns: now.body.columns }).toEqual(liveView(member.doc));
    expect(now.body).toMatchObject({ next: null, prev: expect.objectContaining({ id: expect.any(Number) }) });
    expect(now.body.eventId).toBeGreaterThan(then.body.eventId!);
  });

  it('the board as of a date: for who reads the audit trail; a bad date is 422', async () => {
    expect((await asOf('curator', new Date().toISOString())).status).toBe(200);
    expect((await asOf('viewer', new Date().toISOString())).status).toBe(403);
    expect((await asOf('member', new Date().toISOString())).status).toBe(403);
    const bad = await asOf('head', 'первое декабря');
    expect(bad.status).toBe(422);
    expect(bad.body.error!.code).toBe('UNPROCESSABLE');
    const missing = await get('head', `/api/boards/${boardId}/as-of`);
    expect(missing.status).toBe(422);
    expect((await fetch(`${srv.url}/api/boards/${boardId}/as-of?at=${new Date().toISOString()}`)).status).toBe(401);
  });
});
