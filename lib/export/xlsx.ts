import ExcelJS from 'exceljs';
import { EXPORT_PROPERTY, encodeExportMeta } from '../import/export-meta';
import { activityNumber, indicatorYears, PLAN_HEADERS, PLAN_HEADING, stageNumber, subtitleLines } from './common';
import type { RoadmapExport } from './types';

/*
 * A roadmap as an Excel workbook: sheet «Дорожная карта» (title lines in column A, an empty
 * row, the header, then a bold stage row with its title merged B:E and one row per activity),
 * and sheet «Показатели» when there are indicators.
 */

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

function frame(row: ExcelJS.Row, width: number, bold = false): void {
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cell.border = THIN;
    cell.alignment = WRAP;
    if (bold) cell.font = { bold: true };
  }
}

function planSheet(wb: ExcelJS.Workbook, r: RoadmapExport): void {
  const ws = wb.addWorksheet('Дорожная карта', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 9 }, { width: 60 }, { width: 22 }, { width: 30 }, { width: 32 }];
  const titles = [r.title?.trim() || PLAN_HEADING, ...subtitleLines(r).filter((l) => l !== r.title?.trim())];
  titles.forEach((t, i) => {
    const row = ws.addRow([t]);
    row.getCell(1).font = { bold: i === 0, size: i === 0 ? 14 : 12 };
  });
  ws.addRow([]);
  const header = ws.addRow([...PLAN_HEADERS]);
  frame(header, PLAN_HEADERS.length, true);
  header.eachCell((c) => (c.alignment = { ...WRAP, horizontal: 'center' }));
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;

  r.stages.forEach((stage) => {
    const row = ws.addRow([stageNumber(stage), stage.title]);
    frame(row, PLAN_HEADERS.length, true);
    ws.mergeCells(row.number, 2, row.number, 5);
    stage.activities.forEach((a) => {
      const line = ws.addRow([
        activityNumber(a),
        [a.title, ...a.details].join('\n'),
        a.deadline?.text ?? '',
        a.responsible.join('\n'),
        a.result ?? '',
      ]);
      frame(line, PLAN_HEADERS.length);
    });
  });
}

function indicatorsSheet(wb: ExcelJS.Workbook, r: RoadmapExport): void {
  const ws = wb.addWorksheet('Показатели');
  const years = indicatorYears(r.indicators);
  ws.columns = [{ width: 60 }, { width: 14 }, ...years.map(() => ({ width: 10 }))];
  const header = ws.addRow(['Наименование показателя', 'Единица', ...years]);
  frame(header, years.length + 2, true);
  for (const ind of r.indicators) {
    const row = ws.addRow([ind.title, ind.unit ?? '', ...years.map((y) => ind.targets[y] ?? null)]);
    frame(row, years.length + 2);
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function exportXlsx(r: RoadmapExport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tropa';
  wb.title = r.title;
  wb.subject = r.organisation ?? '';
  // The workbook's properties carry the exact heading back on import (lib/import/export-meta.ts).
  wb.category = EXPORT_PROPERTY;
  wb.description = encodeExportMeta({ title: r.title || PLAN_HEADING, organisation: r.organisation, period: r.period });
  planSheet(wb, r);
  if (r.indicators.length > 0) indicatorsSheet(wb, r);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
