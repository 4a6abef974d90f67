import ExcelJS from 'exceljs';
import { ruDate, ruDateTime } from '../../people/documents/common';
import { FIGURE_KEYS, type Figure, type FigureKey, type OrgReport } from '../types';
import { childStatus, day, signedLine } from './signoff';
import { FIGURE_LABELS, NO_DATA, ORG_KIND_LABELS, STATUS_LABELS, VERDICT_LABELS, roundLabel } from './labels';

/*
 * Every figure of a report as an Excel workbook (issue 16, item 7), for those who check the
 * sums or build their own tables: «Показатели» (each figure with its numerator, denominator,
 * target and formula), «Индикаторы» (the roadmap's indicators with their previous rounds),
 * «Организации» (the roll-up: one row per organisation below, then the total), «Дорожная
 * карта» (the activities and their verdicts). Numbers are real number cells; a figure without
 * a value is the text «нет данных». A report is small (a region: ~1,000 rows), so the
 * workbook is built in memory.
 */

export const SHEETS = { figures: 'Показатели', indicators: 'Индикаторы', orgs: 'Организации', roadmap: 'Дорожная карта' } as const;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const NUMBER_FORMAT = '0.0##';

const ACTIVITY_STATUS = { todo: 'не начато', in_progress: 'в работе', done: 'выполнено', cancelled: 'отменено' } as const;

type Cell = string | number | null;

const num = (x: number | null | undefined): Cell => (x === null || x === undefined ? NO_DATA : x);
const opt = (x: number | null | undefined): Cell => (x === null || x === undefined ? null : x);

function linkLabel(link: FigureKey | 'manual' | null): string {
  if (link === null) return 'не связан';
  if (link === 'manual') return 'вносится вручную';
  return FIGURE_LABELS[link];
}

/** Title lines (one cell each), a header row, then the rows: bold shaded header, borders, frozen. */
function sheet(wb: ExcelJS.Workbook, name: string, lines: string[], headers: string[], widths: number[], rows: Cell[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: lines.length + 1 }] });
  ws.columns = widths.map((width) => ({ width }));
  for (const l of lines) ws.addRow([l]).getCell(1).font = { bold: true };
  const header = ws.addRow(headers);
  header.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.border = THIN;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  for (const r of rows) {
    const row = ws.addRow(r);
    row.eachCell({ includeEmpty: true }, (c, col) => {
      if (col > headers.length) return;
      c.border = THIN;
      c.alignment = { vertical: 'top', wrapText: true };
      if (typeof c.value === 'number' && !Number.isInteger(c.value)) c.numFmt = NUMBER_FORMAT;
    });
  }
  return ws;
}

function figureRow(key: FigureKey, f: Figure | undefined): Cell[] {
  return [FIGURE_LABELS[key], key, num(f?.value), opt(f?.numerator), opt(f?.denominator), opt(f?.target), f?.formula ?? '', f?.missing ? f.missing : null];
}

/** The workbook as bytes. */
export async function reportXlsx(report: OrgReport): Promise<Buffer> {
  const r = report;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tropa';
  wb.created = new Date(r.asOf);
  const period = `Период мониторинга: ${roundLabel(r.round.key)}, с ${ruDate(r.round.from)} по ${ruDate(r.round.to)}; данные на ${ruDateTime(r.asOf)}`;
  const head = [`${r.org.name} (${ORG_KIND_LABELS[r.org.kind]})`, period, signedLine(r)];

  sheet(
    wb,
    SHEETS.figures,
    [`Показатели мониторинга программы наставничества`, ...head],
    ['Показатель', 'Код', 'Значение', 'Числитель', 'Знаменатель', 'Цель', 'Как посчитано', 'Организаций без данных'],
    [46, 24, 12, 12, 13, 10, 80, 14],
    FIGURE_KEYS.map((k) => figureRow(k, r.figures[k])),
  );

  const previous = r.previousRounds.map((p) => p.key);
  sheet(
    wb,
    SHEETS.indicators,
    ['Индикаторы дорожной карты', ...head],
    ['Показатель', 'Ед. изм.', 'Связь с расчётом', ...previous.map((k) => `Факт: ${roundLabel(k)}`), `Цель: ${roundLabel(r.round.key)}`, `Факт: ${roundLabel(r.round.key)}`, 'Статус', 'Примечание', 'Расхождение целей'],
    [46, 9, 36, ...previous.map(() => 14), 14, 14, 16, 30, 30],
    r.indicators.map((i) => [
      i.title,
      i.unit ?? '',
      linkLabel(i.link),
      ...previous.map((k) => num(i.trend.find((t) => t.round === k)?.actual ?? null)),
      num(i.target),
      num(i.actual),
      STATUS_LABELS[i.status],
      i.note ?? '',
      i.conflict ?? '',
    ]),
  );

  sheet(
    wb,
    SHEETS.orgs,
    ['Сведения по организациям', ...head],
    ['Организация', 'Вид', 'Отчёт', 'Подписал', ...FIGURE_KEYS.map((k) => FIGURE_LABELS[k])],
    [44, 16, 26, 28, ...FIGURE_KEYS.map(() => 14)],
    [
      ...r.children.map((c): Cell[] => [c.name, ORG_KIND_LABELS[c.kind], childStatus(c), c.signed?.byName ?? '', ...FIGURE_KEYS.map((k) => num(c.figures[k]?.value))]),
      [`Итого: ${r.org.name}`, ORG_KIND_LABELS[r.org.kind], r.signed ? `подписан ${day(r.signed.at)} (версия ${r.signed.version})` : 'не подписан', r.signed?.byName ?? '', ...FIGURE_KEYS.map((k) => num(r.figures[k]?.value))],
    ],
  );

  const e = r.execution;
  sheet(
    wb,
    SHEETS.roadmap,
    ['Исполнение дорожной карты', ...head, `Со сроком до конца периода: ${e.due}; в срок: ${e.onTime}; с опозданием: ${e.late}; просрочено: ${e.overdue}; срок не наступил: ${e.notDue}`],
    ['Мероприятие', 'Срок', 'Состояние', 'Выполнено', 'Итог'],
    [60, 12, 14, 18, 24],
    e.items.map((i): Cell[] => [i.title, ruDate(i.due) ?? 'без срока', ACTIVITY_STATUS[i.status], i.doneAt ? ruDateTime(i.doneAt) : '', VERDICT_LABELS[i.verdict]]),
  );

  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
