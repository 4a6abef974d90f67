import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportedRoadmap } from '../../lib/import/types';
import { signIn, startServer, type RunningServer } from '../helpers/server';
import { ROADMAPS_DIR } from '../fixtures/paths';

type BoardJson = { id: string; title: string; kind: string; orgId: string };

const upload = (name: string, bytes: Uint8Array | string) => {
  const form = new FormData();
  form.set('file', new Blob([bytes as BlobPart]), name);
  return form;
};
const activities = (r: Pick<ImportedRoadmap, 'stages'>) => r.stages.flatMap((s) => s.activities);

describe('roadmap import and export over HTTP (real server, port 0)', () => {
  let srv: RunningServer;
  let curator: string;
  let viewer: string;
  let orgId: string;

  beforeAll(async () => {
    srv = await startServer();
    curator = (await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo')).cookie!;
    viewer = (await signIn(srv.url, 'viewer@demo.tropa', 'tropa-demo')).cookie!;
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: curator } })).json()) as BoardJson[];
    orgId = boards[0].orgId;
  });
  afterAll(async () => {
    await srv?.stop();
  });

  const post = (body: FormData | Uint8Array, cookie = curator, query = '') =>
    fetch(`${srv.url}/api/import${query}`, { method: 'POST', headers: { cookie }, body: body as BodyInit });

  it('refuses to read documents for someone not signed in', async () => {
    const res = await fetch(`${srv.url}/api/import`, { method: 'POST', body: upload('a.txt', 'x') });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('reads an uploaded roadmap and a pasted one into the same normalised shape', async () => {
    const text = await readFile(path.join(ROADMAPS_DIR, 'mordovia-regional.txt'), 'utf8');
    const fromFile = await post(upload('mordovia-regional.txt', text));
    expect(fromFile.status).toBe(200);
    const { roadmap } = (await fromFile.json()) as { roadmap: ImportedRoadmap };
    expect(roadmap.period).toEqual({ from: '2020', to: '2024' });
    expect(activities(roadmap).length).toBeGreaterThan(30);
    const form = new FormData();
    form.set('text', text);
    const pasted = (await (await post(form)).json()) as { roadmap: ImportedRoadmap };
    expect(pasted.roadmap).toEqual(roadmap);
  });

  it('answers hostile input with a stable code and a Russian message, and stays up', async () => {
    const cases: [FormData | Uint8Array, number, string, string?][] = [
      [upload('empty.docx', new Uint8Array()), 400, 'IMPORT_EMPTY'],
      [upload('fake.docx', zipSync({ 'a.txt': new TextEncoder().encode('не документ') })), 422, 'IMPORT_UNREADABLE'],
      [upload('scan.pdf', new TextEncoder().encode('%PDF-1.7\n...')), 415, 'IMPORT_UNSUPPORTED'],
      [new Uint8Array(50 * 1024 * 1024).fill(65), 413, 'IMPORT_TOO_LARGE', '?filename=big.txt'],
      [upload('notes.txt', 'Просто заметка без всякой таблицы.'), 422, 'IMPORT_NO_TABLE'],
    ];
    for (const [body, status, code, query] of cases) {
      const res = await post(body, curator, query);
      expect(res.status, code).toBe(status);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe(code);
      expect(json.error.message).toMatch(/[А-Яа-я]/);
    }
    expect((await fetch(`${srv.url}/api/health`)).status).toBe(200);
  });

  it('creates a board from the (edited) preview for a curator, and refuses a viewer', async () => {
    const text = await readFile(path.join(ROADMAPS_DIR, 'cvpvm-pedagogical.txt'), 'utf8');
    const { roadmap } = (await (await post(upload('cvpvm.txt', text))).json()) as { roadmap: ImportedRoadmap };
    const edited = { ...roadmap, title: 'Дорожная карта ЦВПВМ (импорт)' };
    const refused = await fetch(`${srv.url}/api/boards/import`, {
      method: 'POST',
      headers: { cookie: viewer, 'content-type': 'application/json' },
      body: JSON.stringify({ orgId, roadmap: edited }),
    });
    expect(refused.status).toBe(403);
    const res = await fetch(`${srv.url}/api/boards/import`, {
      method: 'POST',
      headers: { cookie: curator, 'content-type': 'application/json' },
      body: JSON.stringify({ orgId, roadmap: edited, filename: 'cvpvm.txt' }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const boards = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: curator } })).json()) as BoardJson[];
    expect(boards.find((b) => b.id === id)).toMatchObject({ title: edited.title, kind: 'roadmap', orgId });
    const audit = (await (await fetch(`${srv.url}/api/boards/${id}/audit`, { headers: { cookie: curator } })).json()) as { events: { type: string }[] };
    expect(audit.events.map((e) => e.type)).toContain('board.created');
  });

  it('exports a roadmap board as DOCX and XLSX, and importing an export gives back the same plan', async () => {
    const text = await readFile(path.join(ROADMAPS_DIR, 'gymnasium-73-novokuznetsk.txt'), 'utf8');
    const { roadmap } = (await (await post(upload('gymnasium.txt', text))).json()) as { roadmap: ImportedRoadmap };
    const created = await fetch(`${srv.url}/api/boards/import`, {
      method: 'POST',
      headers: { cookie: curator, 'content-type': 'application/json' },
      body: JSON.stringify({ orgId, roadmap }),
    });
    const { id } = (await created.json()) as { id: string };
    for (const format of ['docx', 'xlsx'] as const) {
      const res = await fetch(`${srv.url}/api/boards/${id}/export?format=${format}`, { headers: { cookie: viewer } });
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(`.${format}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const back = (await (await post(upload(`export.${format}`, bytes))).json()) as { roadmap: ImportedRoadmap };
      expect(back.roadmap.stages.map((s) => [s.number, s.title]), format).toEqual(roadmap.stages.map((s) => [s.number, s.title]));
      const strip = (r: ImportedRoadmap) => activities(r).map(({ number, title, details, result, responsible, deadline }) => ({ number, title, details, result, responsible, deadline }));
      expect(strip(back.roadmap), format).toEqual(strip(roadmap));
      expect(back.roadmap.indicators, format).toEqual(roadmap.indicators);
      expect(back.roadmap.period, format).toEqual(roadmap.period);
    }
    const bad = await fetch(`${srv.url}/api/boards/${id}/export?format=pdf`, { headers: { cookie: viewer } });
    expect(bad.status).toBe(400);
  });
});
