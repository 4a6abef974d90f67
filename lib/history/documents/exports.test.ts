import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors';
import { docxProblems, docxText } from '../../people/documents/docx-text';
import { ANDROPOVA, ev, EVERY_TYPE, NAMES } from '../describe.fixture';
import type { HistoryEvent } from '../sentence';
import { auditCsvChunks, csvField } from './csv';
import { auditExtractDocx, EXTRACT_ROW_LIMIT } from './extract-docx';
import { dayBound, exportQuery, filterSummary, watchNames, type FilterNames } from './filters';
import { generatedPages, pagesOf, type PageProbe } from './pages.fixture';
import { exportRow, withFirstPage } from './rows';
import { writeAuditXlsx } from './xlsx';

const HEADERS = ['Дата и время', 'Кто', 'Организация', 'Доска', 'Карточка', 'Событие', 'Было', 'Стало'];
const of = (name: string) => EVERY_TYPE.find(([n]) => n === name)![1];

async function csvOf(events: HistoryEvent[], opts = {}) {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  for await (const chunk of auditCsvChunks(pagesOf({ events, names: NAMES }), opts)) text += decoder.decode(chunk, { stream: true });
  return text;
}
const parse = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data;

async function xlsxOf(events: HistoryEvent[], info = {}) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on('end', r));
  const result = await writeAuditXlsx(pagesOf({ events, names: NAMES }), out, info);
  await done;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return { wb, result };
}

describe('export rows', () => {
  it('give time in Moscow, who in full, organisation, board, card, the sentence, before and after', () => {
    expect(exportRow(of('card.updated'), NAMES)).toEqual({
      at: '2024-03-15T09:00:00.000Z',
      time: '15.03.2024 12:00:00',
      who: 'Андропова Людмила Александровна',
      org: 'МБОУ СОШ № 5',
      board: 'Дорожная карта 2024',
      card: 'Разработка положения',
      event: 'Л. А. Андропова изменила срок «Разработка положения»: 15.03.2024 → 01.04.2024',
      before: '15.03.2024',
      after: '01.04.2024',
    });
  });

  it('put each of several changes on its line with its label, and texts whole', () => {
    const r = exportRow(of('card.created'), NAMES);
    expect(r.card).toBe('Мониторинг программы');
    expect(r.before).toBe('');
    expect(r.after).toBe('срок: 31.05.2024\nответственные: Петров П. П.\nстатус: не начато\nописание: Сбор анкет');
    const long = 'Слово '.repeat(200).trim();
    const edited = exportRow(ev('card.updated', { field: 'description', before: long, after: `${long} и ещё` }), NAMES);
    expect([edited.before, edited.after]).toEqual([long, `${long} и ещё`]);
  });

  it('say «Система» for the server, a meeting’s pair as its card, and hidden personal data as hidden', () => {
    expect(exportRow(of('person.erased'), NAMES).who).toBe('Система');
    expect(exportRow(of('meeting.recorded'), NAMES).card).toBe('Пара № 3');
    const hidden = ev('person.created', { entityType: 'person', entityId: 'x', after: { bank: 'mentor', status: 'candidate', pd: { $pd: 'hidden' } } }, { cardId: null, boardId: null });
    expect(exportRow(hidden, NAMES)).toMatchObject({ event: 'Л. А. Андропова добавила в банк наставников участника', after: 'статус: кандидат\nперсональные данные: скрыто' });
  });

  it('use another zone or English when asked', () => {
    expect(exportRow(of('card.updated'), NAMES, { timeZone: 'Asia/Yekaterinburg' }).time).toBe('15.03.2024 14:00:00');
    expect(exportRow(of('card.updated'), NAMES, { locale: 'en' }).event).toBe('Л. А. Андропова changed the deadline of “Разработка положения”: 15.03.2024 → 01.04.2024');
  });
});

