import type ExcelJS from 'exceljs';
import { ruDate, xmlSafe } from '../../people/documents/common';
import { parseIsoDate } from '../../people/age';
import type { IsoDate } from '../../people/types';
import { feedbackLine, JOURNAL_TITLE, journalModel, type JournalModel } from './journal-model';
import type { MentorJournalInput } from './types';

/*
 * «Журнал наставника» as an Excel workbook, the same model as the DOCX (journal-model.ts) in
 * flat tables a curator can filter and count: sheet «Пары» (one row per pair or group),
 * «Встречи» (one row per meeting, the pair named in the first column) and «Цели» (one row
 * per goal of a plan). Each sheet opens with two title lines and an empty row; the header is
 * row 4, frozen, with an autofilter. Dates are Excel dates (dd.mm.yyyy), ratings numbers.
 */

export const HEADER_ROW = 4;
export const SHEETS = { pairs: 'Пары', meetings: 'Встречи', goals: 'Цели' } as const;

export const PAIR_COLUMNS = [
  'Пара (группа)',
  'Наставник',
  'Должность наставника',
  'Наставляемые',
  'Форма наставничества',
  'Ролевая модель',
  'Приказ о закреплении',
  'Начало работы',
  'Этап',
  'Статус',
  'Дата окончания',
  'Причина окончания',
  'Проведено встреч',
  'Последняя встреча',
  'Средняя оценка наставника',
  'Средняя оценка наставляемых',
] as const;

export const MEETING_COLUMNS = [
  'Пара (группа)',
  '№ встречи',
  'Дата',
  'Вид встречи',
  'Формат',
  'Содержание встречи',
  'Договорённости (следующие шаги)',
  'Причина пропуска этапа',
  'Оценка наставника (1–10)',
  'Средняя оценка наставляемых (1–10)',
  'Оценки и отзывы наставляемых',
] as const;

export const GOAL_COLUMNS = ['Пара (группа)', '№', 'Цель (задача) плана', 'Результат'] as const;

type Value = string | number | Date | null;

const excelDate = (iso: IsoDate | null): Date | null => {
  const p = iso ? parseIsoDate(iso) : null;
  return p ? new Date(Date.UTC(p.y, p.m - 1, p.d)) : null;
};
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
/** Text as a cell holds it: characters XML cannot carry dropped, nothing for nothing. */
const txt = (s: string | null | undefined): string | null => (s === null || s === undefined || s === '' ? null : xmlSafe(s));

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  j: JournalModel,
  columns: readonly string[],
  widths: number[],
  rows: Value[][],
  dateColumns: number[],
): void {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = widths.map((width) => ({ width }));
  const head = ws.addRow([`${JOURNAL_TITLE}. ${txt(j.orgName) ?? ''}`.trim()]);
  head.getCell(1).font = { bold: true, size: 14 };
  ws.addRow([`Наставник: ${txt(j.mentorName) ?? '—'}${j.mentorPosition ? `, ${txt(j.mentorPosition)}` : ''}. Сформирован ${ruDate(j.generatedOn)}`]);
  ws.addRow([]);
  const header = ws.addRow([...columns]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const thin = { style: 'thin' as const };
  header.eachCell((cell) => {
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  });
  for (const r of rows) {
    const line = ws.addRow(r);
    line.alignment = { vertical: 'top', wrapText: true };
    for (const c of dateColumns) line.getCell(c).numFmt = 'dd.mm.yyyy';
  }
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW }];
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW + rows.length, column: columns.length } };
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
}

export async function mentorJournalXlsx(input: MentorJournalInput): Promise<Uint8Array> {
  const j = journalModel(input);
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Tropa';
  wb.title = JOURNAL_TITLE;

  sheet(
    wb,
    SHEETS.pairs,
    j,
    PAIR_COLUMNS,
    [14, 30, 22, 40, 22, 26, 20, 12, 22, 18, 12, 30, 10, 12, 12, 12],
    j.pairs.map((p) => [
      p.title,
      txt(p.mentor),
      txt(p.mentorPosition),
      txt(p.mentees.map((m) => (m.classOrPosition ? `${m.name ?? '—'}, ${m.classOrPosition}` : (m.name ?? '—'))).join('\n')),
      txt(p.form),
      txt(p.roleModel),
      txt(p.order),
      excelDate(p.startedOn),
      p.stage,
      p.status,
      excelDate(p.endedOn),
      txt(p.endReason),
      p.meetings.length,
      excelDate(p.lastMeetingOn),
      round1(p.mentorMean),
      round1(p.menteeMean),
    ]),
    [8, 11, 14],
  );

  sheet(
    wb,
    SHEETS.meetings,
    j,
    MEETING_COLUMNS,
    [14, 8, 12, 24, 14, 44, 36, 26, 12, 12, 44],
    j.pairs.flatMap((p) =>
      p.meetings.map((m) => [
        p.title,
        m.n,
        excelDate(m.heldOn),
        m.kind,
        m.format,
        txt(m.summary),
        txt(m.nextSteps),
        txt(m.reason),
        m.mentorRating,
        round1(m.feedback.length > 0 ? m.feedback.reduce((a, f) => a + f.rating, 0) / m.feedback.length : null),
        txt(m.feedback.map(feedbackLine).join('\n')),
      ]),
    ),
    [3],
  );

  sheet(
    wb,
    SHEETS.goals,
    j,
    GOAL_COLUMNS,
    [14, 6, 60, 16],
    j.pairs.flatMap((p) => p.goals.map((g) => [p.title, g.n, txt(g.text), g.result])),
    [],
  );

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
