import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { readBoard } from '../../lib/board/doc';
import { addCard } from '../../lib/board/ops';
import { messagesFor } from '../../lib/i18n/messages';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { connectBoard, eventually } from '../helpers/yjs-client';

// The live audit feed (socket.io board:join → board:audit) is the audit trail as it happens:
// names and before/after values. It follows audit.read, like the audit API and history page.
const ROLES = ['curator', 'head', 'member', 'viewer', 'mentor', 'mentee'] as const;
type Role = (typeof ROLES)[number];
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the live audit feed is for those who may read the audit', () => {
  let srv: RunningServer;
  const cookies = {} as Record<Role, string>;
  const sockets: Socket[] = [];
  let roadmapId: string;

  beforeAll(async () => {
    srv = await startServer({ COMMIT_WINDOW_MS: '20', AUDIT_TYPING_QUIET_MS: '200' });
    for (const role of ROLES) cookies[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookies.curator } })).json()) as { id: string; kind: string }[];
    roadmapId = boards.find((b) => b.kind === 'roadmap')!.id;
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await srv?.stop();
  });

  const feed = async (role: Role) => {
    const socket = ioClient(srv.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: cookies[role] } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => socket.on('connect', () => resolve()).on('connect_error', reject));
    const events: { type: string; data: { after: unknown } }[] = [];
    socket.on('board:audit', (_boardId: string, event: (typeof events)[number]) => events.push(event));
    return { socket, events, join: () => socket.emitWithAck('board:join', roadmapId) };
  };

  it("refuses a viewer's, a member's, a mentor's and a mentee's board:join; they get no board:audit events; a curator and a head get them", async () => {
    const feeds = {} as Record<Role, Awaited<ReturnType<typeof feed>>>;
    for (const role of ROLES) feeds[role] = await feed(role);
    expect(await feeds.curator.join()).toEqual({ ok: true, boardId: roadmapId });
    expect(await feeds.head.join()).toEqual({ ok: true, boardId: roadmapId });
    expect(await feeds.viewer.join()).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(await feeds.member.join()).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(await feeds.mentor.join()).toEqual({ ok: false, code: 'NOT_FOUND' }); // no roadmap boards at all
    expect(await feeds.mentee.join()).toEqual({ ok: false, code: 'NOT_FOUND' });

    const member = connectBoard(srv.url, roadmapId, cookies.member);
    try {
      await member.synced;
      addCard(member.doc, { columnId: readBoard(member.doc).columns[0].id, title: 'Карточка для ленты' });
      const created = (e: { type: string; data: { after: unknown } }) => e.type === 'card.created' && JSON.stringify(e.data.after).includes('Карточка для ленты');
      await eventually(() => {
        expect(feeds.curator.events.some(created)).toBe(true);
        expect(feeds.head.events.some(created)).toBe(true);
      });
      await pause(300); // the same fan-out reached everyone in the room by now
      for (const role of ['viewer', 'member', 'mentor', 'mentee'] as const) expect(feeds[role].events, role).toEqual([]);
    } finally {
      member.close();
    }
  });

  it('the audit API and the history page follow the same rule', async () => {
    const api = (role: Role) => fetch(`${srv.url}/api/boards/${roadmapId}/audit`, { headers: { cookie: cookies[role] } });
    expect((await api('curator')).status).toBe(200);
    expect((await api('head')).status).toBe(200);
    expect((await api('viewer')).status).toBe(403);
    expect((await api('member')).status).toBe(403);
    expect((await api('mentee')).status).toBe(404);

    const m = messagesFor('ru');
    const page = async (role: Role, path: string) => (await fetch(`${srv.url}${path}`, { headers: { cookie: cookies[role] } })).text();
    const history = await page('viewer', `/boards/${roadmapId}/history`);
    expect(history).toContain(m.errors.FORBIDDEN);
    expect(history).not.toContain('Карточка для ленты');
    expect(await page('curator', `/boards/${roadmapId}/history`)).toContain('Карточка для ленты');
    // The board page links its history only for those who may open it.
    expect(await page('viewer', `/boards/${roadmapId}`)).not.toContain(`/boards/${roadmapId}/history`);
    expect(await page('curator', `/boards/${roadmapId}`)).toContain(`/boards/${roadmapId}/history`);
  });
});