describe('CSV', () => {
  it('is UTF-8 with a BOM, `;`-separated, CRLF, with the Russian headers, and parses back to the rows', async () => {
    const events = EVERY_TYPE.map(([, e]) => e);
    const text = await csvOf(events);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(HEADERS.join(';'));
    const rows = parse(text);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(events.length + 1);
    const moved = rows.find((r) => r[5].includes('перенесла'))!;
    expect(moved).toEqual([
      '15.03.2024 12:00:00',
      'Андропова Людмила Александровна',
      'МБОУ СОШ № 5',
      'Дорожная карта 2024',
      'Разработка положения',
      'Л. А. Андропова перенесла «Разработка положения» из «Подготовка условий» в «Формирование базы наставляемых»',
      'Подготовка условий',
      'Формирование базы наставляемых',
    ]);
    events.forEach((e, i) => expect(rows[i + 1]).toEqual(Object.values(exportRow(e, NAMES)).slice(1)));
  });

  it('keeps semicolons, quotes and line breaks inside fields, and never lets a cell be a formula', async () => {
    const tricky = { ...NAMES, cards: { k1: '=HYPERLINK("http://evil";"жми")' }, boards: { b1: 'План; "черновик"\nвторая строка' } };
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let text = '';
    for await (const c of auditCsvChunks(pagesOf({ events: [of('card.moved')], names: tricky }))) text += decoder.decode(c);
    const [, row] = parse(text);
    expect(row[3]).toBe('План; "черновик"\nвторая строка');
    expect(row[4]).toBe('\'=HYPERLINK("http://evil";"жми")');
    expect(csvField('+7 900')).toBe("'+7 900");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@x')).toBe("'@x");
    expect(csvField('обычный текст')).toBe('обычный текст');
  });

  it('is only the header for an empty view', async () => {
    expect(parse(await csvOf([]))).toEqual([HEADERS]);
  });
});

describe('XLSX', () => {
  it('has the header row styled, frozen and filtered, real local dates, widths, and the rows in order', async () => {
    const events = EVERY_TYPE.map(([, e]) => e);
    const { wb, result } = await xlsxOf(events, { orgName: 'МБОУ СОШ № 5', filters: ['Доска: «Дорожная карта 2024»'], generatedBy: 'Белова Татьяна Николаевна', generatedAt: new Date('2024-04-01T07:00:00Z') });
    expect(result.rows).toBe(events.length);
    const ws = wb.getWorksheet('Журнал событий')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(1).getCell(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(6).width).toBe(70);
    expect(ws.rowCount).toBe(events.length + 1);
    const first = ws.getRow(2);
    expect(first.getCell(1).value).toEqual(new Date(Date.UTC(2024, 2, 15, 12, 0, 0)));
    expect(first.getCell(1).numFmt).toBe('dd.mm.yyyy hh:mm:ss');
    const expected = exportRow(events[0], NAMES);
    expect(first.values).toEqual([undefined, expect.any(Date), expected.who, expected.org, expected.board, expected.card, expected.event, ...(expected.before ? [expected.before] : [undefined]), expected.after]);
    const params = wb.getWorksheet('Параметры выгрузки')!;
    const table = Object.fromEntries(params.getSheetValues().slice(1).map((r) => [(r as string[])[1], (r as string[])[2]]));
    expect(table).toMatchObject({ Организация: 'МБОУ СОШ № 5', Отбор: 'Доска: «Дорожная карта 2024»', Сформировано: '01.04.2024 10:00:00', Сформировал: 'Белова Татьяна Николаевна', Записей: events.length });
  });

  it('is a valid workbook with only the header for an empty view', async () => {
    const { wb, result } = await xlsxOf([]);
    expect(result.rows).toBe(0);
    expect(wb.getWorksheet('Журнал событий')!.rowCount).toBe(1);
  });
});

