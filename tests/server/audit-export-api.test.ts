import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../lib/history/values';
import { docxProblems, docxText } from '../../lib/people/documents/docx-text';
import { signIn, startServer, type RunningServer } from '../helpers/server';

const HEADERS = ['Дата и время', 'Кто', 'Организация', 'Доска', 'Карточка', 'Событие', 'Было', 'Стало'];

// The history's exports through a real server (issue 15, item 5): exactly the filtered view of
// GET /api/orgs/<id>/audit as CSV and XLSX, the DOCX extract of a period, and the refusals.
describe('the history export API', () => {
  let srv: RunningServer;
  const cookie = {} as Record<'head' | 'curator' | 'mentee', string>;
  let municipalityId: string;
  let schoolId: string;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tropa-audit-export-'));

  beforeAll(async () => {
    srv = await startServer({ DATA_DIR: dataDir });
    for (const role of ['head', 'curator', 'mentee'] as const) cookie[role] = (await signIn(srv.url, `${role}@demo.tropa`, 'tropa-demo')).cookie!;
    const orgs = (await (await get('head', '/api/orgs')).json()) as { id: string; kind: string }[];
    municipalityId = orgs.find((o) => o.kind === 'municipality')!.id;
    schoolId = orgs.find((o) => o.kind === 'organisation')!.id;
  });
  afterAll(async () => {
    await srv?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (who: keyof typeof cookie | null, url: string) => fetch(`${srv.url}${url}`, { headers: who ? { cookie: cookie[who] } : {} });
  const view = async (who: keyof typeof cookie, orgId: string, filter: string) => {
    const res = await get(who, `/api/orgs/${orgId}/audit?limit=500&${filter}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { events: { id: number; type: string; at: string }[]; next: number | null };
    expect(page.next).toBeNull(); // the demo's trail fits one page: the whole view
    return page.events;
  };

  it('exports exactly the filtered view as CSV: BOM, `;`, Russian headers, a row per event in the same order', async () => {
    for (const filter of ['', 'type=board.*', `org=${schoolId}&type=person.*`]) {
      const events = await view('head', municipalityId, filter);
      const res = await get('head', `/api/orgs/${municipalityId}/audit/export?format=csv&${filter}&limit=1&before=999999999`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="document\.csv"; filename\*=UTF-8''%D0%96/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = Papa.parse<string[]>(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data;
      expect(rows[0]).toEqual(HEADERS);
      expect(rows.length - 1, filter).toBe(events.length);
      expect(rows.slice(1).every((r) => /^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d$/.test(r[0]))).toBe(true);
      // Row by row the API's events, in the same order (newest first), at their Moscow time.
      expect(rows.slice(1).map((r) => r[0]), filter).toEqual(events.map((e) => formatDateTime(e.at, 'Europe/Moscow', true)));
      if (filter.startsWith('type=board')) expect(rows.slice(1).every((r) => /доск/.test(r[5]))).toBe(true);
    }
  });

  it('exports the same view as XLSX with a styled header and the settings sheet', async () => {
    const events = await view('curator', schoolId, 'type=card.*');
    const res = await get('curator', `/api/orgs/${schoolId}/audit/export?format=xlsx&type=card.*`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Журнал событий')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.rowCount).toBe(events.length + 1);
    const settings = wb.getWorksheet('Параметры выгрузки')!.getSheetValues().map((r) => (r as unknown[])?.slice(1));
    expect(settings).toContainEqual(['Записей', events.length]);
    expect(settings).toContainEqual(['Отбор', 'Тип событий: карточки (все события card.*)']);
  });

  it('makes the extract of a period as DOCX, and asks for the period', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await get('head', `/api/orgs/${municipalityId}/audit/extract?from=2020-01-01&to=${today}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(docxProblems(bytes)).toEqual([]);
    const text = docxText(bytes);
    expect(text.split('\n')[0]).toBe('Выписка из журнала событий');
    expect(text).toMatch(/Период: с 01\.01\.2020 00:00 по \d\d\.\d\d\.\d{4} 23:59/);
    expect(text).toContain('Сформирована: ');
    expect(text).toContain('Татьяна Николаевна Белова'); // the head who made it
    const missing = await get('head', `/api/orgs/${municipalityId}/audit/extract?from=2020-01-01`);
    expect(missing.status).toBe(422);
    expect((await missing.json()).error).toMatchObject({ code: 'UNPROCESSABLE', fields: ['to'] });
  });

  it('refuses as the org audit API does, before sending anything', async () => {
    expect((await get(null, `/api/orgs/${schoolId}/audit/export?format=csv`)).status).toBe(401);
    const mentee = await get('mentee', `/api/orgs/${schoolId}/audit/export?format=csv`);
    expect(mentee.status).toBe(403);
    expect((await mentee.json()).error.code).toBe('FORBIDDEN');
    expect((await get('mentee', `/api/orgs/${schoolId}/audit/extract?from=2020-01-01&to=2030-01-01`)).status).toBe(403);
    const format = await get('head', `/api/orgs/${schoolId}/audit/export?format=pdf`);
    expect(format.status).toBe(422);
    expect((await format.json()).error).toMatchObject({ code: 'UNPROCESSABLE', fields: ['format'] });
    // a filter the org audit API refuses is refused alike (its validation, its status and code)
    const api = await get('head', `/api/orgs/${schoolId}/audit?from=yesterday`);
    const bad = await get('head', `/api/orgs/${schoolId}/audit/export?format=csv&from=yesterday`);
    expect(api.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBe(api.status);
    expect((await bad.json()).error.code).toBe((await api.json()).error.code);
    expect((await get('head', `/api/orgs/00000000-0000-4000-8000-000000000000/audit/export?format=csv`)).status).toBe(404);
  });
});
