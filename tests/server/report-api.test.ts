import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultKeyOf, previousRounds, roundOf } from '../../lib/reports/rounds';
import { todayIso } from '../../lib/people/rules';
import { signIn, startServer, type RunningServer } from '../helpers/server';

// GET /api/orgs/<orgId>/report?round=YYYY-MM (DESIGN.md's stable interface) and the report's JSON
// routes through the real server on the demo: region → municipality (head) → school (curator,
// mentor), whose demo has two past rounds, the older one signed by the head (lib/demo/reports.ts).
describe('the report API', () => {
  let srv: RunningServer;
  const roles = ['head', 'curator', 'mentor', 'admin'] as const;
  type Who = (typeof roles)[number];
  const cookie = {} as Record<Who, string>;
  let muniId: string;
  let schoolId: string;
  const [older, last] = previousRounds(roundOf(defaultKeyOf(todayIso())), [], 2).map((r) => r.key);

  beforeAll(async () => {
    srv = await startServer();
    for (const role of roles) cookie[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
    const orgs = (await (await call('admin', 'GET', '/api/orgs')).json()) as { id: string; kind: string }[];
    muniId = orgs.find((o) => o.kind === 'municipality')!.id;
    schoolId = orgs.find((o) => o.kind === 'organisation')!.id;
  });
  afterAll(async () => {
    await srv?.stop();
  });

  const call = (who: Who | null, method: string, path: string, body?: unknown) =>
    fetch(`${srv.url}${path}`, {
      method,
      headers: { ...(who ? { cookie: cookie[who] } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const FIGURE = (f: Record<string, unknown>) => {
    expect(Object.keys(f).every((k) => ['value', 'numerator', 'denominator', 'target'].includes(k))).toBe(true);
    expect(f.value === null || typeof f.value === 'number').toBe(true);
  };

  it('answers exactly DESIGN.md’s shape, with the stable keys, for a school and its municipality', async () => {
    const res = await call('head', 'GET', `/api/orgs/${muniId}/report?round=${older}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['children', 'figures', 'orgId', 'round', 'signed']);
    expect(body.orgId).toBe(muniId);
    expect(Object.keys(body.round).sort()).toEqual(['from', 'to']);
    expect(body.round.to.slice(0, 7)).toBe(older);
    for (const key of ['participants', 'pairs', 'meetingsHeld', 'menteeSatisfaction', 'mentorSatisfaction', 'studentCoverage', 'youngSpecialistCoverage', 'roadmapOnTime']) {
      expect(body.figures).toHaveProperty(key);
      FIGURE(body.figures[key]);
    }
    expect(body.children).toHaveLength(1);
    const child = body.children[0];
    expect(Object.keys(child).sort()).toEqual(['figures', 'name', 'orgId', 'signed']);
    expect(child.orgId).toBe(schoolId);
    expect(Object.keys(child.signed).sort()).toEqual(['at', 'by']);
    expect(new Date(child.signed.at).toISOString()).toBe(child.signed.at);
    expect(child.figures.studentCoverage).toMatchObject({ denominator: 412 });

    const school = await (await call('curator', 'GET', `/api/orgs/${schoolId}/report?round=${older}`)).json();
    expect(school.signed).not.toBeNull();
    expect(school.children).toEqual([]);
    expect(school.figures.pairs).toEqual({ value: 2, numerator: 2 });
  });

  it('refuses: 401 anonymous, 403 a mentor, 404 unknown, 422 a bad round', async () => {
    expect((await call(null, 'GET', `/api/orgs/${schoolId}/report?round=${last}`)).status).toBe(401);
    expect((await call('mentor', 'GET', `/api/orgs/${schoolId}/report?round=${last}`)).status).toBe(403);
    expect((await call('head', 'GET', `/api/orgs/00000000-0000-4000-8000-000000000000/report?round=${last}`)).status).toBe(404);
    const bad = await call('head', 'GET', `/api/orgs/${schoolId}/report?round=2026-13`);
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBe('ROUND_INVALID');
  });

  it('rounds, contingent, sign and reopen through the JSON routes', async () => {
    const rounds = await (await call('curator', 'GET', `/api/orgs/${schoolId}/report/rounds`)).json();
    expect(rounds.current).toBe(defaultKeyOf(todayIso()));
    expect(rounds.rounds.find((r: { key: string }) => r.key === older)).toMatchObject({ signed: true, source: { kind: 'default' } });
    expect((await call('curator', 'PUT', `/api/orgs/${schoolId}/report/contingent`, { round: older, students: 1 })).status).toBe(409);
    const set = await call('curator', 'PUT', `/api/orgs/${schoolId}/report/contingent`, { round: last, students: 430 });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ students: 430, youngSpecialists: 5 });
    expect((await call('curator', 'POST', `/api/orgs/${schoolId}/report/sign`, { round: last })).status).toBe(403);
    const signed = await call('head', 'POST', `/api/orgs/${schoolId}/report/sign`, { round: last });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ version: 1 });
    const noReason = await call('head', 'POST', `/api/orgs/${schoolId}/report/reopen`, { round: last });
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).error.code).toBe('REASON_REQUIRED');
    expect((await call('head', 'POST', `/api/orgs/${schoolId}/report/reopen`, { round: last, reason: 'Уточнить контингент' })).status).toBe(200);
    expect((await (await call('head', 'GET', `/api/orgs/${schoolId}/report?round=${last}`)).json()).signed).toBeNull();
  });
});
