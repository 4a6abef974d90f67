import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_PEOPLE_NAMES } from '../../lib/demo/content';
import { demoPairs, insertPair, prepareDataDir } from '../helpers/pairs';
import { signIn, startServer, type RunningServer } from '../helpers/server';

// Names are personal data (DESIGN.md, "Personal data"): a board's people list goes to those
// who edit or audit the board (or manage its users); a mentor learns only its own pairs'
// people (from the pairs tables, never from card fields); a mentee has no board at all («Моя пара»).
const ROLES = ['admin', 'head', 'curator', 'member', 'mentor', 'mentee', 'viewer'] as const;
type Role = (typeof ROLES)[number];
const ALL_NAMES = ROLES.map((r) => DEMO_PEOPLE_NAMES[r]).sort();

describe("who may see a board's people", () => {
  let srv: RunningServer;
  let dir: string;
  const cookies = {} as Record<Role, string>;
  let roadmapId: string;
  let pairsId: string;

  beforeAll(async () => {
    // The mentor's pair with the mentee, and another pair: the head's, with the viewer's account.
    ({ dir } = await prepareDataDir(async (db) => {
      const d = await demoPairs(db);
      await insertPair(db, { orgId: d.orgId, boardId: d.boardId, mentorPersonId: await d.personOf('mentor'), menteePersonIds: [await d.personOf('mentee')] });
      await insertPair(db, { orgId: d.orgId, boardId: d.boardId, mentorPersonId: await d.personOf('head'), menteePersonIds: [await d.personOf('viewer')] });
    }));
    srv = await startServer({ DATA_DIR: dir, COMMIT_WINDOW_MS: '20' });
    for (const role of ROLES) cookies[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookies.curator } })).json()) as { id: string; kind: string }[];
    roadmapId = boards.find((b) => b.kind === 'roadmap')!.id;
    pairsId = boards.find((b) => b.kind === 'pairs')!.id;
  });
  afterAll(async () => {
    await srv?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const members = async (role: Role, boardId: string) => {
    const res = await fetch(`${srv.url}/api/boards/${boardId}/members`, { headers: { cookie: cookies[role] } });
    return { status: res.status, names: res.ok ? ((await res.json()) as { name: string }[]).map((p) => p.name).sort() : null };
  };

  it('those who edit or audit the board, or manage its users, get every name on its organisation path', async () => {
    for (const role of ['admin', 'head', 'curator', 'member'] as const) expect(await members(role, roadmapId), role).toEqual({ status: 200, names: ALL_NAMES });
    for (const role of ['admin', 'head', 'curator'] as const) expect(await members(role, pairsId), role).toEqual({ status: 200, names: ALL_NAMES });
  });

  it('a viewer reads the boards but gets no names; a member has no pairs board', async () => {
    expect((await members('viewer', roadmapId)).status).toBe(403);
    expect((await members('viewer', pairsId)).status).toBe(403);
    expect((await members('member', pairsId)).status).toBe(404);
  });

  it("a mentor gets only itself and its own pairs' people, not those of another pair", async () => {
    expect(await members('mentor', pairsId)).toEqual({ status: 200, names: [DEMO_PEOPLE_NAMES.mentee, DEMO_PEOPLE_NAMES.mentor].sort() });
    expect((await members('mentor', roadmapId)).status).toBe(404);
  });

  it('a mentee has no board: no list, no members, no board page, no websocket', async () => {
    expect(await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookies.mentee } })).json()).toEqual([]);
    expect((await members('mentee', pairsId)).status).toBe(404);
    expect((await members('mentee', roadmapId)).status).toBe(404);
    expect((await fetch(`${srv.url}/boards/${pairsId}`, { headers: { cookie: cookies.mentee } })).status).toBe(404);
    const upgrade = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/yjs/${pairsId}`, { headers: { cookie: cookies.mentee } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => (ws.close(), resolve(101)));
      ws.on('error', () => {});
    });
    expect(upgrade).toBe(403);
  });
});
