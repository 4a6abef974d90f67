import { exportFileName } from '../../history/documents/filters';
import type { OrgReport } from '../types';
import type { ReportChartPngs } from './chart-renderer';
import { analyticReportDocx } from './docx';
import { roundLabel } from './labels';
import { reportXlsx } from './xlsx';

/*
 * The report's downloads as files (bytes, name, type) for the route handlers. No React and
 * no native module here: the charts come drawn (chart-renderer.ts).
 */

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ReportFile = { bytes: Uint8Array; fileName: string; contentType: string };

export async function reportDocxFile(report: OrgReport, charts: ReportChartPngs = {}): Promise<ReportFile> {
  const bytes = await analyticReportDocx(report, { charts });
  return { bytes, fileName: exportFileName(['Аналитическая справка', report.org.name, roundLabel(report.round.key)], 'docx'), contentType: DOCX_TYPE };
}

export async function reportXlsxFile(report: OrgReport): Promise<ReportFile> {
  return { bytes: await reportXlsx(report), fileName: exportFileName(['Показатели мониторинга', report.org.name, roundLabel(report.round.key)], 'xlsx'), contentType: XLSX_TYPE };
}