describe('«Выписка из журнала событий» (DOCX)', () => {
  const input = { orgName: 'МБОУ СОШ № 5', from: '2024-03-01T00:00:00+03:00', to: '2024-03-31T23:59:00+03:00', generatedAt: new Date('2024-04-01T07:00:00Z'), generatedBy: 'Белова Татьяна Николаевна' };

  it('opens, names the organisation, period, filter, maker and time, and lists the events oldest first', async () => {
    const events = [
      { ...of('card.updated'), id: 3, at: '2024-03-15T09:00:00Z' },
      { ...of('card.moved'), id: 2, at: '2024-03-14T09:00:00Z' },
      { ...of('person.erased'), id: 1, at: '2024-03-13T09:00:00Z' },
    ];
    const { bytes, rows } = await auditExtractDocx(pagesOf({ events: events.slice(0, 2), names: NAMES }, { events: events.slice(2), names: NAMES }), { ...input, filters: ['Доска: «Дорожная карта 2024»'] });
    expect(rows).toBe(3);
    expect(docxProblems(bytes)).toEqual([]);
    const t = docxText(bytes);
    expect(t.split('\n')[0]).toBe('Выписка из журнала событий');
    expect(t).toContain('Организация: МБОУ СОШ № 5');
    expect(t).toContain('Период: с 01.03.2024 00:00 по 31.03.2024 23:59');
    expect(t).toContain('Отбор: Доска: «Дорожная карта 2024»');
    expect(t).toContain('Сформирована: 01.04.2024 10:00, Белова Татьяна Николаевна');
    expect(t).toContain('Записей в выписке: 3');
    expect(t).toContain('не более 5 000 событий');
    expect(t).toContain('№ п/п\nДата и время (московское время)\nКто\nЧто изменено');
    expect(t).toContain(
      [
        '1', '13.03.2024 12:00:00', 'Система', 'Уничтожила персональные данные участника № 12 по истечении срока после отзыва согласия',
        '2', '14.03.2024 12:00:00', 'Андропова Л. А.', 'Перенесла «Разработка положения» из «Подготовка условий» в «Формирование базы наставляемых»', 'этап: Подготовка условий → Формирование базы наставляемых',
        '3', '15.03.2024 12:00:00', 'Андропова Л. А.', 'Изменила срок «Разработка положения»: 15.03.2024 → 01.04.2024', 'срок: 15.03.2024 → 01.04.2024',
      ].join('\n'),
    );
    expect(t).toMatch(/Выписку сформировал _+ \/ Белова Татьяна Николаевна \//);
  });

  it('says so when the period has no events', async () => {
    const { bytes, rows } = await auditExtractDocx(pagesOf(), { ...input, generatedBy: null });
    expect(rows).toBe(0);
    expect(docxText(bytes)).toContain('за период событий нет');
    expect(docxText(bytes)).not.toMatch(/null|undefined/);
  });

  it('refuses more than the limit with EXTRACT_TOO_LARGE, and stops reading the query', async () => {
    const probe: PageProbe = { pulled: 0, closed: false, finished: false };
    const err = await auditExtractDocx(generatedPages(100, 2, probe), { ...input, limit: 5 }).catch((e) => e);
    expect(isAppError(err) && err.code).toBe('EXTRACT_TOO_LARGE');
    expect(isAppError(err) && err.status).toBe(422);
    expect(err.details).toEqual({ limit: 5 });
    expect(err.message).toContain('Сократите период или выгрузите журнал в Excel');
    expect(probe.pulled).toBe(3);
    expect(probe.closed).toBe(true);
    expect(EXTRACT_ROW_LIMIT).toBe(5000);
    // exactly the limit is fine
    expect((await auditExtractDocx(generatedPages(5, 2), { ...input, limit: 5 })).rows).toBe(5);
  });
});

describe('the filter in words', () => {
  it('names what the filter names, from the pages as they pass', async () => {
    const filter = { boardId: 'b1', cardId: 'k1', actorId: ANDROPOVA.id, type: 'card.*', org: 'org1', from: '2024-03-01T00:00:00Z', to: '2024-03-31T21:00:00Z' };
    const names: FilterNames = {};
    for await (const page of watchNames(pagesOf({ events: [of('card.moved')], names: NAMES }), filter, names)) expect(page.events).toHaveLength(1);
    expect(filterSummary(filter, names)).toEqual([
      'Организация: «МБОУ СОШ № 5»',
      'Доска: «Дорожная карта 2024»',
      'Карточка: «Разработка положения»',
      'Кто: Андропова Людмила Александровна',
      'Тип событий: карточки (все события card.*)',
      'Период: с 01.03.2024 03:00 по 01.04.2024 00:00',
    ]);
    expect(filterSummary({ boardId: 'zz', type: 'card.moved', from: '2024-03-01T00:00:00Z' }, {}, { withPeriod: false })).toEqual(['Доска: zz', 'Тип событий: card.moved']);
    expect(filterSummary({})).toEqual([]);
  });
});

describe('exportQuery', () => {
  it('keeps the filters, drops paging and the format, and reads a bare date as a whole day in Moscow', () => {
    expect(exportQuery({ format: 'xlsx', before: '120', limit: '50', type: 'card.*', boardId: 'b', from: '2024-03-01', to: '2024-03-31' })).toEqual({
      type: 'card.*',
      boardId: 'b',
      from: '2024-02-29T21:00:00.000Z',
      to: '2024-03-31T20:59:59.999Z',
    });
    expect(exportQuery({ from: '2024-03-01T10:00:00+03:00' })).toEqual({ from: '2024-03-01T10:00:00+03:00' });
    expect(dayBound('2024-07-01', false, 'Asia/Yekaterinburg')).toBe('2024-06-30T19:00:00.000Z');
    expect(dayBound('not a date', true)).toBe('not a date');
  });
});

describe('withFirstPage', () => {
  it('reads the first page before answering, so a refusal is thrown there', async () => {
    async function* refusing(): AsyncGenerator<number> {
      throw new Error('FORBIDDEN');
    }
    await expect(withFirstPage(refusing())).rejects.toThrow('FORBIDDEN');
    const probe: PageProbe = { pulled: 0, closed: false, finished: false };
    const pages = await withFirstPage(generatedPages(30, 10, probe));
    expect(probe.pulled).toBe(1);
    const seen: number[] = [];
    for await (const p of pages) seen.push(p.events.length);
    expect(seen).toEqual([10, 10, 10]);
    expect(probe.finished).toBe(true);
  });
});
