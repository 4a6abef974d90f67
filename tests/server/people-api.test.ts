import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { ROOT_DIR } from '../../server/root';
import { dumpDatabase } from '../helpers/db';
import { docxText } from '../../lib/people/documents/docx-text';
import { parseBankFile } from '../../lib/people/bank-file';
import { todayIso, addDays } from '../../lib/people/rules';
import { signIn, startServer, type RunningServer } from '../helpers/server';

const TSX = path.join(ROOT_DIR, 'node_modules', 'tsx', 'dist', 'cli.mjs');

// The people API of DESIGN.md's stable interfaces, through a real server: who may call it,
// the consent rules' refusals with stable codes, and the documents and export it serves.
describe('the people API', () => {
  let srv: RunningServer;
  const cookie = {} as Record<'curator' | 'head' | 'mentee' | 'admin', string>;
  let schoolId: string;
  const today = todayIso();
  const yearsAgo = (n: number) => addDays(today, -Math.round(n * 365.25) - 10);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tropa-people-api-'));

  beforeAll(async () => {
    srv = await startServer({ DATA_DIR: dataDir });
    for (const role of ['curator', 'head', 'mentee', 'admin'] as const) cookie[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
    const orgs = (await (await call('curator', 'GET', '/api/orgs')).json()) as { id: string; kind: string }[];
    schoolId = orgs.find((o) => o.kind === 'organisation')!.id;
  });
  afterAll(async () => {
    await srv?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function call(who: keyof typeof cookie | null, method: string, path: string, body?: unknown) {
    return fetch(`${srv.url}${path}`, {
      method,
      headers: { ...(who ? { cookie: cookie[who] } : {}), ...(body ? { 'content-type': 'application/json', origin: srv.url } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  it('lists organisations as DESIGN.md says, and the demo banks for the school’s curator', async () => {
    const orgs = (await (await call('curator', 'GET', '/api/orgs')).json()) as Record<string, unknown>[];
    expect(orgs.map((o) => Object.keys(o).sort())).toContainEqual(['id', 'kind', 'name', 'parentId']);
    expect(orgs.map((o) => o.kind)).toEqual(['organisation']); // a role reaches down, not up
    const all = (await (await call('admin', 'GET', '/api/orgs')).json()) as { kind: string }[];
    expect(all.map((o) => o.kind).sort()).toEqual(['municipality', 'organisation', 'region']);
    const res = await call('curator', 'GET', `/api/orgs/${schoolId}/people?bank=mentee`);
    expect(res.status).toBe(200);
    const people = (await res.json()) as { fullName: string; bank: string; minor: boolean; consent: { valid: boolean; signer: string | null } }[];
    expect(people.length).toBeGreaterThanOrEqual(5);
    expect(people.every((p) => p.bank === 'mentee')).toBe(true);
    expect(people).toContainEqual(expect.objectContaining({ minor: true, consent: expect.objectContaining({ valid: true, signer: 'guardian' }) }));
    expect(people.map((p) => p.fullName)).toContain('Участник №14'); // the demo's erased mentee
    expect(Number(res.headers.get('x-total-count'))).toBe(people.length);
  });

  it('creates a person (201), refuses a minor’s own signature, a duplicate and bad input with 422 and a stable code', async () => {
    const minor = { fullName: 'Тестова Алина Сергеевна', birthDate: yearsAgo(12), category: 'student', bank: 'mentee', tags: ['математика'] };
    const self = await call('curator', 'POST', `/api/orgs/${schoolId}/people`, { ...minor, consent: { signer: 'self', signerName: minor.fullName, signedOn: today } });
    expect(self.status).toBe(422);
    expect((await self.json()).error.code).toBe('CONSENT_GUARDIAN_REQUIRED');
    const ok = await call('curator', 'POST', `/api/orgs/${schoolId}/people`, {
      ...minor,
      consent: { signer: 'guardian', signerName: 'Тестова Мария Ивановна', guardianRelation: 'мать', signedOn: today },
    });
    expect(ok.status).toBe(201);
    const { id, status } = await ok.json();
    expect(status).toBe('approved');
    const dup = await call('curator', 'POST', `/api/orgs/${schoolId}/people`, minor);
    expect(dup.status).toBe(422);
    expect((await dup.json()).error).toMatchObject({ code: 'PERSON_DUPLICATE', existingId: id });
    const bad = await call('curator', 'POST', `/api/orgs/${schoolId}/people`, { fullName: '', category: 'x' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBe('UNPROCESSABLE');
    const future = await call('curator', 'POST', `/api/orgs/${schoolId}/people`, { ...minor, fullName: 'Из Будущего', birthDate: addDays(today, 3) });
    expect((await future.json()).error.code).toBe('BIRTH_DATE_FUTURE');
  });

  it('personal data for the school only: the municipality’s head gets 403 and counts, a mentee 404, nobody 401', async () => {
    expect((await call('head', 'GET', `/api/orgs/${schoolId}/people?bank=mentor`)).status).toBe(403);
    const muniId = ((await (await call('head', 'GET', '/api/orgs')).json()) as { id: string; kind: string }[]).find((o) => o.kind === 'municipality')!.id;
    const counts = await call('head', 'GET', `/api/orgs/${muniId}/people/counts`);
    expect(counts.status).toBe(200);
    const text = await counts.text();
    expect(JSON.parse(text).orgs).toContainEqual(expect.objectContaining({ orgId: schoolId, mentors: expect.any(Number), minors: expect.any(Number) }));
    expect(text).not.toMatch(/Кузнецова|Фёдоров|Участник/);
    expect((await call('mentee', 'GET', `/api/orgs/${schoolId}/people?bank=mentor`)).status).toBe(404);
    expect((await call(null, 'GET', `/api/orgs/${schoolId}/people?bank=mentor`)).status).toBe(401);
    expect((await call('head', 'POST', `/api/orgs/${schoolId}/people`, { fullName: 'А Б В', category: 'teacher', bank: 'mentor' })).status).toBe(403);
  });

  it('withdraws, serves the consent form and the subject’s answer, erases, and then the act', async () => {
    const created = await call('curator', 'POST', `/api/orgs/${schoolId}/people`, {
      fullName: 'Удаляев Пётр Ильич',
      birthDate: yearsAgo(30),
      category: 'teacher',
      bank: 'mentor',
      capacity: 2,
      consent: { signer: 'self', signerName: 'Удаляев Пётр Ильич', signedOn: today, documentRef: 'С-900' },
    });
    const { id } = await created.json();
    const form = await call('curator', 'GET', `/api/people/${id}/documents/consent?purpose=pd_processing`);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toContain('wordprocessingml');
    expect(docxText(new Uint8Array(await form.arrayBuffer()))).toContain('Удаляев Пётр Ильич');
    const answer = docxText(new Uint8Array(await (await call('curator', 'GET', `/api/people/${id}/documents/subject-answer`)).arrayBuffer()));
    expect(answer).toContain('Удаляев Пётр Ильич');
    expect(answer).toContain('печатную форму согласия'); // who has seen it: the form just printed
    expect((await call('curator', 'GET', `/api/people/${id}/documents/erasure-act`)).status).toBe(422); // not destroyed yet

    const w = await call('curator', 'POST', `/api/people/${id}/withdraw-consent`, {});
    expect(w.status).toBe(200);
    expect(await w.json()).toEqual({ stopped: true, eraseDueOn: addDays(today, 30) });
    const erase = await call('curator', 'POST', `/api/people/${id}/erase`, {});
    expect(erase.status).toBe(200);
    const record = await (await call('curator', 'GET', `/api/people/${id}`)).json();
    expect(record).toMatchObject({ erased: true, birthDate: null, contacts: { email: null, phone: null } });
    expect(record.fullName).toMatch(/^Участник №\d+$/);
    const act = await call('curator', 'GET', `/api/people/${id}/documents/erasure-act`);
    expect(act.status).toBe(200);
    const actText = docxText(new Uint8Array(await act.arrayBuffer()));
    expect(actText).toContain(record.fullName);
    expect(actText).toContain('Согласие отозвано');
    expect(actText).not.toContain('Удаляев');
  });

  it('exports the filtered bank as XLSX that the bank import reads back', async () => {
    const res = await call('curator', 'GET', `/api/orgs/${schoolId}/people/export?bank=mentee&minor=yes&consent=valid`);
    expect(res.status).toBe(200);
    const parsed = await parseBankFile(new Uint8Array(await res.arrayBuffer()), 'bank.xlsx', { bank: 'mentee', today });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.length).toBeGreaterThanOrEqual(3);
    expect(parsed.rows.every((r) => r.minor && r.consent?.signer === 'guardian')).toBe(true);
    expect((await call('head', 'GET', `/api/orgs/${schoolId}/people/export?bank=mentee`)).status).toBe(403);
  });

  it('after the erasure, a dump of the stopped server’s whole database holds the name nowhere, and npm run audit:verify passes', async () => {
    await srv.stop();
    const verify = spawnSync(process.execPath, [TSX, 'server/cli/audit-verify.ts'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' });
    expect(verify.stdout).toMatch(/all intact/);
    expect(verify.status).toBe(0);
    const handle = await openDb({ dataDir });
    try {
      const dump = await dumpDatabase(handle.db);
      expect(dump).toContain('Участник №'); // the dump does hold the people table
      for (const gone of ['Удаляев', 'Софья Артёмовна Лаврова', 'Лаврова', 'Артём Олегович Лавров']) expect(dump, gone).not.toContain(gone);
    } finally {
      await handle.close();
    }
  });
});
