import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '../../lib/board/doc';
import { DEMO_PEOPLE_NAMES } from '../../lib/demo/content';
import { addDays, todayIso } from '../../lib/people/rules';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { connectBoard, eventually } from '../helpers/yjs-client';

// The pairs API of DESIGN.md's stable interfaces through a real server: POST pairs → 201 {id, cardId} and the
// card on the pairs board; POST meetings → 201 {id} and the card's move, seen live by an open board; who may
// call what; the refusals with stable codes and Russian messages; names per the rules.
describe('the pairs API', () => {
  let srv: RunningServer;
  const cookie = {} as Record<'curator' | 'head' | 'mentor' | 'mentee', string>;
  let schoolId: string;
  let boardId: string;
  let mentorId: string;
  let menteeId: string;
  const today = todayIso();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tropa-pairs-api-'));

  function call(who: keyof typeof cookie | null, method: string, url: string, body?: unknown) {
    return fetch(`${srv.url}${url}`, {
      method,
      headers: { ...(who ? { cookie: cookie[who] } : {}), ...(body ? { 'content-type': 'application/json', origin: srv.url } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  beforeAll(async () => {
    srv = await startServer({ DATA_DIR: dataDir });
    for (const role of ['curator', 'head', 'mentor', 'mentee'] as const) cookie[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
    const orgs = (await (await call('curator', 'GET', '/api/orgs')).json()) as { id: string; kind: string }[];
    schoolId = orgs.find((o) => o.kind === 'organisation')!.id;
    const boards = (await (await call('curator', 'GET', '/api/boards')).json()) as { id: string; kind: string; orgId: string }[];
    boardId = boards.find((b) => b.kind === 'pairs' && b.orgId === schoolId)!.id;
    const person = async (bank: string, name: string) =>
      ((await (await call('curator', 'GET', `/api/orgs/${schoolId}/people?bank=${bank}`)).json()) as { id: string; fullName: string }[]).find((p) => p.fullName === name)!.id;
    mentorId = await person('mentor', DEMO_PEOPLE_NAMES.mentor);
    menteeId = await person('mentee', DEMO_PEOPLE_NAMES.mentee);
    // The demo may have paired them already (lib/demo/pairs.ts): that pair ends, so these tests form their own.
    const active = (await (await call('curator', 'GET', `/api/orgs/${schoolId}/pairs?status=active`)).json()) as { id: string; mentor: { personId: string }; mentees: { personId: string }[] }[];
    for (const p of active.filter((x) => x.mentor.personId === mentorId || x.mentees.some((m) => m.personId === menteeId))) {
      expect((await call('curator', 'POST', `/api/pairs/${p.id}/end`, { outcome: 'terminated', reason: 'пара формируется заново' })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await srv?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cardsOf = (doc: Parameters<typeof readBoard>[0]) => readBoard(doc).columns.flatMap((c) => c.cards.map((card) => ({ column: c.id, id: card.id, title: card.title, fields: card.fields })));

  it('forms a pair: 201 {id, cardId}, the card in «Встреча-знакомство» of an open board; meetings move it live', async () => {
    const live = connectBoard(srv.url, boardId, cookie.curator);
    try {
      await live.synced;
      const input = { mentorId, menteeIds: [menteeId], form: 'учитель – учитель' };
      expect((await call(null, 'POST', `/api/orgs/${schoolId}/pairs`, input)).status).toBe(401);
      expect((await call('head', 'POST', `/api/orgs/${schoolId}/pairs`, input)).status).toBe(403);
      expect((await call('mentee', 'POST', `/api/orgs/${schoolId}/pairs`, input)).status).toBe(404);
      const bad = await call('curator', 'POST', `/api/orgs/${schoolId}/pairs`, { ...input, menteeIds: [] });
      expect(bad.status).toBe(422);
      expect((await bad.json()).error).toMatchObject({ code: 'UNPROCESSABLE', fields: ['menteeIds'], message: expect.stringMatching(/наставляемых/) });

      const res = await call('curator', 'POST', `/api/orgs/${schoolId}/pairs`, input);
      expect(res.status).toBe(201);
      const body = (await res.json()) as { id: string; cardId: string };
      expect(Object.keys(body).sort()).toEqual(['cardId', 'id']);
      expect(body.cardId).toBe(body.id);
      await eventually(() => expect(cardsOf(live.doc)).toContainEqual({ column: 'intro', id: body.id, title: expect.stringMatching(/^Пара № \d+$/), fields: { pairId: body.id, comments: [] } }));
      const again = await call('curator', 'POST', `/api/orgs/${schoolId}/pairs`, input);
      expect(again.status).toBe(422);
      expect((await again.json()).error).toMatchObject({ code: 'MENTEE_ALREADY_PAIRED', message: 'Наставляемый уже состоит в активной паре или группе.' });

      // The pair's mentor records meetings: 201 {id}; a later stage moves the card on the open board.
      const intro = await call('mentor', 'POST', `/api/pairs/${body.id}/meetings`, { kind: 'intro', heldOn: today });
      expect(intro.status).toBe(201);
      expect((await intro.json()).id).toMatch(/^[0-9a-f-]{36}$/);
      const future = await call('mentor', 'POST', `/api/pairs/${body.id}/meetings`, { kind: 'trial', heldOn: addDays(today, 1) });
      expect(future.status).toBe(422);
      expect((await future.json()).error).toEqual({ code: 'MEETING_IN_FUTURE', message: 'Дата встречи не может быть в будущем.', fields: ['heldOn'] });
      const eleven = await call('mentor', 'POST', `/api/pairs/${body.id}/meetings`, { kind: 'trial', heldOn: today, rating: 11 });
      expect((await eleven.json()).error.code).toBe('RATING_OUT_OF_RANGE');
      expect((await call('mentee', 'POST', `/api/pairs/${body.id}/meetings`, { kind: 'trial', heldOn: today })).status).toBe(403);
      const trial = await call('mentor', 'POST', `/api/pairs/${body.id}/meetings`, { kind: 'trial', heldOn: today, format: 'remote', summary: 'Разобрали урок', rating: 8 });
      expect(trial.status).toBe(201);
      const { id: trialId } = (await trial.json()) as { id: string };
      await eventually(() => expect(cardsOf(live.doc).find((c) => c.id === body.id)?.column).toBe('trial'));
      const back = await call('mentor', 'POST', `/api/pairs/${body.id}/stage`, { stage: 'intro' });
      expect((await back.json()).error.code).toBe('REASON_REQUIRED');

      // A board opened afterwards loads the card where the pair is.
      const later = connectBoard(srv.url, boardId, cookie.mentor);
      try {
        await later.synced;
        expect(cardsOf(later.doc).find((c) => c.id === body.id)?.column).toBe('trial');
      } finally {
        later.close();
      }

      // Names for the school's curator and the pair's members, null for the municipality's head: one request per board.
      const byCurator = (await (await call('curator', 'GET', `/api/boards/${boardId}/pairs`)).json()) as { id: string; mentor: { name: string | null }; meetingsHeld: number; stage: string }[];
      expect(byCurator.find((p) => p.id === body.id)).toMatchObject({ mentor: { name: DEMO_PEOPLE_NAMES.mentor }, meetingsHeld: 2, stage: 'trial' });
      const byHead = await (await call('head', 'GET', `/api/boards/${boardId}/pairs`)).text();
      expect(byHead).toContain(body.id);
      expect(byHead).not.toContain(DEMO_PEOPLE_NAMES.mentor);
      expect(byHead).not.toContain(DEMO_PEOPLE_NAMES.mentee);
      expect((await call('head', 'GET', `/api/pairs/${body.id}`)).status).toBe(403);
      expect((await call('curator', 'GET', `/api/pairs/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
      const pair = await (await call('mentor', 'GET', `/api/pairs/${body.id}`)).json();
      expect(pair.meetings.map((m: { kind: string }) => m.kind)).toEqual(['intro', 'trial']);
      expect(pair.pair).toMatchObject({ mine: true, consentWithdrawn: false });

      // «Моя пара»: the mentee sees its mentor and rates the meeting; the mentor may not.
      const mine = await (await call('mentee', 'GET', '/api/me/pairs')).json();
      expect(mine.asMentee).toContainEqual(expect.objectContaining({ pair: expect.objectContaining({ id: body.id, mentor: expect.objectContaining({ name: DEMO_PEOPLE_NAMES.mentor }) }) }));
      expect((await call('mentor', 'POST', `/api/meetings/${trialId}/feedback`, { rating: 9 })).status).toBe(403);
      const rated = await call('mentee', 'POST', `/api/meetings/${trialId}/feedback`, { rating: 9, comment: 'Полезно' });
      expect(rated.status).toBe(200);
      expect(await rated.json()).toEqual({ rating: 9 });
      const zero = await call('mentee', 'POST', `/api/meetings/${trialId}/feedback`, { rating: 0 });
      expect((await zero.json()).error).toMatchObject({ code: 'RATING_OUT_OF_RANGE', message: 'Оценка — целое число от 1 до 10.' });

      const ended = await call('curator', 'POST', `/api/pairs/${body.id}/end`, { outcome: 'terminated', reason: 'проверка' });
      expect(ended.status).toBe(200);
      await eventually(() => expect(cardsOf(live.doc).find((c) => c.id === body.id)?.column).toBe('done'));
    } finally {
      live.close();
    }
  });

  it('lists, accepts several at once, keeps the order’s number and the preferences', async () => {
    const list = await call('curator', 'GET', `/api/orgs/${schoolId}/pairs?status=terminated`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { status: string }[]).every((p) => p.status === 'terminated')).toBe(true);
    const accepted = await call('curator', 'POST', `/api/orgs/${schoolId}/pairs/accept`, {
      pairs: [
        { mentorId, menteeIds: [menteeId], form: 'учитель – учитель' },
        { mentorId, menteeIds: [mentorId], form: 'учитель – учитель' },
      ],
    });
    expect(accepted.status).toBe(201);
    const { created, errors } = (await accepted.json()) as { created: { id: string; cardId: string }[]; errors: { index: number; code: string }[] };
    expect(created).toHaveLength(1);
    expect(errors.map((e) => [e.index, e.code])).toEqual([[1, 'UNPROCESSABLE']]);
    const order = await call('curator', 'POST', `/api/orgs/${schoolId}/pairs/order`, { number: '12-о', date: today, pairIds: [created[0].id] });
    expect(order.status).toBe(200);
    expect(await order.json()).toEqual({ updated: 1 });
    expect((await call('head', 'POST', `/api/orgs/${schoolId}/pairs/order`, { number: '1', date: today, pairIds: [created[0].id] })).status).toBe(403);
    const prefs = await call('curator', 'PUT', `/api/orgs/${schoolId}/preferences`, { personId: menteeId, preferred: [mentorId] });
    expect(prefs.status).toBe(200);
    expect(await (await call('curator', 'GET', `/api/orgs/${schoolId}/preferences`)).json()).toEqual([{ personId: menteeId, preferred: [mentorId] }]);
    expect((await call('head', 'GET', `/api/orgs/${schoolId}/preferences`)).status).toBe(403);
    const mine = await (await call('mentor', 'GET', '/api/me/pairs')).json();
    expect(mine.asMentor.map((p: { id: string }) => p.id)).toContain(created[0].id);
  });

  it('suggests pairs for everyone waiting, with reasons and names, to the school’s staff only', async () => {
    const res = await call('curator', 'GET', `/api/orgs/${schoolId}/pairs/suggestions`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { suggestions: { mentorName: string; menteeName: string; reasons: { code: string; text: string }[] }[]; unmatched: { reason: string }[] };
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.suggestions.every((s) => s.mentorName && s.menteeName && s.reasons.length > 0)).toBe(true);
    expect((await call('head', 'GET', `/api/orgs/${schoolId}/pairs/suggestions`)).status).toBe(403);
    expect((await call('mentee', 'GET', `/api/orgs/${schoolId}/pairs/suggestions`)).status).toBe(404);
    const byHand = await call('curator', 'GET', `/api/orgs/${schoolId}/pairs/suggestions?mentorId=${mentorId}&menteeId=${mentorId}`);
    expect(await byHand.json()).toEqual({ suggestion: null });
  });
});
