import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { journalInput } from './journal.fixture';
import { GOAL_COLUMNS, HEADER_ROW, MEETING_COLUMNS, mentorJournalXlsx, PAIR_COLUMNS, SHEETS } from './journal-xlsx';
import type { MentorJournalInput } from './types';

async function read(input: MentorJournalInput) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await mentorJournalXlsx(input)) as never);
  return wb;
}

/** A cell as a test compares it: dates as ISO days, empty cells as null. */
function value(v: ExcelJS.CellValue): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v ?? null;
}

function rows(ws: ExcelJS.Worksheet, width: number): unknown[][] {
  const out: unknown[][] = [];
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(Array.from({ length: width }, (_, c) => value(row.getCell(c + 1).value)));
  }
  return out;
}

const header = (ws: ExcelJS.Worksheet, width: number) => Array.from({ length: width }, (_, c) => ws.getRow(HEADER_ROW).getCell(c + 1).value);

describe('mentorJournalXlsx', () => {
  it('has the pairs, meetings and goals sheets, each headed by the journal, the mentor and the date', async () => {
    const wb = await read(journalInput);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEETS.pairs, SHEETS.meetings, SHEETS.goals]);
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A1').value).toBe('Журнал наставника. МБОУ «СОШ № 5»');
      expect(ws.getCell('A2').value).toBe('Наставник: Смирнова Елена Павловна, учитель математики. Сформирован 30.05.2026');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    }
  });

  it('lists one row per pair or group, by number, with dates as Excel dates and means as numbers', async () => {
    const ws = (await read(journalInput)).getWorksheet(SHEETS.pairs)!;
    expect(header(ws, PAIR_COLUMNS.length)).toEqual([...PAIR_COLUMNS]);
    expect(rows(ws, PAIR_COLUMNS.length)).toEqual([
      [
        'Пара № 1',
        'Смирнова Елена Павловна',
        'учитель математики',
        'Волков Илья Андреевич, учитель математики',
        'учитель – учитель',
        'опытный педагог – молодой специалист',
        '№ 112-о от 15.09.2025',
        '2025-09-15',
        'Завершено',
        'завершена',
        '2026-05-25',
        null,
        3,
        '2026-05-25',
        9,
        8,
      ],
      [
        'Группа № 2',
        'Смирнова Елена Павловна',
        'учитель математики',
        'Зайцев Максим, 7 «Б» класс\nБелова Софья, 7 «Б» класс',
        'учитель – ученик',
        null,
        null,
        '2025-10-01',
        'Регулярные встречи',
        'действует',
        null,
        null,
        2,
        '2025-11-12',
        7,
        7,
      ],
    ]);
    expect(ws.getRow(HEADER_ROW + 1).getCell(8).numFmt).toBe('dd.mm.yyyy');
  });

  it('lists every meeting of every pair by date: kind and format in Russian, the ratings and each mentee’s comment', async () => {
    const ws = (await read(journalInput)).getWorksheet(SHEETS.meetings)!;
    expect(header(ws, MEETING_COLUMNS.length)).toEqual([...MEETING_COLUMNS]);
    expect(rows(ws, MEETING_COLUMNS.length)).toEqual([
      ['Пара № 1', 1, '2025-09-16', 'Встреча-знакомство', 'очно', 'Знакомство, обсуждение запроса', 'Посетить урок наставника', null, 8, 7, 'Волков Илья Андреевич: 7'],
      ['Пара № 1', 2, '2025-10-01', 'Встреча-планирование', 'дистанционно', 'Составлен план', null, 'Пробная встреча совмещена со знакомством', 9, null, null],
      ['Пара № 1', 3, '2026-05-25', 'Итоговая встреча', 'очно', 'Подведены итоги года', null, null, 10, 9, 'Волков Илья Андреевич: 9 — Спасибо за поддержку'],
      ['Группа № 2', 1, '2025-10-02', 'Встреча-знакомство', 'очно', null, null, null, null, null, null],
      ['Группа № 2', 2, '2025-11-12', 'Регулярная встреча', 'очно', 'Разбор задач', null, null, 7, 7, 'Зайцев Максим: 8 — Интересно\nБелова Софья: 6'],
    ]);
    expect(ws.autoFilter).toBe(`A${HEADER_ROW}:K${HEADER_ROW + 5}`);
  });

  it('lists the plans’ goals with whether each was reached', async () => {
    const ws = (await read(journalInput)).getWorksheet(SHEETS.goals)!;
    expect(header(ws, GOAL_COLUMNS.length)).toEqual([...GOAL_COLUMNS]);
    expect(rows(ws, GOAL_COLUMNS.length)).toEqual([
      ['Пара № 1', 1, 'Провести открытый урок', 'достигнута'],
      ['Пара № 1', 2, 'Подготовить ученика к олимпиаде', 'не достигнута'],
    ]);
  });

  it('writes a mentor without pairs as headers only, and drops characters a workbook cannot hold', async () => {
    const wb = await read({ ...journalInput, orgName: 'Школа\u0001 № 1', pairs: [] });
    expect(wb.getWorksheet(SHEETS.pairs)!.getCell('A1').value).toBe('Журнал наставника. Школа № 1');
    for (const ws of wb.worksheets) expect(ws.rowCount).toBe(HEADER_ROW);
  });
});
