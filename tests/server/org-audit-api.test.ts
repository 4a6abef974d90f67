import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../lib/history/sentence';
import { signIn, startServer, type RunningServer } from '../helpers/server';

type Event = HistoryEvent;
type Page = { events: Event[]; next: number | null; names: Record<'orgs' | 'boards' | 'columns' | 'cards' | 'people', Record<string, string>> };

// GET /api/orgs/<orgId>/audit and /audit/chains (issue 15) through the real server on the demo:
// region → municipality (head) → school (curator, member, mentor, mentee, viewer), whose pairs board
// holds the demo pairs' cards.
describe('the organisation history API', () => {
  let srv: RunningServer;
  const roles = ['head', 'curator', 'member', 'mentor', 'viewer', 'admin'] as const;
  const cookie = {} as Record<(typeof roles)[number], string>;
  let muniId: string;
  let schoolId: string;
  let regionId: string;
  let boardId: string;

  beforeAll(async () => {
    srv = await startServer();
    for (const role of roles) cookie[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
    const orgs = (await (await call('admin', '/api/orgs')).json()) as { id: string; kind: string }[];
    regionId = orgs.find((o) => o.kind === 'region')!.id;
    muniId = orgs.find((o) => o.kind === 'municipality')!.id;
    schoolId = orgs.find((o) => o.kind === 'organisation')!.id;
    const boards = (await (await call('curator', '/api/boards')).json()) as { id: string; kind: string }[];
    boardId = boards.find((b) => b.kind === 'pairs')!.id; // the demo's pairs are written to it as cards: it has card events
  });
  afterAll(async () => {
    await srv?.stop();
  });

  const call = (who: (typeof roles)[number] | null, path: string) => fetch(`${srv.url}${path}`, { headers: who ? { cookie: cookie[who] } : {} });
  const page = async (who: (typeof roles)[number], path: string) => {
    const res = await call(who, path);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  it('answers {events, next, names}: the municipality’s and its school’s events, newest first, in the stable shape', async () => {
    const body = await page('head', `/api/orgs/${muniId}/audit`);
    expect(Object.keys(body).sort()).toEqual(['events', 'names', 'next']);
    expect(Object.keys(body.names).sort()).toEqual(['boards', 'cards', 'columns', 'orgs', 'people']);
    expect(body.events).toHaveLength(50); // the default page
    expect(typeof body.next).toBe('number');
    for (const e of body.events) {
      expect(Object.keys(e).sort()).toEqual(['actor', 'at', 'boardId', 'cardId', 'data', 'id', 'orgId', 'type']);
      expect(Object.keys(e.actor).sort()).toEqual(['id', 'name']);
      expect(e.data).toHaveProperty('entityType');
      expect(new Date(e.at).toISOString()).toBe(e.at);
      expect([muniId, schoolId]).toContain(e.orgId);
    }
    expect(body.events.map((e) => e.id)).toEqual([...body.events.map((e) => e.id)].sort((a, b) => b - a));
    expect(body.names.orgs[schoolId]).toBeTruthy();
    // The next page continues below the first, with nothing twice.
    const second = await page('head', `/api/orgs/${muniId}/audit?before=${body.next}`);
    expect(second.events[0].id).toBeLessThan(body.events.at(-1)!.id);
    // A board's creation holds its whole starting board (where replay starts): the API counts it instead of sending it.
    const created = await page('head', `/api/orgs/${muniId}/audit?type=board.created&boardId=${boardId}`);
    expect(created.events).toHaveLength(1);
    const content = (created.events[0].data.after as { content: unknown }).content;
    expect(content).toEqual({ columns: expect.any(Number), cards: expect.any(Number) });
    expect((content as { columns: number }).columns).toBeGreaterThan(3); // the pairs board starts with its meeting stages
  });

  it('filters by the URL’s parameters; empty ones are no filter', async () => {
    const cards = await page('head', `/api/orgs/${muniId}/audit?type=card.*&boardId=${boardId}&limit=5`);
    expect(cards.events.length).toBeGreaterThan(0);
    expect(cards.events.every((e) => e.type.startsWith('card.') && e.boardId === boardId)).toBe(true);
    const cardId = cards.events[0].cardId!;
    expect(cards.names.cards[cardId]).toBeTruthy();
    const ofCard = await page('head', `/api/orgs/${muniId}/audit?cardId=${cardId}`);
    expect(ofCard.events.every((e) => e.cardId === cardId)).toBe(true);
    const school = await page('head', `/api/orgs/${muniId}/audit?org=${schoolId}&type=&actorId=&from=&to=`);
    expect(school.events.every((e) => e.orgId === schoolId)).toBe(true);
    const future = await page('head', `/api/orgs/${muniId}/audit?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`);
    expect(future).toEqual({ events: [], next: null, names: { orgs: {}, boards: {}, columns: {}, cards: {}, people: {} } });
  });

  it('personal data: the municipality’s head gets it hidden, the school’s curator opened', async () => {
    const above = await page('head', `/api/orgs/${muniId}/audit?type=person.created&limit=3`);
    expect(above.events.length).toBeGreaterThan(0);
    for (const e of above.events) {
      expect((e.data.after as { pd: unknown }).pd).toEqual({ $pd: 'hidden' });
      expect(above.names.people[e.data.entityId!]).toBeUndefined();
    }
    const own = await page('curator', `/api/orgs/${schoolId}/audit?type=person.created&limit=3`);
    for (const e of own.events) {
      const pd = (e.data.after as { pd: Record<string, unknown> }).pd;
      expect(pd.$pd === 'erased' || typeof pd.fullName === 'string').toBe(true); // the demo has an erased mentee
    }
    expect(own.events.some((e) => typeof (e.data.after as { pd: { fullName?: unknown } }).pd.fullName === 'string')).toBe(true);
  });

  it('refuses with stable codes: 401 nobody, 403 a role without the audit, 404 outside the tree, 400 bad input', async () => {
    const code = async (res: Response) => ({ status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code });
    expect(await code(await call(null, `/api/orgs/${muniId}/audit`))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    for (const who of ['member', 'mentor', 'viewer'] as const) expect(await code(await call(who, `/api/orgs/${schoolId}/audit`))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await code(await call('admin', `/api/orgs/${regionId}/audit`))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await code(await call('curator', `/api/orgs/${muniId}/audit`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await code(await call('head', `/api/orgs/${regionId}/audit`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await code(await call('head', `/api/orgs/00000000-0000-4000-8000-000000000000/audit`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await code(await call('curator', `/api/orgs/${schoolId}/audit?org=${muniId}`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await code(await call('head', `/api/orgs/${muniId}/audit?boardId=00000000-0000-4000-8000-000000000000`))).toEqual({ status: 404, code: 'NOT_FOUND' });
    const bad = await call('head', `/api/orgs/${muniId}/audit?limit=1000&type=Card`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; fields: string[] } }).error).toMatchObject({ code: 'INVALID_INPUT', fields: expect.arrayContaining(['limit', 'type']) });
  });

  it('chains: every chain of the municipality verifies, and a second look reads them again as verified', async () => {
    const res = await call('head', `/api/orgs/${muniId}/audit/chains`);
    expect(res.status).toBe(200);
    const { chains } = (await res.json()) as { chains: { chain: string; boardId: string | null; orgId: string; rows: number; verified: boolean; broken: unknown }[] };
    expect(chains.map((c) => Object.keys(c).sort())).toContainEqual(['boardId', 'broken', 'chain', 'orgId', 'rows', 'verified']);
    expect(chains.find((c) => c.boardId === boardId)).toMatchObject({ chain: `board:${boardId}`, orgId: schoolId, verified: true, broken: null });
    expect(chains.find((c) => c.chain === `org:${schoolId}`)!.rows).toBeGreaterThan(0);
    expect(chains.every((c) => c.verified && c.broken === null)).toBe(true);
    const again = (await (await call('head', `/api/orgs/${muniId}/audit/chains`)).json()) as { chains: typeof chains };
    expect(again.chains.map((c) => [c.chain, c.rows])).toEqual(chains.map((c) => [c.chain, c.rows]));
    expect((await call('mentor', `/api/orgs/${schoolId}/audit/chains`)).status).toBe(403);
    expect((await call(null, `/api/orgs/${schoolId}/audit/chains`)).status).toBe(401);
  });

  it('the board audit keeps its shape and takes a type group', async () => {
    const res = await call('curator', `/api/boards/${boardId}/audit?type=card.*&limit=3`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { events: Record<string, unknown>[]; next: number | null };
    expect(body.events.length).toBeGreaterThan(0);
    for (const e of body.events) expect(Object.keys(e).sort()).toEqual(['actor', 'at', 'cardId', 'data', 'id', 'type']);
  });
});
